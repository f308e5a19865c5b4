// The paged-list helper (services/page.ts) on the real migrations: a page of rows and the size of
// the whole list from one filtered select, so a scope narrows both or neither; pages in a total
// order cover the list exactly once; and the total is one count(*) in the database, never every
// row loaded to be counted (the flags list did that).
import { join } from 'node:path';
import { desc, eq } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/index.js';
import { MIGRATIONS_FOLDER } from '../src/db/migrate.js';
import * as schema from '../src/db/schema/index.js';
import { deviceFlags, devices, enterprises, projects } from '../src/db/schema/index.js';
import { listFlags } from '../src/services/flags.js';
import { listPage, scoped } from '../src/services/page.js';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/database.js';
import { USCC } from '../../test/helpers/fixtures.js';

/** Every statement the database is sent, as drizzle's logger sees it. */
const statements: string[] = [];
let database: TestDatabase;
let db: Database;
let close: () => Promise<void>;
const ids = { a: '', b: '', projectsOfA: [] as string[] };

async function openLogged(test: TestDatabase): Promise<{ db: Database; close(): Promise<void> }> {
  const logger = { logQuery: (query: string) => void statements.push(query) };
  if (test.databaseUrl) {
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    const pool = new pg.Pool({ connectionString: test.databaseUrl, max: 2 });
    // pool.end() resolves once its clients are told to end, not once their sockets close, so the
    // database's drop (with force) can terminate a backend under a client still ending; the pool
    // then emits 'error', which unhandled would fail the run (node-postgres docs, Pool events).
    pool.on('error', () => undefined);
    const logged = drizzle({ client: pool, schema, logger });
    await migrate(logged, { migrationsFolder: MIGRATIONS_FOLDER });
    return { db: logged, close: () => pool.end() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const client = await PGlite.create(join(test.dataDir, 'pglite'));
  const logged = drizzle({ client, schema, logger });
  await migrate(logged, { migrationsFolder: MIGRATIONS_FOLDER });
  return { db: logged, close: () => client.close() };
}

beforeAll(async () => {
  database = await createTestDatabase();
  ({ db, close } = await openLogged(database));
  const [a, b] = await db
    .insert(enterprises)
    .values([
      { name: '东莞精密制造有限公司', uscc: USCC[0], town: '松山湖' },
      { name: '东莞第二工厂', uscc: USCC[1], town: '长安' },
    ])
    .returning();
  ids.a = a!.id;
  ids.b = b!.id;
  const project = (enterpriseId: string, i: number) => ({
    enterpriseId,
    name: `p${i}`,
    totalInvestmentFen: 100,
    eligibleInvestmentFen: 100,
    windowStart: '2026-01-01',
    windowEnd: '2026-12-31',
  });
  const ofA = await db
    .insert(projects)
    .values(Array.from({ length: 7 }, (_, i) => project(ids.a, i)))
    .returning({ id: projects.id });
  ids.projectsOfA = ofA.map((p) => p.id);
  await db.insert(projects).values(Array.from({ length: 3 }, (_, i) => project(ids.b, 10 + i)));
});
afterAll(async () => {
  await close?.();
  await database?.drop();
});

const projectsPage = (scope: string | null, limit: number, offset: number) => {
  const where = scoped(projects.enterpriseId, scope);
  return listPage(db, { limit, offset }, () => db.select({ id: projects.id, enterpriseId: projects.enterpriseId }).from(projects).where(where).$dynamic(), [
    desc(projects.createdAt),
    projects.id,
  ]);
};

describe('listPage', () => {
  it('gives a page of the scoped rows and the size of the whole scoped list, with the page asked for', async () => {
    const page = await projectsPage(ids.a, 3, 0);
    expect(page).toMatchObject({ total: 7, limit: 3, offset: 0 });
    expect(page.items).toHaveLength(3);
    expect(page.items.every((p) => p.enterpriseId === ids.a)).toBe(true);
    expect(await projectsPage(null, 3, 0)).toMatchObject({ total: 10 });
    expect(await projectsPage(ids.b, 50, 0)).toMatchObject({ total: 3 });
  });

  it('covers the list exactly once across pages, and past its end gives no rows and the same total', async () => {
    const seen: string[] = [];
    for (let offset = 0; offset < 7; offset += 2) seen.push(...(await projectsPage(ids.a, 2, offset)).items.map((p) => p.id));
    expect(seen).toHaveLength(7);
    expect([...seen].sort()).toEqual([...ids.projectsOfA].sort());
    expect(await projectsPage(ids.a, 2, 100)).toEqual({ items: [], total: 7, limit: 2, offset: 100 });
  });

  it('counts with one count(*) over the same filtered select, and reads only the page', async () => {
    statements.length = 0;
    await projectsPage(ids.a, 2, 4);
    expect(statements).toHaveLength(2);
    const [count] = statements.filter((s) => /count\(\*\)/i.test(s));
    expect(count).toMatch(/from \(select .* from "projects" where "projects"\."enterprise_id" = \$1\) as listed/i);
    const [rows] = statements.filter((s) => !/count\(\*\)/i.test(s));
    expect(rows).toMatch(/where "projects"\."enterprise_id" = \$1 order by .* limit \$2 offset \$3$/i);
  });
});

describe('the flags list', () => {
  it('counts its total in the database and loads one page of flags', async () => {
    const [project] = await db.select({ id: projects.id }).from(projects).where(eq(projects.enterpriseId, ids.a)).limit(1);
    const made = await db
      .insert(devices)
      .values(
        Array.from({ length: 30 }, (_, i) => ({
          enterpriseId: ids.a,
          projectId: project!.id,
          kind: 'compute_box' as const,
          fingerprint: i.toString(16).padStart(64, '0'),
          publicKey: 'k',
          keyId: `k${i}`,
          mqttPasswordHash: 'h',
          inventory: {},
          agentVersion: 't',
          heartbeatIntervalMs: 10_000,
        })),
      )
      .returning({ id: devices.id });
    await db.insert(deviceFlags).values(made.map((d) => ({ deviceId: d.id, kind: 'clock_skew' as const, reason: 'r', evidence: {} })));

    statements.length = 0;
    const page = await listFlags(db, ids.a, { open: true }, { limit: 5, offset: 0 });
    expect(page.total).toBe(30);
    expect(page.items).toHaveLength(5);
    const reads = statements.filter((s) => /from "device_flags"/i.test(s));
    expect(reads.filter((s) => /count\(\*\)/i.test(s))).toHaveLength(1);
    // Every other read of the flags is bounded by the page.
    expect(reads.filter((s) => !/count\(\*\)/i.test(s)).every((s) => /limit \$\d+( offset \$\d+)?$/i.test(s))).toBe(true);
    expect(await listFlags(db, ids.b, {}, { limit: 5, offset: 0 })).toEqual({ items: [], total: 0, limit: 5, offset: 0 });
  });
});
