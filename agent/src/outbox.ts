// Store-and-forward: every heartbeat is appended to the on-disk queue (disk-queue.ts) and one sender
// drains the queue over MQTT in append order, removing each only after its PUBACK [MQTT-4.3.2]. So a
// message is sent with the device time and seq it was made with, however late, and nothing overtakes
// an older message.
//
// Up to `window` messages are in flight at once: with one, a backlog drains at one platform commit per
// message (about 4 a second). MQTT lets a client have many QoS 1 publishes outstanding, and a
// server acknowledges them in the order they came [MQTT-4.6.0-2]; the sender still removes a record
// only when it and every record before it are acknowledged, so a connection lost mid-window resends
// from the first unacknowledged record (at least once: the platform drops a repeat by its seq).
// A platform that needs the device to slow down answers later, and the window holds the device back.
//
// When the disk refuses an append (full, read-only), the message is kept in a bounded memory spill
// behind the disk queue rather than lost: a full disk must not silence a device that is connected.
// Once spilling, later messages spill too until the spill drains, so append order is kept.
import type { DeviceMessageKind } from '@edgenet/proto';
import type { DiskQueue, QueueRecord, QueueStats } from './disk-queue.js';
import type { Logger } from './log.js';
import type { MqttSession, PublishResult } from './mqtt-session.js';

/** Kinds that travel through the queue. One byte before the sealed envelope says which. */
const KINDS: readonly DeviceMessageKind[] = ['heartbeat', 'hello', 'workstations', 'status'];
const COMMIT_EVERY_MS = 1_000; // cursor writes during a long drain: at most one a second
export const DEFAULT_WINDOW = 16; // messages in flight while draining
export const DEFAULT_SPILL_MAX = 10_000; // messages held in memory while the disk refuses (~3 MB)

export interface OutboxOptions {
  queue: DiskQueue;
  session: MqttSession;
  topicFor: (kind: DeviceMessageKind) => string;
  log: Logger;
  window?: number;
  spillMax?: number;
  /** Called with the kind and queue id after each acknowledged message. */
  onSent?: (kind: DeviceMessageKind, payload: Buffer) => void;
  /** Called when a drain ends (queue empty or connection lost), e.g. to refresh status.json. */
  onIdle?: () => void;
}

/** Where a message in flight came from, so its acknowledgement removes it from there. */
type Source = { disk: number } | { spill: Buffer };

interface InFlight {
  source: Source;
  /** null: a record of unknown kind, skipped as if delivered. */
  kind: DeviceMessageKind | null;
  payload: Buffer;
  result: Promise<PublishResult>;
}

export interface OutboxStats extends QueueStats {
  /** Messages held in memory because the disk refused them; lost if the process ends. */
  spilled: number;
  /** The disk refused the last append (full or read-only): new messages go to memory. */
  diskRefused: boolean;
}

export class Outbox {
  readonly #o: OutboxOptions;
  readonly #window: number;
  readonly #spillMax: number;
  readonly #spill: Buffer[] = [];
  /** How many of the spill's first messages are in flight now. */
  #spillInFlight = 0;
  #spillDropped = 0;
  #diskRefused = false;
  #draining: Promise<void> | undefined;
  #again = false;
  #stopped = false;
  #lastCommit = 0;

  constructor(options: OutboxOptions) {
    this.#o = options;
    this.#window = Math.max(1, options.window ?? DEFAULT_WINDOW);
    this.#spillMax = Math.max(1, options.spillMax ?? DEFAULT_SPILL_MAX);
  }

