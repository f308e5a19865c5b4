// In a cluster (EDGENET_WORKERS=2) a device's reconnect lands in any worker, so every
// worker must open the tickets the others issued, also after the whole cluster restarted: they all
// read the one ticket key in the data dir (platform/src/tls/ticket-keys.ts). Before, node:cluster
// shared the first worker's random key among the workers (tls.Server._setServerData), but a restart
// made a new one and every device a full handshake. Round robin scheduling puts consecutive
// connections in different workers. PostgreSQL only: workers cannot share PGlite.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { workerPids } from '../helpers/cluster-processes.js';
import { freePort } from '../helpers/free-port.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { spawnPlatform, type PlatformProcess } from '../helpers/platform-process.js';
import { waitFor } from '../helpers/platform.js';
import { tlsHandshake as handshake } from '../helpers/tls-handshake.js';

let database: TestDatabase | undefined;
let platform: PlatformProcess | undefined;
afterAll(async () => {
  await platform?.kill('SIGKILL');
  await database?.drop();
});

describe.skipIf(!inject('databaseUrl'))('TLS resumption across the workers of a cluster', () => {
  it('a ticket one worker issued resumes in the other, also after the cluster restarted', async () => {
    database = await createTestDatabase();
    const dataDir = mkdtempSync(join(tmpdir(), 'edgenet-cluster-tls-'));
    const mqttsPort = await freePort();
    const start = async () => {
      platform = await spawnPlatform({
        DATABASE_URL: database!.databaseUrl!,
        EDGENET_DATA_DIR: dataDir,
        EDGENET_WORKERS: '2',
        EDGENET_MQTTS_PORT: String(mqttsPort),
        NODE_CLUSTER_SCHED_POLICY: 'rr',
      });
      await waitFor('two workers', () => workerPids(platform!.child.pid!).length === 2);
    };
    // Four reconnects, alternating between the workers, each offering the ticket.
    const reconnects = async (ticket: Buffer) => {
      const resumed: boolean[] = [];
      for (let i = 0; i < 4; i++) resumed.push((await handshake(mqttsPort, ca, ticket)).resumed);
      return resumed;
    };
    await start();
    const ca = readFileSync(join(dataDir, 'tls', 'ca.pem'), 'utf8');
    const { ticket } = await handshake(mqttsPort, ca);
    expect(await reconnects(ticket!)).toEqual([true, true, true, true]);

    await platform!.kill('SIGTERM');
    await start();
    expect(await reconnects(ticket!)).toEqual([true, true, true, true]);
  }, 90_000);
});
