// Everything the agent reads from its environment and state directory, validated in one place
// (HOUSE_STYLE: fastify's initial-config-validation). A bad setting stops the agent at start with one
// error that lists every problem, so an operator fixes them in one pass, not one restart each.
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DEVICE_ID_PATTERN,
  DEVICE_KINDS,
  FINGERPRINT_PATTERN,
  HEARTBEAT_INTERVAL_BOUNDS,
  isHeartbeatInterval,
  WORKSTATION_CODE_PATTERN,
  ATTESTATION_LEVELS,
  type AttestationLevel,
  type DeviceKindName,
} from '@edgenet/proto';
import { DEFAULT_BACKOFF } from './backoff.js';
import { DEFAULT_ACK_TIMEOUT_MS } from './mqtt-session.js';
import { DEFAULT_WINDOW } from './outbox.js';
import { DEFAULT_CLOCK_CHECK_MS, DEFAULT_MAX_SKEW_MS } from './clock.js';
import type { FsyncPolicy } from './disk-queue.js';
import { loadPinnedCa, normalizeCaFingerprint, type PinnedCa } from './ca-pin.js';
import { AgentError } from './errors.js';
import { FINGERPRINT_FIELDS, type FingerprintField } from './fingerprint.js';
import type { ModelSpec, RuntimeSpec } from './model-runner.js';
import type { TpmPresence } from './tpm.js';
import { DEFAULT_SAMPLE_INTERVAL_MS } from './metrics-sampler.js';
import { readJsonFile } from './durable-file.js';
import { STATE_FILES } from './state-files.js';

export { HEARTBEAT_INTERVAL_BOUNDS };
export const MAX_WORKSTATIONS = 256; // docs/protocol.md §4
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const ROOT_STATE_DIR = '/var/lib/edge-agent';
/** The settings file a package install puts in place (deploy/edge-agent.service). */
export const DEFAULT_CONFIG_FILE = '/etc/edge-agent/config.json';
/** `"path": "builtin:surface-defect-v1"` in a model entry: the model shipped in agent/models/. */
export const BUILTIN_MODELS_DIR = fileURLToPath(new URL('../models/', import.meta.url));
export const MAX_MODELS = 16; // each model adds ~150 bytes to an 8 KiB heartbeat (docs/protocol.md §4)
export const EXECUTION_PROVIDERS = ['cpu', 'cuda', 'tensorrt', 'openvino', 'dml', 'coreml', 'webgpu'] as const;
const MODEL_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export const QUEUE_DEFAULTS = Object.freeze({
  // 7 days of heartbeats at the default 10 s interval is 60,480 records; a heartbeat with a few model
  // entries is under 600 bytes sealed, so 64 MiB holds 7 days with room for 16 models per beat.
  maxBytes: 64 * 1024 * 1024, // 64 MiB
  maxAgeMs: 7 * 86_400_000, // 7 days
  fsync: 'always' as FsyncPolicy,
});
const BASE64URL_ED25519 = /^[A-Za-z0-9_-]{43}$/; // 32 bytes, unpadded

/** agent.json: the enrollment result and local settings. Holds no secret. */
export interface AgentFile {
  platformUrl: string;
  deviceId: string;
  enterpriseId: string;
  projectId: string;
  kind: DeviceKindName;
  workstations: string[];
  /** Bumped whenever the workstation list changes on this device (WorkstationMapping.revision). */
  workstationsRevision: number;
  heartbeatIntervalMs: number;
  /** The broker address from enrollment: mqtt:// when the platform also listens in plain TCP. */
  mqttUrl: string;
  /** The MQTT-over-TLS address from enrollment (absent in enrollments made before the platform spoke MQTT over TLS). */
  mqttTlsUrl?: string;
  /** SHA-256 of the pinned platform CA (ca.pem), `AA:BB:…`; absent when no CA is pinned. */
  caFingerprint?: string;
  /** The fingerprint sent at enrollment and the fields it rests on. */
  fingerprint: string;
  fingerprintFields: FingerprintField[];
  /** Raw Ed25519 public key, base64url (the enrolled key). */
  publicKey: string;
  /** How the platform recorded this device (docs/tpm.md); absent in enrollments made before TPM attestation. */
  attestation?: AttestationLevel;
  enrolledAt: string;
}

