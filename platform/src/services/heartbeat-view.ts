// A stored heartbeat as the API shows it (GET /devices/:id/heartbeats), decoded from the signed body
// the row keeps (db/schema/heartbeats.ts: the body is the record, no figure is stored twice). The
// answer has the shape it had when the figures were columns: the same fields, the same nulls, and
// floats as a PostgreSQL `real` column printed them. Rows stored before the chain existed have no
// body; their figures come from heartbeats_prechain, where migration 0026 kept them.
import { edge } from '@edgenet/proto';
import type { heartbeatsPrechain } from '../db/schema/index.js';
import type { Filing } from '../ingest/filing.js';

export interface StoredHeartbeat {
  seq: number;
  receivedAt: Date;
  filedAt: Date;
  filing: Filing;
  body: Buffer | null;
}

export type PrechainFigures = typeof heartbeatsPrechain.$inferSelect;

export interface HeartbeatView {
  seq: number;
  receivedAt: Date;
  deviceTime: Date;
  clockUntrusted: boolean;
  filedAt: Date;
  filing: Filing;
  uptimeS: number;
  cpuPercent: number;
  memoryUsedBytes: number;
  memoryTotalBytes: number;
  diskUsedBytes: number;
  diskTotalBytes: number;
  temperatureC: number | null;
  accelerator: unknown;
  inferenceTotal: number;
  inferenceErrors: number;
  inferenceModels: unknown[] | null;
  queueDepth: number | null;
  queueDropped: number | null;
}

/**
 * The shortest decimal that is the same float32: what PostgreSQL prints for a `real` (float4out,
 * shortest exact since PostgreSQL 12), which the answer showed when cpu_percent was a column. The
 * body's proto `float` decodes to the float32's exact double (12.300000190734863 for 12.3).
 */
export function float32Text(x: number): number {
  const f = Math.fround(x);
  for (let digits = 1; digits < 9; digits++) {
    const shorter = Number(f.toPrecision(digits));
    if (Math.fround(shorter) === f) return shorter;
  }
  return Number(f.toPrecision(9));
}

/** The figures of one heartbeat, from its body or, for a row without one, its pre-chain record. */
export function heartbeatView(row: StoredHeartbeat, prechain: PrechainFigures | null): HeartbeatView | null {
  const head = { seq: row.seq, receivedAt: row.receivedAt, filedAt: row.filedAt, filing: row.filing };
  if (!row.body) {
    if (!prechain) return null;
    const { deviceId: _d, seq: _s, ...figures } = prechain;
    return { ...head, ...figures, inferenceModels: (figures.inferenceModels as unknown[] | null) ?? null };
  }
  const hb = edge.v1.Heartbeat.decode(row.body);
  const inference = hb.inference as edge.v1.InferenceCounters | null;
  const temperature = hb.temperatureC as number | null | undefined;
  return {
    ...head,
    deviceTime: new Date(hb.deviceTimeMs),
    clockUntrusted: hb.clockUntrusted,
    uptimeS: hb.uptimeS,
    cpuPercent: float32Text(hb.cpuPercent),
    memoryUsedBytes: hb.memoryUsedBytes,
    memoryTotalBytes: hb.memoryTotalBytes,
    diskUsedBytes: hb.diskUsedBytes,
    diskTotalBytes: hb.diskTotalBytes,
    temperatureC: temperature == null ? null : float32Text(temperature),
    // As JSON, the way the jsonb columns held them (protobufjs toJSON: the fields set on the wire).
    accelerator: hb.accelerator ? JSON.parse(JSON.stringify(hb.accelerator)) : null,
    inferenceTotal: inference?.total ?? 0,
    inferenceErrors: inference?.errors ?? 0,
    inferenceModels: inference?.models.length ? (JSON.parse(JSON.stringify(inference.models)) as unknown[]) : null,
    queueDepth: hb.queueDepth,
    queueDropped: hb.queueDropped,
  };
}
