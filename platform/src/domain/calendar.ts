// The counting calendar: the day and the online bucket an instant falls in. It is made from the
// counting policy a count runs under (certification/policy.ts: timeZone, bucketMinutes), never
// from a global, so the writer's rollup, certification and the dashboard cut days and buckets one
// way, and a verifier recounting a report under its embedded policy cuts them that policy's way.
import type { CountingPolicy } from '../certification/policy.js';

export type CalendarPolicy = Pick<CountingPolicy, 'timeZone' | 'bucketMinutes'>;

export interface Calendar {
  readonly timeZone: CalendarPolicy['timeZone'];
  readonly bucketMinutes: number;
  readonly bucketMs: number;
  /** Buckets in one calendar day: 288 for 5-minute buckets; device_days.buckets is bit(bucketsPerDay). */
  readonly bucketsPerDay: number;
  /** Calendar day (YYYY-MM-DD in the policy's time zone) and bucket (0 .. bucketsPerDay - 1) of an instant. */
  dayAndBucket(at: Date | number): { day: string; bucket: number };
  /** The UTC instant (ms) at which a calendar day starts. */
  dayStartUtc(day: string): number;
}

const DAY_MS = 86_400_000; // 24 h
// Days are calendar days where the factories are. China has had no daylight saving since 1991, so
// Asia/Shanghai is UTC+8 at every instant the platform sees and a fixed offset is exact.
const UTC_OFFSET_MS: Record<CalendarPolicy['timeZone'], number> = { 'Asia/Shanghai': 8 * 3_600_000 };

/** The calendar of a counting policy. Its bucket length must divide a day (the policy's own test checks it). */
export function calendarOf(policy: Readonly<CalendarPolicy>): Calendar {
  const offsetMs = UTC_OFFSET_MS[policy.timeZone];
  const bucketMs = policy.bucketMinutes * 60_000;
  return Object.freeze({
    timeZone: policy.timeZone,
    bucketMinutes: policy.bucketMinutes,
    bucketMs,
    bucketsPerDay: DAY_MS / bucketMs,
    dayAndBucket(at: Date | number) {
      const local = (typeof at === 'number' ? at : at.getTime()) + offsetMs;
      const dayStart = Math.floor(local / DAY_MS) * DAY_MS;
      return { day: new Date(dayStart).toISOString().slice(0, 10), bucket: Math.floor((local - dayStart) / bucketMs) };
    },
    dayStartUtc(day: string) {
      return Date.parse(`${day}T00:00:00Z`) - offsetMs;
    },
  });
}
