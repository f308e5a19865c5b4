// How device traffic reaches ingest, whichever way it comes: the embedded aedes broker
// (broker/embedded.ts) or a consumer of an external broker (broker/external.ts). The platform
// picks one at composition (platform.ts) and from then on only knows this interface.
import type { ConnectionCause } from '../ingest/presence.js';

export interface DeviceTransport {
  /** Opens the device side: listens (embedded) or starts connecting (external). */
  start(): Promise<void>;
  /** True while devices' messages reach ingest: readiness for a load balancer (/readyz). */
  ready(): boolean;
  /** The plain MQTT port bound (differs from config when it was 0); null when none. */
  mqttPort(): number | null;
  /** The MQTT-over-TLS port bound; 0 when this process does not listen for devices. */
  mqttsPort(): number;
  /**
   * Publishes a command on the device's command topic at QoS 1 (commands/delivery.ts). True once a
   * broker where the device is connected has it: embedded, when this process holds the device's
   * session; external, when the broker acknowledged it (PUBACK). False otherwise: it waits.
   */
  publishCommand(deviceId: string, payload: Buffer): Promise<boolean>;

  /**
   * Closes a device's live session now (it was disabled or decommissioned), if this process holds
   * it. The embedded broker does; an external broker's sessions are its own: the device is refused
   * at its next CONNECT (broker-auth/hooks.ts) and its messages are dropped by ingest meanwhile.
   */
  closeSession(deviceId: string, cause: ConnectionCause): void;
  /** Stops taking device messages; what was taken is handed to ingest first. */
  close(): Promise<void>;
}
