import { X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CA_FILE } from '../src/ca-pin.js';
import { loadAgentFile, loadRunConfig, resolveStateDir, resolveTpm } from '../src/config.js';
import { AgentError, isAgentError } from '../src/errors.js';
import { writeJsonFile } from '../src/durable-file.js';
import { STATE_FILES } from '../src/state-files.js';
import { tempDir, writeEnrolledState } from './helpers/state-dir.js';

function configError(run: () => unknown): AgentError {
  try {
    run();
  } catch (err) {
    if (err instanceof AgentError) return err;
    throw err;
  }
  throw new Error('expected an AgentError');
}

describe('loadRunConfig', () => {
  it('returns a frozen config from agent.json and credentials.json', () => {
    const state = writeEnrolledState({ mqttUrl: 'mqtt://broker.example:1883' });
    const config = loadRunConfig(state.dir, {});
    expect(config.agent.deviceId).toBe(state.deviceId);
    expect(config.mqtt).toEqual({ url: 'mqtt://broker.example:1883', fallbackUrls: [], ...state.login });
    expect(config.heartbeatIntervalMs).toBe(1_000);
    expect(config.reconnect).toEqual({ baseMs: 1_000, capMs: 10_000 });
    expect(config.logLevel).toBe('info');
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.mqtt)).toBe(true);
  });

  it('applies environment overrides', () => {
    const state = writeEnrolledState({ mqttUrl: 'mqtt://broker.example:1883' });
    const config = loadRunConfig(state.dir, {
      EDGE_AGENT_HEARTBEAT_INTERVAL_MS: '30000',
      EDGE_AGENT_MQTT_URL: 'mqtts://other.example:8883',
      EDGE_AGENT_LOG_LEVEL: 'debug',
      EDGE_AGENT_RECONNECT_BASE_MS: '500',
      EDGE_AGENT_RECONNECT_CAP_MS: '10000',
    });
    expect(config.heartbeatIntervalMs).toBe(30_000);
    expect(config.mqtt.url).toBe('mqtts://other.example:8883');
    expect(config.logLevel).toBe('debug');
    expect(config.reconnect).toEqual({ baseMs: 500, capMs: 10_000 });
  });

  it('lists every problem in one error', () => {
    const state = writeEnrolledState({ mqttUrl: 'mqtt://broker.example:1883' });
    writeJsonFile(join(state.dir, STATE_FILES.config), {
      ...state.agent,
      platformUrl: 'not a url',
      kind: 'toaster',
      workstations: ['L1-01', 'bad code!', 'L1-01'],
      heartbeatIntervalMs: 50,
    });
    writeJsonFile(join(state.dir, STATE_FILES.credentials), { mqtt: { clientId: state.deviceId, username: state.deviceId } }, 0o600);
    const err = configError(() =>
      loadRunConfig(state.dir, {
        EDGE_AGENT_HEARTBEAT_INTERVAL_MS: 'often',
        EDGE_AGENT_MQTT_URL: 'http://not-mqtt',
        EDGE_AGENT_LOG_LEVEL: 'loud',
      }),
    );
    expect(err.code).toBe('EDGE_AGENT_ERR_CONFIG_INVALID');
    const expected = [
      'platformUrl',
      'kind',
      '"bad code!"',
      'repeats a code',
      'heartbeatIntervalMs',
      'mqtt.password',
      'EDGE_AGENT_HEARTBEAT_INTERVAL_MS',
      'EDGE_AGENT_MQTT_URL',
      'EDGE_AGENT_LOG_LEVEL',
    ];
    expect(err.problems).toHaveLength(expected.length);
    for (const fragment of expected) {
      expect(
        err.problems.some((p) => p.includes(fragment)),
        fragment,
      ).toBe(true);
      expect(err.message).toContain(fragment);
    }
    expect(err.message).toContain(`${expected.length} problems`);
  });

  it('connects to the TLS address with the pinned CA, and to the plain one without (older agent.json too)', () => {
    const caPem = readFileSync(new URL('./fixtures/ca.pem', import.meta.url), 'utf8');
    const caFingerprint = new X509Certificate(caPem).fingerprint256;
    const tls = { mqttTlsUrl: 'mqtts://broker.example:8883' };

    const pinned = writeEnrolledState({ mqttUrl: 'mqtt://broker.example:1883', agent: { ...tls, caFingerprint } });
    writeFileSync(join(pinned.dir, CA_FILE), caPem);
    const config = loadRunConfig(pinned.dir, {}, { configFile: null });
    expect(config.mqtt.url).toBe('mqtts://broker.example:8883');
    expect(config.pinnedCa).toEqual({ pem: expect.stringContaining('BEGIN CERTIFICATE'), fingerprint: caFingerprint });
    // EDGE_AGENT_MQTT_URL still wins; the CA stays pinned for it.
    const overridden = loadRunConfig(pinned.dir, { EDGE_AGENT_MQTT_URL: 'mqtts://other.example:8883' }, { configFile: null });
    expect(overridden.mqtt.url).toBe('mqtts://other.example:8883');
    expect(overridden.pinnedCa?.fingerprint).toBe(caFingerprint);

    // No pin, plain HTTP platform (a lab): the enrollment's mqttUrl, as before MQTT over TLS.
    const lab = writeEnrolledState({ mqttUrl: 'mqtt://broker.example:1883', agent: tls });
    expect(loadRunConfig(lab.dir, {}, { configFile: null })).toMatchObject({ mqtt: { url: 'mqtt://broker.example:1883' }, pinnedCa: null });
    // No pin but enrolled over https (a platform with a public certificate): TLS, the system's CAs.
    const pub = writeEnrolledState({ mqttUrl: 'mqtt://broker.example:1883', agent: { ...tls, platformUrl: 'https://platform.example' } });
    expect(loadRunConfig(pub.dir, {}, { configFile: null }).mqtt.url).toBe('mqtts://broker.example:8883');
    // An agent.json from before MQTT over TLS (no mqttTlsUrl) keeps working.
    const old = writeEnrolledState({ mqttUrl: 'mqtt://broker.example:1883', agent: { platformUrl: 'https://platform.example' } });
    expect(loadRunConfig(old.dir, {}, { configFile: null }).mqtt.url).toBe('mqtt://broker.example:1883');
  });

  it('refuses to start when the pinned CA file is gone or replaced, rather than connect unverified', () => {
    const caPem = readFileSync(new URL('./fixtures/ca.pem', import.meta.url), 'utf8');
    const otherPem = readFileSync(new URL('./fixtures/other-ca.pem', import.meta.url), 'utf8');
    const caFingerprint = new X509Certificate(caPem).fingerprint256;
    const state = writeEnrolledState({ mqttUrl: 'mqtt://broker.example:1883', agent: { mqttTlsUrl: 'mqtts://broker.example:8883', caFingerprint } });
    const gone = configError(() => loadRunConfig(state.dir, {}, { configFile: null }));
    expect(gone.code).toBe('EDGE_AGENT_ERR_CONFIG_INVALID');
    expect(gone.message).toContain('ca.pem is missing but agent.json pins');
    writeFileSync(join(state.dir, CA_FILE), otherPem);
    const replaced = configError(() => loadRunConfig(state.dir, {}, { configFile: null }));
    expect(replaced.message).toContain(`but agent.json pins ${caFingerprint}`);
    writeJsonFile(join(state.dir, STATE_FILES.config), { ...state.agent, caFingerprint: 'xyz', mqttTlsUrl: 'http://nope' });
    const bad = configError(() => loadRunConfig(state.dir, {}, { configFile: null }));
    expect(bad.problems.some((p) => p.includes('caFingerprint must be a SHA-256 fingerprint'))).toBe(true);
    expect(bad.problems.some((p) => p.includes('mqttTlsUrl must be an mqtts://'))).toBe(true);
  });

  it('names a key of the settings file it does not read, and a broker URL scheme it does not speak', () => {
    const state = writeEnrolledState({ mqttUrl: 'mqtt://broker.example:1883' });
    const file = join(state.dir, 'settings.json');
    writeFileSync(
      file,
      JSON.stringify({
        heartbeatIntervalMS: 5_000,
        mqttUrl: 'tcp://broker.example:1883',
        queue: { maxBytes: 2 ** 24, maxAge: 24 },
        clock: 5,
        inference: { models: [{ name: 'm', path: 'builtin:surface-defect-v1', input: { type: 'synthetic' }, rate: 5 }] },
        colour: 'red',
      }),
    );
    const err = configError(() => loadRunConfig(state.dir, {}, { configFile: file }));
    expect(err.problems).toEqual([
      `${file}: unknown key "heartbeatIntervalMS" (did you mean "heartbeatIntervalMs"?)`,
      `${file}: unknown key "queue.maxAge"`,
      `${file}: clock must be an object, got 5`,
      `${file}: unknown key "colour"`,
      `${file}: mqttUrl must be an mqtt://, mqtts://, ws:// or wss:// URL, got "tcp://broker.example:1883"`,
      `${file}: inference.models[0]: unknown key "rate"`,
    ]);
    // The same file without the mistakes is valid.
    writeFileSync(file, JSON.stringify({ heartbeatIntervalMs: 5_000, mqttUrl: 'mqtt://broker.example:1883', queue: { maxBytes: 2 ** 24 } }));
    expect(loadRunConfig(state.dir, {}, { configFile: file }).heartbeatIntervalMs).toBe(5_000);
  });

  it('says "not enrolled" when there is no agent.json', () => {
    const err = configError(() => loadRunConfig(tempDir(), {}));
    expect(err.code).toBe('EDGE_AGENT_ERR_NOT_ENROLLED');
    expect(err.message).toContain('edge-agent enroll');
  });

  it('tells an agent.json of the wrong shape from one that is not JSON at all', () => {
    const state = writeEnrolledState({ mqttUrl: 'mqtt://b:1883' });
    writeJsonFile(join(state.dir, STATE_FILES.config), ['not', 'an', 'object']);
    expect(
      isAgentError(
        configError(() => loadAgentFile(state.dir)),
        'EDGE_AGENT_ERR_CONFIG_INVALID',
      ),
    ).toBe(true);
    writeFileSync(join(state.dir, STATE_FILES.config), '{"deviceId":');
    expect(
      isAgentError(
        configError(() => loadAgentFile(state.dir)),
        'EDGE_AGENT_ERR_STATE_CORRUPT',
      ),
    ).toBe(true);
  });
});

