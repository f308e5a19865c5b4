// Live metrics for heartbeats. systeminformation calls shell out (df, nvidia-smi, sensors) and can
// take seconds, so they run on the sampler's own timer and fill a cached snapshot; the heartbeat reads
// the snapshot and never waits. Each source has at most one call in flight: a hung nvidia-smi stalls
// only the accelerator figures, and never piles up processes.
import si from 'systeminformation';

export type MetricsSystemInfo = Pick<typeof si, 'currentLoad' | 'mem' | 'fsSize' | 'cpuTemperature' | 'graphics'>;

export interface AcceleratorSnapshot {
  model: string;
  utilizationPercent: number;
  memoryUsedBytes: number;
  temperatureC: number | null;
}

export interface MetricsSnapshot {
  cpuPercent: number;
  memoryUsedBytes: number;
  memoryTotalBytes: number;
  diskUsedBytes: number;
  diskTotalBytes: number;
  temperatureC: number | null;
  accelerator: AcceleratorSnapshot | null;
  /** ms since the epoch of the newest completed sample; null before the first. */
  sampledAt: number | null;
}

export const ZERO_METRICS: Readonly<MetricsSnapshot> = Object.freeze({
  cpuPercent: 0,
  memoryUsedBytes: 0,
  memoryTotalBytes: 0,
  diskUsedBytes: 0,
  diskTotalBytes: 0,
  temperatureC: null,
  accelerator: null,
  sampledAt: null,
});

export const DEFAULT_SAMPLE_INTERVAL_MS = 5_000; // 5 s

// Filesystems that are not this device's own storage, or that double-count it (overlay over /).
const NOT_LOCAL_STORAGE = /^(overlay|tmpfs|devtmpfs|ramfs|squashfs|iso9660|udf|nfs\d*|cifs|smb\w*|fuse\..*)$/i;

type Source = 'load' | 'memory' | 'disk' | 'temperature' | 'accelerator';

export interface MetricsSamplerOptions {
  sys?: MetricsSystemInfo;
  intervalMs?: number;
  onError?: (source: string, err: unknown) => void;
}

export class MetricsSampler {
  readonly #sys: MetricsSystemInfo;
  readonly #intervalMs: number;
  readonly #onError: (source: string, err: unknown) => void;
  readonly #inFlight = new Set<Source>();
  #snapshot: MetricsSnapshot = { ...ZERO_METRICS };
  #timer: NodeJS.Timeout | undefined;
  // graphics() reports utilisation only through nvidia-smi; after one sample without it, stop asking.
  #acceleratorSupported = true;

  constructor(options: MetricsSamplerOptions = {}) {
    this.#sys = options.sys ?? si;
    this.#intervalMs = options.intervalMs ?? DEFAULT_SAMPLE_INTERVAL_MS;
    this.#onError = options.onError ?? (() => {});
  }

  start(): void {
    if (this.#timer) return;
    this.tick();
    this.#timer = setInterval(() => this.tick(), this.#intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** The latest figures; zeros before the first sample completes. Never waits. */
  snapshot(): MetricsSnapshot {
    return { ...this.#snapshot, accelerator: this.#snapshot.accelerator ? { ...this.#snapshot.accelerator } : null };
  }

  /** Starts every source that is not still busy; returns once all started calls have settled. */
  tick(): Promise<void> {
    const calls = [
      this.#sample(
        'load',
        () => this.#sys.currentLoad(),
        (load) => ({
          cpuPercent: clamp(load.currentLoad, 0, 100),
        }),
      ),
      this.#sample(
        'memory',
        () => this.#sys.mem(),
        (mem) => ({
          // active = used minus buffers/cache: what applications hold (systeminformation docs).
          memoryUsedBytes: bytes(mem.active),
          memoryTotalBytes: bytes(mem.total),
        }),
      ),
      this.#sample(
        'disk',
        () => this.#sys.fsSize(),
        (list) => {
          const seen = new Set<string>();
          let used = 0;
          let total = 0;
          for (const fs of list) {
            if (NOT_LOCAL_STORAGE.test(fs.type) || seen.has(fs.fs)) continue;
            seen.add(fs.fs);
            used += bytes(fs.used);
            total += bytes(fs.size);
          }
          return { diskUsedBytes: used, diskTotalBytes: total };
        },
      ),
      this.#sample(
        'temperature',
        () => this.#sys.cpuTemperature(),
        (t) => ({
          temperatureC: plausibleTemperature(t.main),
        }),
      ),
    ];
    if (this.#acceleratorSupported) {
      calls.push(
        this.#sample(
          'accelerator',
          () => this.#sys.graphics(),
          (g) => {
            const busy = g.controllers.find((c) => typeof c.utilizationGpu === 'number');
            if (!busy) {
              this.#acceleratorSupported = false;
              return { accelerator: null };
            }
            return {
              accelerator: {
                model: (busy.model || busy.name || '').slice(0, 256),
                utilizationPercent: clamp(busy.utilizationGpu ?? 0, 0, 100),
                memoryUsedBytes: bytes((busy.memoryUsed ?? 0) * 1024 * 1024), // MiB from nvidia-smi
                temperatureC: plausibleTemperature(busy.temperatureGpu),
              },
            };
          },
        ),
      );
    }
    return Promise.all(calls).then(() => undefined);
  }

  async #sample<T>(source: Source, call: () => Promise<T>, apply: (value: T) => Partial<MetricsSnapshot>): Promise<void> {
    if (this.#inFlight.has(source)) return;
    this.#inFlight.add(source);
    try {
      const update = apply(await call());
      this.#snapshot = { ...this.#snapshot, ...update, sampledAt: Date.now() };
    } catch (err) {
      this.#onError(source, err);
    } finally {
      this.#inFlight.delete(source);
    }
  }
}

function clamp(n: number, min: number, max: number): number {
  return Number.isFinite(n) ? Math.min(max, Math.max(min, n)) : min;
}

function bytes(n: number): number {
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : 0;
}

// systeminformation reports an unknown temperature as null or -1; the platform accepts -60..200 °C.
function plausibleTemperature(t: number | null | undefined): number | null {
  return typeof t === 'number' && Number.isFinite(t) && t > -60 && t < 200 && t !== -1 ? t : null;
}
