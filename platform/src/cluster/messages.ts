// What a cluster's primary and its workers tell each other over the IPC channel of node:cluster.
import type { DeviceStatus } from '../ingest/device-registry.js';
import type { IngestFigures } from '../ingest/figures.js';

export type ClusterMessage =
  /** worker → primary: a device's session opened in this worker's broker. */
  | { type: 'edgenet:connected'; deviceId: string; remoteAddress?: string }
  /** primary → worker: that device has a newer session in another worker; close this one. */
  | { type: 'edgenet:connected-elsewhere'; deviceId: string; remoteAddress?: string }
  /** worker → primary → every other worker: an operator changed a device's status; close its session if no longer active. */
  | { type: 'edgenet:device-status'; deviceId: string; status: DeviceStatus }
  /** worker → primary, every second: its own heartbeats per second by scope and ingest figures. */
  | { type: 'edgenet:figures'; rates: Record<string, number>; figures: IngestFigures }
  /** primary → worker, in reply: the other workers' rates summed and their figures, so each shows the cluster's. */
  | { type: 'edgenet:figures-elsewhere'; rates: Record<string, number>; figures: IngestFigures[] }
  /**
   * worker → primary → the worker holding the device's session: a command was sent through a worker
   * that does not hold it (docs/commands.md); the holder delivers what waits for the device.
   */
  | { type: 'edgenet:commands-waiting'; deviceId: string }
  /** worker → primary → every other worker: start a new latency window (GET /ingest/stats?reset=true). */
  | { type: 'edgenet:reset-latency' }
  /** worker → primary: serving, on these ports (every worker shares them). */
  | { type: 'edgenet:listening'; httpPort: number; mqttPort: number | null; mqttsPort: number };

export function isClusterMessage(m: unknown): m is ClusterMessage {
  return typeof m === 'object' && m !== null && typeof (m as { type?: unknown }).type === 'string' && (m as { type: string }).type.startsWith('edgenet:');
}
