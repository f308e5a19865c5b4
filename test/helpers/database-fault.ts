// Real database faults for a platform under test: no mock stands in for the database.
//   holdTables: another transaction holds ACCESS EXCLUSIVE locks, so the platform's statements on
//     those tables wait (they neither fail nor finish) until release. On PostgreSQL the lock is
//     held by a connection of the test's own; PGlite has one connection, so the transaction is
//     opened on the platform's own handle and every statement of the platform waits behind it.
//   refuseConnections (PostgreSQL only): the test's database stops accepting connections and its
//     open ones are terminated, so every statement fails at once, as in an outage.
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { inject } from 'vitest';
import type { TestPlatform } from './platform.js';

export type Release = () => Promise<void>;

export async function holdTables(tp: TestPlatform, tables: readonly string[]): Promise<Release> {
  const list = tables.map((t) => `"${t}"`).join(', ');
  if (tp.database.backend === 'postgres') {
    const client = new pg.Client({ connectionString: tp.database.databaseUrl });
    await client.connect();
    await client.query('begin');
    await client.query(`lock table ${list} in access exclusive mode`);
    return async () => {
      await client.query('rollback');
      await client.end();
    };
  }
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const done = tp.platform.context.db.transaction(async (tx) => {
    await tx.execute(sql.raw(`lock table ${list} in access exclusive mode`));
    locked();
    await released;
  });
  await Promise.race([isLocked, done]);
  return async () => {
    release();
    await done;
  };
}

export async function refuseConnections(tp: TestPlatform): Promise<Release> {
  if (tp.database.backend !== 'postgres') throw new Error('refuseConnections needs PostgreSQL');
  const name = new URL(tp.database.databaseUrl!).pathname.slice(1);
  const admin = async (text: string, values: unknown[] = []) => {
    const client = new pg.Client({ connectionString: inject('databaseUrl') });
    await client.connect();
    try {
      await client.query(text, values);
    } finally {
      await client.end();
    }
  };
  await admin(`alter database "${name}" allow_connections false`);
  await admin('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name]);
  return () => admin(`alter database "${name}" allow_connections true`);
}
