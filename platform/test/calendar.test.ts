// The counting calendar (domain/calendar.ts) is made from a policy, and the database column that
// stores a day's buckets is as wide as the shipped policy's day: the migrated column is read back
// from information_schema, not from the schema file, so a policy with another bucket length and no
// new migration fails here instead of failing every heartbeat batch in production.
import { getTableColumns, sql } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNTING_POLICY } from '../src/certification/policy.js';
import { openDatabase, queryRows, type DatabaseHandle } from '../src/db/index.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { deviceDays } from '../src/db/schema/index.js';
import { calendarOf } from '../src/domain/calendar.js';
import { HeartbeatWriter, rollupDays } from '../src/ingest/heartbeat-writer.js';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/database.js';

const log = pino({ level: 'silent' });
const calendar = calendarOf(COUNTING_POLICY);

describe('calendarOf', () => {
  it('cuts Asia/Shanghai days (UTC+8, no daylight saving) into the policy’s buckets', () => {
    expect(calendar.bucketsPerDay).toBe(288);
    expect(Number.isInteger((24 * 60) / COUNTING_POLICY.bucketMinutes)).toBe(true);
    expect(calendar.dayStartUtc('2026-11-05')).toBe(Date.parse('2026-11-04T16:00:00Z'));
    expect(calendar.dayAndBucket(Date.parse('2026-11-04T15:59:59.999Z'))).toEqual({ day: '2026-11-04', bucket: 287 });
    expect(calendar.dayAndBucket(new Date('2026-11-04T16:00:00Z'))).toEqual({ day: '2026-11-05', bucket: 0 });
    expect(calendar.dayAndBucket(Date.parse('2026-11-04T16:05:00Z'))).toEqual({ day: '2026-11-05', bucket: 1 });
    // Midsummer and midwinter have the same offset: no daylight saving since 1991.
    expect(calendar.dayStartUtc('2026-07-01') % 86_400_000).toBe(calendar.dayStartUtc('2026-01-01') % 86_400_000);
  });

  it('follows the policy it is given, not the shipped one', () => {
    const quarterHours = calendarOf({ timeZone: 'Asia/Shanghai', bucketMinutes: 15 });
    expect(quarterHours.bucketsPerDay).toBe(96);
    expect(quarterHours.dayAndBucket(Date.parse('2026-11-04T16:29:00Z')).bucket).toBe(1);
    const [day] = rollupDays(quarterHours, [{ deviceId: 'd1', filedAt: new Date('2026-11-04T16:29:00Z'), filing: 'received', inferenceDelta: 0 }]);
    expect(day!.buckets).toBe(`01${'0'.repeat(94)}`);
  });
});

describe('device_days.buckets', () => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase();
    handle = await openDatabase({ databaseUrl: database.databaseUrl, dataDir: database.dataDir, poolSize: 2 });
    await migrateDatabase(handle, log);
  });
  afterAll(async () => {
    await handle?.close();
    await database?.drop();
  });

  it('is bit(buckets per day) in the migrated database and in the drizzle column', async () => {
    const [column] = await queryRows<{ data_type: string; character_maximum_length: number }>(
      handle.db,
      sql`
      select data_type, character_maximum_length from information_schema.columns
       where table_schema = current_schema() and table_name = 'device_days' and column_name = 'buckets'`,
    );
    expect(column).toEqual({ data_type: 'bit', character_maximum_length: calendar.bucketsPerDay });
    expect(getTableColumns(deviceDays).buckets.getSQLType()).toBe(`bit(${calendar.bucketsPerDay})`);
  });

  it('is what the writer requires of its calendar: another bucket length is refused at start', () => {
    expect(
      () => new HeartbeatWriter(handle.db, log, { batchSize: 10, flushMs: 1_000, calendar: calendarOf({ timeZone: 'Asia/Shanghai', bucketMinutes: 15 }) }),
    ).toThrow(expect.objectContaining({ code: 'EDGENET_ERR_STARTUP', message: expect.stringContaining('96 buckets a day; device_days.buckets holds 288') }));
    expect(() => new HeartbeatWriter(handle.db, log, { batchSize: 10, flushMs: 1_000, calendar })).not.toThrow();
  });
});
