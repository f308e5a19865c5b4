#!/usr/bin/env node
// edge-agent: the command line. Parses arguments, runs one command, and turns coded errors into a
// message on stderr and an exit status a service manager can act on.
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { CA_FILE } from './ca-pin.js';
import { isTlsBrokerUrl, logLevelFromEnv, resolveConfigFile, resolveStateDir } from './config.js';
import { formatDoctor, runDoctor } from './doctor.js';
import { enroll } from './enroll.js';
import { AgentError, isAgentError, type AgentErrorCode } from './errors.js';
import { keyId } from './identity.js';
import { readHardware, readHardwareFile, writeHardwareFile } from './inventory.js';
import { createLogger } from './log.js';
import { startAgent, type RunningAgent } from './run.js';
import { handStateToOwner } from './state-owner.js';
import { collectStatus, formatStatus } from './status.js';
import { readToken } from './token-input.js';
import { AGENT_VERSION } from './version.js';

const USAGE = `edge-agent ${AGENT_VERSION}: edge-node agent for the Dongguan edge-compute network

usage:
  edge-agent enroll --platform URL (--token-file FILE | --token - | --token TOKEN)
                    [--ca-fingerprint SHA256] [--ca FILE]
                    [--workstations L1-01,L1-02] [--kind compute_box|industrial_pc|server]
                    [--heartbeat-interval-ms N] [--state-dir DIR]
  edge-agent run [--config FILE] [--state-dir DIR]
  edge-agent status [--json] [--state-dir DIR]
  edge-agent doctor [--json] [--config FILE] [--state-dir DIR]
  edge-agent inventory [--write] [--state-dir DIR]
  edge-agent --version | --help

--token - reads the token from standard input; --token-file from a file (neither shows in ps)
enroll trusts the platform's CA only if its SHA-256 is --ca-fingerprint (as the platform printed it,
  with or without colons), or the CA in --ca FILE; it is pinned for HTTPS and MQTTS from then on
state dir: --state-dir, else $EDGE_AGENT_STATE_DIR, else /var/lib/edge-agent (root) or ~/.edge-agent
settings:  --config, else $EDGE_AGENT_CONFIG, else /etc/edge-agent/config.json if present
environment (over the settings file): EDGE_AGENT_HEARTBEAT_INTERVAL_MS, EDGE_AGENT_MQTT_URL,
  EDGE_AGENT_LOG_LEVEL, EDGE_AGENT_SAMPLE_INTERVAL_MS, EDGE_AGENT_RECONNECT_BASE_MS,
  EDGE_AGENT_RECONNECT_CAP_MS, EDGE_AGENT_SEND_WINDOW, EDGE_AGENT_ACK_TIMEOUT_MS,
  EDGE_AGENT_QUEUE_MAX_BYTES, EDGE_AGENT_QUEUE_MAX_AGE_HOURS,
  EDGE_AGENT_QUEUE_FSYNC, EDGE_AGENT_CLOCK_MAX_SKEW_MS, EDGE_AGENT_CLOCK_CHECK_MS,
  EDGE_AGENT_ORT_EXECUTION_PROVIDER, EDGE_AGENT_ORT_INTRA_OP_THREADS, EDGE_AGENT_ORT_INTER_OP_THREADS
`;

// Exit statuses: 2 for a wrong command line, 78 (EX_CONFIG, sysexits.h) for a configuration a restart
// will not fix, so a unit can set RestartPreventExitStatus=78; 1 for everything else.
const EXIT_STATUS: Partial<Record<AgentErrorCode, number>> = {
  EDGE_AGENT_ERR_USAGE: 2,
  EDGE_AGENT_ERR_CONFIG_INVALID: 78,
  EDGE_AGENT_ERR_NOT_ENROLLED: 78,
  EDGE_AGENT_ERR_KEY_INVALID: 78,
};

type Options = Record<string, string | boolean | undefined>;

