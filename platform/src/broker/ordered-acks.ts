// Acknowledge in order, after commit: the one rule both device transports follow (published.ts for
// the embedded broker, external.ts for the external broker's consumer).
//   - PUBACKs leave in the order the PUBLISHes came [MQTT-4.6.0-2], however the commits finish.
//   - A message is acknowledged only once it may be (its row committed: "acknowledged means
//     stored"); the receiver of an unacknowledged QoS 1 message has it sent again [MQTT-4.4.0-1].
//   - One that must not be acknowledged (ingest threw) stops the queue: nothing after it is
//     acknowledged either, since acknowledging a later one would let the broker or device forget an
//     earlier one that is not stored. They all come again on the next connection.

interface Entry {
  /** null while undecided; then whether it may be acknowledged. */
  mayAck: boolean | null;
  ack: () => void;
}

export class OrderedAcks {
  readonly #queue: Entry[] = [];
  #stopped = false;

  /**
   * Adds the next message in arrival order. `ack` runs once `mayAck` resolved true and every message
   * added before it was acknowledged; never if it resolves false (or rejects), or after stop().
   */
  add(mayAck: Promise<boolean>, ack: () => void): void {
    if (this.#stopped) return;
    const entry: Entry = { mayAck: null, ack };
    this.#queue.push(entry);
    mayAck.then(
      (ok) => this.#decide(entry, ok),
      () => this.#decide(entry, false),
    );
  }

  /** Nothing more is acknowledged: the connection is gone or failed, and everything comes again. */
  stop(): void {
    this.#stopped = true;
    this.#queue.length = 0;
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  /** Messages added and neither acknowledged nor dropped yet. */
  get pending(): number {
    return this.#queue.length;
  }

  #decide(entry: Entry, ok: boolean): void {
    entry.mayAck = ok;
    // The decided prefix of the queue is acknowledged; the first refusal ends it for good.
    while (!this.#stopped) {
      const head = this.#queue[0];
      if (head === undefined || head.mayAck === null) return;
      this.#queue.shift();
      if (!head.mayAck) return this.stop();
      head.ack();
    }
  }
}