/** credentials.json (mode 0600): the MQTT login issued at enrollment. */
export interface CredentialsFile {
  mqtt: { clientId: string; username: string; password: string };
}

export interface RunConfig {
  stateDir: string;
  agent: Readonly<AgentFile>;
  /** `url` first, then `fallbackUrls`: the nodes of one broker cluster (EDGE_AGENT_MQTT_URL=a,b,c). */
  mqtt: Readonly<{ url: string; fallbackUrls: readonly string[]; clientId: string; username: string; password: string }>;
  /** The platform CA pinned at enrollment (ca.pem), trusted alone for HTTPS and MQTTS; null: none. */
  pinnedCa: Readonly<PinnedCa> | null;
  heartbeatIntervalMs: number;
  sampleIntervalMs: number;
  reconnect: Readonly<{ baseMs: number; capMs: number }>;
  /** Sending: messages in flight while draining the queue, and how long a PUBACK may take. */
  send: Readonly<{ window: number; ackTimeoutMs: number }>;
  logLevel: LogLevel;
  /** The settings file read, or null when none exists. */
  configFile: string | null;
  queue: Readonly<{ maxBytes: number; maxAgeMs: number; fsync: FsyncPolicy }>;
  clock: Readonly<{ maxSkewMs: number; checkEveryMs: number }>;
  inference: Readonly<{ runtime: RuntimeSpec; models: ModelSpec[] }>;
  /** A `tpm` device seals its chain with the TPM at least this often (tpm-sealer.ts). */
  tpm: Readonly<{ sealIntervalMs: number }>;
}

/** The settings file (agent/README.md "Configuration"): every key optional. */
export interface SettingsFile {
  heartbeatIntervalMs?: number;
  mqttUrl?: string;
  logLevel?: LogLevel;
  sampleIntervalMs?: number;
  reconnect?: { baseMs?: number; capMs?: number };
  send?: { window?: number; ackTimeoutMs?: number };
  queue?: { maxBytes?: number; maxAgeHours?: number; fsync?: FsyncPolicy };
  clock?: { maxSkewMs?: number; checkEveryMs?: number };
  tpm?: { sealIntervalMs?: number };
  inference?: {
    executionProvider?: string;
    intraOpThreads?: number;
    interOpThreads?: number;
    models?: unknown[];
  };
}

export type Env = Readonly<Record<string, string | undefined>>;

