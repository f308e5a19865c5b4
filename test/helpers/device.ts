// A device speaking edge.v1 from inside a test: real Ed25519 key, real enrollment over HTTP, real
// mqtt.js connection. Used to exercise the platform's broker and ingest directly; the agent's own
// behaviour is tested by spawning the real edge-agent.
import { createHash, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import mqtt, { type MqttClient } from 'mqtt';
import { onTestFinished } from 'vitest';
import { deviceTopic, edge, encodeHeartbeat, rawPublicKey, sealedPayload, type HeartbeatFields } from '@edgenet/proto';
import type { TestPlatform } from './platform.js';

export interface TestDevice {
  deviceId: string;
  password: string;
  mqttUrl: string;
  privateKey: KeyObject;
  connect(opts?: mqtt.IClientOptions): Promise<MqttClient>;
  hello(client: MqttClient, heartbeatIntervalMs?: number): Promise<void>;
  heartbeat(client: MqttClient, seq: number, extra?: Partial<HeartbeatFields>): Promise<void>;
  workstations(client: MqttClient, codes: string[], revision?: number): Promise<void>;
}

export async function enrollTestDevice(
  tp: TestPlatform,
  token: string,
  opts: { workstations?: string[]; fingerprint?: string; kind?: 'compute_box' | 'industrial_pc' | 'server'; inventory?: Record<string, unknown> } = {},
): Promise<TestDevice> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = rawPublicKey(publicKey);
  const fingerprint = opts.fingerprint ?? createHash('sha256').update(randomBytes(16)).digest('hex');
  const res = await tp.api(
    'POST',
    '/api/v1/enroll',
    {
      token,
      kind: opts.kind ?? 'compute_box',
      fingerprint,
      publicKey: raw,
      agentVersion: 'test',
      inventory: { cpuBrand: 'test', ...opts.inventory },
      workstations: opts.workstations,
    },
    null,
  );
  if (res.status !== 201) throw new Error(`enroll failed: ${res.status} ${JSON.stringify(res.body)}`);
  const { deviceId, mqtt: creds } = res.body;
  const publish = (client: MqttClient, kind: Parameters<typeof deviceTopic>[1], body: Uint8Array) =>
    client.publishAsync(deviceTopic(deviceId, kind), sealedPayload(body, privateKey), { qos: 1 }).then(() => undefined);
  return {
    deviceId,
    password: creds.password,
    mqttUrl: creds.url,
    privateKey,
    async connect(options = {}) {
      const client = await mqtt.connectAsync(tp.mqttUrl, {
        clientId: deviceId,
        username: deviceId,
        password: creds.password,
        reconnectPeriod: 0,
        protocolVersion: 4,
        ...options,
      });
      onTestFinished(() => client.endAsync(true).catch(() => undefined));
      return client;
    },
    hello: (client, heartbeatIntervalMs = 1_000) =>
      publish(
        client,
        'hello',
        edge.v1.Hello.encode({
          agentVersion: 'test',
          kind: edge.v1.DeviceKind.COMPUTE_BOX,
          fingerprint,
          heartbeatIntervalMs,
          deviceTimeMs: Date.now(),
          inventory: { cpuBrand: 'test', cpuCores: 4, ...opts.inventory },
        }).finish(),
      ),
    heartbeat: (client, seq, extra = {}) =>
      publish(
        client,
        'heartbeat',
        encodeHeartbeat({
          seq,
          deviceTimeMs: Date.now(),
          uptimeS: seq,
          cpuPercent: 12.5,
          memoryUsedBytes: 1e9,
          memoryTotalBytes: 4e9,
          diskUsedBytes: 1e10,
          diskTotalBytes: 6e10,
          inference: { total: seq * 10, errors: 0 },
          ...extra,
        }),
      ),
    workstations: (client, codes, revision = 1) =>
      publish(client, 'workstations', edge.v1.WorkstationMapping.encode({ workstationCodes: codes, revision }).finish()),
  };
}