async function main(argv: string[]): Promise<number> {
  let parsed: { values: Options; positionals: string[] };
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        platform: { type: 'string' },
        token: { type: 'string' },
        'token-file': { type: 'string' },
        'ca-fingerprint': { type: 'string' },
        ca: { type: 'string' },
        workstations: { type: 'string' },
        kind: { type: 'string' },
        'heartbeat-interval-ms': { type: 'string' },
        'state-dir': { type: 'string' },
        config: { type: 'string' },
        json: { type: 'boolean' },
        write: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
      },
    });
  } catch (err) {
    throw new AgentError('EDGE_AGENT_ERR_USAGE', `${(err as Error).message}\n\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.version) {
    process.stdout.write(`${AGENT_VERSION}\n`);
    return 0;
  }
  const [command, ...extra] = positionals;
  if (values.help || command === undefined || command === 'help') {
    process.stdout.write(USAGE);
    return values.help || command === 'help' ? 0 : 2;
  }
  if (extra.length > 0) throw new AgentError('EDGE_AGENT_ERR_USAGE', `unexpected argument ${extra[0]}\n\n${USAGE}`);
  const stateDir = resolveStateDir(str(values['state-dir']));

  switch (command) {
    case 'enroll':
      return enrollCommand(values, stateDir);
    case 'run':
      return runCommand(stateDir, resolveConfigFile(str(values.config)));
    case 'status':
      return statusCommand(stateDir, values.json === true);
    case 'doctor':
      return doctorCommand(stateDir, resolveConfigFile(str(values.config)), values.json === true);
    case 'inventory':
      return inventoryCommand(stateDir, values.write === true);
    default:
      throw new AgentError('EDGE_AGENT_ERR_USAGE', `unknown command ${command}\n\n${USAGE}`);
  }
}

async function enrollCommand(values: Options, stateDir: string): Promise<number> {
  const interval = str(values['heartbeat-interval-ms']);
  const codes = str(values.workstations);
  const kind = str(values.kind);
  const caFingerprint = str(values['ca-fingerprint']);
  const caFile = str(values.ca);
  const tokenFile = str(values['token-file']);
  const token = await readToken({
    ...(str(values.token) !== undefined ? { token: str(values.token)! } : {}),
    ...(tokenFile !== undefined ? { tokenFile } : {}),
  });
  const summary = await enroll({
    platformUrl: str(values.platform) ?? '',
    token,
    stateDir,
    ...(kind !== undefined ? { kind } : {}),
    ...(caFingerprint !== undefined ? { caFingerprint } : {}),
    ...(caFile !== undefined ? { caFile } : {}),
    ...(codes !== undefined
      ? {
          workstations: codes
            .split(',')
            .map((c) => c.trim())
            .filter(Boolean),
        }
      : {}),
    ...(interval !== undefined ? { heartbeatIntervalMs: /^\d+$/.test(interval) ? Number(interval) : Number.NaN } : {}),
  });
  handStateToOwner(stateDir);
  const { agent, hardware, pinnedCa } = summary;
  for (const warning of summary.warnings) process.stderr.write(`edge-agent: warning: ${warning}\n`);
  const out = [
    `${summary.reenrolled ? 're-enrolled' : 'enrolled'} device ${agent.deviceId}${summary.reenrolled ? ' (this hardware was enrolled before; its history is kept)' : ''}`,
    `  platform       ${agent.platformUrl}`,
    `  mqtt           ${summary.brokerUrl}${isTlsBrokerUrl(summary.brokerUrl) ? ' (TLS)' : ' (plain, unencrypted)'}`,
    `  pinned ca      ${pinnedCa ? `SHA-256 ${pinnedCa.fingerprint} (${join(stateDir, CA_FILE)})` : '(none)'}`,
    `  attestation    ${agent.attestation ?? 'software'}${agent.attestation === 'tpm' ? ' (TPM 2.0 endorsement key verified by the platform)' : ''}`,
    `  kind           ${agent.kind}`,
    `  workstations   ${agent.workstations.join(', ') || '(none)'}`,
    `  heartbeat      every ${agent.heartbeatIntervalMs} ms`,
    `  fingerprint    ${agent.fingerprint} (${agent.fingerprintFields.join(', ')})`,
    `  key id         ${keyId(agent.publicKey)}`,
    `  state dir      ${stateDir}`,
  ];
  if (!hardware.fingerprint.identifying) {
    out.push(
      'warning: no system serial, UUID or disk serial was readable, so the fingerprint cannot tell this',
      'machine from another of the same model. Run `sudo edge-agent inventory --write` and enroll again.',
    );
  }
  process.stdout.write(`${out.join('\n')}\nnext: edge-agent run${stateDirFlag(stateDir)}\n`);
  return 0;
}

async function runCommand(stateDir: string, configFile: string | null): Promise<number> {
  const log = createLogger(logLevelFromEnv());
  let agent: RunningAgent | undefined;
  let stopRequested: ((code: number) => void) | undefined;
  const stopped = new Promise<number>((resolve) => {
    stopRequested = resolve;
  });
  let stopping = false;
  // Installed before startup, which can take seconds (hardware reads), so an early SIGTERM still
  // ends the process with status 0 instead of the default signal death.
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    // The promise to a service manager is "gone within 5 s"; this is the backstop if stop() stalls.
    setTimeout(() => stopRequested?.(0), 4_800).unref();
    if (!agent) return stopRequested?.(0);
    agent.stop().then(
      () => stopRequested?.(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        stopRequested?.(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  agent = await startAgent({ stateDir, log, configFile });
  if (stopping) await agent.stop();
  return stopped;
}

async function doctorCommand(stateDir: string, configFile: string | null, json: boolean): Promise<number> {
  const checks = await runDoctor(stateDir, process.env, configFile);
  process.stdout.write(json ? `${JSON.stringify(checks, null, 2)}\n` : formatDoctor(checks));
  return checks.some((c) => c.status === 'fail') ? 1 : 0;
}

function statusCommand(stateDir: string, json: boolean): number {
  const report = collectStatus(stateDir);
  process.stdout.write(json ? `${JSON.stringify(report, null, 2)}\n` : formatStatus(report));
  return 0;
}

async function inventoryCommand(stateDir: string, write: boolean): Promise<number> {
  // --write reads live values only; mixing in an existing hardware.json would just copy it onto itself.
  const hardwareFile = write ? undefined : readHardwareFile(stateDir);
  const hardware = await readHardware(hardwareFile ? { hardwareFile } : {});
  let written: string | undefined;
  if (write) {
    mkdirSync(stateDir, { recursive: true, mode: 0o700 });
    writeHardwareFile(stateDir, hardware.inventory);
    written = stateDir;
  }
  const report = {
    fingerprint: hardware.fingerprint.value,
    fingerprintFields: hardware.fingerprint.fields,
    identifying: hardware.fingerprint.identifying,
    usedHardwareFile: hardware.usedHardwareFile,
    ...(written ? { wroteHardwareFileIn: written } : {}),
    inventory: hardware.inventory,
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  return 0;
}

function str(v: string | boolean | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function stateDirFlag(stateDir: string): string {
  return stateDir === resolveStateDir(undefined) ? '' : ` --state-dir ${stateDir}`;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (isAgentError(err)) {
      process.stderr.write(`edge-agent: ${err.message}\n  [${err.code}]\n`);
      process.exit(EXIT_STATUS[err.code] ?? 1);
    }
    process.stderr.write(`edge-agent: unexpected failure: ${(err as Error)?.stack ?? String(err)}\n`);
    process.exit(1);
  },
);
