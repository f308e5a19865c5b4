// The built CLI as a child process, the way a service manager runs it. `run` goes against a real aedes
// broker: the after-connect order (docs/protocol.md §2), signatures, seq across reconnects, restarts
// and crashes, commands, the will, and a clean SIGTERM. `enroll` and `status` check exit statuses and
// messages.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { commandTopic, decodeDeviceMessage, edge, openEnvelope, parseDeviceTopic, type DecodedMessage } from '@edgenet/proto';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { keyId, loadIdentity } from '../src/identity.js';
import { STATE_FILES } from '../src/state-files.js';
import { CLI, spawnAgent, waitFor } from './helpers/agent-process.js';
import { startBroker, type ReceivedPublish, type TestBroker } from './helpers/broker.js';
import { tempDir, writeEnrolledState, type EnrolledState } from './helpers/state-dir.js';

// Fast reconnects so a broker restart is seen within a couple of seconds; the defaults are 1 s..60 s.
const FAST_ENV = { EDGE_AGENT_RECONNECT_BASE_MS: '200', EDGE_AGENT_RECONNECT_CAP_MS: '1000' };

beforeAll(() => {
  // The tests run the real CLI from dist/; `npm test` builds it first.
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` (npm test does it)`);
});

type Verified = DecodedMessage & { at: number };

/** Decodes and verifies every device message the broker saw, failing on a bad one. */
function verified(state: EnrolledState, received: readonly ReceivedPublish[]): Verified[] {
  // The public key is derived from the key file on disk, as the platform derives it from enrollment.
  const { publicKey } = loadIdentity(join(state.dir, STATE_FILES.privateKey));
  return (
    received
      // Only what the agent's own connection published (the will included); the test's own command
      // publishes come from the broker itself.
      .filter((r) => r.clientId === state.deviceId)
      .map((r) => {
        const parsed = parseDeviceTopic(r.topic);
        expect(parsed, `topic ${r.topic}`).not.toBeNull();
        expect(parsed!.deviceId).toBe(state.deviceId);
        expect(r.qos).toBe(1);
        const decoded = decodeDeviceMessage(parsed!.kind, r.payload);
        if (!decoded.ok) throw new Error(`${r.topic}: ${decoded.reason}`);
        expect(openEnvelope(decoded.envelope, publicKey), `signature on ${r.topic}`).toBe(true);
        return { kind: decoded.kind, message: decoded.message, at: r.at } as Verified;
      })
  );
}

const heartbeats = (list: Verified[]): edge.v1.Heartbeat[] => list.filter((m) => m.kind === 'heartbeat').map((m) => m.message as edge.v1.Heartbeat);

async function startWithBroker(heartbeatIntervalMs = 1_000): Promise<{ state: EnrolledState; broker: TestBroker }> {
  const placeholder = writeEnrolledState({ mqttUrl: 'mqtt://127.0.0.1:1', heartbeatIntervalMs });
  const broker = await startBroker(placeholder.login);
  onTestFinished(() => broker.close());
  // Same state, now pointing at the broker's real port.
  const state = writeEnrolledState({ mqttUrl: broker.url, heartbeatIntervalMs, dir: placeholder.dir });
  const login = state.login;
  broker.broker.authenticate = (client, username, password, done) => {
    const ok = client.id === login.clientId && username === login.username && password?.toString() === login.password;
    done(ok ? null : Object.assign(new Error('bad login'), { returnCode: 4 as const }), ok);
  };
  return { state, broker };
}

