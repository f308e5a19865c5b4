// TPM attestation at enrollment (docs/tpm.md), in two steps:
//   issueChallenge (POST /enroll/challenge): live token → EK certificate chains to a configured
//     manufacturer root → the AK is a restricted signing key → MakeCredential of a fresh secret to
//     that EK and AK name, and a fresh nonce → stored, answerable once before it expires;
//   redeemChallenge (inside POST /enroll's transaction): the same token → not used, not expired →
//     the secret TPM2_ActivateCredential recovered → the quote signed by the AK over
//     quoteQualifyingData(nonce, device key) → marked used → the device's attestation.
// The secret proves the AK sits in the TPM that holds the certified EK; the quote proves that AK
// spoke now (the nonce) about this enrollment's Ed25519 key.
import { randomBytes } from 'node:crypto';
import { and, eq, isNull, lt } from 'drizzle-orm';
import { quoteQualifyingData, TPM_NONCE_BYTES, type TpmAttestation, type TpmChallenge, type TpmChallengeRequest } from '@edgenet/proto';
import { hashSecret, secretMatches } from '../auth/secrets.js';
import type { Database } from '../db/index.js';
import { tpmChallenges } from '../db/schema/index.js';
import { verifyEkCertificate, type TpmRoots } from '../attestation/ek-chain.js';
import { makeCredential } from '../attestation/make-credential.js';
import { quoteProblem } from '../attestation/quote.js';
import { parseAttestationKey } from '../attestation/tpm-public.js';
import { ERR_ENROLL_TOKEN, ERR_TPM_ATTESTATION, ERR_TPM_NOT_CONFIGURED } from '../errors.js';
import { isLiveToken } from './token.js';

/** What a device proved with its TPM: stored on the device row. */
export interface TpmEvidence {
  ekIssuer: string;
  ekSerial: string;
  ekPublicSha256: string;
  akPublic: string;
  /** Null only for a challenge issued before the certificate was kept. */
  ekCertificate: string | null;
}

const SECRET_BYTES = 32; // a SHA-256-sized credential, the most TPM2B_DIGEST holds

export async function issueChallenge(db: Database, roots: TpmRoots | null, ttlMs: number, request: TpmChallengeRequest, at: Date): Promise<TpmChallenge> {
  if (!roots) throw new ERR_TPM_NOT_CONFIGURED();
  // A challenge costs a row and an RSA encryption: only a live token may ask for one.
  if (!(await isLiveToken(db, request.token, at))) throw new ERR_ENROLL_TOKEN({ reason: 'token_not_live' });
  const ek = verifyEkCertificate(Buffer.from(request.ekCertificate, 'base64'), roots, at);
  if (typeof ek === 'string') throw new ERR_TPM_ATTESTATION({ detail: ek });
  const ak = parseAttestationKey(Buffer.from(request.akPublic, 'base64'));
  if (typeof ak === 'string') throw new ERR_TPM_ATTESTATION({ detail: ak });
  const secret = randomBytes(SECRET_BYTES);
  const nonce = randomBytes(TPM_NONCE_BYTES);
  const credential = makeCredential(ek.key, ak.name, secret, randomBytes(32));
  const expiresAt = new Date(at.getTime() + ttlMs);
  // Expired challenges are of no use to anyone: each issue sweeps them.
  await db.delete(tpmChallenges).where(lt(tpmChallenges.expiresAt, at));
  const [row] = await db
    .insert(tpmChallenges)
    .values({
      tokenHash: hashSecret(request.token),
      ekIssuer: ek.issuer,
      ekSerial: ek.serial,
      ekPublicSha256: ek.publicSha256,
      akPublic: request.akPublic,
      ekCertificate: request.ekCertificate,
      nonce: nonce.toString('base64'),
      secretHash: hashSecret(secret),
      createdAt: at,
      expiresAt,
    })
    .returning({ id: tpmChallenges.id });
  return { challengeId: row!.id, nonce: nonce.toString('base64'), credential: credential.toString('base64'), expiresAt: expiresAt.toISOString() };
}

/** Checks the answer to a challenge and spends it; throws ERR_TPM_ATTESTATION when anything is off. */
export async function redeemChallenge(tx: Database, token: string, answer: TpmAttestation, publicKey: string, at: Date): Promise<TpmEvidence> {
  const [row] = await tx.select().from(tpmChallenges).where(eq(tpmChallenges.id, answer.challengeId)).for('update');
  if (!row || !secretMatches(token, row.tokenHash)) throw new ERR_TPM_ATTESTATION({ detail: 'no such challenge for this enrollment token' });
  if (row.usedAt !== null) throw new ERR_TPM_ATTESTATION({ detail: 'the challenge was answered already (a replayed nonce)' });
  if (row.expiresAt <= at) throw new ERR_TPM_ATTESTATION({ detail: `the challenge expired at ${row.expiresAt.toISOString()} (a stale nonce)` });
  if (!secretMatches(Buffer.from(answer.secret, 'base64'), row.secretHash)) {
    throw new ERR_TPM_ATTESTATION({ detail: 'the activated secret is wrong: the attestation key is not in the TPM that holds the certified EK' });
  }
  const ak = parseAttestationKey(Buffer.from(row.akPublic, 'base64'));
  if (typeof ak === 'string') throw new ERR_TPM_ATTESTATION({ detail: ak });
  const expected = quoteQualifyingData(Buffer.from(row.nonce, 'base64'), Buffer.from(publicKey, 'base64url'));
  const problem = quoteProblem(ak.key, Buffer.from(answer.quote, 'base64'), Buffer.from(answer.signature, 'base64'), expected);
  if (problem) throw new ERR_TPM_ATTESTATION({ detail: problem });
  const [spent] = await tx
    .update(tpmChallenges)
    .set({ usedAt: at })
    .where(and(eq(tpmChallenges.id, row.id), isNull(tpmChallenges.usedAt)))
    .returning({ id: tpmChallenges.id });
  if (!spent) throw new ERR_TPM_ATTESTATION({ detail: 'the challenge was answered already (a replayed nonce)' });
  return { ekIssuer: row.ekIssuer, ekSerial: row.ekSerial, ekPublicSha256: row.ekPublicSha256, akPublic: row.akPublic, ekCertificate: row.ekCertificate };
}

/** The hardware identifier of an EK (enrollment/hardware-ids.ts' `kind:value` form): one chip, one id. */
export const ekHardwareId = (evidence: TpmEvidence): string => `tpm_ek:${evidence.ekPublicSha256}`;
