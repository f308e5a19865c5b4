// What the alarm evaluator looks for (docs/alarms.md), each as a list of conditions that hold now.
// A condition is named by (kind, subject): the evaluator raises an alarm for a pair that holds and
// has none open, and clears an open one whose pair no longer holds. Thresholds are the settings in
// config.ts, so the dashboard's alerts and the alarms agree on what "offline" means.
import { X509Certificate } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../db/index.js';
import type { Calendar } from '../domain/calendar.js';
import { shareDropAlerts } from '../dashboard/alerts.js';

export const ALARM_KINDS = ['device_offline', 'device_flagged', 'share_drop', 'ingest_errors', 'certificate_expiry'] as const;
export type AlarmKind = (typeof ALARM_KINDS)[number];

export interface Condition {
  kind: AlarmKind;
  /** What it is about: a device id, an enterprise id, 'ingest' or 'tls'. */
  subject: string;
  deviceId: string | null;
  enterpriseId: string | null;
  /** The figures behind it, shown with the alarm and in its notification. */
  details: Record<string, unknown>;
}

export interface ConditionInputs {
  offlineMinutes: number;
  shareDropPercent: number;
  /** Messages dropped by ingest since the previous evaluation, and the count that raises the alarm. */
  droppedSinceLast: number;
  ingestErrorThreshold: number;
  /** The served certificate chain (PEM, the leaf first) and the days before expiry that raise the alarm. */
  certificatePem: string;
  certExpiryDays: number;
}

const DAY_MS = 86_400_000;

/** Every condition that holds at `now`, in a stable order. */
export async function currentConditions(db: Database, calendar: Calendar, inputs: ConditionInputs, now: Date): Promise<Condition[]> {
  const [offline, flagged, drops] = await Promise.all([
    offlineDevices(db, inputs.offlineMinutes, now),
    flaggedDevices(db),
    shareDropAlerts(db, calendar, null, inputs.shareDropPercent, now.getTime()),
  ]);
  const out = [...offline, ...flagged];
  for (const d of drops) {
    out.push({
      kind: 'share_drop',
      subject: d.enterpriseId,
      deviceId: null,
      enterpriseId: d.enterpriseId,
      details: { enterpriseName: d.enterpriseName, todayShareBp: d.todayShareBp, averageShareBp: d.averageShareBp, devices: d.devices },
    });
  }
  if (inputs.droppedSinceLast >= inputs.ingestErrorThreshold) {
    out.push({ kind: 'ingest_errors', subject: 'ingest', deviceId: null, enterpriseId: null, details: { dropped: inputs.droppedSinceLast } });
  }
  const expiry = certificateExpiry(inputs.certificatePem, inputs.certExpiryDays, now);
  if (expiry) out.push(expiry);
  return out;
}

/** Not online and silent (never heard from: since enrollment) for longer than the threshold. */
async function offlineDevices(db: Database, offlineMinutes: number, now: Date): Promise<Condition[]> {
  const since = new Date(now.getTime() - offlineMinutes * 60_000).toISOString();
  const rows = await queryRows<{ id: string; enterprise_id: string; enterprise_name: string; last_seen_at: unknown }>(
    db,
    sql`select d.id, d.enterprise_id, e.name as enterprise_name, d.last_seen_at
          from devices d join enterprises e on e.id = d.enterprise_id
         where not d.online and coalesce(d.last_seen_at, d.enrolled_at) < ${since}::timestamptz
         order by d.id`,
  );
  return rows.map((r) => ({
    kind: 'device_offline',
    subject: r.id,
    deviceId: r.id,
    enterpriseId: r.enterprise_id,
    details: { enterpriseName: r.enterprise_name, lastSeenAt: r.last_seen_at ? new Date(r.last_seen_at as string).toISOString() : null, offlineMinutes },
  }));
}

/** One condition per device with open flags, naming their kinds. */
async function flaggedDevices(db: Database): Promise<Condition[]> {
  const rows = await queryRows<{ device_id: string; enterprise_id: string; enterprise_name: string; kinds: string }>(
    db,
    sql`select f.device_id, d.enterprise_id, e.name as enterprise_name, string_agg(distinct f.kind, ',' order by f.kind) as kinds
          from device_flags f join devices d on d.id = f.device_id join enterprises e on e.id = d.enterprise_id
         where f.resolved_at is null
         group by f.device_id, d.enterprise_id, e.name
         order by f.device_id`,
  );
  return rows.map((r) => ({
    kind: 'device_flagged',
    subject: r.device_id,
    deviceId: r.device_id,
    enterpriseId: r.enterprise_id,
    details: { enterpriseName: r.enterprise_name, flags: r.kinds.split(',') },
  }));
}

function certificateExpiry(pem: string, days: number, now: Date): Condition | null {
  const leaf = new X509Certificate(pem);
  const validTo = new Date(leaf.validTo);
  const left = validTo.getTime() - now.getTime();
  if (left >= days * DAY_MS) return null;
  return {
    kind: 'certificate_expiry',
    subject: 'tls',
    deviceId: null,
    enterpriseId: null,
    details: { subject: leaf.subject, validTo: validTo.toISOString(), daysLeft: Math.floor(left / DAY_MS) },
  };
}
