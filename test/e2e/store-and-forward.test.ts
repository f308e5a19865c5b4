// Store-and-forward end to end: an agent runs against a real platform; the
// platform (broker, API and all) is stopped for a while and started again on the same ports with
// the same database. Meanwhile the agent keeps making heartbeats into its on-disk queue, and is even
// stopped with SIGTERM and started again. Afterwards every heartbeat made during the outage is in the
// platform's store, in order, none lost, none doubled, with its original device time and seq.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { COUNTING_POLICY } from '../../platform/src/certification/policy.js';
import { calendarOf } from '../../platform/src/domain/calendar.js';
import { verifyDeviceDay } from '../../platform/src/certification/device-chain.js';
import { afterAll, expect, it } from 'vitest';
import { spawnAgent, type AgentProcess } from '../../agent/test/helpers/agent-process.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { seedEnterprise } from '../helpers/fixtures.js';
import { startTestPlatform, waitFor, type TestPlatform } from '../helpers/platform.js';

const calendar = calendarOf(COUNTING_POLICY);

const INTERVAL_MS = 1_000;
const AGENT_ENV = { EDGE_AGENT_RECONNECT_BASE_MS: '200', EDGE_AGENT_RECONNECT_CAP_MS: '1000', EDGE_AGENT_LOG_LEVEL: 'debug' };

let db: TestDatabase | undefined;
let tp: TestPlatform | undefined;
const procs: AgentProcess[] = [];
afterAll(async () => {
  for (const p of procs) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  await tp?.close();
  await db?.drop();
});

interface StoredHeartbeat {
  seq: number;
  receivedAt: string;
  deviceTime: string;
  clockUntrusted: boolean;
}

