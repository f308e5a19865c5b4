// A Mosquitto broker of the test's own (the one the machine runs on 1883 is shared and left alone):
// a free port, password file and ACL written here, and the settings an external broker needs for
// the platform's zero-loss consumption (docs/scale-out.md): a large in-flight window and queue.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestMosquitto {
  url: string;
  /** Adds users (mosquitto_passwd hashes them) and makes the broker reload its files. */
  addUsers(users: { username: string; password: string }[]): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const { port } = srv.address() as AddressInfo;
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

export async function startMosquitto(users: { username: string; password: string }[]): Promise<TestMosquitto> {
  const dir = mkdtempSync(join(tmpdir(), 'edgenet-mosquitto-'));
  // Started as root, mosquitto drops to its own user, which must still read these files.
  chmodSync(dir, 0o755);
  const port = await freePort();
  const passwords = join(dir, 'passwords');
  const acl = join(dir, 'acl');
  writeFileSync(passwords, '');
  // The same rules as the platform's own broker: a device publishes under its own prefix and reads
  // only its command topic; the platform's users read every device topic through $share.
  writeFileSync(acl, [
    'pattern write edge/v1/d/%u/hello', 'pattern write edge/v1/d/%u/heartbeat', 'pattern write edge/v1/d/%u/workstations',
    'pattern write edge/v1/d/%u/status', 'pattern read edge/v1/d/%u/cmd', '',
  ].join('\n'));
  const conf = join(dir, 'mosquitto.conf');
  writeFileSync(conf, [
    `listener ${port} 127.0.0.1`,
    'allow_anonymous false',
    `password_file ${passwords}`,
    `acl_file ${acl}`,
    // The client id is the user name, so a device cannot take over another device's session.
    'use_username_as_clientid true',
    'max_inflight_messages 1000',
    'max_queued_messages 1000000',
    'max_packet_size 65536',
    'persistence false',
    'log_dest stderr',
    'log_type error',
    '',
  ].join('\n'));
  const all: { username: string; password: string }[] = [];
  const addUsers = async (list: { username: string; password: string }[]) => {
    // -U hashes every line of a plain-text file (a hashed line would be hashed again): rewrite all.
    all.push(...list);
    writeFileSync(passwords, all.map((u) => `${u.username}:${u.password}\n`).join(''));
    execFileSync('mosquitto_passwd', ['-U', passwords]);
    chmodSync(passwords, 0o644);
    for (const u of list.filter((x) => x.username.startsWith('edgenet-platform'))) {
      appendFileSync(acl, `user ${u.username}\ntopic read $share/edgenet/edge/v1/d/+/+\ntopic read edge/v1/d/+/+\ntopic write edge/v1/d/+/cmd\n`);
    }
  };
  await addUsers(users);
  const child: ChildProcess = spawn('mosquitto', ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  // Ready when it accepts a TCP connection.
  for (let i = 0; ; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1', () => (s.end(), resolve(true)));
      s.on('error', () => resolve(false));
    });
    if (ok) break;
    if (i > 100 || child.exitCode !== null) throw new Error(`mosquitto did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `mqtt://127.0.0.1:${port}`,
    async addUsers(list) {
      await addUsers(list);
      child.kill('SIGHUP'); // reloads the password and ACL files
      await new Promise((r) => setTimeout(r, 200));
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
