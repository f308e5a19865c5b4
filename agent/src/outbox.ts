// Store-and-forward: every heartbeat is appended to the on-disk queue (disk-queue.ts) and a single
// sender drains the queue over MQTT in append order, one message in flight, removing each only after
// its PUBACK [MQTT-4.3.2]. So a message is sent with the device time and seq it was made with, however
// late; nothing overtakes an older message; and a connection lost mid-send resends from the first
// unacknowledged record (at least once: the platform drops a repeat by its heartbeat seq).
import type { DeviceMessageKind } from '@edgenet/proto';
import type { DiskQueue, QueueStats } from './disk-queue.js';
import type { Logger } from './log.js';
import type { MqttSession, OutgoingMessage } from './mqtt-session.js';

/** Kinds that travel through the queue. One byte before the sealed envelope says which. */
const KINDS: readonly DeviceMessageKind[] = ['heartbeat', 'hello', 'workstations', 'status'];
const COMMIT_EVERY_MS = 1_000; // cursor writes during a long drain: at most one a second

export interface OutboxOptions {
  queue: DiskQueue;
  session: MqttSession;
  topicFor: (kind: DeviceMessageKind) => string;
  log: Logger;
  /** Called with the kind and queue id after each acknowledged message. */
  onSent?: (kind: DeviceMessageKind, payload: Buffer) => void;
  /** Called when a drain ends (queue empty or connection lost), e.g. to refresh status.json. */
  onIdle?: () => void;
}

export class Outbox {
  readonly #o: OutboxOptions;
  #draining: Promise<void> | undefined;
  #again = false;
  #stopped = false;
  #lastCommit = 0;

  constructor(options: OutboxOptions) {
    this.#o = options;
  }

  /** Queues one sealed message (on disk on return), then starts a drain if connected. */
  put(kind: DeviceMessageKind, sealed: Buffer): void {
    const record = Buffer.alloc(1 + sealed.length);
    record[0] = KINDS.indexOf(kind);
    sealed.copy(record, 1);
    this.#o.queue.append(record);
    this.kick();
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

  stats(): QueueStats {
    return this.#o.queue.stats();
  }

  /**
   * Sends what it can until the queue is empty or the deadline passes, then stops the sender and
   * commits the cursor. What is left stays on disk for the next start.
   */
  async flush(deadline: number): Promise<void> {
    this.#again = false;
    while (Date.now() < deadline && this.#o.session.connected && this.#o.queue.stats().depth > 0) {
      this.kick();
      await Promise.race([this.#draining, new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now())))]);
    }
    this.#stopped = true;
    await Promise.race([this.#draining, new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now())))]);
    this.#commit(true);
  }

  async #drain(): Promise<void> {
    const { queue, session, log } = this.#o;
    while (!this.#stopped && session.connected) {
      let next;
      try {
        next = queue.peek(1)[0];
      } catch (err) {
        log.error({ err }, 'cannot read the queue; sending paused until the next connect');
        return;
      }
      if (!next) break;
      const kind = KINDS[next.payload[0]!];
      const message: OutgoingMessage | undefined = kind ? { topic: this.#o.topicFor(kind), payload: next.payload.subarray(1) } : undefined;
      if (!kind || !message) {
        log.error({ id: next.id }, 'queue record of unknown kind skipped');
        queue.ack(next.id);
        continue;
      }
      const result = await session.publish(message);
      if (result !== 'sent') {
        log.debug({ id: next.id, result }, 'queued message not acknowledged; kept for the next connect');
        break;
      }
      queue.ack(next.id);
      this.#o.onSent?.(kind, message.payload);
      this.#commit(false);
    }
    this.#commit(true);
    this.#o.onIdle?.();
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