/** --config, else EDGE_AGENT_CONFIG, else /etc/edge-agent/config.json when it exists, else none. */
export function resolveConfigFile(flag: string | undefined, env: Env = process.env): string | null {
  if (flag) return flag;
  if (env.EDGE_AGENT_CONFIG) return env.EDGE_AGENT_CONFIG;
  return existsSync(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : null;
}

/** --state-dir, else EDGE_AGENT_STATE_DIR, else /var/lib/edge-agent for root, else ~/.edge-agent. */
export function resolveStateDir(flag: string | undefined, env: Env = process.env): string {
  if (flag) return flag;
  if (env.EDGE_AGENT_STATE_DIR) return env.EDGE_AGENT_STATE_DIR;
  if (process.getuid?.() === 0) return ROOT_STATE_DIR;
  return join(homedir(), '.edge-agent');
}

/** The kernel's TPM resource manager: several processes may use the TPM at once through it. */
const TPM_DEVICE = '/dev/tpmrm0';

/**
 * Which TPM enrollment attests with (docs/tpm.md): EDGE_AGENT_TPM_TCTI when set (a tpm2-tools TCTI
 * such as `swtpm:host=127.0.0.1,port=2321`; `none` turns the TPM off), else /dev/tpmrm0 when present.
 */
export function resolveTpm(env: Env = process.env, exists: (path: string) => boolean = existsSync): TpmPresence {
  const tcti = env.EDGE_AGENT_TPM_TCTI;
  if (tcti === 'none') return { present: false, reason: 'EDGE_AGENT_TPM_TCTI=none turns the TPM off' };
  if (tcti) return { present: true, tcti };
  // A box with a TPM but without the tools (the .deb only recommends tpm2-tools, and a factory box
  // is often offline) enrolls as software and says why, rather than not enrolling at all; a TCTI
  // named on purpose above fails loudly instead when the tools are missing.
  if (exists(TPM_DEVICE) && !onPath('tpm2_createek', env, exists)) {
    return { present: false, reason: `${TPM_DEVICE} is there but tpm2-tools is not installed (apt-get install tpm2-tools, then enroll again)` };
  }
  if (exists(TPM_DEVICE)) return { present: true, tcti: `device:${TPM_DEVICE}` };
  return { present: false, reason: `no ${TPM_DEVICE} (no TPM 2.0, or its driver is not loaded) and no EDGE_AGENT_TPM_TCTI` };
}

function onPath(tool: string, env: Env, exists: (path: string) => boolean): boolean {
  return (env.PATH ?? '/usr/bin:/bin').split(':').some((dir) => dir !== '' && exists(`${dir}/${tool}`));
}

export function logLevelFromEnv(env: Env = process.env): LogLevel {
  const level = env.EDGE_AGENT_LOG_LEVEL;
  return level && (LOG_LEVELS as readonly string[]).includes(level) ? (level as LogLevel) : 'info';
}

// --- field checks shared by enroll (flags) and run (files, environment); each returns a problem or null

export function checkHttpUrl(name: string, value: unknown): string | null {
  return isUrl(value, ['http:', 'https:']) ? null : `${name} must be an http:// or https:// URL, got ${show(value)}`;
}

// mqtt.js also takes tcp:// and tls:// as other names of mqtt:// and mqtts://; the agent does not, so
// a URL means one thing in the settings, the logs and doctor's advice.
export function checkMqttUrl(name: string, value: unknown): string | null {
  return isUrl(value, ['mqtt:', 'mqtts:', 'ws:', 'wss:']) ? null : `${name} must be an mqtt://, mqtts://, ws:// or wss:// URL, got ${show(value)}`;
}

/**
 * A broker setting that names several nodes of one cluster, comma-separated (a broker URL has no
 * comma of its own): each must be a broker URL.
 */
export function checkMqttUrls(name: string, value: unknown): string | null {
  if (typeof value !== 'string') return checkMqttUrl(name, value);
  for (const url of splitBrokerUrls(value)) {
    const problem = checkMqttUrl(name, url);
    if (problem) return problem;
  }
  return null;
}

/** "mqtt://a:1883, mqtt://b:1883" → both; one URL → itself. */
export function splitBrokerUrls(value: string): string[] {
  const urls = value
    .split(',')
    .map((u) => u.trim())
    .filter((u) => u !== '');
  return urls.length > 0 ? urls : [value];
}

const TLS_MQTT_PROTOCOLS = ['mqtts:', 'wss:'] as const;

/** Whether a broker URL speaks TLS. */
export function isTlsBrokerUrl(url: string): boolean {
  return isUrl(url, TLS_MQTT_PROTOCOLS);
}

/**
 * The broker `run` connects to: EDGE_AGENT_MQTT_URL (or the settings file's mqttUrl) when set; else
 * the TLS address when a CA is pinned or the device enrolled over https:// (its MQTT password must not
 * then travel in clear); else the enrollment's mqttUrl (a lab platform on plain HTTP and MQTT, or an
 * agent.json written before the TLS address existed).
 */
export function chooseBrokerUrl(agent: Pick<AgentFile, 'mqttUrl' | 'mqttTlsUrl' | 'platformUrl'>, caPinned: boolean, override?: string): string {
  if (override) return override;
  if (agent.mqttTlsUrl && (caPinned || agent.platformUrl.startsWith('https:'))) return agent.mqttTlsUrl;
  return agent.mqttUrl;
}

export function checkKind(name: string, value: unknown): string | null {
  return typeof value === 'string' && (DEVICE_KINDS as readonly string[]).includes(value)
    ? null
    : `${name} must be one of ${DEVICE_KINDS.join(', ')}, got ${show(value)}`;
}

export function checkHeartbeatInterval(name: string, value: unknown): string | null {
  const { minMs, maxMs } = HEARTBEAT_INTERVAL_BOUNDS;
  return isHeartbeatInterval(value) ? null : `${name} must be an integer from ${minMs} to ${maxMs} (ms), got ${show(value)}`;
}

export function checkWorkstations(name: string, value: unknown): string[] {
  if (!Array.isArray(value)) return [`${name} must be a list of workstation codes, got ${show(value)}`];
  const problems: string[] = [];
  if (value.length > MAX_WORKSTATIONS) problems.push(`${name} lists ${value.length} codes; at most ${MAX_WORKSTATIONS}`);
  for (const code of value) {
    if (typeof code !== 'string' || !WORKSTATION_CODE_PATTERN.test(code)) {
      problems.push(`${name}: ${show(code)} is not a workstation code (letters, digits, '.', '_', '-'; 1 to 64)`);
    }
  }
  if (new Set(value).size !== value.length) problems.push(`${name} repeats a code`);
  return problems;
}

/**
 * Loads agent.json, credentials.json and the environment overrides for `edge-agent run`, or throws
 * EDGE_AGENT_ERR_CONFIG_INVALID naming every problem at once.
 */
export function loadRunConfig(stateDir: string, env: Env = process.env, options: { configFile?: string | null } = {}): Readonly<RunConfig> {
  const agent = loadAgentFile(stateDir, { strict: false });
  const problems = [...agent.problems];

  const credentialsPath = join(stateDir, STATE_FILES.credentials);
  const rawCredentials = readJsonFile(credentialsPath) as { mqtt?: Record<string, unknown> } | undefined | null;
  const mqttLogin = rawCredentials?.mqtt;
  if (!mqttLogin || typeof mqttLogin !== 'object') {
    problems.push(`${credentialsPath} is missing or has no "mqtt" object`);
  } else {
    for (const key of ['clientId', 'username', 'password'] as const) {
      if (typeof mqttLogin[key] !== 'string' || mqttLogin[key] === '') {
        problems.push(`${credentialsPath}: mqtt.${key} must be a non-empty string`);
      }
    }
  }

  // The settings file, then the environment over it (HOUSE_STYLE: one file plus environment).
  const configFile = options.configFile === undefined ? resolveConfigFile(undefined, env) : options.configFile;
  let file: SettingsFile = {};
  if (configFile !== null) {
    try {
      const raw = readJsonFile(configFile);
      if (raw === undefined) problems.push(`settings file ${configFile} does not exist`);
      else if (!raw || typeof raw !== 'object' || Array.isArray(raw)) problems.push(`${configFile} must hold a JSON object`);
      else {
        file = raw as SettingsFile;
        unknownKeys(configFile, raw as Record<string, unknown>, SETTINGS_KEYS, problems);
      }
    } catch (err) {
      problems.push((err as Error).message);
    }
  }
  const where = configFile ?? 'settings file';
  const pick = (envName: string, fileKey: string, fileValue: unknown): { value: unknown; from: string } => {
    const fromEnv = env[envName];
    if (fromEnv !== undefined && fromEnv !== '') return { value: intOrString(fromEnv), from: envName };
    return { value: fileValue, from: `${where}: ${fileKey}` };
  };
  const int = (envName: string, fileKey: string, fileValue: unknown, fallback: number, min: number, max: number, unit: string): number => {
    const { value, from } = pick(envName, fileKey, fileValue);
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      problems.push(`${from} must be an integer from ${min} to ${max}${unit ? ` (${unit})` : ''}, got ${show(value)}`);
      return fallback;
    }
    return value;
  };
  const oneOf = <T extends string>(envName: string, fileKey: string, fileValue: unknown, fallback: T, allowed: readonly T[]): T => {
    const { value, from } = pick(envName, fileKey, fileValue);
    if (value === undefined) return fallback;
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      problems.push(`${from} must be one of ${allowed.join(', ')}, got ${show(value)}`);
      return fallback;
    }
    return value as T;
  };

  const heartbeatSetting = pick('EDGE_AGENT_HEARTBEAT_INTERVAL_MS', 'heartbeatIntervalMs', file.heartbeatIntervalMs);
  if (heartbeatSetting.value !== undefined) {
    const p = checkHeartbeatInterval(heartbeatSetting.from, heartbeatSetting.value);
    if (p) problems.push(p);
  }
  const mqttSetting = pick('EDGE_AGENT_MQTT_URL', 'mqttUrl', file.mqttUrl);
  if (mqttSetting.value !== undefined) {
    const p = checkMqttUrls(mqttSetting.from, mqttSetting.value);
    if (p) problems.push(p);
  }
  const sampleIntervalMs = int('EDGE_AGENT_SAMPLE_INTERVAL_MS', 'sampleIntervalMs', file.sampleIntervalMs, DEFAULT_SAMPLE_INTERVAL_MS, 500, 3_600_000, 'ms');
  const baseMs = int('EDGE_AGENT_RECONNECT_BASE_MS', 'reconnect.baseMs', file.reconnect?.baseMs, DEFAULT_BACKOFF.baseMs, 100, 600_000, 'ms');
  const capMs = int(
    'EDGE_AGENT_RECONNECT_CAP_MS',
    'reconnect.capMs',
    file.reconnect?.capMs,
    DEFAULT_BACKOFF.capMs,
    baseMs,
    3_600_000,
    'ms, at least the base delay',
  );
  const send = {
    window: int('EDGE_AGENT_SEND_WINDOW', 'send.window', file.send?.window, DEFAULT_WINDOW, 1, 1_000, 'messages'),
    ackTimeoutMs: int('EDGE_AGENT_ACK_TIMEOUT_MS', 'send.ackTimeoutMs', file.send?.ackTimeoutMs, DEFAULT_ACK_TIMEOUT_MS, 1_000, 600_000, 'ms'),
  };
  const logLevel = oneOf('EDGE_AGENT_LOG_LEVEL', 'logLevel', file.logLevel, 'info', LOG_LEVELS);
  const queue = {
    maxBytes: int('EDGE_AGENT_QUEUE_MAX_BYTES', 'queue.maxBytes', file.queue?.maxBytes, QUEUE_DEFAULTS.maxBytes, 1024 * 1024, 2 ** 40, 'bytes, 1 MiB or more'),
    maxAgeMs:
      int('EDGE_AGENT_QUEUE_MAX_AGE_HOURS', 'queue.maxAgeHours', file.queue?.maxAgeHours, QUEUE_DEFAULTS.maxAgeMs / 3_600_000, 1, 24 * 366, 'hours') *
      3_600_000,
    fsync: oneOf('EDGE_AGENT_QUEUE_FSYNC', 'queue.fsync', file.queue?.fsync, QUEUE_DEFAULTS.fsync, ['always', 'never'] as const),
  };
  const clock = {
    maxSkewMs: int('EDGE_AGENT_CLOCK_MAX_SKEW_MS', 'clock.maxSkewMs', file.clock?.maxSkewMs, DEFAULT_MAX_SKEW_MS, 5_000, 86_400_000, 'ms'),
    checkEveryMs: int('EDGE_AGENT_CLOCK_CHECK_MS', 'clock.checkEveryMs', file.clock?.checkEveryMs, DEFAULT_CLOCK_CHECK_MS, 10_000, 86_400_000, 'ms'),
  };
  const runtime: RuntimeSpec = {
    executionProvider: oneOf('EDGE_AGENT_ORT_EXECUTION_PROVIDER', 'inference.executionProvider', file.inference?.executionProvider, 'cpu', EXECUTION_PROVIDERS),
    // One thread each by default: the agent shares a small box with the factory's own programs.
    intraOpThreads: int('EDGE_AGENT_ORT_INTRA_OP_THREADS', 'inference.intraOpThreads', file.inference?.intraOpThreads, 1, 1, 64, ''),
    interOpThreads: int('EDGE_AGENT_ORT_INTER_OP_THREADS', 'inference.interOpThreads', file.inference?.interOpThreads, 1, 1, 64, ''),
  };
  // 1 h: a day online for the policy's hour holds a seal; the quote costs a few tool runs.
  const sealIntervalMs = int('EDGE_AGENT_TPM_SEAL_INTERVAL_MS', 'tpm.sealIntervalMs', file.tpm?.sealIntervalMs, 3_600_000, 1_000, 86_400_000, 'ms');
  const models = checkModels(`${where}: inference.models`, file.inference?.models, configFile ? dirname(resolve(configFile)) : process.cwd(), problems);

  const pinned = agent.file ? loadPinnedCa(stateDir, agent.file.caFingerprint) : {};
  if (pinned.problem) problems.push(pinned.problem);

  if (problems.length > 0 || !agent.file || !mqttLogin) throw invalid(stateDir, problems);
  const agentFile = agent.file;
  const [brokerUrl, ...fallbackUrls] = splitBrokerUrls(chooseBrokerUrl(agentFile, pinned.ca !== undefined, mqttSetting.value as string | undefined));
  return Object.freeze({
    stateDir,
    agent: Object.freeze(agentFile),
    mqtt: Object.freeze({
      url: brokerUrl!,
      fallbackUrls: Object.freeze(fallbackUrls),
      clientId: mqttLogin.clientId as string,
      username: mqttLogin.username as string,
      password: mqttLogin.password as string,
    }),
    pinnedCa: pinned.ca ? Object.freeze(pinned.ca) : null,
    heartbeatIntervalMs: (heartbeatSetting.value as number | undefined) ?? agentFile.heartbeatIntervalMs,
    sampleIntervalMs,
    reconnect: Object.freeze({ baseMs, capMs }),
    send: Object.freeze(send),
    logLevel,
    configFile,
    queue: Object.freeze(queue),
    clock: Object.freeze(clock),
    inference: Object.freeze({ runtime: Object.freeze(runtime), models }),
    tpm: Object.freeze({ sealIntervalMs }),
  });
}

