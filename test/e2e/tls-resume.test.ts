// A reconnect resumes its TLS session (RFC 8446 §2.2 PSK resumption from a session ticket,
// RFC 5077) instead of a full handshake, and so does the reconnect storm after a platform restart:
// the ticket key lives in the data dir (platform/src/tls/ticket-keys.ts). The agent keeps the session
// of its last connection in memory (agent/src/mqtt-session.ts). A ticket from another platform is
// not decrypted there: that connection still succeeds, with a full handshake.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backoff } from '../../agent/src/backoff.js';
import { createLogger } from '../../agent/src/log.js';
import { MqttSession } from '../../agent/src/mqtt-session.js';
import { freePort } from '../helpers/free-port.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { enrollTestDevice, type TestDevice } from '../helpers/device.js';
import { seedEnterprise } from '../helpers/fixtures.js';
import { startTestPlatform, waitFor, type TestPlatform } from '../helpers/platform.js';

let database: TestDatabase;
let mqttsPort: number;
let tp: TestPlatform;
let device: TestDevice;

const start = (db: TestDatabase, port: number) => startTestPlatform({ EDGENET_MQTTS_PORT: String(port) }, db);
const caOf = (db: TestDatabase) => readFileSync(join(db.dataDir, 'tls', 'ca.pem'), 'utf8');

beforeAll(async () => {
  database = await createTestDatabase();
  mqttsPort = await freePort();
  tp = await start(database, mqttsPort);
  device = await enrollTestDevice(tp, (await seedEnterprise(tp)).token);
});
afterAll(async () => {
  await tp?.close();
  await database?.drop();
});

interface Attempt {
  /** socket.isSessionReused() once the handshake completed. */
  resumed: boolean;
  /** 'connected', or the CONNACK return code of a refusal. */
  outcome: 'connected' | number;
  /** The ticket the server sent on this connection, to offer on the next. */
  session: Buffer | undefined;
}

/** One mqtt.js connection over TLS offering `session`. */
function connectOnce(port: number, ca: string, session?: Buffer): Promise<Attempt> {
  return new Promise((resolve, reject) => {
    const client = mqtt.connect(`mqtts://127.0.0.1:${port}`, {
      clientId: device.deviceId,
      username: device.deviceId,
      password: device.password,
      protocolVersion: 4,
      reconnectPeriod: 0,
      ca,
      servername: 'localhost',
      ...(session ? { session } : {}),
    });
    const socket = client.stream as TLSSocket;
    let ticket: Buffer | undefined;
    let resumed: boolean | undefined;
    socket.on('session', (s: Buffer) => (ticket = s));
    socket.once('secureConnect', () => (resumed = socket.isSessionReused()));
    const done = (outcome: Attempt['outcome']) =>
      // TLS 1.3 tickets follow the handshake: give one a moment to arrive before leaving.
      void waitFor('a session ticket', () => ticket, 2_000, 10)
        .catch(() => undefined)
        .then(() => {
          client.end(true);
          resolve({ resumed: resumed ?? false, outcome, session: ticket });
        });
    client.once('connect', () => done('connected'));
    client.once('error', (err: Error & { code?: unknown }) => {
      if (typeof err.code === 'number' && resumed !== undefined) return done(err.code);
      client.end(true);
      reject(err);
    });
  });
}

describe('TLS session resumption', () => {
  it('keeps the ticket key in the data dir, readable by the owner only', () => {
    const path = join(database.dataDir, 'tls', 'ticket-key.json');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(Buffer.from(JSON.parse(readFileSync(path, 'utf8')).key, 'base64')).toHaveLength(48);
  });

  it("the agent's MQTT session resumes its TLS session on reconnect, across a platform restart", async () => {
    const lines: { msg: string; tlsResumed?: boolean }[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const session = new MqttSession({
      url: `mqtts://localhost:${mqttsPort}`,
      clientId: device.deviceId,
      username: device.deviceId,
      password: device.password,
      ca: caOf(database),
      will: () => ({ topic: `edge/v1/${device.deviceId}/status`, payload: Buffer.alloc(0) }),
      backoff: new Backoff({ baseMs: 50, capMs: 200 }),
      log: createLogger('info', sink),
      onConnect: () => undefined,
      onMessage: () => undefined,
    });
    const connected = () => lines.filter((l) => l.msg === 'connected to broker');
    try {
      session.start();
      await waitFor('first connection', () => connected().length === 1);
      expect(connected()[0]!.tlsResumed).toBe(false);
      // The ticket arrives just after the handshake; the restart comes later in real life too.
      await new Promise((r) => setTimeout(r, 200));
      await tp.close();
      tp = await start(database, mqttsPort);
      await waitFor('reconnection to the restarted platform', () => connected().length === 2, 20_000);
      expect(connected()[1]!.tlsResumed).toBe(true);
    } finally {
      await session.stop(undefined, 1_000);
    }
  }, 60_000);

  it('a ticket from another platform does not resume there, and the connection still succeeds', async () => {
    const ca = caOf(database);
    const first = await connectOnce(tp.platform.mqttsPort, ca);
    expect(first).toMatchObject({ resumed: false, outcome: 'connected' });
    expect(first.session).toBeInstanceOf(Buffer);
    expect((await connectOnce(tp.platform.mqttsPort, ca, first.session)).resumed).toBe(true);

    const otherDb = await createTestDatabase();
    const other = await startTestPlatform({}, otherDb);
    try {
      const there = await connectOnce(other.platform.mqttsPort, caOf(otherDb), first.session);
      // A full handshake that succeeded (the other CA verified); the device is not enrolled there,
      // so its CONNECT is refused [MQTT-3.2.2-3]: the TLS connection itself was made.
      expect(there.resumed).toBe(false);
      expect([4, 5]).toContain(there.outcome);
    } finally {
      await other.close();
      await otherDb.drop();
    }
  }, 60_000);
});
