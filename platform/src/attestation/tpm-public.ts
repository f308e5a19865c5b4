// The attestation key as the device presents it: a TPM2B_PUBLIC (TPM 2.0 Part 2 §12.2.5), read here
// only as far as the platform must judge it. Its name is what MakeCredential binds the secret to
// (Part 1 §16, nameAlg || H(TPMT_PUBLIC)), and its attributes must say that the TPM made the key,
// will never let it leave, and signs only what the TPM itself produced (restricted).
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';

const TPM_ALG_RSA = 0x0001;
const TPM_ALG_SHA256 = 0x000b;
const TPM_ALG_NULL = 0x0010;
const TPM_ALG_RSASSA = 0x0014;

// TPMA_OBJECT bits (Part 2 §8.3.2).
const FIXED_TPM = 1 << 1;
const FIXED_PARENT = 1 << 4;
const SENSITIVE_DATA_ORIGIN = 1 << 5;
const RESTRICTED = 1 << 16;
const DECRYPT = 1 << 17;
const SIGN = 1 << 18;
const REQUIRED = FIXED_TPM | FIXED_PARENT | SENSITIVE_DATA_ORIGIN | RESTRICTED | SIGN;

export interface AttestationKey {
  /** TPM2B_NAME's bytes: nameAlg (SHA-256) followed by SHA-256 of the TPMT_PUBLIC. */
  name: Buffer;
  /** The RSA public key, to check the AK's signatures (RSASSA-PKCS1-v1_5 with SHA-256). */
  key: KeyObject;
}

/** Reads an RSA-2048 restricted signing key from TPM2B_PUBLIC bytes, or says why it is not one. */
export function parseAttestationKey(tpm2bPublic: Buffer): AttestationKey | string {
  const r = reader(tpm2bPublic);
  const size = r.u16();
  if (size === undefined || size !== tpm2bPublic.length - 2) return 'akPublic is not a TPM2B_PUBLIC (its size field does not match)';
  const type = r.u16();
  const nameAlg = r.u16();
  const attributes = r.u32();
  const authPolicy = r.tpm2b();
  const symmetric = r.u16();
  if (type !== TPM_ALG_RSA) return 'the attestation key must be an RSA key';
  if (nameAlg !== TPM_ALG_SHA256) return 'the attestation key must be named with SHA-256';
  if (attributes === undefined || authPolicy === undefined) return 'akPublic is truncated';
  if ((attributes & REQUIRED) !== REQUIRED || (attributes & DECRYPT) !== 0) {
    return 'the attestation key is not a restricted signing key made in and fixed to its TPM (fixedTPM, fixedParent, sensitiveDataOrigin, restricted, sign)';
  }
  if (symmetric !== TPM_ALG_NULL) return 'a signing key has no symmetric algorithm';
  const scheme = r.u16();
  const schemeHash = scheme === TPM_ALG_NULL ? undefined : r.u16();
  if (scheme !== TPM_ALG_RSASSA || schemeHash !== TPM_ALG_SHA256) return 'the attestation key must sign with RSASSA and SHA-256';
  const keyBits = r.u16();
  const exponent = r.u32();
  const modulus = r.tpm2b();
  if (keyBits !== 2048 || exponent === undefined || modulus === undefined || modulus.length !== 256 || !r.done()) {
    return 'the attestation key must be RSA-2048 and akPublic nothing more';
  }
  const e = Buffer.alloc(4);
  e.writeUInt32BE(exponent === 0 ? 65_537 : exponent); // 0 means the default exponent (Part 2 §12.2.3.5)
  const key = createPublicKey({
    key: { kty: 'RSA', n: modulus.toString('base64url'), e: e.subarray(e.findIndex((b) => b !== 0)).toString('base64url') },
    format: 'jwk',
  });
  const name = Buffer.alloc(2);
  name.writeUInt16BE(TPM_ALG_SHA256);
  return { name: Buffer.concat([name, createHash('sha256').update(tpm2bPublic.subarray(2)).digest()]), key };
}

/** A big-endian reader that answers undefined past the end instead of throwing (hostile input). */
export function reader(bytes: Buffer) {
  let at = 0;
  const take = (n: number): Buffer | undefined => {
    if (at + n > bytes.length) return undefined;
    const out = bytes.subarray(at, at + n);
    at += n;
    return out;
  };
  return {
    u16: () => take(2)?.readUInt16BE(0),
    u32: () => take(4)?.readUInt32BE(0),
    tpm2b(): Buffer | undefined {
      const n = take(2)?.readUInt16BE(0);
      return n === undefined ? undefined : take(n);
    },
    done: () => at === bytes.length,
  };
}
