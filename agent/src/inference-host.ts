// The main-thread side of inference: starts the worker (inference-worker.ts), keeps the latest
// snapshot it posted, and answers the heartbeat's snapshot() from memory without waiting. A worker
// that dies (a native crash in a model, out of memory) is reported as an error on every model and
// restarted after a pause; counts from before the crash are carried over, so they stay "since the
// agent started".
import { Worker } from 'node:worker_threads';
import type { InferenceCountersProvider, InferenceCountersSnapshot, ModelCountersSnapshot } from './inference-counters.js';
import type { WorkerInput, WorkerMessage } from './inference-worker.js';
import type { Logger } from './log.js';
import { MAX_ERROR_LENGTH, type ModelSpec, type RuntimeSpec } from './model-runner.js';

export interface InferenceHostOptions {
  runtime: RuntimeSpec;
  models: ModelSpec[];
  log: Logger;
  reportEveryMs?: number;
  restartAfterMs?: number;
}

const key = (m: { name: string; workstationCode: string }): string => `${m.name}\u0000${m.workstationCode}`;

export class InferenceHost implements InferenceCountersProvider {
  readonly #o: Required<InferenceHostOptions>;
  #worker: Worker | undefined;
  #latest: ModelCountersSnapshot[];
  /** Counts of earlier workers, by model and workstation. */
  readonly #carried = new Map<string, { count: number; errors: number }>();
  #stopping = false;
  #restartTimer: NodeJS.Timeout | undefined;

  constructor(options: InferenceHostOptions) {
    this.#o = { reportEveryMs: 1_000, restartAfterMs: 5_000, ...options };
    this.#latest = options.models.map((m) => ({
      name: m.name,
      sha256: '',
      count: 0,
      errors: 0,
      p50Ms: 0,
      p99Ms: 0,
      workstationCode: m.workstation,
      loaded: false,
      lastError: '',
    }));
  }

  start(): void {
    if (this.#worker || this.#stopping) return;
    const input: WorkerInput = { runtime: this.#o.runtime, models: this.#o.models, reportEveryMs: this.#o.reportEveryMs };
    const worker = new Worker(new URL('./inference-worker.js', import.meta.url), { workerData: input });
    this.#worker = worker;
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'snapshot') this.#accept(message.snapshot.models);
    });
    worker.on('error', (err) => {
      this.#o.log.error({ err }, 'inference worker failed');
      this.#markFailed(`inference worker failed: ${err.message}`);
    });
    worker.on('exit', (code) => {
      if (this.#worker !== worker) return;
      this.#worker = undefined;
      if (this.#stopping) return;
      this.#o.log.warn({ code, restartInMs: this.#o.restartAfterMs }, 'inference worker exited; restarting');
      this.#markFailed(`inference worker exited with code ${code}`);
      this.#carryOver();
      this.#restartTimer = setTimeout(() => this.start(), this.#o.restartAfterMs);
    });
  }

  snapshot(): InferenceCountersSnapshot {
    const models = this.#latest.map((m) => {
      const c = this.#carried.get(key(m));
      return c ? { ...m, count: m.count + c.count, errors: m.errors + c.errors } : { ...m };
    });
    return { total: models.reduce((n, m) => n + m.count, 0), errors: models.reduce((n, m) => n + m.errors, 0), models };
  }

  /** Stops the models and the worker; resolves within timeoutMs. */
  async stop(timeoutMs = 2_000): Promise<void> {
    this.#stopping = true;
    clearTimeout(this.#restartTimer);
    const worker = this.#worker;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage({ type: 'stop' });
    const timer = setTimeout(() => void worker.terminate(), timeoutMs);
    await exited;
    clearTimeout(timer);
  }

  #accept(models: ModelCountersSnapshot[]): void {
    this.#latest = models;
  }

  #markFailed(message: string): void {
    const lastError = message.slice(0, MAX_ERROR_LENGTH);
    this.#latest = this.#latest.map((m) => ({ ...m, loaded: false, errors: m.errors + 1, lastError }));
  }

  #carryOver(): void {
    for (const m of this.#latest) {
      const c = this.#carried.get(key(m)) ?? { count: 0, errors: 0 };
      this.#carried.set(key(m), { count: c.count + m.count, errors: c.errors + m.errors });
    }
    this.#latest = this.#latest.map((m) => ({ ...m, count: 0, errors: 0 }));
  }
}
