// A clean root directory to install the agent's .deb into with the real dpkg, and the agent started
// from it the way its systemd unit would start it. There is no systemd here and no chroot with a
// libc, so dpkg runs the maintainer scripts outside the root with DPKG_ROOT set
// (dpkg(1) --force-script-chrootless, as debootstrap and mmdebstrap do), and the unit's paths are
// read with the root in front of them.
import { execFileSync, spawn, spawnSync, type ChildProcess, type SpawnSyncReturns } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The packages the .deb depends on (scripts/package/deb.mjs DEPENDS), recorded as installed. */
const DEPENDENCIES = ['libc6', 'libstdc++6', 'libgcc-s1', 'passwd'];

/**
 * No registry and no proxy that could reach one: anything an install script tried to fetch fails
 * at once. PATH is the system's, without a user-installed Node.
 */
export const OFFLINE_ENV: Record<string, string> = {
  PATH: '/usr/local/sbin:/usr/sbin:/sbin:/usr/bin:/bin',
  LANG: 'C.UTF-8',
  npm_config_registry: 'http://127.0.0.1:9/',
  npm_config_offline: 'true',
  HTTP_PROXY: 'http://127.0.0.1:9',
  HTTPS_PROXY: 'http://127.0.0.1:9',
  http_proxy: 'http://127.0.0.1:9',
  https_proxy: 'http://127.0.0.1:9',
};

export interface PackageRoot {
  dir: string;
  /** dpkg --root DIR with the given arguments; never throws, returns the result. */
  dpkg(...args: string[]): SpawnSyncReturns<string>;
  /** DIR + path. */
  at(path: string): string;
  /** uid and gid of a user in DIR/etc/passwd, or null. */
  user(name: string): { uid: number; gid: number } | null;
}

export function makePackageRoot(): PackageRoot {
  const dir = mkdtempSync(join(tmpdir(), 'edgenet-deb-root-'));
  chmodSync(dir, 0o755); // a root directory: the service user must reach /usr/lib/edge-agent in it
  mkdirSync(join(dir, 'etc'), { recursive: true });
  for (const file of ['passwd', 'group', 'shadow', 'gshadow']) {
    const rootLine = readFileSync(`/etc/${file}`, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('root:'));
    writeFileSync(join(dir, 'etc', file), `${rootLine.join('\n')}\n`, { mode: file.endsWith('shadow') ? 0o640 : 0o644 });
  }
  const admin = join(dir, 'var', 'lib', 'dpkg');
  mkdirSync(join(admin, 'updates'), { recursive: true });
  mkdirSync(join(admin, 'info'), { recursive: true });
  // The host's own records of the dependencies: the shared libraries the bundled binaries load are
  // the host's, so the .deb's Depends are checked against real package names and versions.
  const stanzas = DEPENDENCIES.map((p) => execFileSync('dpkg-query', ['-s', p], { encoding: 'utf8' }).trimEnd());
  writeFileSync(join(admin, 'status'), `${stanzas.join('\n\n')}\n\n`);
  for (const stanza of stanzas) {
    const name = /^Package: (.+)$/m.exec(stanza)![1]!;
    const multiArch = /^Multi-Arch: same$/m.test(stanza) ? `:${/^Architecture: (.+)$/m.exec(stanza)![1]}` : '';
    writeFileSync(join(admin, 'info', `${name}${multiArch}.list`), '');
  }
  const root: PackageRoot = {
    dir,
    at: (path) => join(dir, path),
    dpkg: (...args) =>
      spawnSync('dpkg', [`--root=${dir}`, '--force-script-chrootless', ...args], { encoding: 'utf8', env: { ...OFFLINE_ENV }, timeout: 300_000 }),
    user(name) {
      const line = readFileSync(join(dir, 'etc', 'passwd'), 'utf8')
        .split('\n')
        .find((l) => l.startsWith(`${name}:`));
      if (!line) return null;
      const [, , uid, gid] = line.split(':');
      return { uid: Number(uid), gid: Number(gid) };
    },
  };
  return root;
}

export interface UnitService {
  user: string;
  execStart: string[];
  environment: Record<string, string>;
}

/** [Service] User=, ExecStart= and Environment= of a unit file (systemd.exec(5), systemd.service(5)). */
export function readUnit(path: string): UnitService {
  const lines = readFileSync(path, 'utf8').split('\n');
  const get = (key: string): string[] => lines.filter((l) => l.startsWith(`${key}=`)).map((l) => l.slice(key.length + 1));
  const environment: Record<string, string> = {};
  for (const e of get('Environment')) {
    const eq = e.indexOf('=');
    environment[e.slice(0, eq)] = e.slice(eq + 1);
  }
  return { user: get('User')[0] ?? 'root', execStart: get('ExecStart')[0]!.split(/\s+/), environment };
}

const UNDER_ROOT = /^(\/usr\/lib\/edge-agent|\/var\/lib\/edge-agent|\/etc\/edge-agent)(\/|$)/;

/**
 * Starts the unit's ExecStart as its User= with its Environment=, each of the package's paths
 * inside root, with no other environment (systemd passes none) and no new privileges.
 */
export function startAsUnit(root: PackageRoot, unitPath: string, extraEnv: Record<string, string> = {}): ChildProcess {
  const unit = readUnit(unitPath);
  const inRoot = (v: string): string => (UNDER_ROOT.test(v) ? root.at(v) : v);
  const user = root.user(unit.user);
  if (!user) throw new Error(`the unit's user ${unit.user} is not in ${root.at('/etc/passwd')}`);
  const env = Object.fromEntries(Object.entries({ ...unit.environment, ...extraEnv }).map(([k, v]) => [k, inRoot(v)]));
  const [exe, ...args] = unit.execStart.map(inRoot);
  return spawn('setpriv', ['--reuid', String(user.uid), '--regid', String(user.gid), '--clear-groups', '--no-new-privs', exe!, ...args], {
    env: { PATH: OFFLINE_ENV.PATH!, LANG: 'C.UTF-8', ...env },
    cwd: '/',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

export interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * A command run to its end without blocking this process: the platform under test runs in the
 * same event loop, and spawnSync would keep it from answering the command it is waiting for.
 */
export function run(command: string, args: string[], options: { env?: Record<string, string>; input?: string; timeoutMs?: number } = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: options.env ?? OFFLINE_ENV, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 300_000);
    child.once('error', reject);
    child.once('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
    child.stdin!.end(options.input ?? '');
  });
}
