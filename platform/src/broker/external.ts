// External broker mode: devices connect to a broker cluster the project did not write
// (EMQX in production, Mosquitto in tests) and every platform instance consumes their traffic
// through one shared subscription, $share/{group}/edge/v1/d/+/+ [MQTT-5.0 4.8.2; EMQX and
// Mosquitto 2 accept it from MQTT 3.1.1 clients too], so the instances split the ingest.
//
// Written on mqtt-packet rather than mqtt.js because of one property: a QoS 1 message is
// acknowledged only after its heartbeat is committed to the database. mqtt.js handles one incoming
// message at a time when acknowledgements wait (handleMessage), which would cap an instance at one
// database commit per message; here messages are handled concurrently (one after another per
// device) and PUBACKs go out in the order the PUBLISHes came, as [MQTT-4.6.0-2] requires.
//
// The session is persistent (clean session 0, client id from EDGENET_INSTANCE_ID): what the broker
// sent and was not acknowledged when an instance died is sent again when it comes back, and what
// was queued for it meanwhile follows [MQTT-4.4.0-1]. A message stored but not acknowledged comes
// back as a duplicate, which ingest recognises by (device, seq).
//
// A message ingest could not decide (it threw: the database did not answer a lookup) is never
// acknowledged: PUBACKs go in order, so none after it is either, and the connection is closed so
// that the broker sends them all again when this instance is back [MQTT-4.4.0-1]. A message ingest
// rejected (malformed, bad signature, unknown device, duplicate) is acknowledged: it would fail again.
//
// No publish rate is applied here: the external broker enforces its own per-client limits (EMQX
// limiter), and this consumer's back-pressure is that PUBACKs wait for commits, so nothing is
// dropped on this path either.
import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { readFileSync } from 'node:fs';
import mqttPacket, { type Packet } from 'mqtt-packet';
import { commandTopic, DEVICE_MESSAGES_FILTER, parseDeviceTopic, sharedDeviceSubscription } from '@edgenet/proto';
import type { Logger } from 'pino';
import type { Handled, Ingest } from '../ingest/ingest.js';
import { OrderedAcks } from './ordered-acks.js';
import type { DeviceTransport } from './transport.js';
import type { ConnectionCause } from '../ingest/presence.js';

export interface ExternalBrokerOptions {
  url: string;
  username: string | undefined;
  password: string | undefined;
  /** PEM of the CA that signed the broker's certificate; unset: the system's CAs. */
  caFile: string | undefined;
  /**
   * The shared-subscription group; null on a broker that has none (RabbitMQ 3.10's MQTT plugin
   * takes `$share/...` as a literal topic and delivers nothing to it): the plain filter, every
   * message to this instance, duplicates across instances stored once by (device, seq).
   */
  shareGroup: string | null;
  instanceId: string;
  keepaliveS?: number;
}

/** One connection's state: its acknowledgements die with it (the broker resends on the next). */
interface Connection {
  socket: Socket;
  /** PUBACKs in arrival order, each once its message is committed (ordered-acks.ts). */
  acks: OrderedAcks;
  lastHeardMs: number;
  /** Ingest threw for one of its messages: nothing more of it is handled or acknowledged. */
  failed: boolean;
  /** Commands this instance published, by packet id, waiting for the broker's PUBACK. */
  published: Map<number, (acked: boolean) => void>;
}

const RECONNECT_BASE_MS = 500;
const COMMAND_ACK_TIMEOUT_MS = 10_000; // 10 s: a broker that has not acknowledged by then is not delivering
const SUBSCRIBE_ID = 1; // the one SUBSCRIBE; commands use the ids after it
const RECONNECT_CAP_MS = 30_000;

export class ExternalBroker implements DeviceTransport {
  readonly #opts: Required<ExternalBrokerOptions>;
  readonly #ingest: Ingest;
  readonly #log: Logger;
  readonly #ca: Buffer | undefined;
  readonly #topic: string;
  /** Per device, the tail of its messages being handled: one device's messages stay in order. */
  readonly #chains = new Map<string, Promise<unknown>>();
  /** Messages handled or being handled whose PUBACK is not sent yet. */
  readonly #unacked = new Set<Promise<boolean>>();
  readonly #flush: () => Promise<void>;
  #conn: Connection | null = null;
  #subscribed = false;
  #closing = false;
  #attempt = 0;
  #ingestFailing = false;
  #retry: NodeJS.Timeout | undefined;
  #ping: NodeJS.Timeout | undefined;
  /** Messages consumed and acknowledged since start. */
  acknowledged = 0;

  /** `flush` commits the heartbeats queued so far (HeartbeatWriter.flush): used at close. */
  constructor(opts: ExternalBrokerOptions, ingest: Ingest, flush: () => Promise<void>, log: Logger) {
    this.#opts = { keepaliveS: 30, ...opts };
    this.#flush = flush;
    this.#ingest = ingest;
    this.#log = log.child({ broker: opts.url });
    this.#ca = opts.caFile ? readFileSync(opts.caFile) : undefined;
    this.#topic = opts.shareGroup === null ? DEVICE_MESSAGES_FILTER : sharedDeviceSubscription(opts.shareGroup);
  }

