// Devices online over time, read from the device_days rollup (docs/certification.md "Rollups"): a
// device counts as online in a 5-minute bucket when a valid heartbeat was filed in it, the same
// definition the certified counts use. Never scans raw heartbeats.
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../db/index.js';
import type { Calendar } from '../domain/calendar.js';

export interface BucketPoint {
  /** Start of the 5-minute bucket (UTC instant). */
  at: string;
  online: number;
}

export interface DayPoint {
  /** Calendar day in Asia/Shanghai. */
  day: string;
  /** Devices with at least one online bucket that day. */
  devices: number;
  /** Online device-buckets that day; divided by the buckets elapsed it is the average number online. */
  onlineBuckets: number;
  /** Buckets of the day elapsed: 288, or fewer for today. */
  bucketsElapsed: number;
}

const scopeFilter = (scope: string | null) => sql`(${scope}::uuid is null or d.enterprise_id = ${scope}::uuid)`;

/** The last 24 hours, one point per 5-minute bucket, the current (partial) bucket last. */
export async function lastDayByBucket(db: Database, calendar: Calendar, scope: string | null, nowMs = Date.now()): Promise<BucketPoint[]> {
  const { bucketsPerDay, bucketMs } = calendar;
  const now = calendar.dayAndBucket(nowMs);
  const yesterday = shiftDay(now.day, -1);
  // 288 bits per device-day; counting positions in SQL would mean 288 get_bit() calls per row, so the
  // bitmaps come back as text and are tallied here (6,000 devices: 12,000 short strings).
  const rows = await queryRows<{ day: string; b: string }>(
    db,
    sql`select dd.day::text as day, dd.buckets::text as b
          from device_days dd join devices d on d.id = dd.device_id
         where dd.day in (${yesterday}::date, ${now.day}::date) and ${scopeFilter(scope)}`,
  );
  const counts = { [yesterday]: new Array<number>(bucketsPerDay).fill(0), [now.day]: new Array<number>(bucketsPerDay).fill(0) };
  for (const r of rows) {
    const tally = counts[r.day];
    if (!tally) continue;
    for (let i = 0; i < bucketsPerDay; i++) if (r.b.charCodeAt(i) === 49 /* '1' */) tally[i]! += 1;
  }
  const points: BucketPoint[] = [];
  for (let k = bucketsPerDay - 1; k >= 0; k--) {
    const index = now.bucket - k; // negative: yesterday's buckets
    const day = index < 0 ? yesterday : now.day;
    const bucket = index < 0 ? index + bucketsPerDay : index;
    points.push({ at: new Date(calendar.dayStartUtc(day) + bucket * bucketMs).toISOString(), online: counts[day]![bucket]! });
  }
  return points;
}

/** The last `days` calendar days (Asia/Shanghai), today last, one point per day (days without data are 0). */
export async function lastDaysByDay(db: Database, calendar: Calendar, scope: string | null, days: number, nowMs = Date.now()): Promise<DayPoint[]> {
  const now = calendar.dayAndBucket(nowMs);
  const first = shiftDay(now.day, -(days - 1));
  // bit_count(bit) is PostgreSQL 14+ (PGlite is 17; CI's server is 15).
  const rows = await queryRows<{ day: string; devices: number; online_buckets: string }>(
    db,
    sql`select dd.day::text as day, count(*)::int as devices, coalesce(sum(bit_count(dd.buckets)), 0)::bigint as online_buckets
          from device_days dd join devices d on d.id = dd.device_id
         where dd.day between ${first}::date and ${now.day}::date and ${scopeFilter(scope)}
         group by dd.day`,
  );
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const points: DayPoint[] = [];
  for (let i = 0; i < days; i++) {
    const day = shiftDay(first, i);
    const r = byDay.get(day);
    points.push({
      day,
      devices: r?.devices ?? 0,
      onlineBuckets: Number(r?.online_buckets ?? 0),
      bucketsElapsed: day === now.day ? now.bucket + 1 : calendar.bucketsPerDay,
    });
  }
  return points;
}

/** YYYY-MM-DD plus n days (calendar arithmetic in UTC, where a date string has no time zone). */
export function shiftDay(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
