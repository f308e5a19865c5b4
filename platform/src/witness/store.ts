// The witness's own storage: its key and, per log, the newest tree head it cosigned, in one folder
// on the bureau's machine. Nothing here depends on the platform or its database. heads.json is
// replaced atomically (write, fsync, rename), so a crash leaves the old heads or the new ones; every
// cosignature is also appended to cosignatures.ndjson, the witness's own history.
import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { appendFileSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { keyIdOf, rawPublicKey } from '@edgenet/proto';
import type { Cosignature, WitnessKey } from './cosignature.js';

export class WitnessStore {
  readonly #dir: string;
  readonly privateKey: KeyObject;
  readonly key: WitnessKey;
  #heads: Record<string, Cosignature>;

  constructor(dir: string) {
    this.#dir = dir;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const keyFile = join(dir, 'witness-key.pem');
    if (!existsSync(keyFile)) {
      const { privateKey } = generateKeyPairSync('ed25519');
      writeDurably(keyFile, privateKey.export({ format: 'pem', type: 'pkcs8' }) as string, 0o600);
    }
    this.privateKey = createPrivateKey(readFileSync(keyFile));
    const publicKey = rawPublicKey(this.privateKey);
    this.key = { keyId: keyIdOf(publicKey), publicKey };
    const headsFile = join(dir, 'heads.json');
    this.#heads = existsSync(headsFile) ? (JSON.parse(readFileSync(headsFile, 'utf8')) as Record<string, Cosignature>) : {};
  }

  head(log: string): Cosignature | undefined {
    return this.#heads[log];
  }

  /** Records a cosignature as the log's newest head: history first, then the heads file. */
  record(c: Cosignature): void {
    appendFileSync(join(this.#dir, 'cosignatures.ndjson'), `${JSON.stringify(c)}\n`);
    this.#heads = { ...this.#heads, [c.log]: c };
    writeDurably(join(this.#dir, 'heads.json'), JSON.stringify(this.#heads, null, 2), 0o600);
  }
}

function writeDurably(path: string, text: string, mode: number): void {
  const temp = `${path}.tmp`;
  writeFileSync(temp, text, { mode });
  const fd = openSync(temp, 'r');
  fsyncSync(fd);
  closeSync(fd);
  renameSync(temp, path);
}
