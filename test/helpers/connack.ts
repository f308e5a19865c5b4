// The CONNACK return code a broker answers a CONNECT with [MQTT-3.2.2-3]: 0 accepted, 2 identifier
// rejected, 4 bad user name or password, 5 not authorised. A real mqtt.js client, no reconnect.
import mqtt from 'mqtt';

export function connackCode(url: string, opts: mqtt.IClientOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    const client = mqtt.connect(url, { reconnectPeriod: 0, protocolVersion: 4, ...opts });
    client.on('error', (err) => {
      client.end(true);
      const code = (err as Error & { code?: number }).code;
      if (typeof code === 'number') resolve(code);
      else reject(err);
    });
    client.on('connect', () => {
      client.end(true);
      resolve(0);
    });
  });
}