describe('edge-agent run', () => {
  it('sends hello, workstations and signed heartbeats, reconnects after a broker restart, and stops cleanly on SIGTERM', async () => {
    const { state, broker } = await startWithBroker();
    const agent = spawnAgent(['run', '--state-dir', state.dir], FAST_ENV);

    await waitFor('hello, workstations and two heartbeats', () => heartbeats(verified(state, broker.received)).length >= 2);
    const first = verified(state, broker.received);
    // docs/protocol.md §2: hello, then workstations, then heartbeats.
    expect(first.slice(0, 3).map((m) => m.kind)).toEqual(['hello', 'workstations', 'heartbeat']);
    const hello = first[0]!.message as edge.v1.Hello;
    expect(hello.kind).toBe(edge.v1.DeviceKind.INDUSTRIAL_PC);
    expect(hello.heartbeatIntervalMs).toBe(1_000);
    expect(hello.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(hello.inventory?.cpuPhysicalCores).toBeGreaterThan(0);
    const mapping = first[1]!.message as edge.v1.WorkstationMapping;
    expect(mapping.workstationCodes).toEqual(['L1-01', 'L1-02']);
    expect(mapping.revision).toBe(3);
    const firstSeqs = heartbeats(first).map((h) => h.seq);
    expect(firstSeqs[0]).toBe(1);
    for (let i = 1; i < firstSeqs.length; i++) expect(firstSeqs[i]).toBeGreaterThan(firstSeqs[i - 1]!);
    const hb = heartbeats(first)[0]!;
    expect(hb.clockUntrusted).toBe(false);
    expect(Math.abs(hb.deviceTimeMs - Date.now())).toBeLessThan(60_000);
    expect(hb.inference).toMatchObject({ total: 0, errors: 0 });

    // The broker goes away and comes back on the same port.
    const port = broker.port;
    await broker.close();
    await waitFor('agent to notice the lost broker', () => agent.logs.some((l) => l.msg === 'reconnecting after backoff'));
    const restarted = await startBroker(state.login, port);
    onTestFinished(() => restarted.close());
    await waitFor('a heartbeat after the restart', () => heartbeats(verified(state, restarted.received)).length >= 1);
    const second = verified(state, restarted.received);
    expect(second.slice(0, 3).map((m) => m.kind)).toEqual(['hello', 'workstations', 'heartbeat']);
    const lastBefore = Math.max(...heartbeats(verified(state, broker.received)).map((h) => h.seq));
    expect(heartbeats(second)[0]!.seq).toBeGreaterThan(lastBefore);

    // SIGTERM: Status{online:false}, then exit 0 within 5 s.
    const sentAt = Date.now();
    agent.child.kill('SIGTERM');
    const exit = await agent.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - sentAt).toBeLessThan(5_000);
    const statuses = verified(state, restarted.received).filter((m) => m.kind === 'status');
    expect(statuses).toHaveLength(1);
    expect((statuses[0]!.message as edge.v1.Status).online).toBe(false);

    const status = JSON.parse(readFileSync(join(state.dir, STATE_FILES.status), 'utf8')) as Record<string, unknown>;
    expect(status).toMatchObject({ state: 'stopped', brokerUrl: state.agent.mqttUrl });
    expect(status.lastSeq).toBe(Math.max(...heartbeats(second).map((h) => h.seq)));
    // The MQTT password never reaches the log.
    expect(agent.stdout()).not.toContain(state.login.password);
  }, 40_000);

  it('continues the heartbeat seq after a restart and never reuses one', async () => {
    const { state, broker } = await startWithBroker();
    const firstRun = spawnAgent(['run', '--state-dir', state.dir]);
    await waitFor('two heartbeats', () => heartbeats(verified(state, broker.received)).length >= 2);
    firstRun.child.kill('SIGTERM');
    expect((await firstRun.exited).code).toBe(0);
    const firstSeqs = heartbeats(verified(state, broker.received)).map((h) => h.seq);

    const seen = broker.received.length;
    const secondRun = spawnAgent(['run', '--state-dir', state.dir]);
    await waitFor('a heartbeat from the second run', () => heartbeats(verified(state, broker.received.slice(seen))).length >= 1);
    secondRun.child.kill('SIGTERM');
    expect((await secondRun.exited).code).toBe(0);

    const allSeqs = heartbeats(verified(state, broker.received)).map((h) => h.seq);
    expect(new Set(allSeqs).size).toBe(allSeqs.length);
    expect(Math.min(...allSeqs.slice(firstSeqs.length))).toBeGreaterThan(Math.max(...firstSeqs));
  }, 30_000);

  it('publishes the will when it dies without a goodbye, and continues the seq after the crash', async () => {
    const { state, broker } = await startWithBroker();
    const agent = spawnAgent(['run', '--state-dir', state.dir]);
    await waitFor('a heartbeat', () => heartbeats(verified(state, broker.received)).length >= 1);
    agent.child.kill('SIGKILL');
    // The broker sees the socket drop and publishes the will on the agent's behalf [MQTT-3.1.2-8].
    const will = await waitFor('the will', () => verified(state, broker.received).find((m) => m.kind === 'status'));
    expect((will.message as edge.v1.Status).online).toBe(false);

    // After the crash a new process continues the seq: no seq is reused for a new heartbeat. One the
    // broker had but whose acknowledgement the killed process never committed is sent again from the
    // queue, byte for byte the same heartbeat (at least once; the platform drops the repeat by seq).
    const before = heartbeats(verified(state, broker.received));
    const sentBefore = before.map((h) => h.seq);
    const seen = broker.received.length;
    const again = spawnAgent(['run', '--state-dir', state.dir]);
    const next = await waitFor('a new heartbeat after the crash', () =>
      heartbeats(verified(state, broker.received.slice(seen))).find((h) => !sentBefore.includes(h.seq)),
    );
    expect(next.seq).toBeGreaterThan(Math.max(...sentBefore));
    for (const repeat of heartbeats(verified(state, broker.received.slice(seen))).filter((h) => sentBefore.includes(h.seq))) {
      expect(repeat.deviceTimeMs).toBe(before.find((h) => h.seq === repeat.seq)!.deviceTimeMs);
    }
    again.child.kill('SIGTERM');
    expect((await again.exited).code).toBe(0);
  }, 30_000);

  it('obeys commands: ping, set_heartbeat_interval (with a fresh hello) and request_hello', async () => {
    const { state, broker } = await startWithBroker(2_000);
    const agent = spawnAgent(['run', '--state-dir', state.dir]);
    // Commands sent before the broker holds the subscription would be lost (clean session).
    await waitFor('subscription to the cmd topic', () => broker.subscriptions.includes(commandTopic(state.deviceId)));
    const send = (command: edge.v1.Command.$Properties): Promise<void> =>
      new Promise((resolve, reject) =>
        broker.broker.publish(
          {
            cmd: 'publish',
            topic: commandTopic(state.deviceId),
            payload: Buffer.from(edge.v1.Command.encode(command).finish()),
            qos: 1,
            retain: false,
            dup: false,
          },
          (err) => (err ? reject(err) : resolve()),
        ),
      );

    await send({ id: 'c1', issuedAtMs: Date.now(), ping: {} });
    await waitFor('ping logged', () => agent.logs.some((l) => l.msg === 'ping from platform' && l.commandId === 'c1'));

    const hellosBefore = verified(state, broker.received).filter((m) => m.kind === 'hello').length;
    await send({ id: 'c2', issuedAtMs: Date.now(), setHeartbeatInterval: { intervalMs: 1_000 } });
    const newHello = await waitFor('hello with the new interval', () =>
      verified(state, broker.received)
        .filter((m) => m.kind === 'hello')
        .slice(hellosBefore)
        .find((m) => (m.message as edge.v1.Hello).heartbeatIntervalMs === 1_000),
    );
    expect(newHello).toBeDefined();
    const saved = JSON.parse(readFileSync(join(state.dir, STATE_FILES.config), 'utf8')) as { heartbeatIntervalMs: number };
    expect(saved.heartbeatIntervalMs).toBe(1_000);

    await send({ id: 'c3', issuedAtMs: Date.now(), setHeartbeatInterval: { intervalMs: 10 } });
    await waitFor('out-of-bounds interval refused', () => agent.logs.some((l) => l.msg === 'command ignored' && l.commandId === 'c3'));

    const hellos = verified(state, broker.received).filter((m) => m.kind === 'hello').length;
    await send({ id: 'c4', issuedAtMs: Date.now(), requestHello: {} });
    await waitFor('hello on request', () => verified(state, broker.received).filter((m) => m.kind === 'hello').length > hellos);

    agent.child.kill('SIGTERM');
    expect((await agent.exited).code).toBe(0);
  }, 30_000);

  it('keeps retrying with backoff when the broker refuses its login', async () => {
    const { state, broker } = await startWithBroker();
    broker.broker.authenticate = (_client, _username, _password, done) => done(Object.assign(new Error('no'), { returnCode: 4 as const }), false);
    const agent = spawnAgent(['run', '--state-dir', state.dir], FAST_ENV);
    await waitFor('two refused attempts', () => agent.logs.filter((l) => l.returnCode === 4).length >= 2);
    expect(broker.received).toHaveLength(0);
    // Stopping while not connected has nothing to publish and must not wait for a broker.
    const sentAt = Date.now();
    agent.child.kill('SIGTERM');
    expect((await agent.exited).code).toBe(0);
    expect(Date.now() - sentAt).toBeLessThan(5_000);
  }, 30_000);

  it('refuses to start on an invalid configuration, naming every problem', async () => {
    const { state } = await startWithBroker();
    const agent = spawnAgent(['run', '--state-dir', state.dir], {
      EDGE_AGENT_HEARTBEAT_INTERVAL_MS: '5',
      EDGE_AGENT_MQTT_URL: 'ftp://nowhere',
    });
    const exit = await agent.exited;
    expect(exit.code).toBe(78);
    expect(agent.stderr()).toContain('EDGE_AGENT_HEARTBEAT_INTERVAL_MS');
    expect(agent.stderr()).toContain('EDGE_AGENT_MQTT_URL');
    expect(agent.stderr()).toContain('EDGE_AGENT_ERR_CONFIG_INVALID');
  }, 30_000);
});