/** The keys of the settings file, nested as in the file (agent/README.md "Configuration"). */
type KeyShape = { readonly [key: string]: true | KeyShape };
const SETTINGS_KEYS: KeyShape = {
  heartbeatIntervalMs: true,
  mqttUrl: true,
  logLevel: true,
  sampleIntervalMs: true,
  reconnect: { baseMs: true, capMs: true },
  send: { window: true, ackTimeoutMs: true },
  queue: { maxBytes: true, maxAgeHours: true, fsync: true },
  clock: { maxSkewMs: true, checkEveryMs: true },
  tpm: { sealIntervalMs: true },
  inference: { executionProvider: true, intraOpThreads: true, interOpThreads: true, models: true },
};
const MODEL_KEYS: KeyShape = { name: true, path: true, workstation: true, input: { type: true, path: true, pollMs: true, after: true, ratePerSecond: true } };

/**
 * A key the agent does not read is a problem, not a silence: `heartbeatIntervalMS` would otherwise
 * leave the default in force with nothing said (fastify's env-schema and systemd's "Unknown key"
 * take the same line). A near miss in letter case is named.
 */
function unknownKeys(at: string, value: Record<string, unknown>, shape: KeyShape, problems: string[], path = ''): void {
  for (const [key, inner] of Object.entries(value)) {
    const name = `${path}${key}`;
    const expected = shape[key];
    if (expected === undefined) {
      const near = Object.keys(shape).find((k) => k.toLowerCase() === key.toLowerCase());
      problems.push(`${at}: unknown key ${JSON.stringify(name)}${near ? ` (did you mean ${JSON.stringify(`${path}${near}`)}?)` : ''}`);
    } else if (expected !== true) {
      if (!inner || typeof inner !== 'object' || Array.isArray(inner)) problems.push(`${at}: ${name} must be an object, got ${show(inner)}`);
      else unknownKeys(at, inner as Record<string, unknown>, expected, problems, `${name}.`);
    }
  }
}

