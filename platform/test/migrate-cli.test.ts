// `npm run db:migrate` applies the migrations and exits, on PGlite and on PostgreSQL. It runs as a
// child process the way an operator runs it (platform/dist/db/migrate-cli.js), twice: the second run
// finds nothing to do. On PostgreSQL it once waited forever: its pool of one connection was held by
// the migration lock while the migration waited for a connection.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/database.js';

const CLI = fileURLToPath(new URL('../dist/db/migrate-cli.js', import.meta.url));
const run = promisify(execFile);
// Only a guard against the hang: a migration of an empty database takes seconds.
const HANG_GUARD_MS = 60_000;

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

it(
  'migrates an empty database and exits, and a second run finds nothing to do',
  async () => {
    const env = { ...process.env, EDGENET_DATA_DIR: db.dataDir, EDGENET_LOG_LEVEL: 'info', DATABASE_URL: db.databaseUrl ?? '' };
    for (let i = 0; i < 2; i++) {
      const { stdout } = await run(process.execPath, [CLI], { env, timeout: HANG_GUARD_MS, killSignal: 'SIGKILL' });
      expect(stdout).toMatch(/database migrated/);
    }
    if (db.databaseUrl) {
      const client = new pg.Client({ connectionString: db.databaseUrl });
      await client.connect();
      try {
        const { rows } = await client.query<{ n: number }>('select count(*)::int as n from drizzle.__drizzle_migrations');
        expect(rows[0]!.n).toBeGreaterThan(0);
        // The lock is not left behind for the platform that starts next. Only this database's locks:
        // pg_locks is the whole server's, and suites running beside this one take advisory locks in
        // their own databases (a loaded CI run saw one).
        const locks = await client.query(
          "select 1 from pg_locks where locktype = 'advisory' and granted and database = (select oid from pg_database where datname = current_database())",
        );
        expect(locks.rowCount).toBe(0);
      } finally {
        await client.end();
      }
    }
  },
  2 * HANG_GUARD_MS + 10_000,
);
