// The embedded MQTT broker (aedes) started by the platform process: MQTT over TLS always, plain
// TCP only when EDGENET_MQTT_PLAIN=true (device passwords must not cross a network in clear).
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls';
import { Aedes, type Client } from 'aedes';
import { commandTopic } from '@edgenet/proto';
import type { FlagRecorder } from '../ingest/flags.js';
import { flagReason } from '../ingest/flag-reasons.js';
import type { Logger } from 'pino';
import type { Ingest } from '../ingest/ingest.js';
import type { DeviceRegistry } from '../ingest/device-registry.js';
import type { ConnectionCause, Presence } from '../ingest/presence.js';
import type { RejectCounter } from '../ingest/reject-counter.js';
import { makeAuthenticate } from './authenticate.js';
import { makeAuthorizePublish } from './authorize-publish.js';
import { makeAuthorizeSubscribe } from './authorize-subscribe.js';
import { makeAcceptPublish } from './published.js';
import { guardPacketSize } from './packet-size-guard.js';
import { PublishRateLimiter, type RateLimitOptions } from './rate-limit.js';
import { deviceConnectionLimit } from './connection-limit.js';
import type { TlsMaterial } from '../tls/material.js';
import { TLS_POLICY, ticketOptions } from '../tls/policy.js';
import { ConnectionGuard, LISTEN_BACKLOG, type GuardFigures } from '../net/connection-guard.js';
import { bounded } from '../net/bounded.js';

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
  /** Caps and deadlines for sockets on both listeners together (net/connection-guard.ts). */
  edge: BrokerEdgeOptions;
}

export interface BrokerEdgeOptions {
  /** From accept to CONNECT, TLS handshake included. */
  deadlineMs: number;
  /** Both listeners together; 0: the open-file limit less a reserve (connection-limit.ts). */
  maxConnections: number;
  maxPerAddress: number;
  ratePerS: number;
  burst: number;
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
  /** Sockets admitted, refused and closed at their deadline on both listeners. */
  connections(): GuardFigures;
  /** A command to a device connected to this broker; false when it has no session here. */
  publishCommand(deviceId: string, payload: Buffer): Promise<boolean>;
  /** Closes the device's session in this broker, if it holds one; `cause` goes to its connection history. */
  closeSession(deviceId: string, cause: ConnectionCause): void;
  close(): Promise<void>;
}

