// The agent's packages as factory IT meets them: `npm run package:agent` builds the .deb and the
// tarball for linux-x64 and linux-arm64; the x64 .deb goes into a clean root with the real dpkg and
// no registry reachable, is enrolled against a real platform with --token-file, runs the way its
// systemd unit runs it (same ExecStart, as the service user, no new privileges) and its heartbeats
// are stored; a newer build upgrades it with the same device id and no gap in the seqs; an older
// one is refused; remove keeps the device's state and purge deletes it. The arm64 package holds
// only aarch64 code, and its Node, `--version` and `doctor` (which loads the shipped model with the
// arm64 onnxruntime) run under qemu-aarch64-static.
import { execFileSync, spawnSync, type ChildProcess, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedEnterprise } from '../helpers/fixtures.js';
import { makePackageRoot, OFFLINE_ENV, readUnit, run, startAsUnit, type PackageRoot, type Ran } from '../helpers/package-root.js';
import { startTestPlatform, waitFor, type TestPlatform } from '../helpers/platform.js';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const VERSION = (JSON.parse(readFileSync(join(REPO, 'agent', 'package.json'), 'utf8')) as { version: string }).version;
const NEWER = VERSION.replace(/(\d+)$/, (p) => String(Number(p) + 1));
const OUT = mkdtempSync(join(tmpdir(), 'edgenet-packages-'));
const NEWER_OUT = join(OUT, 'newer');
const deb = (arch: 'amd64' | 'arm64', version = VERSION, dir = OUT): string => join(dir, `edge-agent_${version}_${arch}.deb`);
const QEMU = spawnSync('qemu-aarch64-static', ['--version']).status === 0;
const AARCH64_LIBS = '/usr/aarch64-linux-gnu'; // libc6-arm64-cross, libstdc++6-arm64-cross
const MIB = 1024 * 1024;

const sizes: Record<string, number> = {};
let tp: TestPlatform | undefined;
let root: PackageRoot | undefined;
let agent: ChildProcess | undefined;
let agentOutput = '';

beforeAll(() => {
  // The release build, exactly as `npm run package:agent` (after its `npm run build`) makes it.
  execFileSync(process.execPath, [join(REPO, 'scripts', 'package-agent.mjs'), '--out', OUT], { stdio: 'inherit', timeout: 900_000 });
  // A newer build of the same agent, for the upgrade (gzip: the same files, built in seconds).
  execFileSync(
    process.execPath,
    [join(REPO, 'scripts', 'package-agent.mjs'), '--arch', 'x64', '--format', 'deb', '--deb-compression', 'gzip', '--version', NEWER, '--out', NEWER_OUT],
    { stdio: 'inherit', timeout: 300_000 },
  );
  for (const f of readdirSync(OUT).filter((f) => /\.(deb|tar\.gz)$/.test(f))) sizes[f] = statSync(join(OUT, f)).size;
  console.log(
    `package sizes: ${Object.entries(sizes)
      .map(([f, b]) => `${f} ${(b / MIB).toFixed(1)} MiB`)
      .join(', ')}`,
  );
}, 1_200_000);

afterAll(async () => {
  agent?.kill('SIGKILL');
  await tp?.close();
  if (root) rmSync(root.dir, { recursive: true, force: true });
  rmSync(OUT, { recursive: true, force: true });
});

async function stopAgent(): Promise<void> {
  const a = agent;
  if (!a || a.exitCode !== null || a.signalCode !== null) return;
  const exited = new Promise<number | null>((r) => a.once('exit', (code) => r(code)));
  a.kill('SIGTERM'); // what `systemctl stop` (prerm) sends
  expect(await exited, agentOutput).toBe(0);
}

function runUnit(r: PackageRoot): void {
  agentOutput = '';
  agent = startAsUnit(r, r.at('/lib/systemd/system/edge-agent.service'), { EDGE_AGENT_RECONNECT_BASE_MS: '200', EDGE_AGENT_RECONNECT_CAP_MS: '1000' });
  agent.stdout!.on('data', (c: Buffer) => (agentOutput += c.toString()));
  agent.stderr!.on('data', (c: Buffer) => (agentOutput += c.toString()));
}