it('delivers every heartbeat made while the platform was down, in order, once, with its device time', async () => {
  db = await createTestDatabase();
  tp = await startTestPlatform({ EDGENET_PRESENCE_SWEEP_MS: '100' }, db);
  const seeded = await seedEnterprise(tp, { workstations: ['L1-01'] });
  const dir = mkdtempSync(join(tmpdir(), 'edgenet-snf-'));
  writeFileSync(
    join(dir, 'hardware.json'),
    JSON.stringify({
      systemSerial: 'SN-SNF-1',
      boardSerial: 'BRD-SNF-1',
      systemUuid: '4c4c4544-0000-1000-8000-00000000a001',
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
    'L1-01',
    '--heartbeat-interval-ms',
    String(INTERVAL_MS),
    '--state-dir',
    dir,
  ]);
  expect((await enroll.exited).code, enroll.stderr()).toBe(0);
  const status = spawnAgent(['status', '--json', '--state-dir', dir]);
  await status.exited;
  const { deviceId } = JSON.parse(status.stdout()) as { deviceId: string };

  let agent = spawnAgent(['run', '--state-dir', dir], AGENT_ENV, { outliveTest: true });
  procs.push(agent);
  const device = async () => (await tp!.api('GET', `/api/v1/devices/${deviceId}`)).body as { lastSeq: number; online: boolean };
  await waitFor('three heartbeats stored', async () => (await device()).lastSeq >= 3);

  // Outage: the whole platform goes away; its ports and database are kept for the restart.
  const ports = { EDGENET_HTTP_PORT: String(tp.platform.httpPort), EDGENET_MQTT_PORT: String(tp.platform.mqttPort), EDGENET_PRESENCE_SWEEP_MS: '100' };
  await tp.close();
  const downAt = Date.now();
  tp = undefined;

  // While it is down the agent queues; SIGTERM still ends it within 5 s, and a new process carries on.
  await new Promise((r) => setTimeout(r, 3_500));
  const queuedMidway = JSON.parse((await statusJson(dir)).stdout()).lastStatus.queue.depth as number;
  expect(queuedMidway).toBeGreaterThanOrEqual(2);
  const termAt = Date.now();
  agent.child.kill('SIGTERM');
  expect((await agent.exited).code).toBe(0);
  expect(Date.now() - termAt).toBeLessThan(5_000);
  agent = spawnAgent(['run', '--state-dir', dir], AGENT_ENV, { outliveTest: true });
  procs.push(agent);
  await new Promise((r) => setTimeout(r, 3_500));
  // The new process queues on where the old one stopped. Waited for, not assumed after the sleep: on a
  // loaded machine the process can take longer than that to start and write its first status.
  const lastStatus = async () => JSON.parse((await statusJson(dir)).stdout()).lastStatus as { lastSeq: number; queue: { depth: number } };
  await waitFor('the new process queues', async () => (await lastStatus()).queue.depth > queuedMidway, 20_000).catch(() => undefined);
  const beforeRestart = await lastStatus();
  expect(beforeRestart.queue.depth).toBeGreaterThan(queuedMidway);

  tp = await startTestPlatform(ports, db);
  const upAt = Date.now();
  await waitFor('the backlog stored', async () => (await device()).lastSeq >= beforeRestart.lastSeq + 2, 30_000);

  const rows = ((await tp.api('GET', `/api/v1/devices/${deviceId}/heartbeats?limit=1000`)).body.items as StoredHeartbeat[]).reverse();
  const seqs = rows.map((r) => r.seq);
  // None lost, none doubled: one row per seq, every seq from the first to the last.
  expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => seqs[0]! + i));
  // Arrived in order: the platform received them in seq order.
  const received = rows.map((r) => Date.parse(r.receivedAt));
  expect(received).toEqual([...received].sort((a, b) => a - b));
  // The ones made during the outage kept their original device time: made before the platform was
  // back, received after; device times increase with seq, about one interval apart.
  const late = rows.filter((r) => Date.parse(r.deviceTime) > downAt && Date.parse(r.deviceTime) < upAt);
  expect(late.length).toBeGreaterThanOrEqual(5);
  for (const r of late) {
    expect(Date.parse(r.receivedAt)).toBeGreaterThanOrEqual(upAt - 50);
    expect(r.clockUntrusted).toBe(false);
  }
  const deviceTimes = rows.map((r) => Date.parse(r.deviceTime));
  expect(deviceTimes).toEqual([...deviceTimes].sort((a, b) => a - b));
  // The queue is empty again and the agent says so.
  await waitFor('queue drained', async () => JSON.parse((await statusJson(dir)).stdout()).lastStatus.queue.depth === 0, 10_000);
  // The hash chain ran unbroken through the outage and the restart: every stored heartbeat is backed
  // by the device's signature on its day's anchor (docs/evidence.md).
  await tp.platform.context.writer.flush();
  const days = [...new Set(rows.flatMap((r) => [r.deviceTime, r.receivedAt]).map((t) => calendar.dayAndBucket(Date.parse(t)).day))];
  // (The agent keeps heartbeating meanwhile, so a day may hold more than the rows read above.)
  let backed = 0;
  for (const day of days) {
    const verdict = verifyDeviceDay((await tp.api('GET', `/api/v1/devices/${deviceId}/chain/${day}`)).body, calendar);
    if (verdict.backedHeartbeats > 0) expect(verdict.problems).toEqual([]);
    expect(verdict.unbackedHeartbeats).toBe(0);
    backed += verdict.backedHeartbeats;
  }
  expect(backed).toBeGreaterThanOrEqual(rows.length);
  console.log(
    `store-and-forward: ${late.length} heartbeats made during a ${((upAt - downAt) / 1000).toFixed(1)} s outage (agent restarted inside it) arrived after it, seqs ${seqs[0]}..${seqs.at(-1)} gapless`,
  );
}, 60_000);

async function statusJson(dir: string): Promise<AgentProcess> {
  const p = spawnAgent(['status', '--json', '--state-dir', dir]);
  await p.exited;
  return p;
}