function checkModels(at: string, value: unknown, baseDir: string, problems: string[]): ModelSpec[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.push(`${at} must be a list`);
    return [];
  }
  if (value.length > MAX_MODELS) problems.push(`${at} lists ${value.length} models; at most ${MAX_MODELS}`);
  const models: ModelSpec[] = [];
  const seen = new Set<string>();
  for (const [i, raw] of value.entries()) {
    const here = `${at}[${i}]`;
    const m = (raw ?? {}) as Record<string, unknown>;
    const before = problems.length;
    if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) unknownKeys(here, m, MODEL_KEYS, problems);
    if (typeof m.name !== 'string' || !MODEL_NAME.test(m.name))
      problems.push(`${here}.name must be 1 to 64 letters, digits, '.', '_' or '-', got ${show(m.name)}`);
    if (typeof m.path !== 'string' || m.path === '') problems.push(`${here}.path must name an .onnx file (or builtin:surface-defect-v1)`);
    const workstation = m.workstation ?? '';
    if (typeof workstation !== 'string' || (workstation !== '' && !WORKSTATION_CODE_PATTERN.test(workstation))) {
      problems.push(`${here}.workstation must be a workstation code, got ${show(workstation)}`);
    }
    const input = (m.input ?? {}) as Record<string, unknown>;
    let spec: ModelSpec['input'] | undefined;
    if (input.type === 'folder') {
      const pollMs = input.pollMs ?? 100;
      const after = input.after ?? 'delete';
      if (typeof input.path !== 'string' || input.path === '') problems.push(`${here}.input.path must name the folder frames are dropped into`);
      if (typeof pollMs !== 'number' || !Number.isInteger(pollMs) || pollMs < 10 || pollMs > 60_000)
        problems.push(`${here}.input.pollMs must be an integer from 10 to 60000 (ms)`);
      if (after !== 'delete' && after !== 'keep') problems.push(`${here}.input.after must be "delete" or "keep"`);
      spec = { type: 'folder', path: resolve(baseDir, String(input.path ?? '')), pollMs: pollMs as number, after: after as 'delete' | 'keep' };
    } else if (input.type === 'synthetic') {
      const rate = input.ratePerSecond ?? 10;
      if (typeof rate !== 'number' || !(rate >= 0.1 && rate <= 1000)) problems.push(`${here}.input.ratePerSecond must be from 0.1 to 1000`);
      spec = { type: 'synthetic', ratePerSecond: rate as number };
    } else {
      problems.push(`${here}.input.type must be "folder" or "synthetic", got ${show(input.type)}`);
    }
    const id = `${String(m.name)}@${String(workstation)}`;
    if (seen.has(id)) problems.push(`${here} repeats model ${show(m.name)} for workstation ${show(workstation)}`);
    seen.add(id);
    if (problems.length === before && spec) {
      models.push({ name: m.name as string, path: modelPath(m.path as string, baseDir), workstation: workstation as string, input: spec });
    }
  }
  return models;
}

