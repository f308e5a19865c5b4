// The heartbeat hash chain's last link on disk (chain.json).
import { join } from 'node:path';
import { readJsonFile, writeSmallJsonFile } from './durable-file.js';
import { STATE_FILES } from './state-files.js';

/**
 * The heartbeat hash chain (docs/evidence.md): each heartbeat carries SHA-256 of the previous one's
 * body, so the platform's one signed anchor a day vouches for all of them. chain.json records the
 * last body's hash with its seq; after a crash that skipped a seq, or with no file, the chain
 * restarts with an empty prev_hash rather than pointing at a body the platform never got.
 */
export class ChainStore {
  readonly path: string;
  #link: { seq: number; hash: Buffer } | null;

  private constructor(path: string, link: { seq: number; hash: Buffer } | null) {
    this.path = path;
    this.#link = link;
  }

  static open(stateDir: string): ChainStore {
    const path = join(stateDir, STATE_FILES.chain);
    let raw: { seq?: unknown; hash?: unknown } | null | undefined;
    try {
      raw = readJsonFile(path) as typeof raw;
    } catch {
      raw = null; // unreadable: the chain restarts, which the platform records honestly
    }
    const { seq, hash } = raw ?? {};
    const valid = typeof seq === 'number' && typeof hash === 'string' && /^[0-9a-f]{64}$/.test(hash);
    return new ChainStore(path, valid ? { seq, hash: Buffer.from(hash, 'hex') } : null);
  }

  /** prev_hash for the heartbeat with this seq: the last body's hash only if it was seq - 1. */
  prevHashFor(seq: number): Buffer {
    return this.#link && this.#link.seq === seq - 1 ? this.#link.hash : Buffer.alloc(0);
  }

  record(seq: number, hash: Buffer): void {
    this.#link = { seq, hash };
    writeSmallJsonFile(this.path, { seq, hash: hash.toString('hex') }, 128);
  }
}
