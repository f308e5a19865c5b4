// One device enrolls (POST /api/v1/enroll, docs/protocol.md §1). The flow, in named steps:
//   hardwareIds → claimToken → redeemChallenge (a TPM's answer, docs/tpm.md; its EK is one more
//   hardware identifier, so one chip enrolled twice is duplicate hardware) → lockFingerprints → knownHardware → reenroll (the same hardware in this
//   enterprise) or insertDevices → flagDuplicates (records the identifiers) → forget the cached device
// Everything that changes the database happens in one transaction, so a refused enrollment leaves
// no partial device behind.
import type { EnrollingDevice, TpmAttestation } from '@edgenet/proto';
import { hashSecret, newSecret } from '../auth/secrets.js';
import type { Database } from '../db/index.js';
import type { DeviceRegistry } from '../ingest/device-registry.js';
import type { FlagRecorder } from '../ingest/flags.js';
import { flagDuplicates, lockFingerprints } from './duplicates.js';
import { hardwareIds } from './hardware-ids.js';
import { insertDevices } from './insert-devices.js';
import { assertPublicKey } from './public-key.js';
import { knownHardware, reenroll } from './re-enroll.js';
import { claimToken } from './token.js';
import { ekHardwareId, redeemChallenge } from './tpm-challenge.js';

export interface EnrollmentServices {
  db: Database;
  registry: DeviceRegistry;
  flags: FlagRecorder;
}

/** Who presents the token, and when. */
export interface Presentation {
  token: string;
  remoteAddress: string;
  at: Date;
  /** Called with the token's id once it is known, so that even a refused use is audited with it. */
  onTokenSeen(tokenId: string): void;
}

export interface EnrolledDevice {
  deviceId: string;
  enterpriseId: string;
  projectId: string;
  reenrolled: boolean;
  keyChanged: boolean;
  attestation: 'tpm' | 'software';
  /** Lowest heartbeat seq the platform will accept from the device. */
  nextSeq: number;
  /** The new MQTT password, in clear: shown to the device once, stored hashed. */
  password: string;
}

export async function enrollDevice(
  { db, registry, flags }: EnrollmentServices,
  presented: Presentation,
  device: EnrollingDevice,
  heartbeatIntervalMs: number,
  tpm?: TpmAttestation,
): Promise<EnrolledDevice> {
  assertPublicKey(device.publicKey, 'body/publicKey');
  const password = newSecret('mq');
  const { at, remoteAddress } = presented;

  const result = await db.transaction(async (tx) => {
    const token = await claimToken(tx, presented.token, at, remoteAddress, presented.onTokenSeen);
    const evidence = tpm ? await redeemChallenge(tx, presented.token, tpm, device.publicKey, at) : undefined;
    const candidate = { ...device, passwordHash: hashSecret(password), ...(evidence ? { tpm: evidence } : {}) };
    // The platform's own reading of the serials: clones are found by these, not only by the fingerprint.
    const ids = [...hardwareIds(device.inventory), ...(evidence ? [ekHardwareId(evidence)] : [])];
    await lockFingerprints(tx, [device.fingerprint, ...ids]);
    const existing = await knownHardware(tx, token.enterpriseId, device.fingerprint);
    const enrolled = existing
      ? {
          id: existing.id,
          reenrolled: true,
          lastSeq: existing.lastSeq,
          ...(await reenroll(tx, existing, token, candidate, heartbeatIntervalMs, at, remoteAddress)),
        }
      : { id: (await insertDevices(tx, token, [candidate], heartbeatIntervalMs, at, remoteAddress))[0]!.id, reenrolled: false, lastSeq: 0, keyChanged: false };
    await flagDuplicates(tx, flags, { ...enrolled, enterpriseId: token.enterpriseId }, device.fingerprint, ids, at);
    return { ...enrolled, token, attestation: evidence ? ('tpm' as const) : ('software' as const) };
  });

  // The registry caches credentials and the key: the next CONNECT must see the new ones.
  registry.forget(result.id);
  return {
    deviceId: result.id,
    enterpriseId: result.token.enterpriseId,
    projectId: result.token.projectId,
    reenrolled: result.reenrolled,
    keyChanged: result.keyChanged,
    attestation: result.attestation,
    nextSeq: result.lastSeq + 1,
    password,
  };
}