/** builtin:NAME is the model shipped with the agent; a relative path is from the settings file. */
export function modelPath(path: string, baseDir: string): string {
  if (path.startsWith('builtin:')) return join(BUILTIN_MODELS_DIR, `${path.slice('builtin:'.length)}.onnx`);
  return isAbsolute(path) ? path : resolve(baseDir, path);
}

function intOrString(value: string): unknown {
  return /^\d+$/.test(value.trim()) ? Number(value.trim()) : value;
}

/**
 * Reads and checks agent.json. With strict (the default) a problem throws; without, problems are
 * returned so the caller can add its own before throwing once.
 */
export function loadAgentFile(stateDir: string, options?: { strict?: true }): AgentFile;
export function loadAgentFile(stateDir: string, options: { strict: false }): { file?: AgentFile; problems: string[] };
export function loadAgentFile(stateDir: string, options: { strict?: boolean } = {}): AgentFile | { file?: AgentFile; problems: string[] } {
  const path = join(stateDir, STATE_FILES.config);
  const raw = readJsonFile(path);
  if (raw === undefined) {
    throw new AgentError('EDGE_AGENT_ERR_NOT_ENROLLED', `no ${path}: enroll this device first (edge-agent enroll --platform URL --token TOKEN)`);
  }
  const problems = checkAgentFile(path, raw);
  if (options.strict !== false) {
    if (problems.length > 0) throw invalid(stateDir, problems);
    return raw as AgentFile;
  }
  return problems.length === 0 ? { file: raw as AgentFile, problems } : { problems };
}

