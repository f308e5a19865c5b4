// The embedded broker as the platform's device transport: MQTT over TLS always, plain TCP only
// when EDGENET_MQTT_PLAIN=true (device passwords must not cross a network in clear).
import { createBroker, type BrokerDeps } from './index.js';
import { explainListen } from './listen-error.js';
import type { DeviceTransport } from './transport.js';
import type { TlsMaterial } from '../tls/material.js';

export interface EmbeddedListen {
  host: string;
  mqttsPort: number;
  /** null: no plain listener. */
  mqttPort: number | null;
  tls: TlsMaterial;
}

/** Builds the broker (no socket yet); start() listens. */
export async function embeddedTransport(deps: BrokerDeps, listen: EmbeddedListen): Promise<DeviceTransport> {
  const broker = await createBroker(deps);
  let mqttPort: number | null = null;
  let mqttsPort = 0;
  let up = false;
  return {
    async start() {
      mqttsPort = await broker.listenTls(listen.mqttsPort, listen.host, listen.tls).catch(explainListen('MQTT', 'EDGENET_MQTTS_PORT', listen.mqttsPort));
      if (listen.mqttPort !== null) {
        mqttPort = await broker.listen(listen.mqttPort, listen.host).catch(explainListen('MQTT', 'EDGENET_MQTT_PORT', listen.mqttPort as number));
      }
      up = true;
    },
    ready: () => up,
    mqttPort: () => mqttPort,
    mqttsPort: () => mqttsPort,
    publishCommand: (deviceId, payload) => broker.publishCommand(deviceId, payload),
    closeSession: (deviceId, cause) => broker.closeSession(deviceId, cause),
    async close() {
      up = false;
      await broker.close();
    },
  };
}
