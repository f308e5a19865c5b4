// `edge-agent enroll`: make a key pair on the device, read the hardware, present both with the
// enrollment token to the platform (docs/protocol.md §1), and keep what it returns. Nothing is written
// until the platform has accepted, so a failed attempt leaves a working enrollment untouched.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  checkEnrollmentGrant,
  type DEVICE_KINDS,
  type DeviceKindName,
  type EnrollmentGrant as WireGrant,
  type EnrollmentRequest as WireRequest,
} from '@edgenet/proto';
import { CA_FILE, loadPinnedCa, normalizeCaFingerprint, parseCaCertificate, readCaFile, sameFingerprint, type PinnedCa } from './ca-pin.js';
import {
  checkHeartbeatInterval,
  checkHttpUrl,
  checkKind,
  checkMqttUrl,
  checkWorkstations,
  chooseBrokerUrl,
  isTlsBrokerUrl,
  loadAgentFile,
  resolveTpm,
  type AgentFile,
  type CredentialsFile,
} from './config.js';
import { AgentError, isAgentError } from './errors.js';
import { postJson, request, type HttpTrust } from './http-client.js';
import { generateIdentity, publicKeyBase64Url, saveIdentity } from './identity.js';
import { readHardware, readHardwareFile, type HardwareInventory, type HardwareReading, type SystemInfo } from './inventory.js';
import { atomicWriteFile, writeJsonFile } from './durable-file.js';
import { SeqStore } from './seq-store.js';
import type { TpmPresence } from './tpm.js';
import { attestWithTpm } from './tpm-attest.js';
import { saveStoredAk } from './tpm-sealer.js';
import { STATE_FILES } from './state-files.js';
import { AGENT_VERSION } from './version.js';

export interface EnrollOptions {
  platformUrl: string;
  token: string;
  stateDir: string;
  kind?: string;
  /** Codes to serve; undefined keeps the codes of an earlier enrollment (or none). */
  workstations?: string[];
  /** Local override of the interval the platform suggests. */
  heartbeatIntervalMs?: number;
  /** --ca-fingerprint: SHA-256 of the platform CA, colon-separated or plain hex, any case. */
  caFingerprint?: string;
  /** --ca: a file holding the platform CA certificate (PEM), trusted alone. */
  caFile?: string;
  sys?: SystemInfo;
  timeoutMs?: number;
  /** The TPM to attest with; undefined: found from EDGE_AGENT_TPM_TCTI or /dev/tpmrm0 (config.ts resolveTpm). */
  tpm?: TpmPresence;
}

/** The body of POST /api/v1/enroll: the shared contract (proto/src/enrollment.ts), with this agent's inventory. */
export type EnrollmentRequest = WireRequest<HardwareInventory>;

/**
 * The platform's grant (proto/src/enrollment.ts) as the agent keeps it: `nextSeq` is the lowest
 * heartbeat seq the platform will accept, above every seq it holds for this hardware (1 from a
 * platform that does not say), and `mqtt.caFingerprint` is in the colon-separated upper-case form.
 */
export type EnrollmentGrant = Omit<WireGrant, 'nextSeq'> & { nextSeq: number };

/** The platform's answer as a value (HOUSE_STYLE: expected outcomes are values, not throws). */
export type EnrollmentResponse =
  | { status: 'enrolled'; grant: EnrollmentGrant }
  /** `untrusted`: the TLS handshake failed because the server's certificate was refused. */
  | { status: 'rejected' | 'refused' | 'failed' | 'unreachable' | 'untrusted'; message: string; httpStatus?: number };

export interface EnrollSummary {
  agent: AgentFile;
  reenrolled: boolean;
  hardware: HardwareReading;
  /** The CA now pinned in the state directory, or null (plain lab platform, or the system's trust). */
  pinnedCa: PinnedCa | null;
  /** The broker `run` will connect to. */
  brokerUrl: string;
  /** Things the person enrolling should know (an unencrypted platform URL, say); printed by the CLI. */
  warnings: string[];
}

/** How the platform is checked during enrollment, and which CA (if any) ends up pinned. */
interface Trust {
  http: HttpTrust;
  pinned: PinnedCa | null;
}