function checkAgentFile(path: string, raw: unknown): string[] {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return [`${path} must hold a JSON object`];
  const a = raw as Record<string, unknown>;
  const at = (field: string): string => `${path}: ${field}`;
  const problems: (string | null)[] = [
    checkHttpUrl(at('platformUrl'), a.platformUrl),
    typeof a.deviceId === 'string' && DEVICE_ID_PATTERN.test(a.deviceId) ? null : `${at('deviceId')} must be a lowercase UUID, got ${show(a.deviceId)}`,
    typeof a.enterpriseId === 'string' ? null : `${at('enterpriseId')} must be a string`,
    typeof a.projectId === 'string' ? null : `${at('projectId')} must be a string`,
    checkKind(at('kind'), a.kind),
    ...checkWorkstations(at('workstations'), a.workstations),
    Number.isSafeInteger(a.workstationsRevision) && (a.workstationsRevision as number) >= 0
      ? null
      : `${at('workstationsRevision')} must be a non-negative integer, got ${show(a.workstationsRevision)}`,
    checkHeartbeatInterval(at('heartbeatIntervalMs'), a.heartbeatIntervalMs),
    checkMqttUrl(at('mqttUrl'), a.mqttUrl),
    a.mqttTlsUrl === undefined || isUrl(a.mqttTlsUrl, TLS_MQTT_PROTOCOLS)
      ? null
      : `${at('mqttTlsUrl')} must be an mqtts:// or wss:// URL, got ${show(a.mqttTlsUrl)}`,
    a.attestation === undefined || (ATTESTATION_LEVELS as readonly unknown[]).includes(a.attestation)
      ? null
      : `${at('attestation')} must be one of ${ATTESTATION_LEVELS.join(', ')}, got ${show(a.attestation)}`,
    a.caFingerprint === undefined || (typeof a.caFingerprint === 'string' && normalizeCaFingerprint(a.caFingerprint) !== null)
      ? null
      : `${at('caFingerprint')} must be a SHA-256 fingerprint (64 hex digits), got ${show(a.caFingerprint)}`,
    typeof a.fingerprint === 'string' && FINGERPRINT_PATTERN.test(a.fingerprint) ? null : `${at('fingerprint')} must be 64 lowercase hex characters`,
    Array.isArray(a.fingerprintFields) && a.fingerprintFields.every((f) => (FINGERPRINT_FIELDS as readonly unknown[]).includes(f))
      ? null
      : `${at('fingerprintFields')} must list fields among ${FINGERPRINT_FIELDS.join(', ')}`,
    typeof a.publicKey === 'string' && BASE64URL_ED25519.test(a.publicKey)
      ? null
      : `${at('publicKey')} must be a raw Ed25519 public key in base64url (43 characters)`,
    typeof a.enrolledAt === 'string' ? null : `${at('enrolledAt')} must be an ISO date string`,
  ];
  return problems.filter((p): p is string => p !== null);
}

function invalid(stateDir: string, problems: string[]): AgentError {
  const list = problems.map((p) => `  - ${p}`).join('\n');
  return new AgentError(
    'EDGE_AGENT_ERR_CONFIG_INVALID',
    `configuration in ${stateDir} is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${list}`,
    { problems },
  );
}

function isUrl(value: unknown, protocols: readonly string[]): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return protocols.includes(url.protocol) && url.hostname !== '';
  } catch {
    return false;
  }
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  const s = JSON.stringify(value);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
