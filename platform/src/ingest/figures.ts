// What GET /api/v1/ingest/stats reports: messages accepted and dropped by reason, heartbeats written
// and pending, and the device-to-commit latency histogram. Each process counts its own; a cluster's
// workers add the others' (cluster/worker.ts), so the figures are the whole platform's.
import type { HeartbeatWriter } from './heartbeat-writer.js';
import type { Ingest } from './ingest.js';
import { summarize, type HistogramSnapshot, type LatencySummary } from './latency-histogram.js';
import type { RejectCounter } from './reject-counter.js';

export interface IngestFigures {
  accepted: Record<string, number>;
  rejected: Record<string, number>;
  heartbeatsWritten: number;
  heartbeatsPending: number;
  commitLatency: HistogramSnapshot;
}

export function ownFigures(ingest: Ingest, rejects: RejectCounter, writer: HeartbeatWriter): IngestFigures {
  return {
    accepted: { ...ingest.accepted },
    rejected: rejects.snapshot(),
    heartbeatsWritten: writer.written,
    heartbeatsPending: writer.pending,
    commitLatency: writer.commitLatency.snapshot(),
  };
}

const addCounts = (a: Record<string, number>, b: Record<string, number>) => {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
  return out;
};

export function sumFigures(list: readonly IngestFigures[]): Omit<IngestFigures, 'commitLatency'> & { commitLatencyMs: LatencySummary } {
  return {
    accepted: list.reduce((n, f) => addCounts(n, f.accepted), {}),
    rejected: list.reduce((n, f) => addCounts(n, f.rejected), {}),
    heartbeatsWritten: list.reduce((n, f) => n + f.heartbeatsWritten, 0),
    heartbeatsPending: list.reduce((n, f) => n + f.heartbeatsPending, 0),
    commitLatencyMs: summarize(list.map((f) => f.commitLatency)),
  };
}
