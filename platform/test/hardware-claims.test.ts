// Who may claim which hardware, and when a device's time starts (docs/certification.md "Flags",
// "Filing rule"): the platform reads the serials itself, so a clone with one self-reported field
// changed is still caught; a newcomer claiming hardware an earlier device holds is flagged itself,
// the established device keeps counting, and nobody learns another enterprise's device ids; and a
// device cannot earn days from before it was enrolled by delivering an old-dated queue.
import { createHash, generateKeyPairSync } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edge, rawPublicKey, sealEnvelope } from '@edgenet/proto';
import { queryRows } from '../src/db/index.js';
import { heartbeats } from '../src/db/schema/index.js';
import { hardwareIds } from '../src/enrollment/hardware-ids.js';
import { seedEnterprise, USCC, type Seeded } from '../../test/helpers/fixtures.js';
import { startTestPlatform, type TestPlatform } from '../../test/helpers/platform.js';
import { enrollTestDevice } from '../../test/helpers/device.js';
import { flagReason } from '../src/ingest/flag-reasons.js';

let tp: TestPlatform;
let a: Seeded;
let b: Seeded;
let aToken: string;

const fp = (tag: string) => createHash('sha256').update(tag).digest('hex');
const box = (fingerprint: string, inventory: Record<string, unknown>) => ({
  kind: 'compute_box',
  fingerprint,
  publicKey: rawPublicKey(generateKeyPairSync('ed25519').publicKey),
  agentVersion: 'test',
  inventory,
});
const enroll = async (s: Seeded, body: ReturnType<typeof box>) => {
  const r = await tp.api('POST', '/api/v1/enroll', { token: s.token, ...body }, null);
  expect(r.status).toBe(201);
  return r.body.deviceId as string;
};
const openFlags = async (deviceId: string, token?: string) =>
  (await tp.api('GET', `/api/v1/flags?deviceId=${deviceId}&open=true`, undefined, token)).body.items as { kind: string; reason: string; evidence: unknown }[];

beforeAll(async () => {
  tp = await startTestPlatform();
  a = await seedEnterprise(tp, { uscc: USCC[0], maxUses: 50 });
  b = await seedEnterprise(tp, { uscc: USCC[1], maxUses: 50 });
  aToken = (await tp.api('POST', '/api/v1/api-tokens', { name: 'A IT', role: 'enterprise', enterpriseId: a.enterpriseId })).body.token;
});
afterAll(() => tp?.close());

describe('hardware identifiers', () => {
  it('are read from the serials, with placeholders and hypervisor disks left out', () => {
    expect(
      hardwareIds({
        systemSerial: ' sn  123 ',
        boardSerial: 'To Be Filled By O.E.M.',
        systemUuid: '4C4C4544-0042-3510-8052-B4C04F4B4E32',
        disks: [{ serial: 'wd-abc' }, { serial: '0000000000' }, { model: 'QEMU HARDDISK', serial: 'QM00001' }],
      }),
    ).toEqual(['disk_serial:WD-ABC', 'system_serial:SN 123', 'system_uuid:4c4c4544-0042-3510-8052-b4c04f4b4e32']);
    expect(hardwareIds({ cpuBrand: 'x' })).toEqual([]);
  });
});

