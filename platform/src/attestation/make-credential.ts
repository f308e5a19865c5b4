// TPM2_MakeCredential done by the platform, in node:crypto (TPM 2.0 Part 1 §24, "Credential
// Protection"; Part 3 §12.6). It wraps a secret so that only the TPM holding the EK's private key
// can unwrap it, and only for the key named `akName` loaded in that same TPM: the agent's
// TPM2_ActivateCredential returning the secret proves the AK lives beside the certified EK.
// Written here rather than by spawning `tpm2_makecredential --tcti none`: the platform then needs no
// TPM software installed, and the construction is short and fixed for an RSA-2048 EK with the
// default EK template (nameAlg SHA-256, AES-128-CFB; TCG EK Credential Profile, template L-1).
import { constants, createCipheriv, createHmac, publicEncrypt, type KeyObject } from 'node:crypto';

const u16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
};
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
const tpm2b = (b: Buffer) => Buffer.concat([u16(b.length), b]);

/** KDFa with HMAC-SHA-256 (Part 1 §11.4.10.2, SP 800-108 counter mode). */
function kdfa(key: Buffer, label: string, context: Buffer, bits: number): Buffer {
  const blocks: Buffer[] = [];
  for (let i = 1; blocks.length * 32 * 8 < bits; i++) {
    blocks.push(
      createHmac('sha256', key)
        .update(u32(i))
        .update(Buffer.from(`${label}\0`))
        .update(context)
        .update(u32(bits))
        .digest(),
    );
  }
  return Buffer.concat(blocks).subarray(0, bits / 8);
}

/** tpm2-tools' credential file: magic, version, TPM2B_ID_OBJECT, TPM2B_ENCRYPTED_SECRET (tpm2_makecredential -o). */
const CREDENTIAL_FILE_MAGIC = 0xbadcc0de;
const CREDENTIAL_FILE_VERSION = 1;

/**
 * The credential for `secret` (at most 32 bytes: a SHA-256 digest) to the EK `ekPublic` (RSA) and
 * the object `akName`, in the file format `tpm2_activatecredential -i` reads. `seed` is 32 random bytes.
 */
export function makeCredential(ekPublic: KeyObject, akName: Buffer, secret: Buffer, seed: Buffer): Buffer {
  // The seed travels encrypted to the EK with OAEP, label "IDENTITY" (Part 1 §B.10.4).
  const encryptedSeed = publicEncrypt(
    { key: ekPublic, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256', oaepLabel: Buffer.from('IDENTITY\0') },
    seed,
  );
  const symKey = kdfa(seed, 'STORAGE', akName, 128);
  const cipher = createCipheriv('aes-128-cfb', symKey, Buffer.alloc(16)); // IV zero (Part 1 §24.4)
  const encIdentity = Buffer.concat([cipher.update(tpm2b(secret)), cipher.final()]);
  const hmacKey = kdfa(seed, 'INTEGRITY', Buffer.alloc(0), 256);
  const outerHmac = createHmac('sha256', hmacKey).update(encIdentity).update(akName).digest();
  const idObject = Buffer.concat([tpm2b(outerHmac), encIdentity]);
  return Buffer.concat([u32(CREDENTIAL_FILE_MAGIC), u32(CREDENTIAL_FILE_VERSION), tpm2b(idObject), tpm2b(encryptedSeed)]);
}