const ENROLL_TIMEOUT_MS = 30_000; // 30 s
const CA_PEM_MAX_BYTES = 64 * 1024; // 64 KiB: one certificate is about 1 KiB

/**
 * Named steps, top to bottom: check the options → establish trust in the platform (pinned CA, the
 * system's, or none on http://) → read the hardware and make a key → POST /api/v1/enroll → check the
 * CA the platform names against the pinned one → write key, credentials, ca.pem, agent.json last.
 */
export async function enroll(options: EnrollOptions): Promise<EnrollSummary> {
  const { kind, pin, caFile } = checkEnrollOptions(options);
  const timeoutMs = options.timeoutMs ?? ENROLL_TIMEOUT_MS;
  const previous = readPreviousEnrollment(options.stateDir);
  const warnings: string[] = [];
  const trust = await establishTrust(options, { pin, caFile, previous, timeoutMs, warnings });
  const workstations = options.workstations ?? previous?.workstations ?? [];
  prepareStateDir(options.stateDir);

  const hardwareFile = readHardwareFile(options.stateDir);
  const hardware = await readHardware({
    ...(options.sys ? { sys: options.sys } : {}),
    ...(hardwareFile ? { hardwareFile } : {}),
  });
  const identity = generateIdentity();
  const publicKey = publicKeyBase64Url(identity.publicKey);
  const tpm = await attestWithTpm({
    platformUrl: options.platformUrl,
    token: options.token,
    publicKey,
    tpm: options.tpm ?? resolveTpm(),
    trust: trust.http,
    timeoutMs,
    warnings,
  });

  const response = await postEnrollment(
    options.platformUrl,
    {
      token: options.token,
      kind,
      fingerprint: hardware.fingerprint.value,
      publicKey,
      agentVersion: AGENT_VERSION,
      inventory: hardware.inventory,
      ...(workstations.length > 0 ? { workstations } : {}),
      ...(tpm ? { tpm: tpm.request } : {}),
    },
    { trust: trust.http, timeoutMs },
  );
  if (response.status !== 'enrolled') throw enrollmentError(options.platformUrl, response, trust.pinned);
  const { grant } = response;
  checkGrantCa(options.platformUrl, grant, trust.pinned, warnings);

  const sameCodes = previous && JSON.stringify(previous.workstations) === JSON.stringify(workstations);
  const agent: AgentFile = {
    platformUrl: options.platformUrl,
    deviceId: grant.deviceId,
    enterpriseId: grant.enterpriseId,
    projectId: grant.projectId,
    kind,
    workstations,
    // WorkstationMapping.revision grows with each change made on this device.
    workstationsRevision: previous ? previous.workstationsRevision + (sameCodes ? 0 : 1) : 1,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? grant.heartbeatIntervalMs,
    mqttUrl: grant.mqtt.url,
    ...(grant.mqtt.tlsUrl ? { mqttTlsUrl: grant.mqtt.tlsUrl } : {}),
    ...(trust.pinned ? { caFingerprint: trust.pinned.fingerprint } : {}),
    fingerprint: hardware.fingerprint.value,
    fingerprintFields: hardware.fingerprint.fields,
    publicKey,
    attestation: grant.attestation ?? 'software',
    enrolledAt: new Date().toISOString(),
  };
  const brokerUrl = chooseBrokerUrl(agent, trust.pinned !== null);
  if (isTlsBrokerUrl(brokerUrl) && !trust.pinned && !options.platformUrl.startsWith('https:')) {
    warnings.push(
      `the broker is ${brokerUrl} (TLS) but no CA is pinned: \`run\` connects only if the system trusts its certificate; enroll with --ca-fingerprint`,
    );
  }
  const credentials: CredentialsFile = {
    mqtt: { clientId: grant.mqtt.clientId, username: grant.mqtt.username, password: grant.mqtt.password },
  };
  // Key first, agent.json last: agent.json names the key it goes with, and `run` refuses a mismatch.
  saveIdentity(join(options.stateDir, STATE_FILES.privateKey), identity);
  writeJsonFile(join(options.stateDir, STATE_FILES.credentials), credentials, 0o600);
  // The CA is public: 0644, like agent.json, which records its fingerprint. Without a pin, an earlier
  // enrollment's CA (another platform's) must not linger to be trusted by `run`.
  const caPath = join(options.stateDir, CA_FILE);
  if (trust.pinned) atomicWriteFile(caPath, trust.pinned.pem, 0o644);
  else rmSync(caPath, { force: true });
  // The AK only for a device the platform recorded as `tpm`: it seals that device's days.
  saveStoredAk(options.stateDir, agent.attestation === 'tpm' ? tpm?.ak : undefined);
  writeJsonFile(join(options.stateDir, STATE_FILES.config), agent, 0o644);
  // Re-enrolled hardware whose state dir was wiped would restart at seq 1, and the platform drops
  // every seq it has already seen as a replay: continue above what the platform holds.
  SeqStore.open(options.stateDir, grant.nextSeq);
  return { agent, reenrolled: grant.reenrolled, hardware, pinnedCa: trust.pinned, brokerUrl, warnings };
}