/** waitFor, with what the agent printed when it times out. */
async function waitForAgent(what: string, check: () => Promise<boolean>): Promise<void> {
  await waitFor(what, check, 60_000).catch((err: Error) => {
    throw new Error(`${err.message}\nagent output:\n${agentOutput}`);
  });
}

function ok(result: Ran | SpawnSyncReturns<string>): string {
  expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
  return result.stdout;
}

describe('the packages', () => {
  it('are each under 60 MB, one per architecture and format', () => {
    expect(Object.keys(sizes).sort()).toEqual(
      [deb('amd64'), deb('arm64'), join(OUT, `edge-agent-${VERSION}-linux-arm64.tar.gz`), join(OUT, `edge-agent-${VERSION}-linux-x64.tar.gz`)]
        .map((p) => p.slice(OUT.length + 1))
        .sort(),
    );
    for (const [file, bytes] of Object.entries(sizes)) expect(bytes, file).toBeLessThan(60 * 1000 * 1000);
  });

  it('x64 .deb: installs offline into a clean root, enrolls by token file, heartbeats, upgrades, refuses a downgrade, removes and purges', async () => {
    root = makePackageRoot();
    const r = root;

    // Install, with no registry and no proxy reachable.
    ok(r.dpkg('-i', deb('amd64')));
    expect(ok(r.dpkg('-s', 'edge-agent'))).toMatch(new RegExp(`Status: install ok installed[\\s\\S]*Version: ${VERSION.replaceAll('.', '\\.')}`));
    const user = r.user('edge-agent');
    expect(user, 'the service user').not.toBeNull();
    const passwd = readFileSync(r.at('/etc/passwd'), 'utf8');
    expect(passwd).toMatch(/^edge-agent:x:\d+:\d+:[^:]*:\/var\/lib\/edge-agent:\/usr\/sbin\/nologin$/m);
    const state = statSync(r.at('/var/lib/edge-agent'));
    expect({ uid: state.uid, mode: (state.mode & 0o777).toString(8) }).toEqual({ uid: user!.uid, mode: '700' });
    expect(existsSync(r.at('/etc/edge-agent/config.json'))).toBe(true);
    // Enabled, not started: the unit waits for agent.json (ConditionPathExists).
    expect(readlinkSync(r.at('/etc/systemd/system/multi-user.target.wants/edge-agent.service'))).toBe('/lib/systemd/system/edge-agent.service');
    const unit = readUnit(r.at('/lib/systemd/system/edge-agent.service'));
    expect(unit.user).toBe('edge-agent');
    expect(unit.execStart[0]).toBe('/usr/lib/edge-agent/node/bin/node');
    expect(unit.execStart.at(-2)).toBe('/usr/lib/edge-agent/dist/cli.js');
    // Pure ASCII, so Node keeps each bundle's source at one byte per character (scripts/package/bundle.mjs).
    for (const file of ['cli.js', 'inference-worker.js']) {
      expect(
        readFileSync(r.at(`/usr/lib/edge-agent/dist/${file}`)).findIndex((b) => b > 0x7f),
        file,
      ).toBe(-1);
    }
    const unitText = readFileSync(r.at('/lib/systemd/system/edge-agent.service'), 'utf8');
    for (const line of [
      'ProtectSystem=strict',
      'NoNewPrivileges=true',
      'ReadWritePaths=/var/lib/edge-agent',
      'Restart=on-failure',
      'ConditionPathExists=/var/lib/edge-agent/agent.json',
    ]) {
      expect(unitText).toContain(line);
    }
    // systemd's own reading of the unit, with its paths inside the root so ExecStart= is checked too.
    const analyze = join(mkdtempSync(join(tmpdir(), 'edgenet-unit-')), 'edge-agent.service');
    writeFileSync(
      analyze,
      unitText.replaceAll('/usr/lib/edge-agent', r.at('/usr/lib/edge-agent')).replaceAll('/var/lib/edge-agent', r.at('/var/lib/edge-agent')),
    );
    const verify = spawnSync('systemd-analyze', ['verify', analyze], { encoding: 'utf8' });
    expect({ status: verify.status, stderr: verify.stderr }).toEqual({ status: 0, stderr: '' });
    // /usr/bin/edge-agent is the bundled command on the bundled Node.
    expect(lstatSync(r.at('/usr/bin/edge-agent')).isSymbolicLink()).toBe(true);
    const version = spawnSync(r.at('/usr/lib/edge-agent/bin/edge-agent'), ['--version'], { encoding: 'utf8', env: OFFLINE_ENV });
    expect(ok(version).trim()).toBe(VERSION);

    // Enroll as root with the token in a file only root can read; the state goes to the service user.
    tp = await startTestPlatform({ EDGENET_PRESENCE_SWEEP_MS: '100' });
    const seeded = await seedEnterprise(tp, { workstations: ['L1-01'] });
    const tokenFile = join(mkdtempSync(join(tmpdir(), 'edgenet-token-')), 'token.txt');
    writeFileSync(tokenFile, `${seeded.token}\n`, { mode: 0o600 });
    const enroll = await run(r.at('/usr/lib/edge-agent/bin/edge-agent'), [
      'enroll',
      '--platform',
      tp.baseUrl,
      '--token-file',
      tokenFile,
      '--workstations',
      'L1-01',
      '--heartbeat-interval-ms',
      '1000',
      '--state-dir',
      r.at('/var/lib/edge-agent'),
    ]);
    expect(ok(enroll)).toMatch(/enrolled device/);
    expect(enroll.stdout + enroll.stderr).not.toContain(seeded.token);
    for (const f of readdirSync(r.at('/var/lib/edge-agent'))) expect(statSync(r.at(`/var/lib/edge-agent/${f}`)).uid, f).toBe(user!.uid);
    const agentJson = (): { deviceId: string; publicKey: string } => JSON.parse(readFileSync(r.at('/var/lib/edge-agent/agent.json'), 'utf8'));
    const { deviceId, publicKey } = agentJson();

    // Started as the unit starts it; heartbeats are stored.
    runUnit(r);
    const device = async () => (await tp!.api('GET', `/api/v1/devices/${deviceId}`)).body as { lastSeq: number; online: boolean; agentVersion: string };
    await waitForAgent('three heartbeats stored', async () => (await device()).lastSeq >= 3);
    expect((await device()).agentVersion).toBe(VERSION);

    // Upgrade: stop (prerm), dpkg -i the newer build, start again.
    await stopAgent();
    const beforeUpgrade = (await device()).lastSeq;
    ok(r.dpkg('-i', deb('amd64', NEWER, NEWER_OUT)));
    expect(ok(r.dpkg('-s', 'edge-agent'))).toContain(`Version: ${NEWER}`);
    expect(agentJson()).toMatchObject({ deviceId, publicKey });
    runUnit(r);
    await waitForAgent('heartbeats from the new version', async () => {
      const d = await device();
      return d.agentVersion === NEWER && d.lastSeq >= beforeUpgrade + 3;
    });
    await stopAgent();
    const rows = ((await tp.api('GET', `/api/v1/devices/${deviceId}/heartbeats?limit=1000`)).body.items as { seq: number }[]).map((h) => h.seq).reverse();
    // The same device, its seq carried through the upgrade: every seq from 1, once.
    expect(rows).toEqual(Array.from({ length: rows.length }, (_, i) => i + 1));
    expect(rows.length).toBeGreaterThanOrEqual(beforeUpgrade + 3);

    // A downgrade is refused before anything is unpacked.
    const down = r.dpkg('-i', deb('amd64'));
    expect(down.status).not.toBe(0);
    expect(down.stderr).toContain(`refusing to downgrade from ${NEWER} to ${VERSION}`);
    expect(ok(r.dpkg('-s', 'edge-agent'))).toContain(`Version: ${NEWER}`);

    // remove keeps the device (state and settings); purge deletes them.
    ok(r.dpkg('-r', 'edge-agent'));
    expect(existsSync(r.at('/usr/lib/edge-agent/dist/cli.js'))).toBe(false);
    expect(existsSync(r.at('/usr/bin/edge-agent'))).toBe(false);
    for (const kept of ['/var/lib/edge-agent/agent.json', '/var/lib/edge-agent/credentials.json', '/etc/edge-agent/config.json']) {
      expect(existsSync(r.at(kept)), kept).toBe(true);
    }
    expect(ok(r.dpkg('-s', 'edge-agent'))).toContain('Status: deinstall ok config-files');
    ok(r.dpkg('-P', 'edge-agent'));
    for (const gone of ['/var/lib/edge-agent', '/etc/edge-agent', '/etc/systemd/system/multi-user.target.wants/edge-agent.service']) {
      expect(existsSync(r.at(gone)), gone).toBe(false);
    }
    expect(r.dpkg('-s', 'edge-agent').status).not.toBe(0);
  }, 600_000);

  it('x64 tarball: install.sh installs offline into a root with the unit pointing at its prefix, and uninstalls', async () => {
    const r = makePackageRoot();
    try {
      const dir = mkdtempSync(join(tmpdir(), 'edgenet-tarball-'));
      execFileSync('tar', ['-xzf', join(OUT, `edge-agent-${VERSION}-linux-x64.tar.gz`), '-C', dir]);
      const install = join(dir, `edge-agent-${VERSION}-linux-x64`, 'install.sh');
      ok(await run(install, ['--root', r.dir]));
      expect(r.user('edge-agent')).not.toBeNull();
      expect((statSync(r.at('/var/lib/edge-agent')).mode & 0o777).toString(8)).toBe('700');
      const unit = readUnit(r.at('/etc/systemd/system/edge-agent.service'));
      expect(unit.execStart.slice(0, 1).concat(unit.execStart.slice(-2))).toEqual(['/opt/edge-agent/node/bin/node', '/opt/edge-agent/dist/cli.js', 'run']);
      expect(readlinkSync(r.at('/usr/local/bin/edge-agent'))).toBe('/opt/edge-agent/bin/edge-agent');
      expect(ok(await run(r.at('/opt/edge-agent/bin/edge-agent'), ['--version'])).trim()).toBe(VERSION);
      // Again over itself (an upgrade to the same version) keeps the state directory.
      writeFileSync(r.at('/var/lib/edge-agent/marker'), 'kept');
      ok(await run(install, ['--root', r.dir]));
      expect(readFileSync(r.at('/var/lib/edge-agent/marker'), 'utf8')).toBe('kept');
      ok(await run(install, ['--root', r.dir, '--uninstall']));
      expect(existsSync(r.at('/opt/edge-agent'))).toBe(false);
      expect(existsSync(r.at('/var/lib/edge-agent/marker'))).toBe(true);
      ok(await run(install, ['--root', r.dir, '--uninstall', '--purge']));
      expect(existsSync(r.at('/var/lib/edge-agent'))).toBe(false);
    } finally {
      rmSync(r.dir, { recursive: true, force: true });
    }
  }, 300_000);

  it('arm64: every ELF is aarch64, and Node, --version and doctor run under qemu-aarch64-static', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'edgenet-arm64-'));
    execFileSync('dpkg-deb', ['-x', deb('arm64'), dir]);
    execFileSync('tar', ['-xzf', join(OUT, `edge-agent-${VERSION}-linux-arm64.tar.gz`), '-C', dir]);
    // readelf, not the packager's own header check, says what machine each file is for.
    const elves = execFileSync('find', [dir, '-type', 'f', '-exec', 'sh', '-c', 'head -c 4 "$1" | grep -q "ELF" && echo "$1"', 'sh', '{}', ';'], {
      encoding: 'utf8',
    })
      .split('\n')
      .filter(Boolean);
    expect(elves.length).toBeGreaterThanOrEqual(6); // node, libonnxruntime, its binding; in the .deb and the tarball
    for (const f of elves) expect(execFileSync('readelf', ['-h', f], { encoding: 'utf8' }), f).toMatch(/Machine:\s+AArch64/);
    expect(existsSync(join(dir, 'usr/lib/edge-agent/node_modules/onnxruntime-node/bin/napi-v6/linux/x64'))).toBe(false);

    if (!QEMU || !existsSync(join(AARCH64_LIBS, 'lib', 'ld-linux-aarch64.so.1'))) {
      console.warn('package arm64: qemu-aarch64-static or the arm64 cross libraries are not installed; the ELF checks ran, the emulated runs did not');
      return;
    }
    const lib = join(dir, 'usr/lib/edge-agent');
    // qemu-user shows the host's /proc/cpuinfo and /sys CPU topology (x86) to the guest, and
    // onnxruntime's cpuinfo library crashes on them (SIGSEGV at load). So each run gets a mount
    // namespace of its own with an arm64 (Cortex-A72) /proc/cpuinfo and no /sys CPU directory,
    // from which cpuinfo falls back to defaults, as on a board whose kernel hides the topology.
    const cpuinfo = join(dir, 'cpuinfo');
    writeFileSync(
      cpuinfo,
      'processor\t: 0\nBogoMIPS\t: 50.00\nFeatures\t: fp asimd evtstrm aes pmull sha1 sha2 crc32 cpuid\nCPU implementer\t: 0x41\nCPU architecture: 8\nCPU variant\t: 0x0\nCPU part\t: 0xd08\nCPU revision\t: 3\n\n',
    );
    const qemu = (args: string[], input?: string) =>
      run(
        'unshare',
        [
          '--mount',
          '--propagation',
          'private',
          'sh',
          '-c',
          'mount --bind "$0" /proc/cpuinfo && mount -t tmpfs none /sys/devices/system/cpu && exec qemu-aarch64-static "$@"',
          cpuinfo,
          '-L',
          AARCH64_LIBS,
          join(lib, 'node/bin/node'),
          ...args,
        ],
        input === undefined ? {} : { input },
      );
    expect(ok(await qemu(['--version'])).trim()).toMatch(/^v24\./);
    expect(ok(await qemu(['-p', 'process.arch'])).trim()).toBe('arm64');
    expect(ok(await qemu([join(lib, 'dist/cli.js'), '--version'])).trim()).toBe(VERSION);

    // doctor on an enrolled device, with the shipped model configured: it reaches the platform and
    // loads the model with the arm64 onnxruntime.
    tp ??= await startTestPlatform();
    const seeded = await seedEnterprise(tp, { uscc: '91110000600037341L' });
    const stateDir = mkdtempSync(join(tmpdir(), 'edgenet-arm64-state-'));
    writeFileSync(
      join(stateDir, 'hardware.json'),
      JSON.stringify({
        systemSerial: 'SN-ARM64-1',
        boardSerial: 'BRD-ARM64-1',
        systemUuid: '4c4c4544-0000-1000-8000-0000000a6401',
        writtenAt: new Date().toISOString(),
      }),
    );
    // The token on standard input (--token -), as a script pipes it from a file.
    const enrolled = await qemu([join(lib, 'dist/cli.js'), 'enroll', '--platform', tp.baseUrl, '--token', '-', '--state-dir', stateDir], `${seeded.token}\n`);
    expect(ok(enrolled)).toMatch(/enrolled device/);
    const config = join(stateDir, 'config.json');
    writeFileSync(config, JSON.stringify({ inference: { models: [{ name: 'surface', path: 'builtin:surface-defect-v1', input: { type: 'synthetic' } }] } }));
    const doctor = await qemu([join(lib, 'dist/cli.js'), 'doctor', '--json', '--state-dir', stateDir, '--config', config]);
    expect(doctor.stdout, doctor.stderr).not.toBe('');
    const checks = JSON.parse(doctor.stdout) as { name: string; status: string; message: string }[];
    const byName = (name: string) => checks.filter((c) => c.name === name);
    expect(
      byName('settings').map((c) => c.status),
      doctor.stdout,
    ).toEqual(['ok']);
    expect(
      byName('platform').map((c) => c.status),
      doctor.stdout,
    ).toEqual(['ok']);
    const model = checks.find((c) => c.message.includes('surface-defect-v1.onnx'));
    expect(model?.status, doctor.stdout).toBe('ok');
    expect(model?.message).toMatch(/loads \(sha256/);
  }, 900_000);
});
