// A TPM2_Quote checked (TPM 2.0 Part 3 §18.4): the attestation structure (TPMS_ATTEST, Part 2
// §10.12.12) must be one the TPM generated (magic TPM_GENERATED_VALUE, type TPM_ST_ATTEST_QUOTE),
// carry the qualifying data the platform expects, and be signed by the attestation key. A restricted
// key signs a TPM_GENERATED structure only when the TPM itself produced it, so the quote cannot be
// forged by software that holds no such key.
import { timingSafeEqual, verify, type KeyObject } from 'node:crypto';
import { reader } from './tpm-public.js';

const TPM_GENERATED_VALUE = 0xff544347;
const TPM_ST_ATTEST_QUOTE = 0x8018;

/** null when the quote is good; otherwise why not. */
export function quoteProblem(ak: KeyObject, attest: Buffer, signature: Buffer, expectedExtraData: Buffer): string | null {
  const r = reader(attest);
  if (r.u32() !== TPM_GENERATED_VALUE || r.u16() !== TPM_ST_ATTEST_QUOTE) return 'the quote is not a TPM-generated TPMS_ATTEST of a quote';
  if (r.tpm2b() === undefined) return 'the quote is truncated';
  const extraData = r.tpm2b();
  if (extraData === undefined) return 'the quote is truncated';
  if (!verify('sha256', attest, ak, signature)) return "the quote's signature is not the attestation key's";
  if (extraData.length !== expectedExtraData.length || !timingSafeEqual(extraData, expectedExtraData)) {
    return "the quote's qualifying data is not this challenge's nonce with this device's key (a stale or another enrollment's quote)";
  }
  return null;
}
