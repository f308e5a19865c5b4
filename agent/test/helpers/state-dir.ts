// A state directory as `edge-agent enroll` leaves it, written directly, so run-loop tests need no
// platform: agent.json, credentials.json (0600) and device-key.pem (0600).
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import type { AgentFile, CredentialsFile } from '../../src/config.js';
import { generateIdentity, publicKeyBase64Url, saveIdentity, type DeviceIdentity } from '../../src/identity.js';
import { writeJsonFile } from '../../src/durable-file.js';
import { STATE_FILES } from '../../src/state-files.js';

export function tempDir(prefix = 'edge-agent-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface EnrolledState {
  dir: string;
  deviceId: string;
  identity: DeviceIdentity;
  agent: AgentFile;
  login: CredentialsFile['mqtt'];
}

export function writeEnrolledState(options: {
  mqttUrl: string;
  heartbeatIntervalMs?: number;
  workstations?: string[];
  dir?: string;
  /** Fields over the defaults (platformUrl, mqttTlsUrl, caFingerprint, …). */
  agent?: Partial<AgentFile>;
}): EnrolledState {
  const dir = options.dir ?? tempDir();
  const deviceId = randomUUID();
  const identity = generateIdentity();
  const agent: AgentFile = {
    platformUrl: 'http://platform.invalid',
    deviceId,
    enterpriseId: randomUUID(),
    projectId: randomUUID(),
    kind: 'industrial_pc',
    workstations: options.workstations ?? ['L1-01', 'L1-02'],
    workstationsRevision: 3,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 1_000,
    mqttUrl: options.mqttUrl,
    fingerprint: 'a'.repeat(64),
    fingerprintFields: ['cpuBrand', 'cpuPhysicalCores', 'memoryGiB'],
    publicKey: publicKeyBase64Url(identity.publicKey),
    enrolledAt: new Date().toISOString(),
    ...options.agent,
  };
  const login = { clientId: deviceId, username: deviceId, password: randomBytes(32).toString('base64url') };
  saveIdentity(join(dir, STATE_FILES.privateKey), identity);
  writeJsonFile(join(dir, STATE_FILES.credentials), { mqtt: login }, 0o600);
  writeJsonFile(join(dir, STATE_FILES.config), agent);
  return { dir, deviceId, identity, agent, login };
}
