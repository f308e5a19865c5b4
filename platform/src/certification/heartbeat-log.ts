// The heartbeats log's writer and reader (docs/witness.md): when the witness submission runs, every
// device-day closed since the last one becomes a leaf, the SHA-256 of its device-day evidence
// (log-leaves.ts), in (day, device id) order. A day is closed once no heartbeat can be filed into
// it any more: the filing rule files a late heartbeat by its device time for up to maxLateMs after
// (docs/certification.md "Filing rule"), and the writer may still hold one received just before.
import { and, asc, eq, gte, isNull, lt } from 'drizzle-orm';
import type { Database } from '../db/index.js';
import { deviceDays, heartbeatLog } from '../db/schema/index.js';
import { calendarOf } from '../domain/calendar.js';
import { foldPending } from '../ingest/rollup/pending.js';
import { deviceDayEvidence } from './device-chain.js';
import { deviceDayLeaf, type HeartbeatLogEntry } from './log-leaves.js';
import type { CountingPolicy } from './policy.js';

const DAY_MS = 86_400_000; // 24 h
const WRITER_MARGIN_MS = 3_600_000; // 1 h: a heartbeat received before the deadline and not yet written
const BATCH = 1_000; // device-days read per statement
// Device-days appended by one submission, at most: a certification run waits for its submission,
// so a platform upgraded with a year of days behind it catches up over several submissions
// (6,000 devices close 6,000 a day) instead of holding one run for hours.
export const MAX_DAYS_PER_SUBMISSION = 20_000;

/** The first day not closed at `now`: every earlier day is. */
export function firstOpenDay(policy: Pick<CountingPolicy, 'timeZone' | 'bucketMinutes' | 'clock'>, now: Date): string {
  return calendarOf(policy).dayAndBucket(now.getTime() - DAY_MS - policy.clock.maxLateMs - WRITER_MARGIN_MS).day;
}

/** Appends a leaf for every closed device-day not in the log yet (up to `max`); returns how many. */
export async function appendClosedDays(db: Database, policy: CountingPolicy, now: Date, max = MAX_DAYS_PER_SUBMISSION): Promise<number> {
  const calendar = calendarOf(policy);
  const before = firstOpenDay(policy, now);
  // A leaf is final: every heartbeat of the day must be in device_days and chain_anchors first.
  await foldPending(db, calendar);
  let appended = 0;
  while (appended < max) {
    const days = await db
      .select({ deviceId: deviceDays.deviceId, day: deviceDays.day })
      .from(deviceDays)
      .leftJoin(heartbeatLog, and(eq(heartbeatLog.deviceId, deviceDays.deviceId), eq(heartbeatLog.day, deviceDays.day)))
      .where(and(lt(deviceDays.day, before), isNull(heartbeatLog.seq)))
      .orderBy(asc(deviceDays.day), asc(deviceDays.deviceId))
      .limit(Math.min(BATCH, max - appended));
    if (days.length === 0) break;
    // One row at a time, in order: the seq order is the leaf order.
    for (const d of days) {
      const leaf = deviceDayLeaf(await deviceDayEvidence(db, calendar, d.deviceId, d.day));
      const written = await db
        .insert(heartbeatLog)
        .values({ deviceId: d.deviceId, day: d.day, leaf })
        .onConflictDoNothing()
        .returning({ seq: heartbeatLog.seq });
      appended += written.length;
    }
  }
  return appended;
}

/** Entries from `fromSeq` on, oldest first. */
export async function heartbeatLogEntries(db: Database, fromSeq = 1, limit = Number.MAX_SAFE_INTEGER): Promise<HeartbeatLogEntry[]> {
  return db
    .select({ seq: heartbeatLog.seq, deviceId: heartbeatLog.deviceId, day: heartbeatLog.day, leaf: heartbeatLog.leaf })
    .from(heartbeatLog)
    .where(gte(heartbeatLog.seq, fromSeq))
    .orderBy(asc(heartbeatLog.seq))
    .limit(limit);
}
