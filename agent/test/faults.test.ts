// Faults the agent must live through without going silent or losing what it made, each with the real
// CLI as a child process against a real aedes broker: a broker that dies with a heartbeat in flight,
// one that takes publishes and never answers, a backlog drained through a window of messages in
// flight, two `run` processes on one state directory, a restart (status.json keeps what it knew), and
// a state directory on a full filesystem.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeDeviceMessage, type edge, parseDeviceTopic } from '@edgenet/proto';
import type { Client, PublishPacket } from 'aedes';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { STATE_FILES } from '../src/state-files.js';
import { CLI, spawnAgent, waitFor } from './helpers/agent-process.js';
import { startBroker, type ReceivedPublish, type TestBroker } from './helpers/broker.js';
import { writeEnrolledState, type EnrolledState } from './helpers/state-dir.js';

const FAST_ENV = { EDGE_AGENT_RECONNECT_BASE_MS: '200', EDGE_AGENT_RECONNECT_CAP_MS: '1000', EDGE_AGENT_QUEUE_FSYNC: 'never' };

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` (npm test does it)`);
});

type Authorize = (client: Client | null, packet: PublishPacket, done: (err?: Error | null) => void) => void;

/** The broker the device is enrolled with, on a port it keeps across restarts. */
async function brokerFor(state: EnrolledState, port = 0, authorizePublish?: Authorize): Promise<TestBroker> {
  const broker = await startBroker(state.login, port);
  if (authorizePublish) broker.broker.authorizePublish = authorizePublish;
  onTestFinished(() => broker.close());
  return broker;
}

async function enrolledWithBroker(heartbeatIntervalMs = 1_000, dir?: string): Promise<{ state: EnrolledState; broker: TestBroker }> {
  const placeholder = writeEnrolledState({ mqttUrl: 'mqtt://127.0.0.1:1', heartbeatIntervalMs, ...(dir ? { dir } : {}) });
  const broker = await brokerFor(placeholder);
  const state = writeEnrolledState({ mqttUrl: broker.url, heartbeatIntervalMs, dir: placeholder.dir });
  broker.broker.authenticate = (client, username, password, done) => {
    const ok = client.id === state.login.clientId && username === state.login.username && password?.toString() === state.login.password;
    done(ok ? null : Object.assign(new Error('bad login'), { returnCode: 4 as const }), ok);
  };
  return { state, broker };
}

/** Seqs of the heartbeats the broker received from the device, in arrival order. */
function seqs(received: readonly ReceivedPublish[]): number[] {
  return received.flatMap((r) => {
    const parsed = parseDeviceTopic(r.topic);
    if (parsed?.kind !== 'heartbeat') return [];
    const decoded = decodeDeviceMessage('heartbeat', r.payload);
    return decoded.ok ? [(decoded.message as edge.v1.Heartbeat).seq] : [];
  });
}

const heartbeatSeq = (packet: PublishPacket): number | null => {
  if (parseDeviceTopic(packet.topic)?.kind !== 'heartbeat') return null;
  const decoded = decodeDeviceMessage('heartbeat', packet.payload as Buffer);
  return decoded.ok ? (decoded.message as edge.v1.Heartbeat).seq : null;
};

const acked = (logs: readonly Record<string, unknown>[]): number[] =>
  logs.filter((l) => l.msg === 'published' && l.kind === 'heartbeat' && typeof l.seq === 'number').map((l) => l.seq as number);

