// `edge-agent doctor`: checks what a factory IT person would otherwise check by hand, and says what is
// wrong in one sentence each: the settings, the platform URL, the time, the credentials, the model
// files, and the queue. Results are values (HOUSE_STYLE), printed as a table; any failure exits 1.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statfsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isIP } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import mqtt from 'mqtt';
import { loadPinnedCa, type PinnedCa } from './ca-pin.js';
import { measurePlatformClock, ClockJudge } from './clock.js';
import { clockCertCode, looksLikeTlsAnswer } from './doctor-causes.js';
import { DOCTOR_MESSAGES, messageLocale, type DoctorMessages } from './doctor-messages.js';
import {
  chooseBrokerUrl,
  isTlsBrokerUrl,
  loadAgentFile,
  loadRunConfig,
  resolveTpm,
  splitBrokerUrls,
  type AgentFile,
  type Env,
  type RunConfig,
} from './config.js';
import { isAgentError } from './errors.js';
import { isTlsVerificationError } from './http-client.js';
import { loadIdentity, publicKeyBase64Url } from './identity.js';
import { collectStatus } from './status.js';
import { atomicWriteFile } from './durable-file.js';
import { STATE_FILES } from './state-files.js';

export interface DoctorCheck {
  name: string;
  status: 'ok' | 'warn' | 'fail';
  message: string;
}

export async function runDoctor(stateDir: string, env: Env = process.env, configFile?: string | null): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  const add = (name: string, status: DoctorCheck['status'], message: string): void => void checks.push({ name, status, message });
  const t = DOCTOR_MESSAGES[messageLocale(env)];

  let config: Readonly<RunConfig> | undefined;
  try {
    config = loadRunConfig(stateDir, env, configFile === undefined ? {} : { configFile });
    add('settings', 'ok', t.settingsOk(config.configFile ?? null, config.agent.deviceId));
  } catch (err) {
    if (isAgentError(err, 'EDGE_AGENT_ERR_NOT_ENROLLED')) {
      add('settings', 'fail', t.notEnrolled(stateDir));
      return checks;
    }
    if (isAgentError(err) && err.problems.length > 0) for (const p of err.problems) add('settings', 'fail', `${p}.`);
    else add('settings', 'fail', `${(err as Error).message}.`);
  }
  const agent = config?.agent ?? tryAgentFile(stateDir);
  if (!agent) return checks;

  // Platform URL and time, from one request: the Date header of /healthz, over HTTPS verified as
  // every request to the platform is (the pinned CA, else the system's).
  const pinned = config ? config.pinnedCa : (loadPinnedCa(stateDir, agent.caFingerprint).ca ?? null);
  const measured = await measurePlatformClock(agent.platformUrl, pinned ? { ca: pinned.pem } : {});
  const judge = new ClockJudge(config?.clock.maxSkewMs);
  // A certificate refused because of this device's clock is the clock's fault: said once, as the
  // time check, and the checks below that would fail the same way stay quiet.
  const clockCode = measured.ok || !measured.tls ? null : clockCertCode(measured.reason);
  if (clockCode) {
    add('time', 'fail', t.clockCert(clockCode, agent.platformUrl, Date.now()));
  } else if (measured.ok) {
    add(
      'platform',
      'ok',
      t.platformOk(agent.platformUrl, measured.measurement.rttMs, agent.platformUrl.startsWith('https:') ? (pinned ? 'pinned' : 'system') : 'plain'),
    );
    judge.observe(measured.measurement);
  } else if (measured.tls) {
    add('platform', 'fail', pinned ? t.platformNotPinned(agent.platformUrl, measured.reason) : t.platformNotTrusted(agent.platformUrl, measured.reason));
  } else if (agent.platformUrl.startsWith('http:') && looksLikeTlsAnswer(measured.reason) && (await speaksTls(agent.platformUrl))) {
    add('platform', 'fail', t.platformSpeaksHttps(agent.platformUrl, agent.platformUrl.replace(/^http:/, 'https:')));
  } else {
    add('platform', 'fail', t.platformUnreachable(agent.platformUrl, measured.reason));
  }
  const distrust = judge.distrustCause(Date.now());
  if (clockCode) {
    // said above
  } else if (distrust) {
    add('time', 'fail', t.clockUntrusted(distrust));
  } else if (measured.ok) {
    add('time', 'ok', t.clockOk(measured.measurement.offsetMs, judge.maxSkewMs / 1000));
  } else {
    add('time', 'warn', t.clockUncompared());
  }

  // TLS to the broker: which trust is in use, and a handshake with it (no MQTT CONNECT, so a running
  // agent's session is not disturbed).
  const tls = await checkBrokerTls(
    t,
    config?.mqtt.url ?? splitBrokerUrls(chooseBrokerUrl(agent, pinned !== null, env.EDGE_AGENT_MQTT_URL || undefined))[0]!,
    pinned,
  );
  if (!(clockCode && tls[0] === 'fail' && clockCertCode(tls[1]))) add('tls', ...tls);
  const tlsFailed = tls[0] === 'fail';

  // Credentials: the key must be the enrolled one, and the broker must accept the login.
  try {
    const identity = loadIdentity(join(stateDir, STATE_FILES.privateKey));
    if (publicKeyBase64Url(identity.publicKey) !== agent.publicKey) {
      add('credentials', 'fail', t.keyMismatch());
    } else {
      const mode = statSync(join(stateDir, STATE_FILES.privateKey)).mode & 0o077;
      if (mode !== 0) add('credentials', 'fail', t.keyReadable());
    }
  } catch (err) {
    add('credentials', 'fail', `${(err as Error).message}.`);
  }
  if (config) {
    const login = await checkMqttLogin(t, stateDir, config);
    // A login that failed in the TLS handshake was answered by the tls check (or the clock) already.
    if (!(login[0] === 'fail' && (tlsFailed || clockCode) && TLS_LOGIN_FAILURE.test(login[1]))) add('credentials', ...login);
  }

  // Model files.
  for (const model of config?.inference.models ?? []) {
    add(`model ${model.name}`, ...(await checkModel(t, model.path, config!.inference.runtime.executionProvider)));
  }

  add('attestation', ...checkAttestation(t, agent, env));

  add('state dir', ...checkStateDir(t, stateDir, config?.queue.maxBytes));

  // Queue.
  const last = collectStatus(stateDir, env).lastStatus;
  if (last?.queue) {
    const q = last.queue;
    add('queue', q.depth > 100 ? 'warn' : 'ok', t.queue(q.depth, q.bytes, q.oldestAppendedAtMs ?? null, q.dropped));
  }
  return checks;
}

