// Commands end to end with a real `edge-agent` process against a real platform: the operator asks the
// device to serve other workstations; the agent applies them, keeps them in its state directory
// across a restart, reports its new signed mapping, and the platform shows the command done with the
// device-signed result and the new mapping. A command sent while the agent is stopped reaches it
// when it starts again.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { FleetAgent } from '../helpers/agent-process.js';
import { seedEnterprise, type Seeded } from '../helpers/fixtures.js';
import { startTestPlatform, waitFor, type TestPlatform } from '../helpers/platform.js';

const AGENT_ENV = { EDGE_AGENT_RECONNECT_BASE_MS: '200', EDGE_AGENT_RECONNECT_CAP_MS: '1000', EDGE_AGENT_LOG_LEVEL: 'debug' };

let tp: TestPlatform;
let seeded: Seeded;
let agent: FleetAgent | undefined;
beforeAll(async () => {
  tp = await startTestPlatform({ EDGENET_PRESENCE_SWEEP_MS: '100' });
  seeded = await seedEnterprise(tp, { workstations: ['L1-01', 'L1-02', 'L2-01'] });
});
afterAll(async () => {
  agent?.destroy();
  await tp?.close();
});

const device = async (id: string) => (await tp.api('GET', `/api/v1/devices/${id}`)).body as { online: boolean; workstations: string[] };
const command = async (deviceId: string, id: string) => (await tp.api('GET', `/api/v1/devices/${deviceId}/commands/${id}`)).body;
const finished = (deviceId: string, id: string) =>
  waitFor(
    `command ${id} finished`,
    async () => {
      const c = await command(deviceId, id);
      return c.state === 'done' || c.state === 'failed' ? c : null;
    },
    30_000,
  );

it('applies set_workstations, keeps it across a restart, and the platform shows it done with the new signed mapping', async () => {
  agent = await FleetAgent.enroll({
    name: 'cmd1',
    platformUrl: tp.baseUrl,
    token: seeded.token,
    workstations: ['L1-01'],
    heartbeatIntervalMs: 1_000,
    env: AGENT_ENV,
  });
  const id = agent.deviceId;
  agent.start();
  await waitFor('the agent online', async () => (await device(id)).online, 30_000);
  expect((await device(id)).workstations).toEqual(['L1-01']);

  const sent = await tp.api('POST', `/api/v1/devices/${id}/commands`, { kind: 'set_workstations', workstations: ['L1-02', 'L2-01'] });
  expect(sent.status).toBe(201);
  const done = await finished(id, sent.body.id);
  expect(done.state).toBe('done');
  expect(done.history.map((h: { state: string }) => h.state)).toEqual(['queued', 'delivered', 'done']);
  expect(done.result.workstations).toEqual({ codes: ['L1-02', 'L2-01'], revision: 2 });
  // The mapping that counts is the one the device signed as its WorkstationMapping.
  await waitFor('the new mapping on the platform', async () => (await device(id)).workstations.join() === 'L1-02,L2-01');

  // Kept in the state directory: a new process serves the same codes at the same revision.
  const saved = JSON.parse(readFileSync(join(agent.dir, 'agent.json'), 'utf8')) as { workstations: string[]; workstationsRevision: number };
  expect(saved).toMatchObject({ workstations: ['L1-02', 'L2-01'], workstationsRevision: 2 });
  expect((await agent.kill('SIGTERM')).code).toBe(0);
  agent.start();
  await waitFor('the restarted agent starting', () => agent!.currentLogs().find((l) => l.msg === 'edge agent starting'), 30_000);
  expect(agent.currentLogs().find((l) => l.msg === 'edge agent starting')!.workstations).toEqual(['L1-02', 'L2-01']);
  await waitFor(
    'the restarted agent reports its mapping',
    () => agent!.currentLogs().find((l) => l.msg === 'published' && l.kind === 'workstations' && l.revision === 2),
    30_000,
  );
  expect((await device(id)).workstations).toEqual(['L1-02', 'L2-01']);

  // The same codes again: done, and nothing changes (the platform may send a command twice).
  const again = await tp.api('POST', `/api/v1/devices/${id}/commands`, { kind: 'set_workstations', workstations: ['L2-01', 'L1-02'] });
  expect((await finished(id, again.body.id)).result.workstations).toEqual({ codes: ['L1-02', 'L2-01'], revision: 2 });
});

it('gets a command sent while it was stopped when it starts again', async () => {
  const a = agent!;
  expect((await a.kill('SIGTERM')).code).toBe(0);
  await waitFor('the agent offline', async () => !(await device(a.deviceId)).online, 30_000);
  const sent = await tp.api('POST', `/api/v1/devices/${a.deviceId}/commands`, { kind: 'set_heartbeat_interval', intervalMs: 2_000 });
  expect(sent.body.state).toBe('queued');
  a.start();
  const done = await finished(a.deviceId, sent.body.id);
  expect(done.state).toBe('done');
  expect(done.result.detail).toBe('heartbeat every 2000 ms');
  expect(JSON.parse(readFileSync(join(a.dir, 'agent.json'), 'utf8')).heartbeatIntervalMs).toBe(2_000);
});
