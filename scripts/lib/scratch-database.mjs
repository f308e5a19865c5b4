// A throwaway PostgreSQL database beside the one a server URL names, for the benchmarks: created
// fresh so that a run measures an empty database, dropped afterwards (`with (force)` ends sessions
// a crashed run left behind).
import { randomBytes } from 'node:crypto';
import pg from 'pg';

async function query(connectionString, text) {
  const c = new pg.Client({ connectionString });
  await c.connect();
  try {
    return (await c.query(text)).rows;
  } finally {
    await c.end();
  }
}

/** Creates `<prefix>_<random>` on the server `serverUrl` names; `url` connects to it. */
export async function createScratchDatabase(serverUrl, prefix = 'edgenet_bench') {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await query(serverUrl, `create database ${name}`);
  return {
    name,
    url: url.toString(),
    query: (text) => query(url.toString(), text),
    /** One connection kept open for repeated queries (a sampler), closed by end(). */
    async session() {
      const c = new pg.Client({ connectionString: url.toString() });
      c.on('error', () => undefined); // ended by drop() (with force) if still open: nothing to do then
      await c.connect();
      return { query: async (text) => (await c.query(text)).rows, end: () => c.end() };
    },
    drop: () => query(serverUrl, `drop database if exists ${name} with (force)`),
  };
}