/** Which attestation level the platform recorded, and whether the TPM it could rest on is here now. */
function checkAttestation(t: DoctorMessages, agent: AgentFile, env: Env): [DoctorCheck['status'], string] {
  const tpm = resolveTpm(env);
  const tools = tpm.present && tpm2ToolsInstalled();
  if (agent.attestation === 'tpm') {
    if (!tpm.present) return ['warn', t.attestationTpmGone(tpm.reason)];
    return tools ? ['ok', t.attestationTpm(tpm.tcti)] : ['warn', t.tpmToolsMissing(tpm.tcti)];
  }
  if (!tpm.present) return ['ok', t.attestationSoftware(tpm.reason)];
  return tools ? ['warn', t.attestationSoftwareWithTpm(tpm.tcti)] : ['warn', t.tpmToolsMissing(tpm.tcti)];
}

function tpm2ToolsInstalled(): boolean {
  return (process.env.PATH ?? '').split(':').some((dir) => dir !== '' && existsSync(join(dir, 'tpm2_createek')));
}

// What mqtt.js reports when the TLS handshake, not the MQTT login, failed (node:tls error codes).
const TLS_LOGIN_FAILURE = /CERT_|SELF_SIGNED|UNABLE_TO_|ERR_TLS|ERR_SSL|certificate/;

/** Whether host:port of an http:// URL completes a TLS handshake (any certificate): a wrong scheme. */
async function speaksTls(httpUrl: string): Promise<boolean> {
  const u = new URL(httpUrl);
  const host = u.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve) => {
    const socket = tlsConnect({ host, port: Number(u.port) || 80, rejectUnauthorized: false, ...(isIP(host) === 0 ? { servername: host } : {}) });
    const done = (yes: boolean): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(yes);
    };
    const timer = setTimeout(() => done(false), 3_000);
    socket.once('secureConnect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export function formatDoctor(checks: DoctorCheck[]): string {
  const width = Math.max(...checks.map((c) => c.name.length)) + 2;
  return `${checks.map((c) => `${c.status.toUpperCase().padEnd(5)}${c.name.padEnd(width)}${c.message}`).join('\n')}\n`;
}

// Free space below which the queue may not hold a long outage: 64 MiB, or the queue's bound if larger.
const MIN_FREE_BYTES = 64 * 1024 * 1024;

/** The state directory must take a write (seq.json is rewritten before every heartbeat) and have room. */
function checkStateDir(t: DoctorMessages, stateDir: string, queueMaxBytes = MIN_FREE_BYTES): [DoctorCheck['status'], string] {
  const probe = join(stateDir, '.doctor-write-test');
  try {
    atomicWriteFile(probe, 'ok\n');
    rmSync(probe, { force: true });
  } catch (err) {
    return ['fail', t.stateDirNoWrite(stateDir, (err as Error).message)];
  }
  let free: number;
  try {
    const fs = statfsSync(stateDir);
    free = fs.bavail * fs.bsize;
  } catch {
    return ['warn', t.stateDirNoStatfs(stateDir)];
  }
  const needed = Math.max(MIN_FREE_BYTES, queueMaxBytes);
  if (free < needed) return ['warn', t.stateDirLowSpace(stateDir, free, needed)];
  return ['ok', t.stateDirOk(stateDir, free)];
}