  /** True while connected and subscribed: readiness for a load balancer (/readyz). */
  ready(): boolean {
    return this.#subscribed;
  }

  /** Devices connect to the external broker, not to this process. */
  mqttPort(): null {
    return null;
  }

  mqttsPort(): number {
    return 0;
  }

  /**
   * The session is the external broker's: it is refused at its next CONNECT (broker-auth/hooks.ts)
   * and ingest drops what it still sends (the registry's status). Kicking it at once would take
   * the broker's management API (EMQX `DELETE /api/v5/clients/{id}`), which is not configured here.
   */
  closeSession(_deviceId: string, _cause: ConnectionCause): void {}

  /**
   * Starts connecting, and keeps reconnecting until close(); ready() says when it consumes. Resolves
   * at once: the instance serves its API while it (re)connects.
   */
  async start(): Promise<void> {
    this.#connect();
  }

  #connect(): void {
    const url = new URL(this.#opts.url);
    const port = Number(url.port) || (url.protocol === 'mqtts:' ? 8883 : 1883);
    const socket =
      url.protocol === 'mqtts:'
        ? connectTls({ host: url.hostname, port, ca: this.#ca, servername: url.hostname, minVersion: 'TLSv1.2' })
        : connectTcp({ host: url.hostname, port });
    const conn: Connection = { socket, acks: new OrderedAcks(), lastHeardMs: Date.now(), failed: false, published: new Map() };
    this.#conn = conn;
    const parser = mqttPacket.parser({ protocolVersion: 4 });
    parser.on('packet', (packet: Packet) => this.#onPacket(conn, packet));
    parser.on('error', (err: Error) => {
      this.#log.error({ err }, 'malformed packet from the broker; reconnecting');
      socket.destroy();
    });
    socket.on(url.protocol === 'mqtts:' ? 'secureConnect' : 'connect', () => {
      this.#send(conn, {
        cmd: 'connect',
        protocolId: 'MQTT',
        protocolVersion: 4,
        clean: false,
        keepalive: this.#opts.keepaliveS,
        clientId: `edgenet-platform-${this.#opts.instanceId}`,
        ...(this.#opts.username ? { username: this.#opts.username } : {}),
        ...(this.#opts.password ? { password: Buffer.from(this.#opts.password) } : {}),
      });
    });
    socket.on('data', (chunk: Buffer) => {
      conn.lastHeardMs = Date.now();
      parser.parse(chunk);
    });
    socket.on('error', (err) => this.#log.warn({ err: err.message }, 'broker connection error'));
    socket.on('close', () => this.#onClose(conn));
  }

  #onPacket(conn: Connection, packet: Packet): void {
    switch (packet.cmd) {
      case 'connack':
        if (packet.returnCode !== 0) {
          // 4 bad user name or password, 5 not authorised [MQTT-3.2.2-3]: an operator must fix it.
          this.#log.error({ returnCode: packet.returnCode }, "the broker refused the platform's connection");
          conn.socket.destroy();
          return;
        }
        // After an ingest failure the backoff keeps growing until a message is acknowledged again:
        // a database that is still down must not make the instance reconnect in a tight loop.
        if (!this.#ingestFailing) this.#attempt = 0;
        this.#send(conn, { cmd: 'subscribe', messageId: SUBSCRIBE_ID, subscriptions: [{ topic: this.#topic, qos: 1 }] });
        this.#startPing(conn);
        return;
      case 'suback':
        if (packet.granted[0] === 0x80) {
          this.#log.error({ topic: this.#topic }, 'the broker refused the shared subscription (check its authorisation rules)');
          conn.socket.destroy();
          return;
        }
        this.#subscribed = true;
        this.#log.info({ topic: this.#topic, sessionId: `edgenet-platform-${this.#opts.instanceId}` }, 'consuming device traffic from the external broker');
        return;
      case 'publish':
        return this.#onPublish(conn, packet);
      case 'puback':
        conn.published.get(packet.messageId ?? -1)?.(true);
        return;
      default:
        return; // pingresp (lastHeardMs is enough), and nothing else is expected
    }
  }

  #onPublish(conn: Connection, packet: mqttPacket.IPublishPacket): void {
    const { messageId } = packet;
    // QoS 0 is never acknowledged; a QoS 1 message takes its place in the PUBACK order now.
    const acknowledge = (mayAck: Promise<boolean>) => {
      if (packet.qos > 0 && messageId !== undefined) conn.acks.add(mayAck, () => this.#puback(conn, messageId));
    };
    const parsed = parseDeviceTopic(packet.topic);
    if (!parsed) return acknowledge(Promise.resolve(true)); // commands to devices match the filter too; they are not ingest's
    const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
    const receivedAt = new Date();
    // One device's messages are handled in order (its seq and hash chain); its next message need
    // not wait for this one's commit, only the acknowledgement does.
    const previous = this.#chains.get(parsed.deviceId) ?? Promise.resolve();
    // Handled, not its promise: the chain must not wait for the commit.
    const handled = previous.then(async (): Promise<Handled | null> => {
      if (conn.failed) return null;
      try {
        return await this.#ingest.handle(parsed.deviceId, parsed.kind, payload, receivedAt);
      } catch (err) {
        this.#ingestFailed(conn, err, parsed.deviceId, parsed.kind);
        return null;
      }
    });
    this.#chains.set(parsed.deviceId, handled);
    const stored = handled.then(async (taken) => {
      if (this.#chains.get(parsed.deviceId) === handled) this.#chains.delete(parsed.deviceId);
      if (!taken) return false; // left unacknowledged: the broker sends it again
      await taken.committed;
      return true;
    });
    acknowledge(stored);
    this.#unacked.add(stored);
    void stored.finally(() => this.#unacked.delete(stored));
  }

  #ingestFailed(conn: Connection, err: unknown, deviceId: string, kind: string): void {
    this.#log.error({ err, deviceId, kind }, 'ingest failed; not acknowledged, reconnecting so the broker sends it again');
    this.#ingestFailing = true;
    if (conn.failed) return;
    conn.failed = true;
    // Not even the messages before it that commit later: that connection is gone, the broker
    // sends them all again on the next one.
    conn.acks.stop();
    conn.socket.destroy();
  }

  #puback(conn: Connection, messageId: number): void {
    this.#send(conn, { cmd: 'puback', messageId });
    this.acknowledged += 1;
    this.#ingestFailing = false;
  }

  /**
   * Publishes a command at QoS 1; true once the broker acknowledged it [MQTT-4.3.2]. The broker then
   * forwards it to the device's live session; the device being connected is judged by presence
   * before (commands/delivery.ts), and a copy lost on the way is sent again at its next hello.
   */
  publishCommand(deviceId: string, payload: Buffer): Promise<boolean> {
    const conn = this.#conn;
    if (!conn || !this.#subscribed) return Promise.resolve(false);
    const messageId = this.#nextMessageId(conn);
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => settle(false), COMMAND_ACK_TIMEOUT_MS);
      timer.unref();
      const settle = (acked: boolean) => {
        clearTimeout(timer);
        conn.published.delete(messageId);
        resolve(acked);
      };
      conn.published.set(messageId, settle);
      this.#send(conn, { cmd: 'publish', messageId, qos: 1, dup: false, retain: false, topic: commandTopic(deviceId), payload });
    });
  }

  #messageId = SUBSCRIBE_ID;

  /** Packet ids 2..65535 [MQTT-2.3.1-1: non-zero], skipping those still waiting for their PUBACK. */
  #nextMessageId(conn: Connection): number {
    do this.#messageId = this.#messageId >= 65_535 ? SUBSCRIBE_ID + 1 : this.#messageId + 1;
    while (conn.published.has(this.#messageId));
    return this.#messageId;
  }

  #startPing(conn: Connection): void {
    clearInterval(this.#ping);
    const keepaliveMs = this.#opts.keepaliveS * 1_000;
    this.#ping = setInterval(() => {
      // Nothing heard for 1.5 keep-alives [MQTT-3.1.2-24]: the connection is dead even if TCP says not.
      if (Date.now() - conn.lastHeardMs > keepaliveMs * 1.5) return conn.socket.destroy();
      this.#send(conn, { cmd: 'pingreq' });
    }, keepaliveMs / 2);
    this.#ping.unref();
  }

  #onClose(conn: Connection): void {
    if (this.#conn !== conn) return;
    conn.acks.stop(); // its acknowledgements die with it (the broker resends on the next)
    for (const settle of [...conn.published.values()]) settle(false);
    this.#conn = null;
    this.#subscribed = false;
    clearInterval(this.#ping);
    if (this.#closing) return;
    // Full jitter (as the agent does, agent/src/backoff.ts): instances that lost the broker together
    // do not come back in lockstep.
    const delay = Math.random() * Math.min(RECONNECT_CAP_MS, RECONNECT_BASE_MS * 2 ** this.#attempt++);
    this.#log.warn({ retryInMs: Math.round(delay) }, 'lost the external broker; reconnecting');
    this.#retry = setTimeout(() => this.#connect(), delay);
  }

  #send(conn: Connection, packet: Packet): void {
    if (!conn.socket.destroyed) conn.socket.write(mqttPacket.generate(packet, { protocolVersion: 4 }));
  }

  /**
   * Stops consuming: handles the messages already received, commits their rows and sends their
   * PUBACKs, then disconnects. The session stays on the broker, which keeps this instance's share
   * until it returns.
   */
  async close(): Promise<void> {
    this.#closing = true;
    clearTimeout(this.#retry);
    const conn = this.#conn;
    if (!conn) return;
    conn.socket.pause(); // no new messages from here on
    await Promise.allSettled([...this.#chains.values()]);
    await this.#flush();
    await Promise.allSettled([...this.#unacked]);
    this.#send(conn, { cmd: 'disconnect' });
    clearInterval(this.#ping);
    await new Promise<void>((resolve) => {
      conn.socket.once('close', () => resolve());
      conn.socket.end();
      setTimeout(() => conn.socket.destroy(), 2_000).unref();
    });
  }
}
