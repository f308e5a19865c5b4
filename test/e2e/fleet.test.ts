// The whole path, end to end: a platform on free ports; three agents enrolled
// as separate processes with the real `edge-agent enroll`; the fleet summary shows them online with
// their workstations; a stopped agent goes offline within 3 heartbeat intervals; the heartbeats are
// in the database.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnAgent, type AgentProcess } from '../../agent/test/helpers/agent-process.js';
import { seedEnterprise, type Seeded } from '../helpers/fixtures.js';
import { startTestPlatform, waitFor, type TestPlatform } from '../helpers/platform.js';

const INTERVAL_MS = 1_000;
const WORKSTATIONS = [
  ['L1-01', 'L1-02'],
  ['L1-03', 'L1-04'],
  ['L2-01', 'L2-02'],
] as const;

let tp: TestPlatform;
let seeded: Seeded;
const agents: { dir: string; deviceId: string; proc: AgentProcess }[] = [];

const summary = async () => (await tp.api('GET', '/api/v1/fleet/summary')).body;
const device = async (id: string) => (await tp.api('GET', `/api/v1/devices/${id}`)).body;

beforeAll(async () => {
  tp = await startTestPlatform({ EDGENET_PRESENCE_SWEEP_MS: '100' });
  seeded = await seedEnterprise(tp, { workstations: WORKSTATIONS.flat() });
});
afterAll(async () => {
  for (const a of agents) a.proc.child.kill('SIGKILL');
  await tp?.close();
});

describe('three agents against one platform', () => {
  it('enrolls three agents with the real CLI, each a separate device', async () => {
    for (const [i, codes] of WORKSTATIONS.entries()) {
      const dir = mkdtempSync(join(tmpdir(), `edgenet-agent-${i}-`));
      // Three processes on one machine would share one hardware fingerprint; hardware.json (what
      // `edge-agent inventory --write` records as root) gives each its own board identity.
      writeFileSync(
        join(dir, 'hardware.json'),
        JSON.stringify({
          systemSerial: `SN-E2E-${i}`,
          boardSerial: `BRD-E2E-${i}`,
          systemUuid: `4c4c4544-0000-1000-8000-00000000000${i}`,
          writtenAt: new Date().toISOString(),
        }),
      );
      const enroll = spawnAgent([
        'enroll',
        '--platform',
        tp.baseUrl,
        '--token',
        seeded.token,
        '--workstations',
        codes.join(','),
        '--heartbeat-interval-ms',
        String(INTERVAL_MS),
        '--state-dir',
        dir,
      ]);
      const { code } = await enroll.exited;
      expect(code, enroll.stderr()).toBe(0);
      const status = spawnAgent(['status', '--json', '--state-dir', dir]);
      expect((await status.exited).code).toBe(0);
      const { deviceId } = JSON.parse(status.stdout());
      agents.push({ dir, deviceId, proc: spawnAgent(['run', '--state-dir', dir], { EDGE_AGENT_LOG_LEVEL: 'info' }, { outliveTest: true }) });
    }
    expect(new Set(agents.map((a) => a.deviceId)).size).toBe(3);
  });

  it('reports three devices online and their six workstations', async () => {
    const s = await waitFor('three devices online', async () => {
      const s = await summary();
      return s.devices.online === 3 && s.workstations === 6 ? s : null;
    });
    expect(s).toMatchObject({ enterprises: 1, enterprisesConnected: 1, devices: { total: 3, online: 3, offline: 0 }, workstations: 6 });
    const listed = await tp.api('GET', `/api/v1/devices?enterpriseId=${seeded.enterpriseId}&online=true`);
    expect(listed.body.items.map((d: { id: string }) => d.id).sort()).toEqual(agents.map((a) => a.deviceId).sort());
    expect((await device(agents[2]!.deviceId)).workstations).toEqual(['L2-01', 'L2-02']);
  });

  it('turns a silent agent offline within 3 heartbeat intervals, and back online when it speaks', async () => {
    const silent = agents[0]!;
    // SIGSTOP freezes the process with its TCP connection open: only the heartbeat timeout can notice.
    silent.proc.child.kill('SIGSTOP');
    const stoppedAt = Date.now();
    await waitFor('silent agent offline', async () => (await device(silent.deviceId)).online === false, 10_000, 50);
    const { lastSeenAt } = await device(silent.deviceId);
    // Judged by the platform's own record of when it decided (the connection history), not by when
    // this test's polling noticed: on a loaded CI machine the poll can lag by a second.
    const history = (await tp.api('GET', `/api/v1/devices/${silent.deviceId}/connections?limit=5`)).body.items as {
      at: string;
      event: string;
      cause: string;
    }[];
    const offline = history.find((h) => h.event === 'offline')!;
    expect(offline.cause).toBe('heartbeat timeout');
    const offlineAfterMs = Date.parse(offline.at) - Date.parse(lastSeenAt);
    // Offline after 3 intervals without a heartbeat; the 100 ms sweep adds a little more.
    expect(offlineAfterMs).toBeGreaterThanOrEqual(3 * INTERVAL_MS);
    expect(offlineAfterMs).toBeLessThan(3 * INTERVAL_MS + 500);
    // The last heartbeat came at most one interval before the stop: offline within 3 intervals of it.
    expect(Date.parse(offline.at) - stoppedAt).toBeLessThanOrEqual(3 * INTERVAL_MS + 500);
    expect((await summary()).devices).toEqual({ total: 3, online: 2, offline: 1 });
    silent.proc.child.kill('SIGCONT');
    await waitFor('silent agent back online', async () => (await device(silent.deviceId)).online === true, 10_000, 50);
  });

  it('turns a stopped agent offline at once (clean shutdown) and keeps its heartbeats', async () => {
    const stopped = agents[1]!;
    stopped.proc.child.kill('SIGTERM');
    const { code } = await stopped.proc.exited;
    expect(code).toBe(0);
    const stoppedAt = Date.now();
    await waitFor('stopped agent offline', async () => (await device(stopped.deviceId)).online === false, 3 * INTERVAL_MS, 50);
    expect(Date.now() - stoppedAt).toBeLessThan(3 * INTERVAL_MS);
    expect((await summary()).workstations).toBe(4);

    // The stopped agent's last heartbeat may still sit in the writer's batch (flushed every 200 ms):
    // compare lastSeq with the stored rows once it is committed.
    await tp.platform.context.writer.flush();
    const { lastSeq } = await device(stopped.deviceId);
    const hb = await tp.api('GET', `/api/v1/devices/${stopped.deviceId}/heartbeats?limit=1000`);
    const seqs = hb.body.items.map((h: { seq: number }) => h.seq).reverse();
    expect(seqs.length).toBeGreaterThanOrEqual(3);
    expect(seqs.at(-1)).toBe(lastSeq);
    // Strictly increasing, nothing lost between the first and the last stored.
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => seqs[0] + i));
    expect(hb.body.items[0]).toMatchObject({ clockUntrusted: false, memoryTotalBytes: expect.any(Number) });
  });
});
