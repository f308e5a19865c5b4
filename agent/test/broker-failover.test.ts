// A broker cluster has several addresses: when the node a device is connected to dies, the device
// reconnects to another one (mqtt-session.ts fallbackUrls), and EDGE_AGENT_MQTT_URL names them all.
// Two real brokers (aedes, helpers/broker.ts) stand for two nodes: the first is closed under the
// session, and the next publish must go through the second.
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { Backoff } from '../src/backoff.js';
import { loadRunConfig } from '../src/config.js';
import { isAgentError } from '../src/errors.js';
import { createLogger } from '../src/log.js';
import { MqttSession } from '../src/mqtt-session.js';
import { startBroker, type TestBroker } from './helpers/broker.js';
import { writeEnrolledState } from './helpers/state-dir.js';

const login = { clientId: 'failover-1', username: 'failover-1', password: 'secret' };
const brokers: TestBroker[] = [];
let session: MqttSession | undefined;
afterEach(async () => {
  await session?.stop(undefined, 1_000);
  session = undefined;
  for (const b of brokers.splice(0)) await b.close();
});

const until = async (what: string, check: () => boolean, ms = 10_000) => {
  for (const end = Date.now() + ms; !check(); ) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('broker failover', () => {
  it('reconnects to the next node when its node dies, and publishes there', async () => {
    const [a, b] = [await startBroker(login), await startBroker(login)];
    brokers.push(a, b);
    let connects = 0;
    session = new MqttSession({
      url: a.url,
      fallbackUrls: [b.url],
      ...login,
      will: () => ({ topic: 'edge/v1/d/failover-1/status', payload: Buffer.from('offline') }),
      backoff: new Backoff({ baseMs: 100, capMs: 200 }),
      log: createLogger('silent', new Writable({ write: (_c, _e, cb) => cb() })),
      onConnect: () => connects++,
      onMessage: () => {},
    });
    session.start();
    await until('the first connection', () => session!.connected);
    expect(session.url).toBe(a.url);
    expect(await session.publish({ topic: 'edge/v1/d/failover-1/heartbeat', payload: Buffer.from([1]) })).toBe('sent');

    await a.close(); // the node dies; it does not come back
    await until('a connection to the surviving node', () => connects === 2 && session!.connected);
    expect(session.url).toBe(b.url);
    expect(await session.publish({ topic: 'edge/v1/d/failover-1/heartbeat', payload: Buffer.from([2]) })).toBe('sent');
    expect(a.received.filter((r) => r.topic.endsWith('/heartbeat')).map((r) => [...r.payload])).toEqual([[1]]);
    expect(b.received.filter((r) => r.topic.endsWith('/heartbeat')).map((r) => [...r.payload])).toEqual([[2]]);
  });

  it('takes the nodes from a comma-separated EDGE_AGENT_MQTT_URL, and checks each', () => {
    const state = writeEnrolledState({ mqttUrl: 'mqtt://broker.example:1883' });
    const config = loadRunConfig(state.dir, { EDGE_AGENT_MQTT_URL: 'mqtt://node1:1883, mqtt://node2:1883,mqtt://node3:1883' }, { configFile: null });
    expect(config.mqtt.url).toBe('mqtt://node1:1883');
    expect(config.mqtt.fallbackUrls).toEqual(['mqtt://node2:1883', 'mqtt://node3:1883']);
    expect(loadRunConfig(state.dir, {}, { configFile: null }).mqtt.fallbackUrls).toEqual([]);
    let err: unknown;
    try {
      loadRunConfig(state.dir, { EDGE_AGENT_MQTT_URL: 'mqtt://node1:1883,http://node2' }, { configFile: null });
    } catch (e) {
      err = e;
    }
    expect(isAgentError(err) && err.message).toMatch(/EDGE_AGENT_MQTT_URL must be an mqtt:\/\//);
  });
});
