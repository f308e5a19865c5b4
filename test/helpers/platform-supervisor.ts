// The built platform run the way a service manager runs it through faults: started, killed
// (SIGKILL or SIGTERM) and started again on the same HTTP and MQTT ports with the same database and
// data folder, so devices and the test keep one address. It keeps the spans during which the
// platform was answering and notes any exit the test did not cause.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnPlatform, type PlatformProcess } from './platform-process.js';
import type { Span } from './agent-process.js';

export interface UnexpectedExit {
  at: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The tail of what the process logged. */
  output: string;
}

export class PlatformSupervisor {
  readonly #env: Record<string, string>;
  readonly dataDir = mkdtempSync(join(tmpdir(), 'edgenet-faults-platform-'));
  #proc: PlatformProcess | undefined;
  #ports: { http: number; mqtt: number } | undefined;
  #expectingExit = false;
  #upSince: number | undefined;
  readonly upSpans: Span[] = [];
  readonly unexpectedExits: UnexpectedExit[] = [];
  /** Signals the platform did not exit on within their grace time (then SIGKILLed). */
  readonly hangs: { at: number; signal: NodeJS.Signals; graceMs: number }[] = [];
  readonly #outputs: string[] = [];

  /** env: DATABASE_URL and any EDGENET_* setting; ports and data folder are the supervisor's. */
  constructor(env: Record<string, string>) {
    this.#env = env;
  }

  get proc(): PlatformProcess {
    if (!this.#proc) throw new Error('platform not started');
    return this.#proc;
  }

  get up(): boolean {
    return this.#upSince !== undefined;
  }

  get baseUrl(): string {
    return this.proc.baseUrl;
  }

  get mqttPort(): number {
    if (!this.#ports) throw new Error('platform not started');
    return this.#ports.mqtt;
  }

  api<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    return this.proc.api<T>(method, path, body);
  }

  /** Starts the platform (the same ports as the first start); resolves once its banner is out. */
  async start(): Promise<number> {
    if (this.up) throw new Error('platform already running');
    const proc = await spawnPlatform({
      EDGENET_MQTT_HOST: '127.0.0.1',
      EDGENET_MQTT_PLAIN: 'true',
      EDGENET_DATA_DIR: this.dataDir,
      ...this.#env,
      EDGENET_HTTP_PORT: String(this.#ports?.http ?? 0),
      EDGENET_MQTT_PORT: String(this.#ports?.mqtt ?? 0),
    });
    const answeringAt = Date.now();
    if (proc.mqttPort === null) throw new Error('the platform printed no plain MQTT port (EDGENET_MQTT_PLAIN)');
    this.#ports ??= { http: Number(new URL(proc.baseUrl).port), mqtt: proc.mqttPort };
    this.#proc = proc;
    this.#upSince = answeringAt;
    this.#expectingExit = false;
    proc.child.once('exit', (code, signal) => {
      this.#outputs.push(proc.output());
      if (this.#upSince !== undefined) this.upSpans.push({ from: this.#upSince, to: Date.now() });
      this.#upSince = undefined;
      if (!this.#expectingExit) this.unexpectedExits.push({ at: Date.now(), code, signal, output: proc.output().slice(-4_000) });
    });
    return answeringAt;
  }

  /**
   * Kills with the signal and waits for the exit; resolves to how long the exit took. A process that
   * has not exited graceMs after SIGTERM is SIGKILLed, and that is noted as a hang.
   */
  async kill(signal: NodeJS.Signals, graceMs = 20_000): Promise<number> {
    const proc = this.#proc;
    if (!proc || !this.up) return 0;
    this.#expectingExit = true;
    const at = Date.now();
    const exited = proc.kill(signal);
    const inTime = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), graceMs))]);
    if (!inTime) {
      this.hangs.push({ at, signal, graceMs });
      proc.child.kill('SIGKILL');
      await exited;
    }
    return Date.now() - at;
  }

  /** Spans the platform was up, the current one closed at `now`. */
  spans(now = Date.now()): Span[] {
    return this.#upSince === undefined ? [...this.upSpans] : [...this.upSpans, { from: this.#upSince, to: now }];
  }

  /** Every incarnation's log output, for the run's log folder. */
  writeLogs(path: string): void {
    const all = [...this.#outputs, ...(this.up && this.#proc ? [this.#proc.output()] : [])];
    writeFileSync(path, all.map((o, i) => `=== platform incarnation ${i}\n${o}`).join('\n'));
  }
}
