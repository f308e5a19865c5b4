// The endorsement key's certificate checked against the TPM manufacturers' roots the operator put in
// EDGENET_TPM_ROOTS_DIR (docs/tpm.md says where to get them). Vendors sign EK certificates through one
// or more intermediate CAs; the folder may hold those too, but only a self-signed certificate in it
// ends a chain, so an intermediate alone is never a trust anchor.
import { X509Certificate, createHash, type KeyObject } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TpmRoots {
  dir: string;
  certificates: readonly X509Certificate[];
}

export interface EndorsementKey {
  key: KeyObject;
  issuer: string;
  serial: string;
  /** SHA-256 hex of the EK's SubjectPublicKeyInfo (DER): the chip, whatever certificate names it. */
  publicSha256: string;
}

const MAX_CHAIN = 5; // EK certificate, up to three intermediates, the root

/** Every certificate of every .pem/.crt/.cer file in `dir`; throws (at start-up) when none is there. */
export function loadTpmRoots(dir: string): TpmRoots {
  const certificates: X509Certificate[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!/\.(pem|crt|cer)$/i.test(name)) continue;
    const text = readFileSync(join(dir, name), 'utf8');
    for (const block of text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []) {
      certificates.push(new X509Certificate(block));
    }
  }
  if (certificates.length === 0) throw new Error(`EDGENET_TPM_ROOTS_DIR ${dir} holds no PEM certificate (*.pem, *.crt, *.cer)`);
  return { dir, certificates };
}

const selfSigned = (c: X509Certificate) => c.checkIssued(c) && c.verify(c.publicKey);
const validAt = (c: X509Certificate, at: Date) => new Date(c.validFrom) <= at && at <= new Date(c.validTo);

/** The EK from a certificate (DER) that chains to a configured root at `at`, or why it does not. */
export function verifyEkCertificate(der: Buffer, roots: TpmRoots, at: Date): EndorsementKey | string {
  let ek: X509Certificate;
  try {
    ek = new X509Certificate(der);
  } catch {
    return 'the EK certificate is not an X.509 certificate';
  }
  if (ek.publicKey.asymmetricKeyType !== 'rsa' || ek.publicKey.asymmetricKeyDetails?.modulusLength !== 2048) {
    return 'only RSA-2048 endorsement keys are supported';
  }
  let current = ek;
  for (let depth = 0; depth < MAX_CHAIN; depth++) {
    if (!validAt(current, at)) return `${depth === 0 ? 'the EK certificate' : `CA ${current.subject}`} is not valid at ${at.toISOString()}`;
    const issuer = roots.certificates.find((c) => c !== current && current.checkIssued(c) && current.verify(c.publicKey) && (c.ca || selfSigned(c)));
    if (!issuer) return `the EK certificate (issuer ${ek.issuer.replace(/\n/g, ', ')}) does not chain to a root in ${roots.dir}`;
    if (selfSigned(issuer)) {
      if (!validAt(issuer, at)) return `root ${issuer.subject} is not valid at ${at.toISOString()}`;
      return {
        key: ek.publicKey,
        issuer: ek.issuer.replace(/\n/g, ', '),
        serial: ek.serialNumber.toLowerCase(),
        publicSha256: createHash('sha256')
          .update(ek.publicKey.export({ type: 'spki', format: 'der' }))
          .digest('hex'),
      };
    }
    current = issuer;
  }
  return `the EK certificate's chain is longer than ${MAX_CHAIN}`;
}
