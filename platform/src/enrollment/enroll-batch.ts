// Many new devices enroll in one request and one transaction (POST /api/v1/enroll/bulk): a token
// use per device, keys made by the devices, the same insert path as /enroll (insert-devices.ts).
// Known hardware is refused rather than re-enrolled (duplicates.ts says why).
import type { EnrollingDevice } from '@edgenet/proto';
import { hashSecret, newSecret } from '../auth/secrets.js';
import { ERR_BATCH_DUPLICATE } from '../errors.js';
import { lockFingerprints, recordHardwareIds, refuseKnownHardware } from './duplicates.js';
import { hardwareIds } from './hardware-ids.js';
import type { EnrollmentServices, Presentation } from './enroll-device.js';
import { insertDevices } from './insert-devices.js';
import { assertPublicKey } from './public-key.js';
import { claimToken, type ClaimedToken } from './token.js';

export interface EnrolledBatch {
  token: ClaimedToken;
  /** In the order of the request. */
  devices: { deviceId: string; fingerprint: string; password: string }[];
}

export async function enrollBatch(
  { db }: Pick<EnrollmentServices, 'db'>,
  presented: Presentation,
  batch: readonly EnrollingDevice[],
  heartbeatIntervalMs: number,
): Promise<EnrolledBatch> {
  const fingerprints = batch.map((d) => d.fingerprint);
  if (new Set(fingerprints).size !== fingerprints.length) throw new ERR_BATCH_DUPLICATE({ reason: 'batch_fingerprint' });
  const ids = batch.map((d) => hardwareIds(d.inventory));
  const allIds = ids.flat();
  if (new Set(allIds).size !== allIds.length) throw new ERR_BATCH_DUPLICATE({ reason: 'batch_serial' });
  for (const [i, d] of batch.entries()) assertPublicKey(d.publicKey, `body/devices/${i}/publicKey`);
  const passwords = batch.map(() => newSecret('mq'));
  const candidates = batch.map((d, i) => ({ ...d, passwordHash: hashSecret(passwords[i]!) }));
  const { at, remoteAddress } = presented;

  const { token, inserted } = await db.transaction(async (tx) => {
    const claimed = await claimToken(tx, presented.token, at, remoteAddress, presented.onTokenSeen, batch.length);
    await lockFingerprints(tx, [...fingerprints, ...allIds]);
    await refuseKnownHardware(tx, fingerprints, allIds);
    const rows = await insertDevices(tx, claimed, candidates, heartbeatIntervalMs, at, remoteAddress);
    for (const [i, row] of rows.entries()) await recordHardwareIds(tx, row.id, ids[i]!, at);
    return { token: claimed, inserted: rows };
  });
  const idByFingerprint = new Map(inserted.map((c) => [c.fingerprint, c.id]));
  return { token, devices: batch.map((d, i) => ({ deviceId: idByFingerprint.get(d.fingerprint)!, fingerprint: d.fingerprint, password: passwords[i]! })) };
}
