// Keeps status.json current: what `edge-agent status` and `doctor` read about a running agent. What
// the previous run knew stays true until this run knows better, so `status` never shows a device that
// sent seq 41 as one that never sent anything.
import type { ClockJudge } from './clock.js';
import type { InferenceCountersProvider } from './inference-counters.js';
import type { Logger } from './log.js';
import type { Outbox } from './outbox.js';
import { readStatusFile, writeStatusFile, type ConnectionState } from './status-file.js';
import { AGENT_VERSION } from './version.js';

export interface StatusSources {
  stateDir: string;
  brokerUrl: string;
  log: Logger;
  outbox: () => Outbox;
  clock: ClockJudge;
  inference: InferenceCountersProvider;
  heartbeatIntervalMs: () => number;
}

export class StatusWriter {
  readonly #s: StatusSources;
  state: ConnectionState = 'starting';
  connectedAt: string | null = null;
  lastHeartbeatAt: string | null;
  lastSeq: number | null;
  lastSentSeq: number | null;
  lastAckAt: string | null;
  #failing = false;

  constructor(sources: StatusSources) {
    this.#s = sources;
    const previous = readStatusFile(sources.stateDir);
    this.lastHeartbeatAt = previous?.lastHeartbeatAt ?? null;
    this.lastSeq = previous?.lastSeq ?? null;
    this.lastSentSeq = previous?.lastSentSeq ?? null;
    this.lastAckAt = previous?.lastAckAt ?? null;
  }

  write(): void {
    const { clock, log } = this.#s;
    const now = Date.now();
    try {
      writeStatusFile(this.#s.stateDir, {
        pid: process.pid,
        agentVersion: AGENT_VERSION,
        state: this.state,
        brokerUrl: this.#s.brokerUrl,
        heartbeatIntervalMs: this.#s.heartbeatIntervalMs(),
        connectedAt: this.connectedAt,
        lastHeartbeatAt: this.lastHeartbeatAt,
        lastSeq: this.lastSeq,
        queue: this.#s.outbox().stats(),
        lastSentSeq: this.lastSentSeq,
        lastAckAt: this.lastAckAt,
        clock: {
          untrusted: clock.untrusted(now),
          reason: clock.distrust(now),
          offsetMs: clock.offsetMs(),
          measuredAt: clock.lastMeasurement ? new Date(clock.lastMeasurement.at).toISOString() : null,
        },
        inference: this.#s.inference.snapshot(),
        updatedAt: new Date(now).toISOString(),
      });
      if (this.#failing) log.info('status.json written again');
      this.#failing = false;
    } catch (err) {
      // Once per episode: a full disk would otherwise log this at every heartbeat.
      if (!this.#failing) log.warn({ err }, 'cannot write status.json; `edge-agent status` shows stale data until it can');
      this.#failing = true;
    }
  }
}