/**
 * Before anything is sent: which CA to trust. --ca is trusted as given (after its fingerprint is
 * checked against --ca-fingerprint when both are given). --ca-fingerprint alone: GET /ca.pem without
 * verifying the server (there is nothing to verify it with yet), accepted only if its SHA-256 is the
 * fingerprint given out of band. Neither: a re-enrollment at the same platform keeps the CA pinned
 * before; else an https:// platform is checked against the system's trust store (a public
 * certificate), and an http:// one is not checked at all (a closed lab), with a warning.
 */
async function establishTrust(
  options: EnrollOptions,
  ctx: { pin: string | undefined; caFile: PinnedCa | undefined; previous: AgentFile | undefined; timeoutMs: number; warnings: string[] },
): Promise<Trust> {
  const https = options.platformUrl.startsWith('https:');
  if (!https) {
    ctx.warnings.push(
      `${options.platformUrl} is plain HTTP: the enrollment token and the MQTT password travel unencrypted and the platform is not authenticated; outside a closed lab use https:// with --ca-fingerprint`,
    );
  }
  let pinned: PinnedCa | null = null;
  if (ctx.caFile) {
    if (ctx.pin && ctx.pin !== ctx.caFile.fingerprint) {
      throw new AgentError(
        'EDGE_AGENT_ERR_CA_MISMATCH',
        `the CA in --ca ${options.caFile} has SHA-256 fingerprint ${ctx.caFile.fingerprint}, not ${ctx.pin} as given with --ca-fingerprint; nothing was sent or written`,
      );
    }
    pinned = ctx.caFile;
  } else if (ctx.pin) {
    pinned = await fetchPinnedCa(options.platformUrl, ctx.pin, ctx.timeoutMs);
  } else if (ctx.previous?.caFingerprint && sameOrigin(ctx.previous.platformUrl, options.platformUrl)) {
    pinned = loadPinnedCa(options.stateDir, ctx.previous.caFingerprint).ca ?? null;
  }
  return { http: pinned ? { ca: pinned.pem } : https ? 'system' : 'unverified', pinned };
}

async function fetchPinnedCa(platformUrl: string, pin: string, timeoutMs: number): Promise<PinnedCa> {
  const url = new URL(`${platformUrl.replace(/\/+$/, '')}/ca.pem`);
  const res = await request(url, { trust: 'unverified', timeoutMs, maxBodyBytes: CA_PEM_MAX_BYTES });
  if (!res.ok) {
    throw new AgentError('EDGE_AGENT_ERR_PLATFORM_UNREACHABLE', `cannot fetch the platform's CA certificate from ${url}: ${res.reason}`);
  }
  if (res.status !== 200) {
    throw new AgentError('EDGE_AGENT_ERR_ENROLL_FAILED', `cannot fetch the platform's CA certificate: ${url} answered HTTP ${res.status}`);
  }
  const ca = parseCaCertificate(res.body, `the answer of ${url}`);
  if (typeof ca === 'string') throw new AgentError('EDGE_AGENT_ERR_ENROLL_FAILED', `cannot use the platform's CA certificate: ${ca}`);
  if (ca.fingerprint !== pin) {
    throw new AgentError(
      'EDGE_AGENT_ERR_CA_MISMATCH',
      `the CA certificate served at ${url} has SHA-256 fingerprint ${ca.fingerprint}, not ${pin} as given with --ca-fingerprint: ` +
        'this is not the platform the fingerprint belongs to, or something between them answered instead. Nothing was sent or written; check the URL and the fingerprint with the operator',
    );
  }
  return ca;
}

