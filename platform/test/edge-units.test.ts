// The pieces of the network edge that need a clock or many keys: the connection-rate buckets and
// their bound, the guard's once-a-minute refusal line (over real sockets), the reject counter's
// bound on attacker-chosen keys, the JSON depth count, and the banner's operator token.
import { createServer, connect, type Server } from 'node:net';
import { Writable } from 'node:stream';
import { pino, type Logger } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectRate, OVERFLOW_KEY } from '../src/net/connect-rate.js';
import { ConnectionGuard } from '../src/net/connection-guard.js';
import { jsonDepth } from '../src/net/json-body.js';
import { bounded } from '../src/net/bounded.js';
import { RejectCounter } from '../src/ingest/reject-counter.js';
import { printBanner } from '../src/banner.js';
import { loadConfig } from '../src/config.js';

function capture(): { logger: Logger; lines: () => Record<string, unknown>[]; bytes: () => number } {
  const out: string[] = [];
  const sink = new Writable({
    write(c: Buffer, _e, done) {
      out.push(c.toString());
      done();
    },
  });
  return {
    logger: pino({ level: 'info' }, sink) as Logger,
    lines: () => out.map((l) => JSON.parse(l) as Record<string, unknown>),
    bytes: () => out.join('').length,
  };
}

describe('ConnectRate', () => {
  it('allows a burst, then the rate, per address, on an injected clock', () => {
    let now = 0;
    const rate = new ConnectRate({ ratePerS: 2, burst: 5, maxAddresses: 100, now: () => now });
    const taken = Array.from({ length: 7 }, () => rate.take('10.0.0.1'));
    expect(taken).toEqual([true, true, true, true, true, false, false]);
    expect(rate.take('10.0.0.2')).toBe(true); // its own bucket
    now += 500; // half a second: one token at 2 a second
    expect([rate.take('10.0.0.1'), rate.take('10.0.0.1')]).toEqual([true, false]);
  });

  it('keeps at most maxAddresses buckets; new addresses beyond share one overflow bucket', () => {
    let now = 0;
    const rate = new ConnectRate({ ratePerS: 1, burst: 3, maxAddresses: 1_000, now: () => now });
    for (let i = 0; i < 50_000; i++) rate.take(`a${i}`);
    expect(rate.size).toBeLessThanOrEqual(1_001);
    // The overflow bucket is spent by the flood: a new address is throttled with it…
    expect(rate.take('newcomer')).toBe(false);
    // …until the buckets refill and are forgotten.
    now += 10_000;
    expect(rate.take('newcomer')).toBe(true);
    expect(OVERFLOW_KEY).toBe('(overflow)');
  });
});

describe('ConnectionGuard', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

  it('refuses over the per-address cap at once and logs one line a minute, however many are refused', async () => {
    const { logger, lines } = capture();
    const guard = new ConnectionGuard({ name: 'test', maxTotal: 1_000, maxPerAddress: 2, ratePerS: 1_000, burst: 1_000, deadlineMs: 60_000 }, logger);
    const held: ReturnType<typeof connect>[] = [];
    server = createServer((s) => held.push(s));
    guard.attach(server);
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    const clients = await Promise.all(
      Array.from(
        { length: 52 },
        () =>
          new Promise<ReturnType<typeof connect>>((resolve) => {
            const c = connect(port, '127.0.0.1', () => resolve(c));
            c.on('error', () => undefined);
          }),
      ),
    );
    await vi.waitFor(() => expect(guard.figures().refused.per_address).toBe(50));
    expect(guard.figures().open).toBe(2);
    const refusals = lines().filter((l) => l.msg === 'connections refused (counts since the last such line, at most one a minute)');
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toMatchObject({ listener: 'test', maxPerAddress: 2, lastAddress: '127.0.0.1' });
    for (const c of clients) c.destroy();
    for (const s of held) s.destroy();
  });

  it('closes a socket that does not settle before the deadline, and not one that does', async () => {
    const { logger } = capture();
    const guard = new ConnectionGuard({ name: 'test', maxTotal: 10, maxPerAddress: 10, ratePerS: 10, burst: 10, deadlineMs: 300 }, logger);
    server = createServer((s) => s.once('data', () => guard.settle(s)));
    guard.attach(server);
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    const idle = connect(port, '127.0.0.1');
    const talker = connect(port, '127.0.0.1', () => talker.write('hello'));
    const idleClosed = new Promise<boolean>((r) => idle.once('close', () => r(true)));
    expect(await idleClosed).toBe(true);
    await new Promise((r) => setTimeout(r, 500));
    expect(talker.destroyed).toBe(false);
    expect(guard.figures().deadline).toBe(1);
    talker.destroy();
  });
});