export async function createBroker(deps: BrokerDeps): Promise<EmbeddedBroker> {
  const { log, presence } = deps;
  // One guard for both listeners: together they must stay below the open-file limit, which a cap
  // per listener (net.Server maxConnections) would let them pass twice over.
  const guard = new ConnectionGuard(
    {
      name: 'mqtt',
      maxTotal: deps.edge.maxConnections > 0 ? deps.edge.maxConnections : deviceConnectionLimit(),
      maxPerAddress: deps.edge.maxPerAddress,
      ratePerS: deps.edge.ratePerS,
      burst: deps.edge.burst,
      deadlineMs: deps.edge.deadlineMs,
    },
    log,
  );
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
    // CONNECT arrived: the socket's deadline is over; keep-alive [MQTT-3.1.2-24] takes over.
    preConnect: (client, _packet, done) => {
      guard.settle(client.conn as Socket);
      done(null, true);
    },
    connectTimeout: deps.edge.deadlineMs, // a second line behind the guard's deadline
    maxClientsIdLength: 64, // aedes checks it for MQTT 3.1 only; authenticate.ts for every version
    maxTopicLevels: 8,
    drainTimeout: 30_000, // a client that stops reading must not stall delivery to others
  });
  const clients = (aedes as unknown as { clients: Record<string, Client | undefined> }).clients;
  const address = (c: Client | undefined) => (c?.conn as { remoteAddress?: string } | undefined)?.remoteAddress;
  // The same device credentials connected from two places at once (a cloned disk, identity conflict):
  // the broker keeps the newer session, and the device is flagged with both addresses.
  function flagConflict(deviceId: string, before: string | undefined, now: string | undefined): void {
    if (before === now) return;
    // note(), not raise(): a database that is down keeps the flag waiting instead of losing it.
    deps.flags.note(deviceId, 'identity_conflict', flagReason('identity_conflict'), {
      connectedFrom: before,
      newConnectionFrom: now,
      at: new Date().toISOString(),
    });
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
  // Sessions the platform closed itself (a disabled device): their end is recorded with that cause.
  const closedBecause = new WeakMap<Client, ConnectionCause>();
  function closeSession(deviceId: string, cause: ConnectionCause): void {
    const current = clients[deviceId];
    if (!current) return;
    closedBecause.set(current, cause);
    current.close();
  }

  aedes.on('clientDisconnect', (client) => {
    // A takeover (same client id connecting again, here or in another process) closes the old
    // session while the new one is live: that is not the device going offline.
    const current = clients[client.id];
    if (current && current !== client) return;
    limiter.forget(client.id);
    if (takenOver.has(client)) return;
    presence.disconnected(client.id, closedBecause.get(client) ?? 'connection closed');
  });
  aedes.on('clientError', (client, err) => log.debug({ deviceId: bounded(client.id, 64), err: err.message }, 'mqtt client error'));
  aedes.on('connectionError', (_client, err) => log.debug({ err: err.message }, 'mqtt connection error'));

  const handle = (conn: Socket) => {
    guardPacketSize(conn, MAX_PACKET_BYTES, (declared) =>
      deps.rejects.reject('oversize', conn.remoteAddress ?? 'unknown', `packet of ${declared} bytes exceeds ${MAX_PACKET_BYTES}`),
    );
    aedes.handle(conn);
  };
  const guarded = (srv: Server): Server => {
    guard.attach(srv);
    return srv;
  };
  const server: Server = guarded(createServer(handle));
  let tlsServer: Server | null = null;
  const listenOn = (srv: Server, port: number, host: string) =>
    new Promise<number>((resolve, reject) => {
      srv.once('error', reject);
      srv.listen(port, host, LISTEN_BACKLOG, () => resolve((srv.address() as AddressInfo).port));
    });
  return {
    aedes,
    listen: (port, host) => listenOn(server, port, host),
    listenTls: (port, host, tls) => {
      // With a 'tlsClientError' listener Node does not close a socket whose handshake failed or
      // timed out: it is closed here (and by the guard's deadline in any case).
      const resumable = ticketOptions(tls, 'edgenet-mqtts');
      tlsServer = guarded(createTlsServer({ key: tls.key, cert: tls.cert, ...TLS_POLICY, ...resumable, handshakeTimeout: deps.edge.deadlineMs }, handle));
      tls.ticketKeys.serve(tlsServer as TlsServer);
      tlsServer.on('tlsClientError', (err, socket) => {
        socket.destroy();
        log.debug({ err: err.message }, 'mqtts handshake failed');
      });
      return listenOn(tlsServer, port, host);
    },
    connections: () => guard.figures(),
    publishCommand: (deviceId, payload) =>
      new Promise<boolean>((resolve) => {
        // A session in another worker of a cluster is not reachable from here: delivery.ts asks the
        // primary to have the worker that holds it send the command.
        if (!clients[deviceId]?.connected) return resolve(false);
        // Published by the broker itself: no client, so authorizePublish (the devices' rule) is not asked.
        aedes.publish({ cmd: 'publish', topic: commandTopic(deviceId), payload, qos: 1, retain: false, dup: false }, (err) => resolve(!err));
      }),
    closeSession,
    close: () =>
      new Promise((resolve) => {
        // Close the listener first so no new device connects, then the broker drops the rest.
        if (server.listening) server.close(() => undefined);
        if (tlsServer?.listening) tlsServer.close(() => undefined);
        aedes.close(() => resolve());
      }),
  };
}