  /**
   * Queues one sealed message (on disk on return, or in the memory spill when the disk refuses it),
   * then starts a drain if connected. Returns where it went.
   */
  put(kind: DeviceMessageKind, sealed: Buffer): 'disk' | 'memory' {
    const record = Buffer.alloc(1 + sealed.length);
    record[0] = KINDS.indexOf(kind);
    sealed.copy(record, 1);
    let where: 'disk' | 'memory' = 'memory';
    if (this.#spill.length === 0) {
      try {
        this.#o.queue.append(record);
        where = 'disk';
        if (this.#diskRefused) this.#o.log.info('the queue on disk takes messages again');
        this.#diskRefused = false;
      } catch (err) {
        // Once per episode: a full disk would otherwise log this at every heartbeat.
        if (!this.#diskRefused) this.#o.log.error({ err }, 'cannot append to the queue on disk; keeping messages in memory until it takes them again');
        this.#diskRefused = true;
      }
    }
    if (where === 'memory') {
      this.#spill.push(record);
      // Over the bound, the oldest message not already in flight goes (counted as dropped, as the
      // disk queue counts what its bounds drop).
      if (this.#spill.length > this.#spillMax) {
        this.#spill.splice(this.#spillInFlight, 1);
        this.#spillDropped += 1;
      }
    }
    this.kick();
    return where;
  }

  /** Starts draining if not already; call after every (re)connect. */
  kick(): void {
    if (this.#stopped) return;
    if (this.#draining) {
      this.#again = true;
      return;
    }
    this.#draining = this.#drain().finally(() => {
      this.#draining = undefined;
      if (this.#again && !this.#stopped) {
        this.#again = false;
        this.kick();
      }
    });
  }

  stats(): OutboxStats {
    const disk = this.#o.queue.stats();
    return {
      ...disk,
      depth: disk.depth + this.#spill.length,
      dropped: disk.dropped + this.#spillDropped,
      spilled: this.#spill.length,
      diskRefused: this.#diskRefused,
    };
  }

  /**
   * Sends what it can until the queue is empty or the deadline passes, then stops the sender and
   * commits the cursor. What is left stays on disk for the next start.
   */
  async flush(deadline: number): Promise<void> {
    this.#again = false;
    while (Date.now() < deadline && this.#o.session.connected && this.stats().depth > 0) {
      this.kick();
      await Promise.race([this.#draining, new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now())))]);
    }
    this.#stopped = true;
    await Promise.race([this.#draining, new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now())))]);
    this.#commit(true);
  }

  async #drain(): Promise<void> {
    const { session, log } = this.#o;
    const inFlight: InFlight[] = [];
    let nextDiskId: number | undefined; // first disk record not yet sent in this drain
    this.#spillInFlight = 0;
    try {
      while (!this.#stopped && session.connected) {
        // Fill the window, disk records first: every spilled message is newer than all of them.
        while (inFlight.length < this.#window) {
          const next = this.#nextRecord(nextDiskId);
          if (!next) break;
          if ('disk' in next.source) nextDiskId = next.source.disk + 1;
          else this.#spillInFlight += 1;
          const kind = KINDS[next.payload[0]!] ?? null;
          const payload = next.payload.subarray(1);
          if (!kind) {
            log.error({ source: next.source }, 'queue record of unknown kind skipped');
            inFlight.push({ source: next.source, kind, payload, result: Promise.resolve('sent') });
            continue;
          }
          inFlight.push({ source: next.source, kind, payload, result: session.publish({ topic: this.#o.topicFor(kind), payload }) });
        }
        const head = inFlight.shift();
        if (!head) break;
        const result = await head.result;
        if (result !== 'sent') {
          log.debug({ source: 'disk' in head.source ? head.source : 'memory', result }, 'queued message not acknowledged; kept for the next connect');
          break;
        }
        if ('disk' in head.source) this.#o.queue.ack(head.source.disk);
        else {
          this.#spill.shift();
          this.#spillInFlight -= 1;
        }
        if (head.kind) this.#o.onSent?.(head.kind, head.payload);
        this.#commit(false);
      }
    } catch (err) {
      log.error({ err }, 'cannot read the queue; sending paused until the next message or connect');
    }
    this.#spillInFlight = 0; // whatever is still in flight is sent again by the next drain
    this.#commit(true);
    this.#o.onIdle?.();
  }

  /** The next message to send after those already in flight, or undefined when none is waiting. */
  #nextRecord(nextDiskId: number | undefined): { source: Source; payload: Buffer } | undefined {
    const disk: QueueRecord | undefined = this.#o.queue.peek(1, nextDiskId)[0];
    if (disk) return { source: { disk: disk.id }, payload: disk.payload };
    const spilled = this.#spill[this.#spillInFlight];
    return spilled ? { source: { spill: spilled }, payload: spilled } : undefined;
  }

  #commit(force: boolean): void {
    const now = Date.now();
    if (!force && now - this.#lastCommit < COMMIT_EVERY_MS) return;
    try {
      this.#o.queue.commit();
      this.#lastCommit = now;
    } catch (err) {
      this.#o.log.warn({ err }, 'cannot save the queue cursor; some messages may be sent twice after a restart');
    }
  }
}