describe('edge-agent enroll', () => {
  it('fails with a clear message and exit status 1 when the platform is unreachable', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((r) => server.close(() => r()));
    const dir = tempDir();
    const cli = spawnAgent(['enroll', '--platform', `http://127.0.0.1:${port}`, '--token', 'et_x', '--state-dir', dir]);
    expect((await cli.exited).code).toBe(1);
    expect(cli.stderr()).toContain(`cannot reach the platform at http://127.0.0.1:${port}`);
    expect(cli.stderr()).toContain('EDGE_AGENT_ERR_PLATFORM_UNREACHABLE');
    expect(existsSync(join(dir, STATE_FILES.config))).toBe(false);
  }, 30_000);

  it('names every bad option and exits 2', async () => {
    const cli = spawnAgent([
      'enroll',
      '--platform',
      'nowhere',
      '--kind',
      'toaster',
      '--workstations',
      'A,B!',
      '--ca-fingerprint',
      'AB:CD',
      '--state-dir',
      tempDir(),
    ]);
    expect((await cli.exited).code).toBe(2);
    for (const fragment of ['--platform', '--token', '--kind', '"B!"', '--ca-fingerprint must be a SHA-256 fingerprint'])
      expect(cli.stderr()).toContain(fragment);
  }, 30_000);
});

