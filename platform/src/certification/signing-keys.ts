// The platform's own Ed25519 signing key (RFC 8032) for certification reports. The private key is a
// 0600 file in the data folder; every public key ever used is kept in signing_keys and published at
// GET /api/v1/signing-keys, so rotating the key never makes an old report unverifiable.
import { createPrivateKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { keyIdOf, rawPublicKey } from '@edgenet/proto';
import { eq } from 'drizzle-orm';
import type { Database } from '../db/index.js';
import { signingKeys } from '../db/schema/index.js';

export interface SigningKey {
  keyId: string;
  publicKey: string; // raw, base64url
  privateKey: KeyObject;
}

export class ReportSigner {
  readonly #db: Database;
  readonly #file: string;
  #key: SigningKey | undefined;

  constructor(db: Database, dataDir: string) {
    this.#db = db;
    this.#file = join(dataDir, 'keys', 'report-signing-key.pem');
  }

  /** Loads the key (creating it on a first start) and makes sure its public half is published. */
  async load(): Promise<SigningKey> {
    if (!existsSync(this.#file)) this.#writeNewKey();
    const privateKey = createPrivateKey(readFileSync(this.#file));
    const publicKey = rawPublicKey(privateKey);
    const key = { keyId: keyIdOf(publicKey), publicKey, privateKey };
    await this.#db.insert(signingKeys).values({ keyId: key.keyId, publicKey }).onConflictDoNothing();
    this.#key = key;
    return key;
  }

  get current(): SigningKey {
    if (!this.#key) throw new Error('report signing key not loaded');
    return this.#key;
  }

  sign(bytes: string): string {
    return sign(null, Buffer.from(bytes, 'utf8'), this.current.privateKey).toString('base64url');
  }

  /** Retires the current key (its public key stays published) and starts signing with a new one. */
  async rotate(): Promise<SigningKey> {
    const old = this.current;
    // The new key replaces the old file atomically; the retired private key is not kept.
    this.#writeNewKey();
    await this.#db.update(signingKeys).set({ retiredAt: new Date() }).where(eq(signingKeys.keyId, old.keyId));
    return this.load();
  }

  #writeNewKey(): void {
    mkdirSync(join(this.#file, '..'), { recursive: true, mode: 0o700 });
    const { privateKey } = generateKeyPairSync('ed25519');
    const temp = `${this.#file}.tmp`;
    writeFileSync(temp, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
    renameSync(temp, this.#file);
  }
}

export async function publishedKeys(db: Database) {
  return db.select().from(signingKeys).orderBy(signingKeys.createdAt);
}
