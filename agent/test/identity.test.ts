import { createHash, generateKeyPairSync } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAgentError } from '../src/errors.js';
import { generateIdentity, keyId, loadIdentity, publicKeyBase64Url, publicKeyFromBase64Url, saveIdentity } from '../src/identity.js';
import { tempDir } from './helpers/state-dir.js';

describe('device identity', () => {
  it('saves the private key as PKCS8 PEM with mode 0600', () => {
    const path = join(tempDir(), 'device-key.pem');
    saveIdentity(path, generateIdentity());
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
  });

  it('loads back the same key pair', () => {
    const path = join(tempDir(), 'device-key.pem');
    const identity = generateIdentity();
    saveIdentity(path, identity);
    const loaded = loadIdentity(path);
    expect(publicKeyBase64Url(loaded.publicKey)).toBe(publicKeyBase64Url(identity.publicKey));
  });

  it('exports the raw 32-byte public key as base64url (the JWK x), as enrollment expects', () => {
    const { publicKey } = generateIdentity();
    const x = publicKeyBase64Url(publicKey);
    expect(x).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const raw = Buffer.from(x, 'base64url');
    expect(raw).toHaveLength(32);
    // The SPKI DER of an Ed25519 key ends with the raw key (RFC 8410 §4).
    const spki = publicKey.export({ type: 'spki', format: 'der' });
    expect(spki.subarray(spki.length - 32)).toEqual(raw);
    expect(publicKeyFromBase64Url(x).equals(publicKey)).toBe(true);
  });

  it('derives a 16-hex key id from SHA-256 of the raw key', () => {
    const x = publicKeyBase64Url(generateIdentity().publicKey);
    const expected = createHash('sha256').update(Buffer.from(x, 'base64url')).digest('hex').slice(0, 16);
    expect(keyId(x)).toBe(expected);
    expect(keyId(x)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('refuses a key that is not Ed25519, or not a key at all', () => {
    const dir = tempDir();
    const rsa = join(dir, 'rsa.pem');
    writeFileSync(rsa, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const junk = join(dir, 'junk.pem');
    writeFileSync(junk, 'hello');
    for (const path of [rsa, junk, join(dir, 'missing.pem')]) {
      let caught: unknown;
      try {
        loadIdentity(path);
      } catch (err) {
        caught = err;
      }
      expect(isAgentError(caught, 'EDGE_AGENT_ERR_KEY_INVALID'), path).toBe(true);
    }
  });
});
