// The agent against an MQTT broker this project did not write: Mosquitto on 127.0.0.1:1883, so the
// agent is not tied to the broker this project ships. A subscriber with its own client id receives
// the agent's Hello and heartbeats there and verifies every signature with the device key. Mosquitto on a test machine allows anonymous
// clients, so the agent's device login is simply accepted. Other runs may share this Mosquitto, so
// only this device's topics are looked at. Skipped, with a message, only when nothing listens on 1883.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { connect as tcpConnect } from 'node:net';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { decodeDeviceMessage, type edge, openEnvelope, parseDeviceTopic } from '@edgenet/proto';
import { describe, expect, it, onTestFinished } from 'vitest';
import { loadIdentity } from '../src/identity.js';
import { STATE_FILES } from '../src/state-files.js';
import { CLI, spawnAgent, waitFor } from './helpers/agent-process.js';
import { writeEnrolledState } from './helpers/state-dir.js';

const MOSQUITTO = { host: '127.0.0.1', port: 1883 };

const listening = await new Promise<boolean>((resolve) => {
  const socket = tcpConnect(MOSQUITTO);
  socket.setTimeout(1_000, () => {
    socket.destroy();
    resolve(false);
  });
  socket.once('connect', () => {
    socket.destroy();
    resolve(true);
  });
  socket.once('error', () => resolve(false));
});
if (!listening) console.warn('external-broker.test.ts skipped: nothing listens on 127.0.0.1:1883 (start Mosquitto to run it)');

describe.skipIf(!listening)('edge-agent against Mosquitto', () => {
  it('publishes signed Hello and heartbeats, in order, on an external broker', async () => {
    if (!existsSync(CLI)) throw new Error('agent/dist is missing: run npm run build');
    const url = `mqtt://${MOSQUITTO.host}:${MOSQUITTO.port}`;
    const state = writeEnrolledState({ mqttUrl: 'mqtt://127.0.0.1:1', heartbeatIntervalMs: 1_000 });
    const received: { topic: string; payload: Buffer }[] = [];
    const sub = await mqtt.connectAsync(url, { clientId: `edgenet-test-${randomBytes(6).toString('hex')}`, protocolVersion: 4, reconnectPeriod: 0 });
    onTestFinished(() => sub.endAsync(true).catch(() => undefined));
    sub.on('message', (topic, payload) => received.push({ topic, payload: Buffer.from(payload) }));
    await sub.subscribeAsync(`edge/v1/d/${state.deviceId}/#`, { qos: 1 });

    const agent = spawnAgent(['run', '--state-dir', state.dir], { EDGE_AGENT_MQTT_URL: url });
    await waitFor('three heartbeats via Mosquitto', () => received.filter((r) => r.topic.endsWith('/heartbeat')).length >= 3, 15_000);
    agent.child.kill('SIGTERM');
    expect((await agent.exited).code).toBe(0);
    await waitFor('offline status on shutdown', () => received.some((r) => r.topic.endsWith('/status')), 5_000);

    const { publicKey } = loadIdentity(join(state.dir, STATE_FILES.privateKey));
    const decoded = received.map((r) => {
      const parsed = parseDeviceTopic(r.topic)!;
      expect(parsed.deviceId).toBe(state.deviceId);
      const d = decodeDeviceMessage(parsed.kind, r.payload);
      if (!d.ok) throw new Error(d.reason);
      expect(openEnvelope(d.envelope, publicKey)).toBe(true);
      return d;
    });
    expect(decoded[0]!.kind).toBe('hello');
    const seqs = decoded.filter((d) => d.kind === 'heartbeat').map((d) => (d.message as edge.v1.Heartbeat).seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => seqs[0]! + i));
  }, 30_000);
});
