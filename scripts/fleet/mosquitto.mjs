// A Mosquitto broker of our own, shared by the e2e tests (test/helpers/mosquitto.ts) and the fleet
// benchmark (scripts/bench-fleet.mjs). The machine's own broker on 1883 is shared and left alone:
// this one gets a free port, a password file and ACL written here, and the settings an external
// broker needs for the platform's zero-loss consumption (docs/scale-out.md): a large in-flight
// window and queue.
import { spawn, spawnSync } from 'node:child_process';
import { pbkdf2, randomBytes } from 'node:crypto';
import { appendFileSync, chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import mqttPacket from 'mqtt-packet';

// Types: mosquitto.d.mts beside this file (the tests' TypeScript reads it; no allowJs there).
/** @typedef {import('./mosquitto.mjs').MosquittoUser} MosquittoUser */
/** @typedef {import('./mosquitto.mjs').Mosquitto} Mosquitto */

/** Users named so (the platform's instances, `edgenet-platform-{EDGENET_INSTANCE_ID}`) may read every device topic. */
export const PLATFORM_USER_PREFIX = 'edgenet-platform-';
// File descriptors the broker needs besides its clients: stdio, listener, epoll, the files it
// reads on a reload. Generous: a client refused is better than a broker out of descriptors.
const FD_RESERVE = 32;
const PBKDF2_ITERATIONS = 101; // what mosquitto_passwd 2.0 writes
const pbkdf2Async = promisify(pbkdf2);

/**
 * One password file line in Mosquitto 2.0's own format, `user:$7$101$<salt>$<hash>` (as
 * mosquitto_passwd writes: PBKDF2-SHA512, 101 iterations, 12-byte salt, base64). Hashed here rather
 * than by `mosquitto_passwd` so that 100,000 users cost no process each and the file can grow by
 * appending (`mosquitto_passwd -U` would hash already hashed lines again).
 * @param {MosquittoUser} user
 */
export async function passwordLine({ username, password }) {
  const salt = randomBytes(12);
  const hash = await pbkdf2Async(password, salt, PBKDF2_ITERATIONS, 64, 'sha512');
  return `${username}:$7$${PBKDF2_ITERATIONS}$${salt.toString('base64')}$${hash.toString('base64')}\n`;
}

/**
 * Open files per process, from /proc/self/limits (Linux). A child inherits both limits; only a
 * process with CAP_SYS_RESOURCE may raise the hard one.
 * @returns {{ soft: number, hard: number }}
 */
export function openFileLimit() {
  const m = /Max open files\s+(\d+|unlimited)\s+(\d+|unlimited)/.exec(readFileSync('/proc/self/limits', 'utf8'));
  const n = (/** @type {string | undefined} */ v) => (v === undefined || v === 'unlimited' ? Infinity : Number(v));
  return { soft: n(m?.[1]), hard: n(m?.[2]) };
}

/** How many clients one Mosquitto process can hold here: one descriptor each, under the hard limit. */
export function mosquittoCapacity() {
  return openFileLimit().hard - FD_RESERVE;
}

/** "2.0.11", from the broker's own help text; "unknown" when it says nothing recognisable. */
export function mosquittoVersion() {
  const out = spawnSync('mosquitto', ['-h'], { encoding: 'utf8' });
  return /mosquitto version (\S+)/.exec(`${out.stdout}${out.stderr}`)?.[1] ?? 'unknown';
}

/** A free TCP port on the loopback interface (closed again: there is a small race, as with any port 0 probe). */
export async function freePort() {
  const srv = createServer();
  await new Promise((resolve) => srv.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (srv.address());
  await new Promise((resolve) => srv.close(resolve));
  return address.port;
}

/**
 * Starts Mosquitto on a free loopback port with a password file holding `users` and an ACL: a device
 * (user name = client id = device id) publishes only under its own prefix and reads only its
 * command topic; users named `edgenet-platform-…` read every device topic, through `$share` too.
 * With `tls` (a server certificate and key, PEM) a second listener speaks MQTT over TLS on its own
 * free port (`tlsPort`), as devices reach a production broker; the first stays plain TCP for the
 * platform's own link.
 * @param {MosquittoUser[]} [users]
 * @param {{ tls?: { cert: string, key: string } }} [options]
 * @returns {Promise<Mosquitto>}
 */
export async function startMosquitto(users = [], options = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'edgenet-mosquitto-'));
  // Started as root, mosquitto drops to its own user, which must still read these files.
  chmodSync(dir, 0o755);
  const host = '127.0.0.1';
  const port = await freePort();
  const passwords = join(dir, 'passwords');
  const acl = join(dir, 'acl');
  const conf = join(dir, 'mosquitto.conf');
  const tlsPort = options.tls ? await freePort() : null;
  if (options.tls) {
    writeFileSync(join(dir, 'server.pem'), options.tls.cert, { mode: 0o644 });
    writeFileSync(join(dir, 'server-key.pem'), options.tls.key, { mode: 0o644 });
  }
  writeFileSync(passwords, '', { mode: 0o644 });
  writeFileSync(
    acl,
    [
      'pattern write edge/v1/d/%u/hello',
      'pattern write edge/v1/d/%u/heartbeat',
      'pattern write edge/v1/d/%u/workstations',
      'pattern write edge/v1/d/%u/status',
      'pattern write edge/v1/d/%u/result',
      'pattern read edge/v1/d/%u/cmd',
      '',
    ].join('\n'),
  );
  writeFileSync(
    conf,
    [
      `listener ${port} ${host}`,
      'allow_anonymous false',
      `password_file ${passwords}`,
      `acl_file ${acl}`,
      // The client id is the user name, so a device cannot take over another device's session.
      'use_username_as_clientid true',
      // Refuse clients past the descriptor limit rather than fail inside accept().
      `max_connections ${Math.max(1, mosquittoCapacity())}`,
      // The platform acknowledges after a database commit (a flush every 200 ms): many messages in
      // flight to it, and a restarting instance's share kept (both default to 1,000 in Mosquitto).
      'max_inflight_messages 1000',
      'max_queued_messages 1000000',
      'max_packet_size 65536',
      'persistence false',
      'log_dest stderr',
      'log_type error',
      // A listener's own options (max_connections, the certificate) follow it in the file
      // (mosquitto.conf(5), "Listeners"); the security options above stay global.
      ...(tlsPort === null
        ? []
        : [
            `listener ${tlsPort} ${host}`,
            `max_connections ${Math.max(1, mosquittoCapacity())}`,
            `certfile ${join(dir, 'server.pem')}`,
            `keyfile ${join(dir, 'server-key.pem')}`,
            'tls_version tlsv1.3',
          ]),
      '',
    ].join('\n'),
  );

  const addUsers = async (/** @type {MosquittoUser[]} */ list) => {
    appendFileSync(passwords, (await Promise.all(list.map(passwordLine))).join(''));
    for (const u of list.filter((x) => x.username.startsWith(PLATFORM_USER_PREFIX))) {
      appendFileSync(acl, `user ${u.username}\ntopic read $share/edgenet/edge/v1/d/+/+\ntopic read edge/v1/d/+/+\ntopic write edge/v1/d/+/cmd\n`);
    }
  };
  await addUsers(users);

  // Each client is a descriptor: raise the soft limit to the hard one (a shell's ulimit; Node has no
  // setrlimit), then exec, so the pid is the broker's own.
  const child = spawn('sh', ['-c', 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec mosquitto -c "$0"', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (c) => (log = (log + c.toString()).slice(-20_000)));
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  for (let i = 0; !(await canConnect(host, port)) || (tlsPort !== null && !(await canConnect(host, tlsPort))); i++) {
    if (i > 100 || exited()) throw new Error(`mosquitto did not start: ${log}`);
    await sleep(50);
  }
  return {
    url: `mqtt://${host}:${port}`,
    host,
    port,
    tlsPort,
    pid: /** @type {number} */ (child.pid),
    output: () => log,
    running: () => !exited(),
    async addUsers(list) {
      // A probe user added last: once it can log in, the reload has read every line before it.
      // (Logging in as one of `list` could take over a connected device's session.)
      const probe = { username: `edgenet-probe-${randomBytes(6).toString('hex')}`, password: randomBytes(16).toString('hex') };
      await addUsers([...list, probe]);
      child.kill('SIGHUP'); // reloads the password and ACL files
      for (let i = 0; (await connack(host, port, probe)) !== 0; i++) {
        if (i > 200 || exited()) throw new Error(`mosquitto did not take the new users: ${log}`);
        await sleep(50);
      }
    },
    async stop() {
      if (!exited()) {
        const gone = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await gone;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** @param {string} host @param {number} port */
function canConnect(host, port) {
  return new Promise((resolve) => {
    const s = connect(port, host, () => {
      s.end();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}

/**
 * Logs in as `user` and disconnects: the CONNACK return code [MQTT-3.2.2-3], or -1 when none came.
 * @param {string} host @param {number} port @param {MosquittoUser} user
 * @returns {Promise<number>}
 */
function connack(host, port, user) {
  return new Promise((resolve) => {
    const s = connect(port, host);
    const parser = mqttPacket.parser({ protocolVersion: 4 });
    const done = (/** @type {number} */ code) => {
      s.destroy();
      clearTimeout(timer);
      resolve(code);
    };
    const timer = setTimeout(() => done(-1), 2_000);
    parser.on('packet', (p) => done(p.cmd === 'connack' ? (p.returnCode ?? -1) : -1));
    s.on('data', (b) => parser.parse(b));
    s.on('error', () => done(-1));
    s.on('close', () => done(-1));
    s.on('connect', () =>
      s.write(
        mqttPacket.generate({
          cmd: 'connect',
          protocolId: 'MQTT',
          protocolVersion: 4,
          clean: true,
          keepalive: 10,
          clientId: user.username,
          username: user.username,
          password: Buffer.from(user.password),
        }),
      ),
    );
  });
}
