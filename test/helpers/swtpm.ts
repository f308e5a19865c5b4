// A software TPM 2.0 for tests: Debian's swtpm, manufactured by swtpm_setup with an EK certificate
// signed by a local CA the test makes (swtpm_localca, in a folder of the test's own), and served on
// a TCP port pair that tpm2-tools reach through the swtpm TCTI. Nothing here imitates a TPM: the
// agent's tpm2-tools talk to the real TPM 2.0 implementation (libtpms) inside swtpm.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const TOOLS = ['swtpm', 'swtpm_setup', 'swtpm_localca', 'tpm2_createek', 'tpm2_createak', 'tpm2_activatecredential', 'tpm2_quote', 'tpm2_nvread'];

/** Why the TPM tests cannot run here, or null when every tool is installed. */
export function swtpmMissing(): string | null {
  const missing = TOOLS.filter((tool) => {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
      return false;
    } catch {
      return true;
    }
  });
  return missing.length ? `needs ${missing.join(', ')} (apt-get install swtpm swtpm-tools tpm2-tools)` : null;
}

/** A TPM manufacturer's CA: a self-signed root and the intermediate that signs EK certificates. */
export interface TpmCa {
  dir: string;
  /** A folder holding the root and the intermediate, as an operator fills EDGENET_TPM_ROOTS_DIR. */
  rootsDir: string;
}

export function createTpmCa(name: string): TpmCa {
  const base = mkdtempSync(join(tmpdir(), `edgenet-tpmca-${name}-`));
  const dir = join(base, 'ca');
  mkdirSync(dir);
  writeFileSync(
    join(base, 'localca.conf'),
    [`statedir = ${dir}`, `signingkey = ${dir}/signkey.pem`, `issuercert = ${dir}/issuercert.pem`, `certserial = ${dir}/certserial`, ''].join('\n'),
  );
  writeFileSync(join(base, 'localca.options'), ['--platform-manufacturer edgenet-test', '--platform-version 2.1', '--platform-model swtpm', ''].join('\n'));
  writeFileSync(
    join(base, 'setup.conf'),
    [
      'create_certs_tool = /usr/bin/swtpm_localca',
      `create_certs_tool_config = ${join(base, 'localca.conf')}`,
      `create_certs_tool_options = ${join(base, 'localca.options')}`,
      'active_pcr_banks = sha256',
      '',
    ].join('\n'),
  );
  return { dir: base, rootsDir: join(base, 'roots') };
}

/** Manufactures a TPM whose EK certificate `ca` signs; the CA's root and intermediate then exist. */
export function manufactureTpm(ca: TpmCa, name: string): string {
  const state = mkdtempSync(join(tmpdir(), `edgenet-swtpm-${name}-`));
  execFileSync('swtpm_setup', ['--tpm2', '--tpmstate', state, '--create-ek-cert', '--config', join(ca.dir, 'setup.conf'), '--overwrite'], { stdio: 'pipe' });
  mkdirSync(ca.rootsDir, { recursive: true });
  copyFileSync(join(ca.dir, 'ca', 'swtpm-localca-rootca-cert.pem'), join(ca.rootsDir, 'root.pem'));
  copyFileSync(join(ca.dir, 'ca', 'issuercert.pem'), join(ca.rootsDir, 'intermediate.pem'));
  return state;
}

export interface RunningTpm {
  /** The TCTI to give tpm2-tools (EDGE_AGENT_TPM_TCTI). */
  tcti: string;
  stop(): Promise<void>;
}

/** Two consecutive free TCP ports: the swtpm TCTI reaches the control channel at port + 1. */
async function portPair(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 40_000);
    if ((await free(port)) && (await free(port + 1))) return port;
  }
  throw new Error('no two consecutive free TCP ports for swtpm');
}

function free(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Serves the manufactured TPM in `state` until stop(). */
export async function startTpm(state: string): Promise<RunningTpm> {
  const port = await portPair();
  const child: ChildProcess = spawn(
    'swtpm',
    [
      'socket',
      '--tpm2',
      '--tpmstate',
      `dir=${state}`,
      '--server',
      `type=tcp,port=${port},bindaddr=127.0.0.1`,
      '--ctrl',
      `type=tcp,port=${port + 1},bindaddr=127.0.0.1`,
      '--flags',
      'not-need-init,startup-clear',
    ],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 10_000;
  while (!(await connects(port))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`swtpm did not listen on ${port} (exit ${child.exitCode})`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    tcti: `swtpm:host=127.0.0.1,port=${port}`,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
