// The one place that knows which database driver is in use. Routes, broker hooks and ingest get a
// `Database` and never import pg or PGlite (HOUSE_STYLE: boundaries), so both backends run the
// same code and the same migrations.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger, SQL } from 'drizzle-orm';
import { PgDialect, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Backend = 'pglite' | 'postgres';

export interface DatabaseHandle {
  db: Database;
  backend: Backend;
  /** Runs fn while holding a database-wide lock, so two instances never migrate at once. */
  withMigrationLock<T>(fn: () => Promise<T>): Promise<T>;
  migrate(migrationsFolder: string): Promise<void>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl: string | undefined;
  dataDir: string;
  poolSize: number;
  /** Errors of idle connections (the server restarted or ended them); the pool replaces them. */
  onIdleError?: (err: Error) => void;
  /**
   * Called with the text of every statement drizzle sends, transactions' included (its Logger
   * interface): a test counts what a flow costs the database in statements, not in wall time.
   */
  onStatement?: (text: string) => void;
}

export async function openDatabase(options: DatabaseOptions): Promise<DatabaseHandle> {
  const logger = options.onStatement ? statementLogger(options.onStatement) : undefined;
  return options.databaseUrl ? openPostgres(options.databaseUrl, options.poolSize, logger, options.onIdleError) : openPglite(options.dataDir, logger);
}

function statementLogger(onStatement: (text: string) => void): Logger {
  return { logQuery: (query) => onStatement(query) };
}

async function openPostgres(
  url: string,
  poolSize: number,
  logger: Logger | undefined,
  onIdleError = (_err: Error): void => undefined,
): Promise<DatabaseHandle> {
  const { default: pg } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const { migrate } = await import('drizzle-orm/node-postgres/migrator');
  const pool = new pg.Pool({ connectionString: url, max: poolSize, application_name: 'edgenet-platform' });
  // An idle client whose server connection ends (a database restart, an administrator) makes the pool
  // emit 'error'; unhandled, that would crash the platform. The pool drops the client and opens a
  // new one on the next query, so reporting it is all there is to do (node-postgres docs, Pool events).
  pool.on('error', onIdleError);
  // Fail at start, with the driver's own message, when the server is unreachable.
  await pool.query('select 1');
  const db = drizzle({ client: pool, schema, ...(logger ? { logger } : {}) });
  return {
    db,
    backend: 'postgres',
    async withMigrationLock(fn) {
      // The lock is held by a session of its own, outside the pool: the migration runs on the pool,
      // which may have a single connection (`npm run db:migrate`), and would otherwise wait forever
      // for the one the lock holds. The session's end releases the lock even if the unlock fails.
      const client = new pg.Client({ connectionString: url, application_name: 'edgenet-migration-lock' });
      await client.connect();
      try {
        // Any constant works as the key; this one is "edgenet" in ASCII.
        await client.query('select pg_advisory_lock(28539367893919092)');
        return await fn();
      } finally {
        await client.query('select pg_advisory_unlock(28539367893919092)').catch(() => undefined);
        await client.end().catch(() => undefined);
      }
    },
    migrate: (migrationsFolder) => migrate(db, { migrationsFolder }),
    close: () => pool.end(),
  };
}

async function openPglite(dataDir: string, logger: Logger | undefined): Promise<DatabaseHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const dir = join(dataDir, 'pglite');
  mkdirSync(dir, { recursive: true });
  // shared_buffers 32 MB instead of PostgreSQL's 128 MB: PGlite keeps them inside its WASM heap,
  // which never shrinks, while the files it reads are cached by the OS anyway. With 128 MB the heap
  // grew to 189 MiB and the platform idled at ~400 MB RSS with 3 devices; with 32 MB it stays at its
  // initial 128 MiB (measured on this machine, PGlite 0.5.16).
  const client = await PGlite.create(dir, { postgresqlconf: ['shared_buffers=32MB'] });
  const db = drizzle({ client, schema, ...(logger ? { logger } : {}) });
  return {
    db,
    backend: 'pglite',
    // PGlite is single-process and single-connection: the data folder is the lock.
    withMigrationLock: (fn) => fn(),
    migrate: (migrationsFolder) => migrate(db, { migrationsFolder }),
    close: () => client.close(),
  };
}

const dialect = new PgDialect();

/**
 * Runs one of a writer's fixed statements under a name. On PostgreSQL node-postgres then sends it
 * as a named prepared statement: parsed, analysed and planned once per connection, only bound and
 * executed afterwards (PostgreSQL docs 55.2.3, "Extended Query"); PGlite's driver ignores the name
 * and runs it as before. A name must always stand for the same text: pg refuses one reused with
 * another on the same connection, so the text may not vary with the values (arrays, not lists).
 */
export async function executeNamed<T>(db: Pick<Database, '_'>, name: string, query: SQL): Promise<T[]> {
  const result = (await db._.session.prepareQuery(dialect.sqlToQuery(query), undefined, name, false).execute()) as { rows: T[] };
  return result.rows;
}

/** Rows of a raw SQL query; both drivers return them as `rows`. */
export async function queryRows<T>(db: Pick<Database, 'execute'>, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as { rows: T[] };
  return result.rows;
}
