// Starts a real platform (HTTP API + embedded broker + database) on free ports for one test file.
import { onTestFinished } from 'vitest';
import { pino } from 'pino';
import { loadConfig, type PlatformConfig, type RunningPlatform } from '../../platform/src/index.js';
import { createPlatform, type StartOptions } from '../../platform/src/platform.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export const OPERATOR_TOKEN = 'op_test_operator_token_0123456789abcdef';

export interface TestPlatform {
  platform: RunningPlatform;
  database: TestDatabase;
  baseUrl: string;
  mqttUrl: string;
  api<T = any>(method: string, path: string, body?: unknown, token?: string | null): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

/** The settings every test platform starts from: free ports, plain transports, `db`, and `env` over them. */
export function testPlatformConfig(db: TestDatabase, env: Record<string, string> = {}): PlatformConfig {
  return loadConfig({
    EDGENET_HTTP_HOST: '127.0.0.1',
    EDGENET_HTTP_PORT: '0',
    EDGENET_MQTT_HOST: '127.0.0.1',
    EDGENET_MQTT_PORT: '0',
    // Tests speak plain HTTP and MQTT unless they test TLS (platform/test/tls.test.ts); MQTTS
    // always listens, on any free port.
    EDGENET_MQTT_PLAIN: 'true',
    EDGENET_MQTTS_PORT: '0',
    EDGENET_HTTPS: 'false',
    // Tests poll the API quickly from one address; limits are tested in platform/test/limits.test.ts.
    EDGENET_RATE_LIMIT_PER_IP: '1000000',
    EDGENET_RATE_LIMIT_PER_TOKEN: '1000000',
    // Tests read last seen and the rollups through the API a moment after a heartbeat; production's
    // 30 s fold period would make each of them wait that long (platform/test/rollup-*.test.ts test
    // the period itself).
    EDGENET_ROLLUP_FLUSH_MS: '200',
    EDGENET_DATA_DIR: db.dataDir,
    EDGENET_OPERATOR_TOKEN: OPERATOR_TOKEN,
    EDGENET_LOG_LEVEL: process.env.EDGENET_TEST_LOG_LEVEL ?? 'silent',
    ...(db.databaseUrl ? { DATABASE_URL: db.databaseUrl } : {}),
    ...env,
  });
}

export async function startTestPlatform(env: Record<string, string> = {}, database?: TestDatabase, options: StartOptions = {}): Promise<TestPlatform> {
  const db = database ?? (await createTestDatabase());
  const config = testPlatformConfig(db, env);
  const platform = await (await createPlatform(config, pino({ level: config.logLevel }), options)).start();
  const baseUrl = `http://127.0.0.1:${platform.httpPort}`;
  let closed = false;
  const tp: TestPlatform = {
    platform,
    database: db,
    baseUrl,
    mqttUrl: `mqtt://127.0.0.1:${platform.mqttPort}`,
    async api(method, path, body, token = OPERATOR_TOKEN) {
      const headers: Record<string, string> = {};
      if (token) headers.authorization = `Bearer ${token}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
    async close() {
      if (closed) return;
      closed = true;
      await platform.close();
      if (!database) await db.drop();
    },
  };
  return tp;
}

/** Polls until check() returns a truthy value or the time runs out (then fails with the last value). */
type Falsy = null | undefined | false | 0 | '';

export async function waitFor<T>(what: string, check: () => Promise<T | Falsy> | T | Falsy, timeoutMs = 20_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | Falsy;
  for (;;) {
    last = await check();
    if (last) return last as T;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last value ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export function closeAfterTest(tp: TestPlatform): TestPlatform {
  onTestFinished(() => tp.close());
  return tp;
}

/**
 * A platform in external-broker mode behind a Mosquitto of the test's own, consuming already; both
 * close when the test ends. `viaBroker` is the platform as its devices see it (enroll with it: their
 * MQTT address is the broker's); `addDevice` gives the broker an enrolled device's login.
 */
export async function startPlatformBehindMosquitto(instanceId: string, env: Record<string, string> = {}) {
  const { startMosquitto } = await import('./mosquitto.js');
  const instance = { username: `edgenet-platform-${instanceId}`, password: `pw-${instanceId}-0123456789abcdef0123456789` };
  const broker = await startMosquitto([instance]);
  onTestFinished(() => broker.stop());
  const platform = await startTestPlatform({
    EDGENET_BROKER_URL: broker.url,
    EDGENET_MQTT_PUBLIC_URL: broker.url,
    EDGENET_INSTANCE_ID: instanceId,
    EDGENET_BROKER_USERNAME: instance.username,
    EDGENET_BROKER_PASSWORD: instance.password,
    ...env,
  });
  onTestFinished(() => platform.close());
  await waitFor('consuming from the broker', () => platform.platform.context.brokerReady());
  const viaBroker: TestPlatform = { ...platform, mqttUrl: broker.url };
  const addDevice = (d: { deviceId: string; password: string }) => broker.addUsers([{ username: d.deviceId, password: d.password }]);
  return { broker, platform, viaBroker, addDevice };
}
