// One real edge-agent across many processes: enrolled once with `edge-agent enroll`, then `run`
// started, SIGKILLed and started again on the same state directory, the way a service manager
// restarts it. Every JSON line every incarnation logged is kept with the incarnation's number, so a
// test can read, after the fact, which heartbeats the broker acknowledged (the outbox logs
// `{"kind":"heartbeat","seq":N,"msg":"published"}` at debug level after each PUBACK) and when the
// agent said it was connected.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnAgent, type AgentProcess } from '../../agent/test/helpers/agent-process.js';

export interface AgentLogLine {
  incarnation: number;
  time: number;
  msg: string;
  kind?: string;
  seq?: number;
  [key: string]: unknown;
}

export interface Span {
  from: number;
  to: number;
}

export interface EnrollAgentOptions {
  name: string;
  platformUrl: string;
  token: string;
  workstations: string[];
  heartbeatIntervalMs: number;
  /** Environment of every `run` (EDGE_AGENT_MQTT_URL, backoff, log level…). */
  env: Record<string, string>;
}

export interface AgentExit {
  incarnation: number;
  at: number;
  code: number | null;
  signal: NodeJS.Signals | null;
}

export class FleetAgent {
  readonly name: string;
  readonly dir: string;
  readonly deviceId: string;
  readonly #env: Record<string, string>;
  readonly #incarnations: AgentProcess[] = [];
  readonly exits: AgentExit[] = [];
  /** seq.json's nextSeq - 1 read right after each SIGKILL: the one seq a crash may have skipped. */
  readonly seqAtKill: number[] = [];

  private constructor(name: string, dir: string, deviceId: string, env: Record<string, string>) {
    this.name = name;
    this.dir = dir;
    this.deviceId = deviceId;
    this.#env = env;
  }

  static async enroll(o: EnrollAgentOptions): Promise<FleetAgent> {
    const dir = mkdtempSync(join(tmpdir(), `edgenet-${o.name}-`));
    // Several agents on one machine would share one hardware fingerprint; hardware.json gives each
    // its own board identity (what `edge-agent inventory --write` records as root).
    const n = Number.parseInt(o.name.replace(/\D/g, '') || '0', 10);
    writeFileSync(
      join(dir, 'hardware.json'),
      JSON.stringify({
        systemSerial: `SN-${o.name}`,
        boardSerial: `BRD-${o.name}`,
        systemUuid: `4c4c4544-0000-1000-8000-${(0xf000_0000_0000 + n * 0x1_0000 + (process.pid % 0x1_0000)).toString(16).padStart(12, '0')}`,
        writtenAt: new Date().toISOString(),
      }),
    );
    const enroll = spawnAgent(
      [
        'enroll',
        '--platform',
        o.platformUrl,
        '--token',
        o.token,
        '--workstations',
        o.workstations.join(','),
        '--heartbeat-interval-ms',
        String(o.heartbeatIntervalMs),
        '--state-dir',
        dir,
      ],
      {},
      { outliveTest: true },
    );
    const { code } = await enroll.exited;
    if (code !== 0) throw new Error(`enroll of ${o.name} exited ${code}: ${enroll.stderr()}${enroll.stdout()}`);
    const agent = JSON.parse(readFileSync(join(dir, 'agent.json'), 'utf8')) as { deviceId: string };
    return new FleetAgent(o.name, dir, agent.deviceId, o.env);
  }

  get running(): boolean {
    const p = this.#incarnations.at(-1);
    return p !== undefined && p.child.exitCode === null && p.child.signalCode === null;
  }

  get incarnations(): number {
    return this.#incarnations.length;
  }

  start(): void {
    if (this.running) throw new Error(`${this.name} is already running`);
    const incarnation = this.#incarnations.length;
    const p = spawnAgent(['run', '--state-dir', this.dir], this.#env, { outliveTest: true });
    this.#incarnations.push(p);
    void p.exited.then(({ code, signal }) => this.exits.push({ incarnation, at: Date.now(), code, signal }));
  }

  /** Sends the signal and waits for the exit; SIGKILL also notes the seq it may have skipped. */
  async kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; ms: number }> {
    const p = this.#incarnations.at(-1);
    if (!p || !this.running) throw new Error(`${this.name} is not running`);
    const at = Date.now();
    p.child.kill(signal);
    const exit = await p.exited;
    if (signal === 'SIGKILL') this.seqAtKill.push(this.nextSeq() - 1);
    return { ...exit, ms: Date.now() - at };
  }

  /** Whatever is still running dies (teardown). */
  destroy(): void {
    for (const p of this.#incarnations) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
  }

  /** Every JSON line logged by every incarnation, in order. */
  logs(): AgentLogLine[] {
    return this.#incarnations.flatMap((p, incarnation) => p.logs.map((l) => ({ ...l, incarnation, time: Number(l.time), msg: String(l.msg) }) as AgentLogLine));
  }

  /** Log lines of the current incarnation only. */
  currentLogs(): AgentLogLine[] {
    return this.logs().filter((l) => l.incarnation === this.#incarnations.length - 1);
  }

  /** Each acknowledged heartbeat: seq and the agent's time of the PUBACK. */
  acknowledged(): { seq: number; time: number; incarnation: number }[] {
    return this.logs()
      .filter((l) => l.msg === 'published' && l.kind === 'heartbeat' && typeof l.seq === 'number')
      .map((l) => ({ seq: l.seq!, time: l.time, incarnation: l.incarnation }));
  }

  /** The first seq this device made: `nextSeq` of the first run's start line. */
  firstSeq(): number | undefined {
    const start = this.logs().find((l) => l.msg === 'edge agent starting');
    return typeof start?.nextSeq === 'number' ? start.nextSeq : undefined;
  }

  /** seq.json: the next seq; everything below it was taken (made, or skipped by a crash). */
  nextSeq(): number {
    return (JSON.parse(readFileSync(join(this.dir, 'seq.json'), 'utf8')) as { nextSeq: number }).nextSeq;
  }

  status(): { state: string; lastSeq: number | null; lastSentSeq?: number | null; queue?: { depth: number; dropped: number } } | undefined {
    try {
      return JSON.parse(readFileSync(join(this.dir, 'status.json'), 'utf8'));
    } catch {
      return undefined;
    }
  }

  /**
   * When the agent said it was connected, from its own log: from each "connected to broker" to the
   * next "lost connection to broker", the next reconnect attempt, a stop, or the process's exit.
   */
  connectedSpans(now = Date.now()): Span[] {
    const spans: Span[] = [];
    const byIncarnation = new Map<number, AgentLogLine[]>();
    for (const l of this.logs()) byIncarnation.set(l.incarnation, [...(byIncarnation.get(l.incarnation) ?? []), l]);
    for (const [incarnation, lines] of byIncarnation) {
      const exitAt = this.exits.find((e) => e.incarnation === incarnation)?.at ?? now;
      let from: number | undefined;
      for (const l of lines) {
        if (l.msg === 'connected to broker') {
          from ??= l.time;
        } else if (from !== undefined && (l.msg === 'lost connection to broker' || l.msg === 'reconnecting after backoff' || l.msg === 'edge agent stopped')) {
          spans.push({ from, to: l.time });
          from = undefined;
        }
      }
      if (from !== undefined) spans.push({ from, to: exitAt });
    }
    return spans;
  }

  /** Every incarnation's stdout and stderr, for the run's log folder. */
  transcript(): string {
    return this.#incarnations.map((p, i) => `=== ${this.name} incarnation ${i}\n${p.stdout()}${p.stderr() ? `--- stderr\n${p.stderr()}` : ''}`).join('\n');
  }
}
