// Creates the platform's own certificate authority and a server certificate signed by it, for a first
// start without certificate files ("the platform can create a self-signed CA and server
// certificate and prints its fingerprint").
//
// Node's crypto cannot write X.509 certificates. @peculiar/x509 can, on top of WebCrypto: it is
// TypeScript, MIT, maintained by PeculiarVentures (PKI.js), has no native code and runs on Node 20;
// `selfsigned` is a thin wrapper over the same library that cannot sign a server certificate with a
// separate CA. The library needs a Reflect metadata polyfill (its README says so), imported here.
import 'reflect-metadata';
import { isIP } from 'node:net';
import { randomBytes, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

// ECDSA P-256: every TLS stack in use (OpenSSL in Node and mosquitto, mbedTLS on small devices)
// accepts it, and keys are made in milliseconds.
const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const DAY_MS = 86_400_000;
export const CA_VALIDITY_DAYS = 3_650; // 10 years: the CA is pinned by devices, so it should outlive them
export const SERVER_VALIDITY_DAYS = 397; // CA/Browser Forum BR 6.3.2 maximum for server certificates

export interface IssuedPem {
  cert: string;
  key: string;
}

/** RFC 5280 §4.1.2.2: serial numbers are positive and at most 20 octets; 16 random octets suffice. */
function serial(): string {
  const bytes = randomBytes(16);
  bytes[0] = bytes[0]! & 0x7f;
  return bytes.toString('hex');
}

/** PEM with a final newline, so PEM files can be concatenated into a chain. */
const pem = (text: string): string => (text.endsWith('\n') ? text : `${text}\n`);

async function pkcs8Pem(key: webcrypto.CryptoKey): Promise<string> {
  return pem(x509.PemConverter.encode(await webcrypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY'));
}

export async function createCa(commonName: string): Promise<IssuedPem> {
  const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=${commonName}, O=edgenet`,
    notBefore: new Date(now - 60_000), // a minute of slack for devices whose clock runs behind
    notAfter: new Date(now + CA_VALIDITY_DAYS * DAY_MS),
    keys,
    signingAlgorithm: ALG,
    extensions: [
      // RFC 5280 §4.2.1.9: a CA; path length 0, it signs only end-entity certificates.
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert: pem(cert.toString('pem')), key: await pkcs8Pem(keys.privateKey) };
}

export async function createServerCertificate(ca: IssuedPem, names: readonly string[]): Promise<IssuedPem> {
  const caCert = new x509.X509Certificate(ca.cert);
  const caKey = await webcrypto.subtle.importKey('pkcs8', x509.PemConverter.decodeFirst(ca.key), ALG, false, ['sign']);
  const keys = (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const now = Date.now();
  // RFC 6125 §6.4.4: clients check the subjectAltName, not the CN; IP addresses go in iPAddress entries.
  const san = names.map((n) => ({ type: isIP(n) ? ('ip' as const) : ('dns' as const), value: n }));
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: `CN=${names[0] ?? 'localhost'}, O=edgenet`,
    issuer: caCert.subject,
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + SERVER_VALIDITY_DAYS * DAY_MS),
    publicKey: keys.publicKey,
    signingKey: caKey,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(san),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(caCert),
    ],
  });
  return { cert: pem(cert.toString('pem')), key: await pkcs8Pem(keys.privateKey) };
}
