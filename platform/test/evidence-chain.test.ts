// Device-signed evidence (docs/evidence.md): heartbeats chained by
// prev_hash, one signed anchor per device per day, and an offline check that says which of a day's
// heartbeats are backed by the device's own signature — failing on any edited byte.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeHeartbeat, sealEnvelope } from '@edgenet/proto';
import { verifyDeviceDay, type DeviceDayEvidence } from '../src/certification/device-chain.js';
import { COUNTING_POLICY } from '../src/certification/policy.js';
import { calendarOf } from '../src/domain/calendar.js';
import { startTestPlatform, type TestPlatform } from '../../test/helpers/platform.js';
import { seedEnterprise, USCC } from '../../test/helpers/fixtures.js';
import { enrollTestDevice, type TestDevice } from '../../test/helpers/device.js';

const calendar = calendarOf(COUNTING_POLICY);
const { dayStartUtc } = calendar;

let tp: TestPlatform;
let dev: TestDevice;
const DAY = '2025-08-01';

/** Sends `n` heartbeats 5 minutes apart from 08:00 Shanghai, chained unless `breakAt` says otherwise. */
async function sendDay(device: TestDevice, day: string, n: number, opts: { firstSeq?: number; breakAt?: number; restartAt?: number } = {}) {
  let prev: Buffer | null = null;
  for (let k = 0; k < n; k++) {
    const at = dayStartUtc(day) + 8 * 3_600_000 + k * 300_000;
    const prevHash: Uint8Array =
      k === opts.breakAt ? createHash('sha256').update('not the previous body').digest() : k === opts.restartAt ? new Uint8Array() : (prev ?? new Uint8Array());
    const body = encodeHeartbeat({ seq: (opts.firstSeq ?? 1) + k, deviceTimeMs: at, cpuPercent: 5, inference: { total: k + 1 }, prevHash });
    expect((await tp.platform.context.ingest.handle(device.deviceId, 'heartbeat', sealEnvelope(body, device.privateKey), new Date(at))).outcome).toBe(
      'accepted',
    );
    prev = createHash('sha256').update(body).digest();
  }
  await tp.platform.context.writer.flush();
}

const evidence = async (device: TestDevice, day: string) => (await tp.api('GET', `/api/v1/devices/${device.deviceId}/chain/${day}`)).body as DeviceDayEvidence;

beforeAll(async () => {
  tp = await startTestPlatform();
  const { token } = await seedEnterprise(tp);
  dev = await enrollTestDevice(tp, token);
  await sendDay(dev, DAY, 24);
});
afterAll(() => tp?.close());

