// What the agent keeps resident while idle (agent/README.md "Footprint"): two costs that nothing in
// the agent uses and that came in by the way a module was loaded. Resident memory itself is measured
// by `npm run bench:agent`, not here: a figure depends on the Node build and the machine.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import { afterEach, expect, it } from 'vitest';
import { Backoff } from '../src/backoff.js';
import { createLogger } from '../src/log.js';
import { MqttSession } from '../src/mqtt-session.js';
import { AGENT_ROOT } from './helpers/agent-process.js';
import { startBroker, type TestBroker } from './helpers/broker.js';

let broker: TestBroker | undefined;
let session: MqttSession | undefined;
afterEach(async () => {
  await session?.stop(undefined, 1_000);
  await broker?.close();
});

it('loads no undici: the run loop and enrollment talk HTTP through node:http alone', () => {
  // On Node 22 and later, `import … from 'node:http'` reads the module's WebSocket getter, which
  // loads undici (about 4 MiB resident). Node 20's node:http has no such getter, so there this check
  // holds either way; CI runs it on Node 24 too.
  const loaded = execFileSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `await import('./dist/run.js'); await import('./dist/enroll.js');
       process.stdout.write(JSON.stringify(process.moduleLoadList.filter((m) => m.includes('undici'))));`,
    ],
    { cwd: AGENT_ROOT, encoding: 'utf8' },
  );
  expect(JSON.parse(loaded)).toEqual([]);
});

it('leaves mqtt-packet without its table of 65,536 packet-id buffers after a publish', async () => {
  const login = { clientId: 'footprint-1', username: 'footprint-1', password: 'secret' };
  broker = await startBroker(login);
  const log = createLogger('silent', new Writable({ write: (_c, _e, cb) => cb() }));
  let connected!: () => void;
  const up = new Promise<void>((resolve) => {
    connected = resolve;
  });
  session = new MqttSession({
    url: broker.url,
    ...login,
    will: () => ({ topic: 'edge/v1/d/footprint-1/status', payload: Buffer.from('offline') }),
    backoff: new Backoff(),
    log,
    onConnect: () => connected(),
    onMessage: () => {},
  });
  session.start();
  await up;
  expect(await session.publish({ topic: 'edge/v1/d/footprint-1/hb', payload: Buffer.from([1, 2, 3]) })).toBe('sent');
  expect(broker.received.map((r) => r.topic)).toContain('edge/v1/d/footprint-1/hb');
  // The module mqtt.js itself writes with (resolved from mqtt's own location).
  const numbers = createRequire(createRequire(import.meta.url).resolve('mqtt'))('mqtt-packet/numbers.js') as { cache: object };
  expect(Object.keys(numbers.cache)).toHaveLength(0);
});