describe('resolveStateDir', () => {
  it('prefers the flag, then EDGE_AGENT_STATE_DIR, then the default for the user', () => {
    expect(resolveStateDir('/flag', { EDGE_AGENT_STATE_DIR: '/env' })).toBe('/flag');
    expect(resolveStateDir(undefined, { EDGE_AGENT_STATE_DIR: '/env' })).toBe('/env');
    const fallback = process.getuid?.() === 0 ? '/var/lib/edge-agent' : join(homedir(), '.edge-agent');
    expect(resolveStateDir(undefined, {})).toBe(fallback);
  });
});

describe('resolveTpm', () => {
  const files =
    (...paths: string[]) =>
    (p: string) =>
      paths.includes(p);
  it('uses /dev/tpmrm0 when tpm2-tools is on the PATH', () => {
    expect(resolveTpm({ PATH: '/usr/bin' }, files('/dev/tpmrm0', '/usr/bin/tpm2_createek'))).toEqual({ present: true, tcti: 'device:/dev/tpmrm0' });
  });
  it('enrolls as software, saying why, when the box has a TPM but not the tools', () => {
    const tpm = resolveTpm({ PATH: '/usr/bin:/bin' }, files('/dev/tpmrm0'));
    expect(tpm).toMatchObject({ present: false });
    expect(tpm.present === false && tpm.reason).toContain('tpm2-tools is not installed');
  });
  it('keeps a TCTI named on purpose, tools or not, and turns the TPM off for none', () => {
    expect(resolveTpm({ EDGE_AGENT_TPM_TCTI: 'swtpm:port=2321' }, files())).toEqual({ present: true, tcti: 'swtpm:port=2321' });
    expect(resolveTpm({ EDGE_AGENT_TPM_TCTI: 'none' }, files('/dev/tpmrm0'))).toMatchObject({ present: false });
    expect(resolveTpm({}, files())).toMatchObject({ present: false });
  });
});
