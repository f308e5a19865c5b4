// The built platform as a separate process (`node platform/dist/server.js`), the way a service
// manager or a container runs it, so a test can kill it with SIGKILL mid-load.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { OPERATOR_TOKEN } from './platform.js';

const SERVER = fileURLToPath(new URL('../../platform/dist/server.js', import.meta.url));

export interface PlatformProcess {
  child: ChildProcess;
  baseUrl: string;
  /** The plain MQTT port from the banner, when EDGENET_MQTT_PLAIN=true. */
  mqttPort: number | null;
  /** The MQTTS port from the banner. */
  mqttsPort: number;
  output(): string;
  api<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  kill(signal: NodeJS.Signals): Promise<void>;
}

export async function spawnPlatform(env: Record<string, string>): Promise<PlatformProcess> {
  const child = spawn(process.execPath, [SERVER], {
    env: {
      ...process.env,
      EDGENET_HTTP_HOST: '127.0.0.1',
      EDGENET_HTTP_PORT: '0',
      EDGENET_HTTPS: 'false',
      EDGENET_MQTTS_PORT: '0',
      EDGENET_OPERATOR_TOKEN: OPERATOR_TOKEN,
      EDGENET_RATE_LIMIT_PER_IP: '1000000',
      EDGENET_RATE_LIMIT_PER_TOKEN: '1000000',
      // As in testPlatformConfig: the tests read rollups and last seen a moment after the heartbeats.
      EDGENET_ROLLUP_FLUSH_MS: '200',
      EDGENET_LOG_LEVEL: process.env.EDGENET_TEST_LOG_LEVEL ?? 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  const [scheme, port, mqttPort, mqttsPort] = await new Promise<[string, number, number | null, number]>((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (c: Buffer) => {
      err += c.toString();
      // The banner ends with the operator token line: wait for all of it.
      if (!/operator token.*\n/.test(err)) return;
      const m = /API\s+(https?):\/\/[^:]+:(\d+)\//.exec(err);
      const plain = /plain mqtt:\/\/[^:]+:(\d+)/.exec(err);
      const tls = /mqtts:\/\/[^:]+:(\d+)/.exec(err);
      if (m) resolve([m[1]!, Number(m[2]), plain ? Number(plain[1]) : null, tls ? Number(tls[1]) : 0]);
    });
    child.once('exit', (code) => reject(new Error(`platform exited with ${code}: ${err}${out}`)));
  });
  // api() below uses fetch, which cannot pin the platform's CA: with EDGENET_HTTPS=true callers
  // make their own requests (node:https with the CA from EDGENET_DATA_DIR/tls/ca.pem).
  const baseUrl = `${scheme}://127.0.0.1:${port}`;
  return {
    child,
    baseUrl,
    mqttPort,
    mqttsPort,
    output: () => out,
    async api(method, path, body) {
      const headers: Record<string, string> = { authorization: `Bearer ${OPERATOR_TOKEN}` };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
    async kill(signal) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill(signal);
      await exited;
    },
  };
}
