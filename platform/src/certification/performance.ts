// Operator performance figures for any period (实施细则 art. 23), all from the platform's own
// records: daily rollups (devices and enterprises connected, heartbeats received), device intervals
// (heartbeats expected), ingest_uptime (availability) and the latest certification run in the period.
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../db/index.js';
import type { Calendar } from '../domain/calendar.js';

export interface PerformanceFigures {
  period: { from: string; to: string; minutes: number };
  enterprisesConnected: number;
  devicesOnline: number;
  nodesCertified: number;
  certificationRunId: string | null;
  uptimeMinutes: number;
  availabilityBp: number;
  heartbeatsReceived: number;
  heartbeatsExpected: number;
  completenessBp: number;
}

/** `from` and `to` are calendar days of the counting policy's `calendar`. */
export async function performanceFigures(db: Database, calendar: Calendar, from: string, to: string, now = Date.now()): Promise<PerformanceFigures> {
  const startMs = calendar.dayStartUtc(from);
  // The period ends at the end of `to`, or now if that is earlier: the future is neither up nor down.
  const endMs = Math.min(calendar.dayStartUtc(to) + 86_400_000, Math.max(now, startMs));
  const minutes = Math.max(0, Math.floor((endMs - startMs) / 60_000));
  const [row] = await queryRows<{
    enterprises: number;
    devices: number;
    received: string;
    uptime: number;
    expected: string;
    run_id: string | null;
    nodes: number | null;
  }>(
    db,
    sql`
    with seen as (
      select dd.device_id, d.enterprise_id, dd.heartbeats from device_days dd join devices d on d.id = dd.device_id
       where dd.day between ${from}::date and ${to}::date and bit_count(dd.buckets) > 0),
    expected as (
      -- each enrolled device is expected to heartbeat at its interval from enrollment to the period end
      select coalesce(sum(greatest(0, extract(epoch from (to_timestamp(${endMs} / 1000.0) - greatest(enrolled_at, to_timestamp(${startMs} / 1000.0)))) * 1000 / heartbeat_interval_ms)), 0)::bigint as n
        from devices where enrolled_at < to_timestamp(${endMs} / 1000.0)),
    run as (
      select id, certified_nodes from certification_runs
       where window_start >= ${from}::date and window_end <= ${to}::date order by sequence desc limit 1)
    select (select count(distinct enterprise_id) from seen)::int as enterprises,
           (select count(distinct device_id) from seen)::int as devices,
           (select coalesce(sum(heartbeats), 0) from seen)::bigint as received,
           (select count(distinct minute) from ingest_uptime
             where minute >= to_timestamp(${startMs} / 1000.0) and minute < to_timestamp(${endMs} / 1000.0))::int as uptime,
           (select n from expected) as expected,
           (select id from run) as run_id,
           (select certified_nodes from run) as nodes`,
  );
  const r = row!;
  const received = Number(r.received);
  const expected = Number(r.expected);
  return {
    period: { from, to, minutes },
    enterprisesConnected: r.enterprises,
    devicesOnline: r.devices,
    nodesCertified: r.nodes ?? 0,
    certificationRunId: r.run_id,
    uptimeMinutes: r.uptime,
    availabilityBp: minutes === 0 ? 0 : Math.floor((r.uptime * 10_000) / minutes),
    heartbeatsReceived: received,
    heartbeatsExpected: expected,
    completenessBp: expected === 0 ? 0 : Math.min(10_000, Math.floor((received * 10_000) / expected)),
  };
}