describe('edge-agent run under faults', () => {
  it('keeps sending after its broker dies with a heartbeat in flight, and resends that heartbeat', async () => {
    // The first broker takes heartbeats but answers none: a platform still committing when killed.
    const { state, broker } = await enrolledWithBroker();
    const held: number[] = [];
    broker.broker.authorizePublish = (_client, packet, done) => {
      const seq = heartbeatSeq(packet);
      if (seq === null) return done(null);
      held.push(seq); // never answered
    };
    const agent = spawnAgent(['run', '--state-dir', state.dir], FAST_ENV);
    await waitFor('a heartbeat in flight', () => held.length >= 1, 15_000);
    const port = broker.port;
    await broker.close();
    const restarted = await brokerFor(state, port);
    // Every heartbeat made keeps arriving: the one in flight first, then new ones.
    await waitFor('three heartbeats after the restart', () => seqs(restarted.received).length >= 3, 20_000);
    const after = seqs(restarted.received);
    expect(after[0]).toBe(held[0]);
    expect(after).toEqual([...after].sort((a, b) => a - b));
    await waitFor('the resent heartbeat acknowledged', () => acked(agent.logs).includes(held[0]!));
    agent.child.kill('SIGTERM');
    expect((await agent.exited).code).toBe(0);
  }, 60_000);

  it('drops a connection whose broker takes publishes and never answers, and sends everything over a new one', async () => {
    const { state, broker } = await enrolledWithBroker();
    let connects = 0;
    broker.broker.on('client', () => (connects += 1));
    const held = new Set<number>();
    // Heartbeats of the first connection are never answered, those of later ones are.
    let first: Client | null = null;
    broker.broker.authorizePublish = (client, packet, done) => {
      const seq = heartbeatSeq(packet);
      first ??= client;
      if (seq !== null && client === first) {
        held.add(seq);
        return;
      }
      done(null);
    };
    const agent = spawnAgent(['run', '--state-dir', state.dir], { ...FAST_ENV, EDGE_AGENT_ACK_TIMEOUT_MS: '2000' });
    await waitFor('a second connection', () => connects >= 2, 20_000);
    await waitFor(
      'the unanswered heartbeats acknowledged over the new connection',
      () => {
        const ok = acked(agent.logs);
        return held.size > 0 && [...held].every((s) => ok.includes(s));
      },
      20_000,
    );
    expect(agent.logs.some((l) => l.msg === 'no PUBACK in time; reconnecting')).toBe(true);
    agent.child.kill('SIGTERM');
    expect((await agent.exited).code).toBe(0);
  }, 60_000);

  it('drains a backlog with several messages in flight, acknowledged in order', async () => {
    const { state, broker } = await enrolledWithBroker(1_000);
    // A backlog: the agent runs 6 s against nothing, queueing its heartbeats.
    const offline = spawnAgent(['run', '--state-dir', state.dir], {
      ...FAST_ENV,
      EDGE_AGENT_MQTT_URL: 'mqtt://127.0.0.1:1',
      EDGE_AGENT_HEARTBEAT_INTERVAL_MS: '1000',
    });
    await waitFor('five queued heartbeats', () => (readStatus(state)?.queue?.depth ?? 0) >= 5, 20_000);
    offline.child.kill('SIGTERM');
    await offline.exited;
    const backlog = readStatus(state)!.queue!.depth;
    // The broker answers each publish 300 ms after it came: one at a time, that is 3 a second.
    let outstanding = 0;
    let most = 0;
    broker.broker.authorizePublish = (_client, packet, done) => {
      if (heartbeatSeq(packet) === null) return done(null);
      outstanding += 1;
      most = Math.max(most, outstanding);
      setTimeout(() => {
        outstanding -= 1;
        done(null);
      }, 300);
    };
    const agent = spawnAgent(['run', '--state-dir', state.dir], FAST_ENV);
    await waitFor('the backlog acknowledged', () => acked(agent.logs).length >= backlog, 30_000);
    expect(most).toBeGreaterThan(1);
    const got = seqs(broker.received);
    expect(got.slice(0, backlog)).toEqual([...got.slice(0, backlog)].sort((a, b) => a - b));
    expect(acked(agent.logs)).toEqual([...acked(agent.logs)].sort((a, b) => a - b));
    agent.child.kill('SIGTERM');
    expect((await agent.exited).code).toBe(0);
  }, 60_000);

  it('refuses a second run on the same state directory, naming the first', async () => {
    const { state } = await enrolledWithBroker();
    const first = spawnAgent(['run', '--state-dir', state.dir], FAST_ENV);
    await waitFor('the first run connected', () => first.logs.some((l) => l.msg === 'connected to broker'), 15_000);
    const second = spawnAgent(['run', '--state-dir', state.dir], FAST_ENV);
    const exit = await second.exited;
    expect(exit.code).not.toBe(0);
    expect(second.stderr()).toContain('EDGE_AGENT_ERR_ALREADY_RUNNING');
    expect(second.stderr()).toContain(`another edge-agent run (pid ${first.child.pid})`);
    expect(first.child.exitCode).toBeNull();
    first.child.kill('SIGTERM');
    expect((await first.exited).code).toBe(0);
    // Gone with its owner: the next run starts.
    const third = spawnAgent(['run', '--state-dir', state.dir], FAST_ENV);
    await waitFor('the third run connected', () => third.logs.some((l) => l.msg === 'connected to broker'), 15_000);
    third.child.kill('SIGKILL');
    await third.exited;
    // A lock left by a killed process does not block the next start.
    const fourth = spawnAgent(['run', '--state-dir', state.dir], FAST_ENV);
    await waitFor('the fourth run connected', () => fourth.logs.some((l) => l.msg === 'connected to broker'), 15_000);
    fourth.child.kill('SIGTERM');
    expect((await fourth.exited).code).toBe(0);
  }, 60_000);

  it('keeps the last seq it knew in status.json across a restart', async () => {
    const { state } = await enrolledWithBroker();
    const first = spawnAgent(['run', '--state-dir', state.dir], FAST_ENV);
    await waitFor('two heartbeats acknowledged', () => acked(first.logs).length >= 2, 15_000);
    first.child.kill('SIGTERM');
    await first.exited;
    const before = readStatus(state)!;
    expect(before.lastSeq).toBeGreaterThan(1);
    // Restarted against a broker that is not there: nothing new happens, and nothing is forgotten.
    const second = spawnAgent(['run', '--state-dir', state.dir], {
      ...FAST_ENV,
      EDGE_AGENT_MQTT_URL: 'mqtt://127.0.0.1:1',
      EDGE_AGENT_HEARTBEAT_INTERVAL_MS: '60000',
    });
    await waitFor('status.json from the second run', () => readStatus(state)?.pid === second.child.pid && readStatus(state)?.state !== 'starting', 15_000);
    expect(readStatus(state)).toMatchObject({ lastSeq: before.lastSeq, lastSentSeq: before.lastSentSeq });
    second.child.kill('SIGTERM');
    await second.exited;
  }, 40_000);

  it('keeps heartbeating when its state directory fills up, and says so in status and doctor', async (ctx) => {
    const mount = mkdtempSync(join(tmpdir(), 'edge-agent-full-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mount], { stdio: 'pipe' });
    } catch (err) {
      rmSync(mount, { recursive: true, force: true });
      ctx.skip(`cannot mount a 2 MiB tmpfs here (needs root): ${(err as Error).message.split('\n')[0]}`);
    }
    onTestFinished(() => {
      execFileSync('umount', ['-l', mount]);
      rmSync(mount, { recursive: true, force: true });
    });
    const { state, broker } = await enrolledWithBroker(1_000, mount);
    const agent = spawnAgent(['run', '--state-dir', state.dir], FAST_ENV);
    await waitFor('two heartbeats', () => seqs(broker.received).length >= 2, 15_000);
    // Fill the filesystem to the last byte.
    try {
      execFileSync('dd', ['if=/dev/zero', `of=${join(mount, 'fill')}`, 'bs=4k'], { stdio: 'pipe' });
    } catch {
      // dd stops with "No space left on device": that is the point
    }
    expect(() => writeFileSync(join(mount, 'probe'), Buffer.alloc(8192))).toThrow(/ENOSPC/);
    // The queue's last page still takes a few records; then the disk refuses, and memory takes over.
    const spilling = 'cannot append to the queue on disk; keeping messages in memory until it takes them again';
    await waitFor('the queue refusing', () => agent.logs.some((l) => l.msg === spilling), 40_000);
    const full = seqs(broker.received).length;
    await waitFor('five heartbeats with the disk refusing', () => seqs(broker.received).length >= full + 5, 20_000);
    const got = seqs(broker.received);
    // seq keeps growing by one: seq.json is still written (in place), no seq is skipped or reused.
    expect(new Set(got).size).toBe(got.length);
    for (let i = 1; i < got.length; i++) expect(got[i]).toBe(got[i - 1]! + 1);
    const nextSeq = (JSON.parse(readFileSync(join(mount, STATE_FILES.seq), 'utf8')) as { nextSeq: number }).nextSeq;
    expect(nextSeq).toBeGreaterThan(got.at(-1)!);
    const doctor = spawnAgent(['doctor', '--state-dir', state.dir], FAST_ENV);
    expect((await doctor.exited).code).toBe(1);
    expect(doctor.stdout()).toMatch(/FAIL\s+state dir\s+.*does not take a write/);
    const status = spawnAgent(['status', '--json', '--state-dir', state.dir], FAST_ENV);
    expect((await status.exited).code).toBe(0);
    expect(JSON.parse(status.stdout())).toMatchObject({ running: true, stale: null, silent: null, lastStatus: { queue: { diskRefused: true } } });
    agent.child.kill('SIGTERM');
    expect((await agent.exited).code).toBe(0);
  }, 90_000);
});

function readStatus(
  state: EnrolledState,
): (Record<string, unknown> & { pid?: number; lastSeq?: number; lastSentSeq?: number; queue?: { depth: number } }) | undefined {
  try {
    return JSON.parse(readFileSync(join(state.dir, STATE_FILES.status), 'utf8')) as ReturnType<typeof readStatus>;
  } catch {
    return undefined;
  }
}
