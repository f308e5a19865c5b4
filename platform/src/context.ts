import type { Logger } from 'pino';
import type { PlatformConfig } from './config.js';
import type { Database, Backend } from './db/index.js';
import type { DeviceRegistry, DeviceStatus } from './ingest/device-registry.js';
import type { HeartbeatWriter } from './ingest/heartbeat-writer.js';
import type { Ingest } from './ingest/ingest.js';
import type { Presence } from './ingest/presence.js';
import type { HeartbeatRate } from './ingest/heartbeat-rate.js';
import type { RejectCounter } from './ingest/reject-counter.js';
import type { FlagRecorder } from './ingest/flags.js';
import type { CountingPolicy } from './certification/policy.js';
import type { ReportSigner } from './certification/signing-keys.js';
import type { WitnessClient } from './certification/witness-client.js';
import type { AuditLog } from './audit/audit-log.js';
import type { TlsMaterial } from './tls/material.js';
import type { IngestFigures } from './ingest/figures.js';
import type { TpmRoots } from './attestation/ek-chain.js';
import type { AlarmEvaluator } from './alarms/evaluator.js';
import type { CommandDelivery } from './commands/delivery.js';

/** What routes and broker hooks are given; nothing here knows which database driver runs. */
export interface PlatformContext {
  config: Readonly<PlatformConfig>;
  log: Logger;
  db: Database;
  backend: Backend;
  registry: DeviceRegistry;
  presence: Presence;
  rejects: RejectCounter;
  writer: HeartbeatWriter;
  ingest: Ingest;
  flags: FlagRecorder;
  policy: Readonly<CountingPolicy>;
  signer: ReportSigner;
  /** The bureau's witness, when EDGENET_WITNESS_URL is set (docs/witness.md). */
  witness: WitnessClient | null;
  audit: AuditLog;
  /** Commands to devices: sent now to a connected device, or when it returns (commands/delivery.ts). */
  commands: CommandDelivery;
  tls: TlsMaterial;
  /** The TPM manufacturers' EK roots (EDGENET_TPM_ROOTS_DIR); null: TPM attestation is off. */
  tpmRoots: TpmRoots | null;
  /** Heartbeats per second, fleet-wide and per enterprise (the dashboard). */
  rate: HeartbeatRate;
  /** The plain MQTT port actually bound (differs from config when it was 0); null when plain is off. */
  mqttPort(): number | null;
  /** The MQTT-over-TLS port actually bound. */
  mqttsPort(): number;
  /** True once the broker listens and until shutdown starts. */
  brokerReady(): boolean;
  /** The time: sessions, tokens' expiry and last use, lockouts. Injected in tests. */
  clock(): Date;
  /** Raises and clears alarms and sends their notifications (docs/alarms.md); tests call evaluate() on their clock. */
  alarms: AlarmEvaluator;
  /** The other processes of a cluster (EDGENET_WORKERS > 1); none otherwise. */
  cluster: ClusterLink;
  /**
   * A device's status changed, here or in another worker: the registry takes it at once and, unless
   * it is active, the broker of this process closes its live session (platform.ts).
   */
  applyDeviceStatus(deviceId: string, status: DeviceStatus): Promise<void>;
}

export interface ClusterLink {
  /** The other workers' latest ingest figures (at most a second old). */
  others(): IngestFigures[];
  /** Starts a new latency window in the other workers too. */
  resetLatency(): void;
  /** A command waits for a device whose session this process does not hold: the holder sends it. */
  commandsWaiting(deviceId: string): void;
  /** Tells the other workers a device's status changed, so they close its session and reload it. */
  deviceStatus(deviceId: string, status: DeviceStatus): void;
}

export const NO_CLUSTER: ClusterLink = { others: () => [], resetLatency: () => undefined, commandsWaiting: () => undefined, deviceStatus: () => undefined };