/**
 * After the platform accepted: the CA it names must be the pinned one. Over HTTPS checked against
 * that CA this cannot differ; over http:// with a pin it is what catches a rewritten answer.
 */
function checkGrantCa(platformUrl: string, grant: EnrollmentGrant, pinned: PinnedCa | null, warnings: string[]): void {
  if (!pinned) return;
  const named = grant.mqtt.caFingerprint;
  const sent = grant.mqtt.caCertificate === undefined ? undefined : parseCaCertificate(grant.mqtt.caCertificate, 'mqtt.caCertificate');
  const problem =
    named !== undefined && !sameFingerprint(named, pinned.fingerprint)
      ? `names CA ${named}`
      : sent !== undefined && (typeof sent === 'string' || sent.fingerprint !== pinned.fingerprint)
        ? `sends a CA certificate with ${typeof sent === 'string' ? 'no readable fingerprint' : `fingerprint ${sent.fingerprint}`}`
        : null;
  if (problem) {
    throw new AgentError(
      'EDGE_AGENT_ERR_CA_MISMATCH',
      `the enrollment answer of ${platformUrl} ${problem}, but ${pinned.fingerprint} is pinned; nothing was written. ` +
        'The device is recorded by the platform; enroll again once the CA is sorted out',
    );
  }
  if (named === undefined)
    warnings.push(
      `${platformUrl} did not name its CA in the enrollment answer (a platform older than MQTT over TLS?); ${pinned.fingerprint} is pinned as given`,
    );
}

/** POST {platform}/api/v1/enroll. Never throws: every outcome is a value. */
export async function postEnrollment(
  platformUrl: string,
  body: EnrollmentRequest,
  options: { trust: HttpTrust; timeoutMs: number },
): Promise<EnrollmentResponse> {
  const res = await postJson(platformUrl, '/api/v1/enroll', body, options);
  if (!res.ok) return { status: res.tls ? 'untrusted' : 'unreachable', message: res.reason };
  let parsed: unknown;
  try {
    parsed = res.body ? JSON.parse(res.body) : undefined;
  } catch {
    parsed = undefined;
  }
  const platformMessage =
    parsed && typeof (parsed as { message?: unknown }).message === 'string'
      ? (parsed as { message: string }).message
      : res.body.slice(0, 200) || res.statusText;
  if (res.status === 400) return { status: 'rejected', message: platformMessage, httpStatus: 400 };
  if (res.status === 403) return { status: 'refused', message: platformMessage, httpStatus: 403 };
  if (res.status < 200 || res.status >= 300) {
    return { status: 'failed', message: `HTTP ${res.status}: ${platformMessage}`, httpStatus: res.status };
  }
  const grant = parseGrant(parsed);
  return typeof grant === 'string'
    ? { status: 'failed', message: `malformed enrollment response: ${grant}`, httpStatus: res.status }
    : { status: 'enrolled', grant };
}

/**
 * The platform's answer checked against the shared grant schema (the rules the platform declares
 * its route with), then against the agent's own settings rules: the broker URLs must also pass
 * what `run` checks agent.json with, so a grant that is stored is one `run` can use.
 */
function parseGrant(body: unknown): EnrollmentGrant | string {
  const checked = checkEnrollmentGrant(body);
  if (!checked.ok) return checked.reason;
  const { grant } = checked;
  const { mqtt } = grant;
  const badUrl = checkMqttUrl('mqtt.url', mqtt.url);
  if (badUrl) return badUrl;
  if (mqtt.tlsUrl !== undefined && !isTlsBrokerUrl(mqtt.tlsUrl)) return `mqtt.tlsUrl is not an mqtts:// URL`;
  return {
    deviceId: grant.deviceId,
    enterpriseId: grant.enterpriseId,
    projectId: grant.projectId,
    reenrolled: grant.reenrolled,
    ...(grant.keyChanged === undefined ? {} : { keyChanged: grant.keyChanged }),
    ...(grant.attestation === undefined ? {} : { attestation: grant.attestation }),
    heartbeatIntervalMs: grant.heartbeatIntervalMs,
    nextSeq: grant.nextSeq ?? 1,
    mqtt: {
      url: mqtt.url,
      ...(mqtt.tlsUrl === undefined ? {} : { tlsUrl: mqtt.tlsUrl }),
      // The schema admits both forms of a SHA-256 fingerprint; one form is kept.
      ...(mqtt.caFingerprint === undefined ? {} : { caFingerprint: normalizeCaFingerprint(mqtt.caFingerprint)! }),
      ...(mqtt.caCertificate === undefined ? {} : { caCertificate: mqtt.caCertificate }),
      clientId: mqtt.clientId,
      username: mqtt.username,
      password: mqtt.password,
    },
  };
}

