// One heartbeat: take the next seq (on disk first), judge the clock, encode, seal, queue, link the
// chain. Made whether or not the broker is reachable: it goes to the queue and is sent, with this
// device time and seq, when the connection returns (store-and-forward).
import { uptime } from 'node:os';
import { chainLink, MAX_PAYLOAD_BYTES } from '@edgenet/proto';
import type { ChainStore } from './chain-store.js';
import type { ClockJudge } from './clock.js';
import type { InferenceCountersProvider } from './inference-counters.js';
import type { Logger } from './log.js';
import { encodeHeartbeat } from './messages.js';
import type { MetricsSampler } from './metrics-sampler.js';
import type { Outbox } from './outbox.js';
import type { SeqStore } from './seq-store.js';
import type { StatusWriter } from './status-writer.js';
import type { TpmSealer } from './tpm-sealer.js';

// A wall-clock step larger than this between two heartbeats is worth a new measurement now.
const STEP_WORTH_MEASURING_MS = 1_000; // 1 s

export interface HeartbeatTickDeps {
  seq: SeqStore;
  chain: ChainStore;
  clock: ClockJudge;
  sampler: MetricsSampler;
  inference: InferenceCountersProvider;
  outbox: Outbox;
  status: StatusWriter;
  log: Logger;
  /** Seals a heartbeat body into the envelope that travels (signed with the device key). */
  seal: (body: Uint8Array) => Buffer;
  /** Measures the platform clock now. */
  measureClock: () => void;
  /** A `tpm` device's sealer (docs/tpm.md "Sealed days"); absent without a TPM. */
  tpm?: TpmSealer;
}

export class HeartbeatTick {
  readonly #d: HeartbeatTickDeps;
  #clockWarned = false;

  constructor(deps: HeartbeatTickDeps) {
    this.#d = deps;
  }

  run(): void {
    const { seq, chain, clock, sampler, inference, outbox, status, log } = this.#d;
    let n: number;
    try {
      n = seq.take(); // on disk before it is queued: a crash can skip a seq, never reuse one
    } catch (err) {
      log.error({ err }, 'cannot persist heartbeat seq; heartbeat skipped');
      return;
    }
    const nowMs = Date.now();
    const step = clock.track(nowMs);
    if (Math.abs(step) > STEP_WORTH_MEASURING_MS) {
      // A stepped clock (by hand, a bad NTP source, a VM resumed): compare with the platform now
      // rather than at the next scheduled check, up to ten minutes away.
      log.warn({ stepMs: step }, 'device clock was stepped; measuring the platform clock again');
      this.#d.measureClock();
    }
    const distrust = clock.distrust(nowMs);
    if (distrust && !this.#clockWarned) log.warn({ reason: distrust }, 'device clock untrusted: heartbeats say so and the platform files them by receive time');
    this.#clockWarned = distrust !== null;
    const queued = outbox.stats();
    const snapshot = inference.snapshot();
    const offsetMs = clock.offsetMs();
    const prevHash = chain.prevHashFor(n);
    const tpmSeal = this.#d.tpm?.take(prevHash, nowMs);
    const encode = (models: typeof snapshot.models): Uint8Array =>
      encodeHeartbeat({
        seq: n,
        nowMs,
        uptimeS: uptime(),
        metrics: sampler.snapshot(),
        inference: { ...snapshot, models },
        clockUntrusted: distrust !== null,
        queueDepth: queued.depth,
        queueDropped: queued.dropped,
        ...(offsetMs !== null ? { clockOffsetMs: offsetMs } : {}),
        prevHash,
        ...(tpmSeal ? { tpmSeal } : {}),
      });
    let body = encode(snapshot.models);
    let sealed = this.#d.seal(body);
    // docs/protocol.md §4: 8 KiB per heartbeat. Sixteen models with long errors can pass it; the
    // errors are shortened rather than the heartbeat dropped by the platform.
    if (sealed.length > MAX_PAYLOAD_BYTES.heartbeat) {
      body = encode(snapshot.models.map((m) => ({ ...m, lastError: m.lastError.slice(0, 40) })));
      sealed = this.#d.seal(body);
    }
    outbox.put('heartbeat', sealed);
    try {
      const link = chainLink(body);
      chain.record(n, link);
      this.#d.tpm?.afterHeartbeat(link, nowMs);
    } catch (err) {
      // The heartbeat is queued; the next one restarts the chain (an empty prev_hash) instead.
      log.warn({ err, seq: n }, 'cannot record the heartbeat chain link');
    }
    status.lastSeq = n;
    status.lastHeartbeatAt = new Date(nowMs).toISOString();
    status.write();
  }
}