describe('device-signed evidence', () => {
  it('keeps one signed anchor per day and backs every heartbeat of an unbroken chain', async () => {
    const e = await evidence(dev, DAY);
    expect(e.anchor?.seq).toBe(24);
    expect(e.heartbeats).toHaveLength(24);
    expect(verifyDeviceDay(e, calendar)).toEqual({
      ok: true,
      problems: [],
      backedHeartbeats: 24,
      backedOnlineBuckets: 24,
      unbackedHeartbeats: 0,
      sealedHeartbeats: 0,
    });
  });

  it('fails on an edited body or a forged anchor signature', async () => {
    const e = await evidence(dev, DAY);
    const edited = structuredClone(e);
    const body = Buffer.from(edited.heartbeats[5]!.body!, 'base64');
    body[body.length - 1]! ^= 1;
    edited.heartbeats[5]!.body = body.toString('base64');
    // The chain stops at the edit: only the heartbeats after it stay backed, and the day fails. The
    // edited body's own signature (kept on every row) no longer verifies either.
    expect(verifyDeviceDay(edited, calendar)).toMatchObject({
      ok: false,
      problems: [
        'heartbeat 6: its stored body does not verify with its own signature: it was altered',
        'heartbeat 6 is not the body whose hash heartbeat 7 signs: it was altered or replaced',
      ],
      backedHeartbeats: 18,
      unbackedHeartbeats: 6,
    });

    // An operator removing one heartbeat of the day (a row deleted from the database).
    const removed = structuredClone(e);
    removed.heartbeats.splice(9, 1);
    expect(verifyDeviceDay(removed, calendar)).toMatchObject({
      ok: false,
      problems: ['heartbeat 10 is missing: heartbeat 11 signs the hash of it'],
      backedHeartbeats: 14,
    });

    const forged = structuredClone(e);
    const sig = Buffer.from(forged.anchor!.signature, 'base64');
    sig[0]! ^= 1;
    forged.anchor!.signature = sig.toString('base64');
    expect(verifyDeviceDay(forged, calendar)).toMatchObject({ ok: false, problems: ['anchor signature does not verify with the device key'] });
  });

  it('fails a chain break: a signed prev_hash naming another body is an altered predecessor', async () => {
    const other = await enrollTestDevice(tp, (await seedEnterprise(tp, { uscc: '91110000600037341L' })).token);
    await sendDay(other, DAY, 20, { breakAt: 12 });
    const v = verifyDeviceDay(await evidence(other, DAY), calendar);
    // Heartbeat 13 signs a hash that is not heartbeat 12's body: the verifier cannot tell that from
    // an operator who replaced heartbeat 12, so the day fails (the agent restarts a chain with an
    // empty prev_hash instead, which is no fault).
    expect(v).toMatchObject({ ok: false, backedHeartbeats: 8, unbackedHeartbeats: 12 });
    expect(v.problems).toEqual(['heartbeat 12 is not the body whose hash heartbeat 13 signs: it was altered or replaced']);
    const rows = (await tp.api('GET', `/api/v1/devices/${other.deviceId}/heartbeats?limit=20`)).body.items;
    expect(rows).toHaveLength(20);
  });

  it('passes a chain the agent restarted (an empty prev_hash): the heartbeats before it are only unbacked', async () => {
    const other = await enrollTestDevice(tp, (await seedEnterprise(tp, { uscc: USCC[2] })).token);
    await sendDay(other, DAY, 20, { restartAt: 12 });
    expect(verifyDeviceDay(await evidence(other, DAY), calendar)).toEqual({
      ok: true,
      problems: [],
      backedHeartbeats: 8,
      backedOnlineBuckets: 8,
      unbackedHeartbeats: 12,
      sealedHeartbeats: 0,
    });
  });

  it('keeps each heartbeat verifiable on its own: a forged body the anchor cannot reach is caught by its signature', async () => {
    const other = await enrollTestDevice(tp, (await seedEnterprise(tp, { uscc: '91440300MA5DC9D714' })).token);
    await sendDay(other, DAY, 20, { restartAt: 12 });
    const e = await evidence(other, DAY);
    // Every stored heartbeat carries the device's signature over its body and the key id it names.
    const keyId = e.keys[0]!.keyId;
    expect(e.heartbeats.every((h) => h.keyId === keyId && Buffer.from(h.signature!, 'base64').length === 64)).toBe(true);
    // Heartbeat 3 is before the chain restart, so no anchor vouches for it: an operator rewriting its
    // body (more CPU, another device time) was invisible to the chain walk. Its own signature is not.
    const forged = structuredClone(e);
    const h3 = forged.heartbeats.find((h) => h.seq === 3)!;
    h3.body = Buffer.from(encodeHeartbeat({ seq: 3, deviceTimeMs: Date.parse(h3.receivedAt), cpuPercent: 99, inference: { total: 3 } })).toString('base64');
    expect(verifyDeviceDay(forged, calendar)).toMatchObject({
      ok: false,
      problems: ['heartbeat 3: its stored body does not verify with its own signature: it was altered'],
      backedHeartbeats: 8,
    });
    // Dropping the signature to hide the forgery is named too: every row received since the first
    // signed one is signed.
    delete h3.signature;
    delete h3.keyId;
    expect(verifyDeviceDay(forged, calendar).problems).toEqual(['heartbeat 3 has no signature, though heartbeat 1, received before it, has one']);
    // Rows stored before the platform kept signatures, received before every signed one, are not.
    const upgraded = structuredClone(e);
    for (const h of upgraded.heartbeats.filter((x) => x.seq <= 5)) {
      delete h.signature;
      delete h.keyId;
    }
    expect(verifyDeviceDay(upgraded, calendar)).toMatchObject({ ok: true, problems: [], backedHeartbeats: 8 });
    // A signature by a key the device never enrolled with is not the device's.
    const alien = structuredClone(e);
    alien.heartbeats[0]!.keyId = 'ffffffffffffffff';
    expect(verifyDeviceDay(alien, calendar).problems).toEqual(["heartbeat 1: key ffffffffffffffff is not one of the device's keys"]);
  });

  it('keeps the highest seq as the anchor when a late batch for the same day arrives', async () => {
    const e1 = await evidence(dev, DAY);
    // Another day's heartbeats do not touch this day's anchor.
    await sendDay(dev, '2025-08-02', 3, { firstSeq: 25 });
    expect((await evidence(dev, DAY)).anchor).toEqual(e1.anchor);
    expect((await evidence(dev, '2025-08-02')).anchor?.seq).toBe(27);
  });
});
