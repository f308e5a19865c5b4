// The device's Ed25519 key pair (RFC 8032). The private key is made on the device, saved as PKCS8 PEM
// readable by its owner only, and never leaves it; the platform receives only the raw public key and
// verifies every Envelope with it (docs/protocol.md §1, §2).
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { AgentError } from './errors.js';
import { atomicWriteFile } from './durable-file.js';

export interface DeviceIdentity {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export function generateIdentity(): DeviceIdentity {
  return generateKeyPairSync('ed25519');
}

export function saveIdentity(path: string, identity: DeviceIdentity): void {
  const pem = identity.privateKey.export({ type: 'pkcs8', format: 'pem' });
  atomicWriteFile(path, pem, 0o600);
}

export function loadIdentity(path: string): DeviceIdentity {
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (err) {
    throw new AgentError('EDGE_AGENT_ERR_KEY_INVALID', `cannot read device key ${path}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: pem, format: 'pem' });
  } catch (err) {
    throw new AgentError('EDGE_AGENT_ERR_KEY_INVALID', `${path} is not a PEM private key`, { cause: err });
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new AgentError('EDGE_AGENT_ERR_KEY_INVALID', `${path} holds a ${privateKey.asymmetricKeyType} key, not Ed25519`);
  }
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

// The raw public key, its KeyObject and its key id are wire rules shared with the platform.
export { rawPublicKey as publicKeyBase64Url, publicKeyFromRaw as publicKeyFromBase64Url, keyIdOf as keyId } from '@edgenet/proto';
