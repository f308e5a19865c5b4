// Presence with memory deciding (presence/local.ts): transitions that come within the gathering
// moment are written by one flush — every device's state in one statement, the history in one —
// and none is lost: each transition has its history row, each device its latest state, and
// settled() waits for a flush still gathering.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../src/db/index.js';
import { startTestPlatform, type TestPlatform } from '../../test/helpers/platform.js';
import { seedEnterprise } from '../../test/helpers/fixtures.js';
import { enrollTestDevice } from '../../test/helpers/device.js';

let tp: TestPlatform;
let token: string;
let statements: string[] = [];
beforeAll(async () => {
  tp = await startTestPlatform({}, undefined, { onStatement: (text) => statements.push(text) });
  ({ token } = await seedEnterprise(tp, { workstations: ['A'], maxUses: 10 }));
});
afterAll(() => tp?.close());

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('writes transitions spread over a moment in one flush of two statements, losing none', async () => {
  const ids = await Promise.all([0, 1, 2, 3].map(async () => (await enrollTestDevice(tp, token)).deviceId));
  const { presence } = tp.platform.context;
  await presence.settled();
  statements = [];
  // Each device online, the first two off again and the first back: nine transitions, 10 ms apart.
  const steps: [string, boolean][] = [...ids.map((id): [string, boolean] => [id, true]), [ids[0]!, false], [ids[1]!, false], [ids[0]!, true]];
  for (const [id, online] of steps) {
    if (online) presence.seen(id, 60_000);
    else presence.disconnected(id, 'connection closed');
    await pause(10);
  }
  await presence.settled(); // a flush still gathering is waited for
  const writes = statements.filter((s) => /^\s*(update|insert)/i.test(s));
  expect(writes).toHaveLength(2);

  const state = await queryRows<{ id: string; online: boolean }>(
    tp.platform.context.db,
    sql`select id, online from devices where id = any(${sql.param(ids)}::uuid[])`,
  );
  expect(Object.fromEntries(state.map((r) => [r.id, r.online]))).toEqual({ [ids[0]!]: true, [ids[1]!]: false, [ids[2]!]: true, [ids[3]!]: true });
  const history = await queryRows<{ device_id: string; event: string }>(
    tp.platform.context.db,
    sql`select device_id, event from device_connections where device_id = any(${sql.param(ids)}::uuid[]) order by at, event desc`,
  );
  expect(history.map((h) => [ids.indexOf(h.device_id), h.event])).toEqual(steps.map(([id, online]) => [ids.indexOf(id), online ? 'online' : 'offline']));
});
