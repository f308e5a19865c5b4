// createPlatform composes without opening a socket (fastify's "build, then listen"): the HTTP app
// answers inject() and the device transport is chosen, but nothing listens until start(). A start
// that fails closes everything it composed, so a port it had bound is free again.
import { connect, createServer, type AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterAll, beforeAll, expect, it, onTestFinished } from 'vitest';
import { testPlatformConfig } from '../../test/helpers/platform.js';
import { createPlatform } from '../src/platform.js';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/database.js';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

const configWith = (env: Record<string, string> = {}) => testPlatformConfig(database, env);

/** Whether something accepts TCP connections on this port of 127.0.0.1. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

it('composes without listening, answers inject() as not ready, and listens on start()', async () => {
  const platform = await createPlatform(configWith(), pino({ level: 'silent' }));
  onTestFinished(() => platform.close());
  expect(platform.app.server.listening).toBe(false);
  expect(platform.transport.ready()).toBe(false);
  expect(platform.transport.mqttsPort()).toBe(0);
  const before = await platform.app.inject({ method: 'GET', url: '/readyz' });
  expect(before.statusCode).toBe(503);
  expect(before.json().checks).toEqual({ database: true, broker: false });

  const running = await platform.start();
  expect(platform.app.server.listening).toBe(true);
  expect(running.httpPort).toBeGreaterThan(0);
  expect(running.mqttsPort).toBe(platform.transport.mqttsPort());
  expect(await accepts(running.mqttsPort)).toBe(true);
  expect(await accepts(running.mqttPort!)).toBe(true);
  const after = await platform.app.inject({ method: 'GET', url: '/readyz' });
  expect(after.statusCode).toBe(200);
});

it('closes the device listeners it had opened when the HTTP port is taken', async () => {
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => taken.close(() => resolve())));
  const port = (taken.address() as AddressInfo).port;
  const platform = await createPlatform(configWith({ EDGENET_HTTP_PORT: String(port) }), pino({ level: 'silent' }));
  await expect(platform.start()).rejects.toMatchObject({ code: 'EDGENET_ERR_STARTUP' });
  const mqtts = platform.transport.mqttsPort();
  expect(mqtts).toBeGreaterThan(0); // it had listened for devices before HTTP failed
  expect(platform.transport.ready()).toBe(false);
  expect(await accepts(mqtts)).toBe(false);
});