describe('a clone', () => {
  it('with one self-reported field changed is caught by a shared serial: the newcomer is flagged, the established device is not', async () => {
    const inventory = { systemSerial: 'CLONE-SN-1', disks: [{ model: 'Samsung SSD', serial: 'S4EVNX0N1' }] };
    const first = await enroll(a, box(fp('clone-1'), inventory));
    // Same serials, a different memory size, so the agent's hash differs.
    const second = await enroll(a, box(fp('clone-1-more-memory'), { ...inventory, memoryBytes: 17179869184 }));
    expect(await openFlags(first)).toEqual([]);
    const flags = await openFlags(second);
    expect(flags.map((f) => f.kind)).toEqual(['duplicate_hardware']);
    expect(flags[0]!.reason).toBe('claims hardware 1 earlier enrolled device(s) already claim (disk_serial, system_serial)');
    expect(flags[0]!.evidence).toMatchObject({ earlierInThisEnterprise: [first] });
    // One shared disk is enough.
    const third = await enroll(b, box(fp('clone-1-other-disk-set'), { systemSerial: 'OTHER', disks: [{ serial: 'S4EVNX0N1' }] }));
    expect((await openFlags(third)).map((f) => f.kind)).toEqual(['duplicate_hardware']);
  });

  it("claiming another enterprise's fingerprint flags the claimant, not the owner, and shows it no device id of the owner", async () => {
    const owner = await enroll(b, box(fp('b-box'), { systemSerial: 'B-OWNED-1' }));
    const claimant = await enroll(a, box(fp('b-box'), { systemSerial: 'A-SAYS-1' }));
    expect(await openFlags(owner)).toEqual([]);
    const asA = await tp.api('GET', '/api/v1/flags?open=true&limit=1000', undefined, aToken);
    expect(asA.status).toBe(200);
    expect((asA.body.items as { deviceId: string; kind: string }[]).filter((f) => f.deviceId === claimant).map((f) => f.kind)).toEqual(['duplicate_hardware']);
    expect(JSON.stringify(asA.body)).not.toContain(owner);
    expect(JSON.stringify(asA.body)).not.toContain('B-OWNED-1');
  });

  it('whose serials another enterprise claimed first: the operator moves the flag to the claimant, naming neither device to the other', async () => {
    // Enterprise A enrolls a script reporting B's serials before B's real box is installed.
    const claimant = await enroll(a, box(fp('a-pre-claim'), { systemSerial: 'B-REAL-9', boardSerial: 'B-BOARD-9' }));
    const real = await enroll(b, box(fp('b-real-box'), { systemSerial: 'B-REAL-9', boardSerial: 'B-BOARD-9' }));
    const [flagOnReal] = (await tp.api('GET', `/api/v1/flags?deviceId=${real}&open=true`)).body.items as { id: string; kind: string }[];
    expect(flagOnReal!.kind).toBe('duplicate_hardware');
    expect(await openFlags(claimant)).toEqual([]);
    const unrelated = await enroll(a, box(fp('a-unrelated'), { systemSerial: 'A-OWN-1' }));

    // Refused: an enterprise; a device that shares nothing; no such device.
    const asA = await tp.api('POST', `/api/v1/flags/${flagOnReal!.id}/move`, { toDeviceId: claimant, reason: 'we would like it moved' }, aToken);
    expect(asA.status).toBe(403);
    const apart = await tp.api('POST', `/api/v1/flags/${flagOnReal!.id}/move`, { toDeviceId: unrelated, reason: 'checked on site 2026-12-01' });
    expect(apart.status).toBe(409);
    expect(apart.body.message).toContain('claim no fingerprint or serial in common');
    const nobody = await tp.api('POST', `/api/v1/flags/${flagOnReal!.id}/move`, {
      toDeviceId: '00000000-0000-4000-8000-000000000000',
      reason: 'checked on site',
    });
    expect(nobody.status).toBe(404);

    // The on-site check found B's box at the line: the flag moves to A's device.
    const moved = await tp.api('POST', `/api/v1/flags/${flagOnReal!.id}/move`, {
      toDeviceId: claimant,
      reason: 'on-site check 2026-12-01: the box with these serials is at B',
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({ deviceId: claimant, kind: 'duplicate_hardware', evidence: { shared: ['board_serial', 'system_serial'] } });
    expect(await openFlags(real)).toEqual([]);
    expect((await openFlags(claimant)).map((f) => f.kind)).toEqual(['duplicate_hardware']);
    // Each enterprise sees its own flag, and no device id of the other.
    const seenByA = JSON.stringify((await tp.api('GET', `/api/v1/flags?deviceId=${claimant}`, undefined, aToken)).body);
    expect(seenByA).toContain('on-site check 2026-12-01');
    expect(seenByA).not.toContain(real);
    const resolvedOnReal = (await tp.api('GET', `/api/v1/flags?deviceId=${real}`)).body.items.find((f: { id: string }) => f.id === flagOnReal!.id);
    expect(resolvedOnReal.resolution).toBe('moved to the other device claiming this hardware: on-site check 2026-12-01: the box with these serials is at B');
    expect(resolvedOnReal.resolution).not.toContain(claimant);
    // The audit log records the move with both devices, for the operator and the bureau.
    const audit = JSON.stringify((await tp.api('GET', '/api/v1/audit?limit=5')).body);
    expect(audit).toContain('/api/v1/flags/:id/move');
    expect(audit).toContain(flagOnReal!.id);
    expect(audit).toContain(claimant);
    // A flag resolved (here: moved) does not move again; a flag of another kind never moves.
    expect((await tp.api('POST', `/api/v1/flags/${flagOnReal!.id}/move`, { toDeviceId: claimant, reason: 'checked on site' })).status).toBe(409);
    await tp.platform.context.flags.raise(unrelated, 'clock_skew', flagReason('clock_ahead', { minutes: 9 }), {});
    const [skew] = (await tp.api('GET', `/api/v1/flags?deviceId=${unrelated}&open=true`)).body.items as { id: string }[];
    const notDuplicate = await tp.api('POST', `/api/v1/flags/${skew!.id}/move`, { toDeviceId: claimant, reason: 'checked on site' });
    expect(notDuplicate.status).toBe(409);
    expect(notDuplicate.body.message).toContain('only a duplicate_hardware flag moves');
  });

  it('is not made of two boxes whose firmware left the same placeholder serial', async () => {
    const x = await enroll(a, box(fp('oem-1'), { systemSerial: 'To Be Filled By O.E.M.', boardSerial: 'Default string' }));
    const y = await enroll(b, box(fp('oem-2'), { systemSerial: 'To Be Filled By O.E.M.', boardSerial: 'Default string' }));
    expect([...(await openFlags(x)), ...(await openFlags(y))]).toEqual([]);
  });

  it('in a bulk batch is refused when a serial is enrolled already, without naming whose', async () => {
    await enroll(b, box(fp('bulk-owner'), { boardSerial: 'BULK-BOARD-7' }));
    const r = await tp.api('POST', '/api/v1/enroll/bulk', { token: a.token, devices: [box(fp('bulk-new'), { boardSerial: 'BULK-BOARD-7' })] }, null);
    expect(r.status).toBe(409);
    expect(r.body.message).toContain('1 hardware identifier(s) already enrolled (board_serial)');
    const twice = await tp.api(
      'POST',
      '/api/v1/enroll/bulk',
      { token: a.token, devices: [box(fp('bulk-x'), { systemSerial: 'TWICE' }), box(fp('bulk-y'), { systemSerial: 'TWICE' })] },
      null,
    );
    expect(twice.status).toBe(400);
  });
});

describe('heartbeats dated before enrollment', () => {
  it('never count: an old-dated queue delivered after enrollment is filed before_enrollment and rolled up nowhere', async () => {
    const dev = await enrollTestDevice(tp, a.token);
    const now = Date.now();
    // A trusted clock at hello, so without the rule these would be filed under their device time.
    const hello = edge.v1.Hello.encode({
      agentVersion: 'test',
      kind: edge.v1.DeviceKind.COMPUTE_BOX,
      fingerprint: 'f'.repeat(64),
      heartbeatIntervalMs: 300_000,
      deviceTimeMs: now,
    });
    await tp.platform.context.ingest.handle(dev.deviceId, 'hello', sealEnvelope(hello.finish(), dev.privateKey), new Date(now));
    for (let k = 0; k < 24; k++) {
      const deviceTimeMs = now - 3 * 86_400_000 + k * 300_000; // three days before enrollment
      const body = edge.v1.Heartbeat.encode({ seq: k + 1, deviceTimeMs, inference: { total: (k + 1) * 10 } }).finish();
      expect((await tp.platform.context.ingest.handle(dev.deviceId, 'heartbeat', sealEnvelope(body, dev.privateKey), new Date(now + k))).outcome).toBe(
        'accepted',
      );
    }
    await tp.platform.context.writer.flush();
    // The rollups are folded on a period (ingest/rollup/): folded now, so "none counted" is real.
    await tp.platform.context.writer.flushRollups();
    const filings = await tp.platform.context.db
      .select({ filing: heartbeats.filing, n: sql<number>`count(*)::int` })
      .from(heartbeats)
      .where(eq(heartbeats.deviceId, dev.deviceId))
      .groupBy(heartbeats.filing);
    expect(filings).toEqual([{ filing: 'before_enrollment', n: 24 }]);
    const days = await queryRows<{ n: number }>(tp.platform.context.db, sql`select count(*)::int as n from device_days where device_id = ${dev.deviceId}`);
    expect(days[0]!.n).toBe(0);
  });
});
