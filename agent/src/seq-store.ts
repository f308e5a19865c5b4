// The heartbeat sequence on disk (seq.json).
import { join } from 'node:path';
import { readJsonFile, writeSmallJsonFile } from './durable-file.js';
import { AgentError } from './errors.js';
import { STATE_FILES } from './state-files.js';

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
