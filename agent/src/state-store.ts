// Durable state files. Every write goes to a temp file in the same directory, is fsynced, then renamed
// over the target (rename is atomic within one filesystem, POSIX rename(2)), and the directory is
// fsynced so the rename itself survives a power cut. A reader therefore sees the old file or the new
// one, never half of either: the property the heartbeat sequence depends on.
import { randomBytes } from 'node:crypto';
import { closeSync, fdatasyncSync, fstatSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { QueueStats } from './disk-queue.js';
import { AgentError } from './errors.js';
import type { InferenceCountersSnapshot } from './inference-counters.js';

export const STATE_FILES = Object.freeze({
  config: 'agent.json',
  credentials: 'credentials.json',
  privateKey: 'device-key.pem',
  seq: 'seq.json',
  chain: 'chain.json',
  status: 'status.json',
  hardware: 'hardware.json',
});

export function atomicWriteFile(path: string, data: string | Uint8Array, mode = 0o644): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    // The mode is set at creation, so a secret is never readable by others even for an instant.
    fd = openSync(tmp, 'wx', mode);
    writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
  } catch (err) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    throw new AgentError('EDGE_AGENT_ERR_STATE_DIR', `cannot write ${path}: ${(err as Error).message}`, { cause: err });
  }
  fsyncDirectory(dirname(path));
}

export function fsyncDirectory(dir: string): void {
  // Some platforms (Windows) and filesystems refuse fsync on a directory; the rename is still atomic.
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // best effort
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function writeJsonFile(path: string, value: unknown, mode = 0o644): void {
  atomicWriteFile(path, `${JSON.stringify(value, null, 2)}\n`, mode);
}

/**
 * A small file rewritten all the time (seq.json, chain.json, status.json), written so that a full
 * disk does not stop it: atomically as usual, padded with spaces to a multiple of `blockBytes`
 * (JSON allows trailing white space, RFC 8259 §2); and when the disk has no room for the new copy,
 * over the old copy in place, which needs no new block as long as the content fits in the old size.
 * An in-place write of one sector is not guaranteed atomic, but the alternative on a full disk is no
 * write at all: the heartbeat seq could not advance and the device would go silent.
 */
export function writeSmallJsonFile(path: string, value: unknown, blockBytes: number, mode = 0o644): void {
  const text = `${JSON.stringify(value)}\n`;
  const size = Math.ceil(Buffer.byteLength(text) / blockBytes) * blockBytes;
  try {
    atomicWriteFile(path, padded(text, size), mode);
  } catch (err) {
    if (!overwriteInPlace(path, text)) throw err;
  }
}

/** text (ending in a newline) with spaces before its newline, to `size` bytes. */
function padded(text: string, size: number): Buffer {
  const data = Buffer.alloc(size, ' ');
  data.write(text.slice(0, -1), 0, 'utf8');
  data[size - 1] = 0x0a;
  return data;
}

/** Overwrites an existing file from byte 0 with text padded to its size; false when it cannot. */
function overwriteInPlace(path: string, text: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r+');
    const size = fstatSync(fd).size;
    if (Buffer.byteLength(text) > size) return false;
    const data = padded(text, size);
    let written = 0;
    while (written < size) written += writeSync(fd, data, written, size - written, written);
    fdatasyncSync(fd);
    return true;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The parsed JSON, or undefined when the file does not exist. Unparseable content is an error. */
export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new AgentError('EDGE_AGENT_ERR_STATE_DIR', `cannot read ${path}: ${(err as Error).message}`, { cause: err });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new AgentError('EDGE_AGENT_ERR_STATE_CORRUPT', `${path} is not valid JSON: ${(err as Error).message}`, {
      cause: err,
    });
  }
}

/**
 * The heartbeat sequence, persisted as the next value to use. A value is written to disk *before* it
 * is handed out, so a crash can skip numbers but never reuse one: the platform treats a repeated seq
 * as a replay and drops it (edge.proto, Heartbeat.seq).
 */
export class SeqStore {
  readonly path: string;
  #next: number;

  private constructor(path: string, next: number) {
    this.path = path;
    this.#next = next;
  }

  /**
   * Opens the store in a state directory. `floor` is the lowest acceptable next value (the run loop
   * passes lastSeq + 1 from status.json as a second witness); a missing file starts at max(1, floor).
   */
  static open(stateDir: string, floor = 1): SeqStore {
    const path = join(stateDir, STATE_FILES.seq);
    const raw = readJsonFile(path);
    let next = 1;
    if (raw !== undefined) {
      const value = (raw as { nextSeq?: unknown } | null)?.nextSeq;
      if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
        throw new AgentError(
          'EDGE_AGENT_ERR_STATE_CORRUPT',
          `${path} must hold {"nextSeq": <positive integer>}; write a value above the last seq the platform saw`,
        );
      }
      next = value;
    }
    const store = new SeqStore(path, Math.max(next, floor));
    if (raw === undefined || store.#next !== next) store.#persist(store.#next);
    return store;
  }

  /** The value the next call to take() returns. */
  peek(): number {
    return this.#next;
  }

  /** Reserves and returns the next seq; it is on disk as used before the caller can send it. */
  take(): number {
    const seq = this.#next;
    this.#persist(seq + 1);
    this.#next = seq + 1;
    return seq;
  }

  /** Moves the next value forward (e.g. to skip a range); refuses to move it back. */
  advanceTo(next: number): void {
    if (!Number.isSafeInteger(next) || next < this.#next) {
      throw new AgentError('EDGE_AGENT_ERR_SEQ_BACKWARDS', `refusing to move next seq from ${this.#next} to ${next}`);
    }
    this.#persist(next);
    this.#next = next;
  }

  #persist(next: number): void {
    writeSmallJsonFile(this.path, { nextSeq: next }, 32);
  }
}

export type ConnectionState = 'starting' | 'connecting' | 'connected' | 'disconnected' | 'stopped';

/** status.json: what the running agent last knew, for `edge-agent status`. Not authoritative state. */
export interface AgentStatusFile {
  pid: number;
  agentVersion: string;
  state: ConnectionState;
  brokerUrl: string;
  heartbeatIntervalMs: number;
  connectedAt: string | null;
  lastHeartbeatAt: string | null;
  lastSeq: number | null;
  /** Store-and-forward queue at the last write (depth, bytes, oldest, dropped; spilled: held in memory). */
  queue?: QueueStats & { spilled?: number; diskRefused?: boolean };
  /** Seq of the last heartbeat the broker acknowledged. */
  lastSentSeq?: number | null;
  /** When the broker last acknowledged any queued message. */
  lastAckAt?: string | null;
  clock?: { untrusted: boolean; reason: string | null; offsetMs: number | null; measuredAt: string | null };
  /** Models loaded and their recent latency (inference-counters.ts). */
  inference?: InferenceCountersSnapshot;
  updatedAt: string;
}

export function writeStatusFile(stateDir: string, status: AgentStatusFile): void {
  writeSmallJsonFile(join(stateDir, STATE_FILES.status), status, 1024);
}

/** status.json as written, or undefined when absent; a damaged file reads as undefined (it is advisory). */
export function readStatusFile(stateDir: string): AgentStatusFile | undefined {
  try {
    const raw = readJsonFile(join(stateDir, STATE_FILES.status));
    return raw && typeof raw === 'object' ? (raw as AgentStatusFile) : undefined;
  } catch {
    return undefined;
  }
}

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
