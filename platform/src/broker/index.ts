// The embedded MQTT broker (aedes) started by the platform process: MQTT over TLS always, plain
// TCP only when EDGENET_MQTT_PLAIN=true (issue #3).
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { Aedes, type Client } from 'aedes';
import type { FlagRecorder } from '../ingest/flags.js';
import type { Logger } from 'pino';
import type { Ingest } from '../ingest/ingest.js';
import type { DeviceRegistry } from '../ingest/device-registry.js';
import type { Presence } from '../ingest/presence.js';
import type { RejectCounter } from '../ingest/reject-counter.js';
import { makeAuthenticate } from './authenticate.js';
import { makeAuthorizePublish } from './authorize-publish.js';
import { makeAuthorizeSubscribe } from './authorize-subscribe.js';
import { makeAcceptPublish } from './published.js';
import { guardPacketSize } from './packet-size-guard.js';
import { PublishRateLimiter, type RateLimitOptions } from './rate-limit.js';
import { deviceConnectionLimit } from './connection-limit.js';
import type { TlsMaterial } from '../tls/material.js';

// The largest packet a device needs: a 32 KiB hello plus topic and headers. Anything bigger is cut
// off at its fixed header (packet-size-guard.ts).
export const MAX_PACKET_BYTES = 64 * 1024;

export interface BrokerDeps {
  log: Logger;
  ingest: Ingest;
  registry: DeviceRegistry;
  presence: Presence;
  rejects: RejectCounter;
  flags: FlagRecorder;
  rateLimit: RateLimitOptions;
  /** The other processes of a cluster (EDGENET_WORKERS > 1), each with a broker of its own. */
  peers?: BrokerPeers;
}

/**
 * Tells the other brokers of a cluster where each device connected, so that a device holds one
 * session in the whole cluster as it would in one broker [MQTT-3.1.4-2]: the older one is closed.
 */
export interface BrokerPeers {
  announce(deviceId: string, remoteAddress: string | undefined): void;
  onConnectedElsewhere(handler: (deviceId: string, remoteAddress: string | undefined) => void): void;
}

export interface EmbeddedBroker {
  aedes: Aedes;
  /** Plain TCP (tests, a closed lab). */
  listen(port: number, host: string): Promise<number>;
  /** MQTT over TLS with the platform's certificate. */
  listenTls(port: number, host: string, tls: TlsMaterial): Promise<number>;
  close(): Promise<void>;
}

export async function createBroker(deps: BrokerDeps): Promise<EmbeddedBroker> {
  const { log, presence } = deps;
  const authenticate = makeAuthenticate(deps.registry, deps.rejects);
  const limiter = new PublishRateLimiter(deps.rateLimit);
  const aedes: Aedes = await Aedes.createBroker({
    authenticate: (client, username, password, done) =>
      authenticate(client, username, password, (err, ok) => {
        if (ok) noteSecondConnection(client);
        done(err, ok);
      }),
    // Over its rate a device waits for tokens (published.ts, rate-limit.ts): slowed, never dropped.
    authorizePublish: makeAuthorizePublish(deps.rejects, makeAcceptPublish(deps.ingest, log, limiter)),
    authorizeSubscribe: makeAuthorizeSubscribe(deps.rejects),
    maxClientsIdLength: 64,
    maxTopicLevels: 8,
    drainTimeout: 30_000, // a client that stops reading must not stall delivery to others
  });
  const clients = (aedes as unknown as { clients: Record<string, Client | undefined> }).clients;
  const address = (c: Client | undefined) => (c?.conn as { remoteAddress?: string } | undefined)?.remoteAddress;
  // The same device credentials connected from two places at once (issue #4, identity conflict):
  // the broker keeps the newer session, and the device is flagged with both addresses.
  function flagConflict(deviceId: string, before: string | undefined, now: string | undefined): void {
    if (before === now) return;
    deps.flags
      .raise(deviceId, 'identity_conflict', 'the device credentials were used from two addresses at once', {
        connectedFrom: before, newConnectionFrom: now, at: new Date().toISOString(),
      })
      .catch((err: unknown) => log.error({ err, deviceId }, 'flag write failed'));
  }
  function noteSecondConnection(client: Client): void {
    const current = clients[client.id];
    if (current && current !== client) flagConflict(client.id, address(current), address(client));
  }
  // Sessions closed because the device connected again in another process of the cluster: their
  // end is not the device going offline.
  const takenOver = new WeakSet<Client>();
  deps.peers?.onConnectedElsewhere((deviceId, remoteAddress) => {
    const current = clients[deviceId];
    if (!current) return;
    flagConflict(deviceId, address(current), remoteAddress);
    takenOver.add(current);
    current.close();
  });

  // Authenticated connections only ('client' follows a successful CONNACK): the connection history
  // shows where the device connected from.
  aedes.on('client', (client) => {
    presence.connected(client.id, address(client));
    deps.peers?.announce(client.id, address(client));
  });
  aedes.on('clientDisconnect', (client) => {
    // A takeover (same client id connecting again, here or in another process) closes the old
    // session while the new one is live: that is not the device going offline.
    const current = clients[client.id];
    if (current && current !== client) return;
    limiter.forget(client.id);
    if (takenOver.has(client)) return;
    presence.disconnected(client.id, 'connection closed');
  });
  aedes.on('clientError', (client, err) => log.debug({ deviceId: client.id, err: err.message }, 'mqtt client error'));
  aedes.on('connectionError', (_client, err) => log.debug({ err: err.message }, 'mqtt connection error'));

  const handle = (conn: Socket) => {
    guardPacketSize(conn, MAX_PACKET_BYTES, (declared) =>
      deps.rejects.reject('oversize', conn.remoteAddress ?? 'unknown', `packet of ${declared} bytes exceeds ${MAX_PACKET_BYTES}`));
    aedes.handle(conn);
  };
  const maxConnections = deviceConnectionLimit();
  let lastDropLogMs = 0;
  const limited = (srv: Server): Server => {
    if (Number.isFinite(maxConnections)) srv.maxConnections = maxConnections;
    srv.on('drop', (data) => {
      if (Date.now() - lastDropLogMs < 60_000) return; // once a minute is enough to say it
      lastDropLogMs = Date.now();
      log.warn({ maxConnections, remoteAddress: data?.remoteAddress }, 'connection refused: this process holds as many device connections as its open-file limit allows');
    });
    return srv;
  };
  const server: Server = limited(createServer(handle));
  let tlsServer: Server | null = null;
  const listenOn = (srv: Server, port: number, host: string) =>
    new Promise<number>((resolve, reject) => {
      srv.once('error', reject);
      srv.listen(port, host, () => resolve((srv.address() as AddressInfo).port));
    });
  return {
    aedes,
    listen: (port, host) => listenOn(server, port, host),
    listenTls: (port, host, tls) => {
      // TLS 1.2 at least (RFC 8996 deprecates 1.0 and 1.1); the handshake must finish in 10 s so
      // half-open connections cannot pile up.
      tlsServer = limited(createTlsServer({ key: tls.key, cert: tls.cert, minVersion: 'TLSv1.2', handshakeTimeout: 10_000 }, handle));
      tlsServer.on('tlsClientError', (err) => log.debug({ err: err.message }, 'mqtts handshake failed'));
      return listenOn(tlsServer, port, host);
    },
    close: () =>
      new Promise((resolve) => {
        // Close the listener first so no new device connects, then the broker drops the rest.
        if (server.listening) server.close(() => undefined);
        if (tlsServer?.listening) tlsServer.close(() => undefined);
        aedes.close(() => resolve());
      }),
  };
}
