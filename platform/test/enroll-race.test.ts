// The same hardware enrolled at the same moment from two enterprises. Each enrollment's transaction
// sees only committed rows, so without serialising by fingerprint both saw no twin: two devices on
// one box, neither flagged, both counted. Serialised, the later one sees the earlier and is flagged. Only PostgreSQL runs transactions side by side (PGlite
// has one connection), so that is where this is tried.
import { createHash, generateKeyPairSync } from 'node:crypto';
import { rawPublicKey } from '@edgenet/proto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seedEnterprise, USCC, type Seeded } from '../../test/helpers/fixtures.js';
import { startTestPlatform, type TestPlatform } from '../../test/helpers/platform.js';

let tp: TestPlatform;
let a: Seeded;
let b: Seeded;
beforeAll(async () => {
  tp = await startTestPlatform();
  a = await seedEnterprise(tp, { uscc: USCC[0], maxUses: 100 });
  b = await seedEnterprise(tp, { uscc: USCC[1], maxUses: 100 });
});
afterAll(() => tp?.close());

const ROUNDS = 12;
const fingerprint = (tag: string, i: number) => createHash('sha256').update(`race-${tag}-${i}`).digest('hex');
const device = (fp: string) => ({
  kind: 'compute_box',
  fingerprint: fp,
  publicKey: rawPublicKey(generateKeyPairSync('ed25519').publicKey),
  agentVersion: 'race',
  inventory: { cpuBrand: 'race' },
});

describe.runIf(inject('databaseUrl') !== '')('the same hardware enrolled at once from two enterprises', () => {
  it('/enroll: exactly one of the two, the later, is flagged duplicate_hardware, every time', async () => {
    // The newcomer is flagged and the established device is not (docs/certification.md "Flags"); the
    // race left both unflagged, so a round with no flag is the failure this guards against.
    const wrong: string[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const fp = fingerprint('one', i);
      const [x, y] = await Promise.all([a, b].map((s) => tp.api('POST', '/api/v1/enroll', { token: s.token, ...device(fp) }, null)));
      expect([x!.status, y!.status]).toEqual([201, 201]);
      let flagged = 0;
      for (const r of [x!, y!]) {
        const flags = (await tp.api('GET', `/api/v1/flags?deviceId=${r.body.deviceId}&open=true`)).body.items as { kind: string }[];
        if (flags.some((f) => f.kind === 'duplicate_hardware')) flagged += 1;
      }
      if (flagged !== 1) wrong.push(`round ${i}: ${flagged} of 2 flagged`);
    }
    expect(wrong, 'rounds without exactly one flagged twin').toEqual([]);
  });

  it('/enroll/bulk: one batch enrolls the hardware and the other is refused, every time', async () => {
    const outcomes: string[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const fp = fingerprint('bulk', i);
      const res = await Promise.all([a, b].map((s) => tp.api('POST', '/api/v1/enroll/bulk', { token: s.token, devices: [device(fp)] }, null)));
      outcomes.push(
        res
          .map((r) => r.status)
          .sort()
          .join('+'),
      );
    }
    expect(outcomes).toEqual(Array.from({ length: ROUNDS }, () => '201+409'));
  });
});
