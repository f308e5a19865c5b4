// One model at work, inside the inference worker (inference-worker.ts): load the file, score frames
// from its source one at a time, keep its counters. The file is read once and hashed from the same
// bytes the runtime loads, so the SHA-256 reported is the model that actually runs. A model that
// fails to load is retried every reloadMs; a frame that fails is counted and skipped.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { openFrameSource, type Frame, type FrameSource, type FrameSourceSpec } from './frame-source.js';
import type { ModelCountersSnapshot } from './inference-counters.js';
import { LatencyWindow } from './latency-window.js';

export interface ModelSpec {
  name: string;
  path: string;
  /** Workstation code whose input this model scores; '' when not tied to one. */
  workstation: string;
  input: FrameSourceSpec;
}

export interface RuntimeSpec {
  executionProvider: string;
  intraOpThreads: number;
  interOpThreads: number;
}

type Ort = typeof import('onnxruntime-node');
type Session = import('onnxruntime-node').InferenceSession;

export const MAX_ERROR_LENGTH = 256; // proto/src/decode.ts MAX_STRING
const RELOAD_MS = 30_000; // 30 s between attempts to load a model that failed

export class ModelRunner {
  readonly spec: ModelSpec;
  readonly #ort: Ort;
  readonly #runtime: RuntimeSpec;
  readonly #latency = new LatencyWindow();
  readonly #reloadMs: number;
  #sha256 = '';
  #count = 0;
  #errors = 0;
  #lastError = '';
  #loaded = false;
  #stopped = false;
  #source: FrameSource | undefined;
  #session: Session | undefined;
  #sleep: { timer: NodeJS.Timeout; resolve: () => void } | undefined;

  constructor(ort: Ort, spec: ModelSpec, runtime: RuntimeSpec, options: { reloadMs?: number } = {}) {
    this.#ort = ort;
    this.spec = spec;
    this.#runtime = runtime;
    this.#reloadMs = options.reloadMs ?? RELOAD_MS;
  }

  /** Runs until stop(); never rejects. */
  async run(): Promise<void> {
    while (!this.#stopped) {
      if (!this.#loaded) {
        const ok = await this.#load();
        if (!ok) {
          await this.#pause(this.#reloadMs);
          continue;
        }
      }
      await this.#scoreNext();
    }
  }

  snapshot(): ModelCountersSnapshot {
    const [p50Ms, p99Ms] = this.#latency.percentiles();
    return {
      name: this.spec.name,
      sha256: this.#sha256,
      count: this.#count,
      errors: this.#errors,
      p50Ms,
      p99Ms,
      workstationCode: this.spec.workstation,
      loaded: this.#loaded,
      lastError: this.#lastError,
    };
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#source?.close();
    if (this.#sleep) {
      clearTimeout(this.#sleep.timer);
      this.#sleep.resolve();
    }
    await this.#session?.release().catch(() => undefined);
  }

  async #load(): Promise<boolean> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.spec.path);
    } catch (err) {
      return this.#fail(`cannot read model file ${this.spec.path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    this.#sha256 = createHash('sha256').update(bytes).digest('hex');
    try {
      this.#session = await this.#ort.InferenceSession.create(bytes, {
        executionProviders: [this.#runtime.executionProvider],
        intraOpNumThreads: this.#runtime.intraOpThreads,
        interOpNumThreads: this.#runtime.interOpThreads,
        graphOptimizationLevel: 'all',
      });
    } catch (err) {
      return this.#fail(`cannot load model ${this.spec.path}: ${(err as Error).message}`);
    }
    const [height, width] = this.#inputSize();
    if (!(height > 0 && width > 0)) {
      await this.#session.release().catch(() => undefined);
      this.#session = undefined;
      return this.#fail(`model ${this.spec.path} does not take a [1,1,H,W] float32 frame`);
    }
    this.#source = openFrameSource(this.spec.input, height, width);
    this.#loaded = true;
    return true;
  }

  /** Height and width of a [N,1,H,W] float32 input (N may be symbolic); [0, 0] otherwise. */
  #inputSize(): [number, number] {
    const meta = this.#session!.inputMetadata[0];
    if (!meta?.isTensor || meta.type !== 'float32') return [0, 0];
    const dims = meta.shape;
    if (dims.length !== 4 || (typeof dims[1] === 'number' && dims[1] !== 1)) return [0, 0];
    const [h, w] = [dims[2], dims[3]];
    return typeof h === 'number' && typeof w === 'number' ? [h, w] : [0, 0];
  }

  async #scoreNext(): Promise<void> {
    let frame: Frame | null;
    try {
      frame = await this.#source!.next();
    } catch (err) {
      // A bad frame (already removed) or an unreadable folder: counted; a short pause keeps an
      // unreadable folder from spinning.
      this.#fail((err as Error).message);
      await this.#pause(100);
      return;
    }
    if (!frame) return;
    const [h, w] = this.#inputSize();
    const session = this.#session!;
    const started = performance.now();
    try {
      const input = new this.#ort.Tensor('float32', frame.data, [1, 1, h, w]);
      await session.run({ [session.inputNames[0]!]: input });
      this.#latency.record(performance.now() - started);
      this.#count += 1;
    } catch (err) {
      this.#fail(`${frame.origin}: ${(err as Error).message}`);
    } finally {
      await frame.done().catch(() => undefined);
    }
  }

  #fail(message: string): false {
    this.#errors += 1;
    this.#lastError = message.replace(/\s+/g, ' ').slice(0, MAX_ERROR_LENGTH);
    return false;
  }

  #pause(ms: number): Promise<void> {
    if (this.#stopped) return Promise.resolve();
    return new Promise((resolve) => {
      this.#sleep = { timer: setTimeout(resolve, ms), resolve };
    });
  }
}