describe('RejectCounter', () => {
  it('bounds logged ids and the keys it remembers when every key is a new 60,000-character id', () => {
    const { logger, lines, bytes } = capture();
    const rejects = new RejectCounter(logger);
    for (let i = 0; i < 12_000; i++) rejects.reject('auth_failed', `${i}-${'x'.repeat(60_000)}`, 'bad device id or password', 1_000);
    expect(rejects.trackedKeys).toBeLessThanOrEqual(10_001);
    expect(rejects.snapshot().auth_failed).toBe(12_000);
    const logged = lines();
    expect(logged.length).toBeLessThanOrEqual(10_001);
    expect(Math.max(...logged.map((l) => String(l.deviceId).length))).toBeLessThan(100);
    expect(bytes()).toBeLessThan(12_000 * 400);
  });
});

describe('jsonDepth', () => {
  it('counts nesting outside strings only', () => {
    expect(jsonDepth('{"a":[1,{"b":2}]}')).toBe(3);
    expect(jsonDepth('{"a":"[[[[{{{{\\"[[["}')).toBe(1);
    expect(jsonDepth('[[[[[[[[[[', 5)).toBe(6); // stops once past the limit
    expect(bounded('x'.repeat(300), 256)).toBe(`${'x'.repeat(256)}…[+44 chars]`);
  });
});

describe('printBanner', () => {
  const facts = {
    httpScheme: 'https' as const,
    httpPort: 8080,
    mqttPort: null,
    mqttsPort: 8883,
    backend: 'pglite' as const,
    heartbeatStorage: 'table' as const,
    tls: { caPath: '/x/ca.pem', source: 'generated' as const, caFingerprint: 'AA:BB' },
    createdAdminPassword: null,
    createdOperatorToken: null,
  };

  it('prints the operator token only when the platform made it', () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const supplied = 'op_supplied_by_the_operator_0123456789abcdef';
    printBanner(loadConfig({ EDGENET_OPERATOR_TOKEN: supplied }), { ...facts, createdOperatorToken: supplied });
    printBanner(loadConfig({}), { ...facts, createdOperatorToken: 'op_generated_token_0123456789abcdef0123' });
    const printed = write.mock.calls.map((c) => String(c[0]));
    write.mockRestore();
    expect(printed[0]).not.toContain(supplied);
    expect(printed[0]).toMatch(/operator token: the one in EDGENET_OPERATOR_TOKEN \(not printed\)/);
    expect(printed[1]).toContain('op_generated_token_0123456789abcdef0123');
  });

  it("prints the first admin's password only when it generated it", () => {
    const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const supplied = 'a supplied root passphrase';
    // What prepare() returns when the password came from the environment: nothing to show.
    printBanner(loadConfig({ EDGENET_ADMIN_PASSWORD: supplied }), { ...facts, createdAdminPassword: null });
    printBanner(loadConfig({}), { ...facts, createdAdminPassword: 'GeneratedOnce0123456789' });
    printBanner(loadConfig({}), { ...facts, createdAdminPassword: null });
    const printed = write.mock.calls.map((c) => String(c[0]));
    write.mockRestore();
    expect(printed[0]).not.toContain(supplied);
    expect(printed[0]).toMatch(/account admin, password from EDGENET_ADMIN_PASSWORD \(not printed\)/);
    expect(printed[1]).toMatch(/account admin, one-time password \(shown once, store it now\): GeneratedOnce0123456789/);
    expect(printed[2]).toMatch(/platform:reset-admin/);
    expect(() => loadConfig({ EDGENET_ADMIN_PASSWORD: 'admin12345678' })).toThrow(/EDGENET_ADMIN_PASSWORD must not contain the username/);
  });
});