describe('edge-agent status', () => {
  it('prints what the state dir knows, as text and as JSON', async () => {
    const state = writeEnrolledState({ mqttUrl: 'mqtt://broker.example:1883' });
    const text = spawnAgent(['status', '--state-dir', state.dir]);
    expect((await text.exited).code).toBe(0);
    const keyIdHex = keyId(state.agent.publicKey);
    for (const fragment of [state.deviceId, 'mqtt://broker.example:1883', 'NO: plain MQTT', 'industrial_pc', 'L1-01, L1-02', keyIdHex, 'has not run yet']) {
      expect(text.stdout()).toContain(fragment);
    }

    const json = spawnAgent(['status', '--json', '--state-dir', state.dir], { EDGE_AGENT_MQTT_URL: 'mqtts://override.example:8883' });
    expect((await json.exited).code).toBe(0);
    const report = JSON.parse(json.stdout()) as Record<string, unknown>;
    expect(report).toMatchObject({
      deviceId: state.deviceId,
      platformUrl: state.agent.platformUrl,
      mqttUrl: 'mqtts://override.example:8883',
      mqttUrlOverridden: true,
      tls: true,
      caFingerprint: null,
      kind: 'industrial_pc',
      workstations: ['L1-01', 'L1-02'],
      fingerprint: state.agent.fingerprint,
      keyId: keyIdHex,
      running: false,
      lastStatus: null,
    });
    expect(json.stdout()).not.toContain(state.login.password);
  }, 30_000);

  it('exits 78 when the device is not enrolled', async () => {
    const cli = spawnAgent(['status', '--state-dir', tempDir()]);
    expect((await cli.exited).code).toBe(78);
    expect(cli.stderr()).toContain('EDGE_AGENT_ERR_NOT_ENROLLED');
  }, 30_000);
});
