// The books of a fault run, as pure functions so the rules can be read (and re-run) apart from the
// processes: what each device made, what it was told was acknowledged, what the database holds,
// and when a connected device went quiet. "Acknowledged means stored": a seq the agent logged as
// acknowledged (after its PUBACK [MQTT-4.3.2-1]) must be in `heartbeats`, once.
import type { Span } from './agent-process.js';

export interface DeviceBooks {
  deviceId: string;
  /** Seqs made: from the first run's nextSeq to seq.json's nextSeq - 1. */
  firstSeq: number;
  lastSeq: number;
  acknowledged: readonly number[];
  /** device_id's rows in `heartbeats`: seq → how many rows. */
  stored: ReadonlyMap<number, number>;
  /** What the agent says it still holds, and dropped (status.json after its last stop). */
  queued: number;
  dropped: number;
  /** seq.json's nextSeq - 1 right after each SIGKILL: a seq a crash may have taken and never queued. */
  seqAtKill: readonly number[];
}

export interface DeviceAccount {
  deviceId: string;
  made: number;
  acknowledged: number;
  stored: number;
  /** Acknowledged to the agent, not in the database: must be empty. */
  acknowledgedMissing: number[];
  /** Stored more than once: must be empty. */
  storedTwice: number[];
  /** In the database but outside the seqs the agent made: must be empty. */
  storedNotMade: number[];
  /** Made, neither acknowledged nor stored. */
  neverDelivered: number[];
  /** Of those, a seq taken just before a SIGKILL (never queued: allowed). */
  skippedByCrash: number[];
  /** neverDelivered beyond what the crash skips, the queue and the drop count explain: must be 0. */
  unexplained: number;
}

export function accountDevice(b: DeviceBooks): DeviceAccount {
  const acknowledged = new Set(b.acknowledged);
  const made = b.lastSeq - b.firstSeq + 1;
  const acknowledgedMissing = [...acknowledged].filter((s) => !b.stored.has(s)).sort((x, y) => x - y);
  const storedTwice = [...b.stored]
    .filter(([, n]) => n > 1)
    .map(([s]) => s)
    .sort((x, y) => x - y);
  const storedNotMade = [...b.stored.keys()].filter((s) => s < b.firstSeq || s > b.lastSeq).sort((x, y) => x - y);
  const neverDelivered: number[] = [];
  for (let s = b.firstSeq; s <= b.lastSeq; s++) if (!acknowledged.has(s) && !b.stored.has(s)) neverDelivered.push(s);
  const kills = new Set(b.seqAtKill);
  const skippedByCrash = neverDelivered.filter((s) => kills.has(s));
  const unexplained = Math.max(0, neverDelivered.length - skippedByCrash.length - b.queued - b.dropped);
  return {
    deviceId: b.deviceId,
    made,
    acknowledged: acknowledged.size,
    stored: b.stored.size,
    acknowledgedMissing,
    storedTwice,
    storedNotMade,
    neverDelivered,
    skippedByCrash,
    unexplained,
  };
}

/**
 * Stretches longer than limitMs in which the agent said it was connected, the platform was up and
 * not excused (a database outage), and no heartbeat was acknowledged. A stretch is measured between
 * acknowledgements, or from the start of the window to the first one, or from the last one to the
 * end of the window.
 */
export function silentStretches(
  connected: readonly Span[],
  platformUp: readonly Span[],
  excused: readonly Span[],
  ackTimes: readonly number[],
  limitMs: number,
): Span[] {
  const acks = [...ackTimes].sort((a, b) => a - b);
  const windows = subtract(intersect(connected, platformUp), excused);
  const silent: Span[] = [];
  for (const w of windows) {
    const points = [w.from, ...acks.filter((t) => t > w.from && t < w.to), w.to];
    for (let i = 1; i < points.length; i++) {
      if (points[i]! - points[i - 1]! > limitMs) silent.push({ from: points[i - 1]!, to: points[i]! });
    }
  }
  return silent;
}

export function intersect(a: readonly Span[], b: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (const x of a) {
    for (const y of b) {
      const from = Math.max(x.from, y.from);
      const to = Math.min(x.to, y.to);
      if (to > from) out.push({ from, to });
    }
  }
  return out.sort((p, q) => p.from - q.from);
}

export function subtract(a: readonly Span[], cut: readonly Span[]): Span[] {
  let pieces = [...a];
  for (const c of cut) {
    pieces = pieces.flatMap((p) => {
      if (c.to <= p.from || c.from >= p.to) return [p];
      const left = c.from > p.from ? [{ from: p.from, to: c.from }] : [];
      const right = c.to < p.to ? [{ from: c.to, to: p.to }] : [];
      return [...left, ...right];
    });
  }
  return pieces;
}

export interface Drain {
  /** Heartbeats made while the platform was down (device time inside the outage). */
  backlog: number;
  /** From the platform answering to the last of them stored (receive time). */
  storedWithinMs: number;
  /** backlog / (last receive - first receive): the rate once the device was sending. */
  perSecond: number;
}

/** Drain of one device's (or, given every device's rows, the fleet's) outage backlog. */
export function drainOf(rows: readonly { deviceTimeMs: number; receivedAtMs: number }[], outage: Span, answeringAt: number): Drain {
  const late = rows.filter((r) => r.deviceTimeMs >= outage.from && r.deviceTimeMs < outage.to);
  if (late.length === 0) return { backlog: 0, storedWithinMs: 0, perSecond: 0 };
  const received = late.map((r) => r.receivedAtMs).sort((a, b) => a - b);
  const spanMs = received.at(-1)! - received[0]!;
  return {
    backlog: late.length,
    storedWithinMs: received.at(-1)! - answeringAt,
    perSecond: spanMs > 0 ? (late.length * 1_000) / spanMs : Number.POSITIVE_INFINITY,
  };
}