function tryAgentFile(stateDir: string): AgentFile | undefined {
  try {
    return loadAgentFile(stateDir);
  } catch {
    return undefined;
  }
}

async function checkMqttLogin(t: DoctorMessages, stateDir: string, config: Readonly<RunConfig>): Promise<[DoctorCheck['status'], string]> {
  // Connecting with the device's client id would take over the running agent's session
  // [MQTT-3.1.4-2], so a running, connected agent is the proof instead.
  const report = collectStatus(stateDir);
  if (report.running && report.stale) {
    return ['fail', t.agentStale(report.lastStatus!.pid, report.stale)];
  }
  if (report.running && report.silent) {
    return ['fail', t.agentSilent(report.lastStatus!.pid, report.lastStatus!.brokerUrl, report.silent)];
  }
  if (report.running && report.lastStatus?.state === 'connected') {
    return ['ok', t.agentConnected(report.lastStatus.pid, report.lastStatus.brokerUrl)];
  }
  if (report.running) {
    return ['fail', t.agentNotConnected(report.lastStatus!.pid, report.lastStatus!.state, config.mqtt.url)];
  }
  const result = await new Promise<{ ok: boolean; code?: number; message?: string }>((resolve) => {
    const client = mqtt.connect(config.mqtt.url, {
      protocolVersion: 4,
      clientId: config.mqtt.clientId,
      username: config.mqtt.username,
      password: config.mqtt.password,
      reconnectPeriod: 0,
      connectTimeout: 5_000,
      clean: true,
      ...(config.pinnedCa ? { ca: config.pinnedCa.pem, rejectUnauthorized: true } : {}),
    });
    const done = (r: { ok: boolean; code?: number; message?: string }): void => {
      client.end(true);
      resolve(r);
    };
    client.once('connect', () => done({ ok: true }));
    client.once('error', (err: Error & { code?: number | string }) =>
      done({ ok: false, ...(typeof err.code === 'number' ? { code: err.code } : {}), message: String(err.code ?? err.message) }),
    );
    client.once('close', () => done({ ok: false, message: 'connection closed' }));
  });
  if (result.ok) return ['ok', t.loginOk(config.mqtt.url)];
  if (result.code === 4 || result.code === 5) return ['fail', t.loginRefused(config.mqtt.url, result.code)];
  if (result.message && TLS_LOGIN_FAILURE.test(result.message)) return ['fail', t.loginTls(config.mqtt.url, result.message)];
  return ['fail', t.brokerUnreachable(config.mqtt.url, String(result.message))];
}

async function checkBrokerTls(t: DoctorMessages, url: string, pinned: PinnedCa | null): Promise<[DoctorCheck['status'], string]> {
  if (!isTlsBrokerUrl(url)) return ['warn', t.mqttPlain(url, pinned?.fingerprint ?? null)];
  const u = new URL(url);
  const host = u.hostname.replace(/^\[|\]$/g, '');
  const port = Number(u.port) || (u.protocol === 'wss:' ? 443 : 8883);
  const result = await new Promise<{ ok: true } | { ok: false; code: string }>((resolve) => {
    const socket = tlsConnect({
      host,
      port,
      rejectUnauthorized: true,
      ...(isIP(host) === 0 ? { servername: host } : {}),
      ...(pinned ? { ca: pinned.pem } : {}),
    });
    const done = (r: { ok: true } | { ok: false; code: string }): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(r);
    };
    const timer = setTimeout(() => done({ ok: false, code: 'no handshake within 5 s' }), 5_000);
    socket.once('secureConnect', () => done({ ok: true }));
    socket.once('error', (err: NodeJS.ErrnoException) => done({ ok: false, code: err.code ?? err.message }));
  });
  const fingerprint = pinned?.fingerprint ?? null;
  if (result.ok) return ['ok', t.brokerCertOk(`${host}:${port}`, fingerprint)];
  if (isTlsVerificationError(result.code)) return ['fail', t.brokerCertBad(`${host}:${port}`, fingerprint, result.code)];
  return ['fail', t.brokerNoHandshake(`${host}:${port}`, result.code)];
}

async function checkModel(t: DoctorMessages, path: string, executionProvider: string): Promise<[DoctorCheck['status'], string]> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (err) {
    return ['fail', t.modelUnreadable(path, (err as NodeJS.ErrnoException).code ?? (err as Error).message)];
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  try {
    const ort = (await import('onnxruntime-node')).default;
    const session = await ort.InferenceSession.create(bytes, { executionProviders: [executionProvider] });
    const input = session.inputMetadata[0];
    await session.release();
    const shape = input?.isTensor ? `[${input.shape.join(',')}] ${input.type}` : 'non-tensor';
    return ['ok', t.modelOk(path, sha256, shape)];
  } catch (err) {
    return ['fail', t.modelBroken(path, sha256, (err as Error).message.split('\n')[0]!)];
  }
}