function checkEnrollOptions(options: EnrollOptions): { kind: DeviceKindName; pin?: string; caFile?: PinnedCa } {
  const kind = options.kind ?? 'compute_box';
  const pin = options.caFingerprint === undefined ? undefined : normalizeCaFingerprint(options.caFingerprint);
  const caFile = options.caFile === undefined ? undefined : readCaFile(options.caFile);
  const problems = [
    checkHttpUrl('--platform', options.platformUrl),
    options.token ? null : '--token, --token-file or --token - (standard input) is required',
    checkKind('--kind', kind),
    ...(options.workstations ? checkWorkstations('--workstations', options.workstations) : []),
    options.heartbeatIntervalMs === undefined ? null : checkHeartbeatInterval('--heartbeat-interval-ms', options.heartbeatIntervalMs),
    pin === null
      ? `--ca-fingerprint must be a SHA-256 fingerprint (64 hex digits, with or without colons), got ${JSON.stringify(options.caFingerprint)}`
      : null,
    typeof caFile === 'string' ? caFile : null,
  ].filter((p): p is string => p !== null);
  if (problems.length > 0) {
    throw new AgentError('EDGE_AGENT_ERR_USAGE', `cannot enroll:\n${problems.map((p) => `  - ${p}`).join('\n')}`, {
      problems,
    });
  }
  return {
    kind: kind as (typeof DEVICE_KINDS)[number],
    ...(pin ? { pin } : {}),
    ...(caFile && typeof caFile !== 'string' ? { caFile } : {}),
  };
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

function readPreviousEnrollment(stateDir: string): AgentFile | undefined {
  try {
    return loadAgentFile(stateDir);
  } catch (err) {
    // No earlier enrollment, or one too damaged to build on: start the mapping afresh.
    if (isAgentError(err)) return undefined;
    throw err;
  }
}

function prepareStateDir(stateDir: string): void {
  try {
    mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  } catch (err) {
    throw new AgentError('EDGE_AGENT_ERR_STATE_DIR', `cannot create state directory ${stateDir}: ${(err as Error).message}`, {
      cause: err,
    });
  }
}

function enrollmentError(platformUrl: string, response: Exclude<EnrollmentResponse, { status: 'enrolled' }>, pinned: PinnedCa | null): AgentError {
  switch (response.status) {
    case 'rejected':
      return new AgentError('EDGE_AGENT_ERR_ENROLL_REJECTED', `the platform rejected the enrollment request (400): ${response.message}`);
    case 'refused':
      return new AgentError('EDGE_AGENT_ERR_ENROLL_REFUSED', `the platform refused the enrollment token (403): ${response.message}. Ask for a new token.`);
    case 'unreachable':
      return new AgentError('EDGE_AGENT_ERR_PLATFORM_UNREACHABLE', `cannot reach the platform at ${platformUrl}: ${response.message}`);
    case 'untrusted':
      return new AgentError(
        'EDGE_AGENT_ERR_PLATFORM_UNTRUSTED',
        pinned
          ? `the server at ${platformUrl} is not vouched for by the pinned CA ${pinned.fingerprint}: ${response.message}. Nothing was sent or written`
          : `the server at ${platformUrl} is not trusted by this system: ${response.message}. A platform with its own CA needs --ca-fingerprint (printed at its start) or --ca FILE. Nothing was sent or written`,
      );
    case 'failed':
      return new AgentError('EDGE_AGENT_ERR_ENROLL_FAILED', `enrollment at ${platformUrl} failed: ${response.message}`);
  }
}
