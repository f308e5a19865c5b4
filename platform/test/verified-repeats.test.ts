// A mapping repeated byte for byte is not verified again; any other byte is, and a forgery of the
// same body is refused as before (ingest/verified-repeats.ts). Real platform, real database, the
// device's real Ed25519 key; the one thing watched is how often ingest asks for a verification.
import { edge, sealEnvelope } from '@edgenet/proto';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../test/helpers/platform.js';
import { seedEnterprise } from '../../test/helpers/fixtures.js';
import { enrollTestDevice } from '../../test/helpers/device.js';

// Every verification ingest asks for goes through the verifier the platform makes at start.
const verifications = vi.hoisted(() => ({ count: vi.fn() }));
vi.mock('../src/ingest/ed25519.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../src/ingest/ed25519.js')>();
  return {
    ...real,
    ed25519Verifier: () => {
      const inner = real.ed25519Verifier();
      const verify = (...args: Parameters<typeof inner.verify>) => {
        verifications.count();
        return inner.verify(...args);
      };
      return { backend: inner.backend, verify };
    },
  };
});

let tp: TestPlatform;
let token: string;
beforeAll(async () => {
  tp = await startTestPlatform();
  ({ token } = await seedEnterprise(tp, { workstations: ['A', 'B'] }));
});
afterAll(() => tp?.close());

it('verifies a repeated mapping once, and every envelope that differs by a byte', async () => {
  const device = await enrollTestDevice(tp, token, { workstations: ['A'] });
  const { ingest } = tp.platform.context;
  const counted = verifications.count;
  const body = edge.v1.WorkstationMapping.encode({ workstationCodes: ['A', 'B'], revision: 1 }).finish();
  const sealed = sealEnvelope(body, device.privateKey);
  const outcome = async (payload: Uint8Array) => (await ingest.handle(device.deviceId, 'workstations', payload)).outcome;

  counted.mockClear();
  expect(await outcome(sealed)).toBe('accepted');
  expect(await outcome(sealed)).toBe('accepted');
  expect(await outcome(Buffer.from(sealed))).toBe('accepted');
  expect(counted).toHaveBeenCalledTimes(1);

  // The same body with one signature byte changed: verified, and refused.
  const forged = Buffer.from(sealed);
  forged[forged.length - 1]! ^= 0x01;
  expect(await outcome(forged)).toBe('rejected');
  expect(counted).toHaveBeenCalledTimes(2);
  // The genuine one again: still remembered, since the forgery did not replace it.
  expect(await outcome(sealed)).toBe('accepted');
  expect(counted).toHaveBeenCalledTimes(2);

  // Another mapping is verified; the registry's entry dropped (as at re-enrollment) forgets it all.
  const other = sealEnvelope(edge.v1.WorkstationMapping.encode({ workstationCodes: ['B'], revision: 2 }).finish(), device.privateKey);
  expect(await outcome(other)).toBe('accepted');
  expect(counted).toHaveBeenCalledTimes(3);
  tp.platform.context.registry.forget(device.deviceId);
  expect(await outcome(other)).toBe('accepted');
  expect(counted).toHaveBeenCalledTimes(4);
});
