// One MQTT 3.1.1 session to the platform's broker, kept up for the life of the process. mqtt.js's own
// fixed-period reconnect is off (reconnectPeriod: 0): this class schedules each retry with full-jitter
// backoff, so a fleet that lost its broker does not come back in lockstep.
//
// Every attempt is a new mqtt.js client with a fresh will. Reusing one client through reconnect()
// loses in-flight publishes for good: mqtt.js 5 replaces the outgoing store on reconnect() without
// arguments, so an unacknowledged QoS 1 publish is never resent and its callback never fires, and a
// sender waiting on it waits forever while the session reads "connected". Here the session itself
// settles every publish it started: 'offline' when its connection closes, 'timeout' when no PUBACK
// came within ackTimeoutMs (the link is then presumed dead and dropped). The caller owns the retry:
// the outbox resends from its disk queue, and with a clean session [MQTT-3.1.2-6] the broker expects
// nothing else.
//
// A broker cluster has several addresses (fallbackUrls): a connection lost, or an attempt that
// failed, moves the next attempt to the next address, so a device whose broker node died reconnects
// to a surviving node after one backoff instead of waiting for that node to come back.
import { TLSSocket } from 'node:tls';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import type { Backoff } from './backoff.js';
import { isTlsVerificationError } from './http-client.js';
import type { Logger } from './log.js';
import type { ConnectionState } from './status-file.js';

export interface OutgoingMessage {
  topic: string;
  payload: Buffer;
}

export type PublishResult = 'sent' | 'offline' | 'failed' | 'timeout';

export interface MqttSessionOptions {
  url: string;
  /** Other nodes of the same broker cluster, tried in turn after `url` (the session state is the cluster's). */
  fallbackUrls?: readonly string[];
  clientId: string;
  username: string;
  password: string;
  /**
   * The pinned platform CA (PEM). With it, a TLS broker URL is verified against this CA alone
   * (rejectUnauthorized, the name in the URL); without it, against the system's trust store.
   */
  ca?: string;
  /** Built before every connect attempt: the broker publishes it if it loses us [MQTT-3.1.2-8]. */
  will: () => OutgoingMessage;
  backoff: Backoff;
  log: Logger;
  onConnect: () => void;
  onMessage: (topic: string, payload: Buffer) => void;
  onStateChange?: (state: ConnectionState) => void;
  keepaliveS?: number;
  connectTimeoutMs?: number;
  /** A publish not acknowledged within this long ends the connection (default 30 s). */
  ackTimeoutMs?: number;
}

export const DEFAULT_ACK_TIMEOUT_MS = 30_000; // 30 s: the keep-alive period; a live platform answers far sooner

// Return codes of a refused CONNECT [MQTT-3.2.2-3]; 4 and 5 mean the login itself is bad.
const CONNACK_MEANING: Record<number, string> = {
  1: 'unacceptable protocol version',
  2: 'identifier rejected',
  3: 'server unavailable',
  4: 'bad user name or password',
  5: 'not authorised',
};

export class MqttSession {
  readonly #options: MqttSessionOptions;
  #client: MqttClient | undefined;
  /** Publishes of the current client not yet settled: each settles exactly once. */
  #pending = new Set<(result: PublishResult) => void>();
  #retryTimer: NodeJS.Timeout | undefined;
  #stopping = false;
  #state: ConnectionState = 'starting';
  /**
   * The TLS session of the last verified connection, offered on the next one so the platform can
   * resume it (RFC 8446 §2.2, RFC 5077) instead of a full handshake. In memory only: a ticket holds
   * the resumption secret, and a restarted agent pays one full handshake rather than keep it on disk.
   */
  #tlsSession: Buffer | undefined;
  readonly #urls: readonly string[];
  /** Index into #urls of the address the current (or next) attempt uses. */
  #urlIndex = 0;

  constructor(options: MqttSessionOptions) {
    this.#options = options;
    this.#urls = [options.url, ...(options.fallbackUrls ?? [])];
  }

  /** The broker address the current (or next) connection attempt uses. */
  get url(): string {
    return this.#urls[this.#urlIndex]!;
  }

  get connected(): boolean {
    return this.#client?.connected === true;
  }

  get state(): ConnectionState {
    return this.#state;
  }

  start(): void {
    if (this.#client || this.#stopping) return;
    this.#connect();
  }

  #connect(): void {
    const o = this.#options;
    const will = o.will();
    const clientOptions: IClientOptions = {
      protocolVersion: 4, // MQTT 3.1.1 (docs/protocol.md §2)
      clientId: o.clientId,
      username: o.username,
      password: o.password,
      clean: true,
      keepalive: o.keepaliveS ?? 30, // 30 s: the broker sees a dead link (and fires the will) within 45 s
      connectTimeout: o.connectTimeoutMs ?? 10_000, // 10 s
      reconnectPeriod: 0,
      resubscribe: false, // the run loop subscribes on every connect itself
      // mqtt-packet otherwise builds a 2-byte Buffer for each of the 65,536 packet ids on the first
      // write (numbers.js generateCache): 6.5 MiB of heap kept for good, to save an allocation per
      // packet on a client that sends one heartbeat every few seconds.
      writeCache: false,
      will: { topic: will.topic, payload: will.payload, qos: 1, retain: false },
      // mqtt.js sets servername from the URL's host name (not for an IP, which is checked as an IP).
      ...(o.ca ? { ca: o.ca, rejectUnauthorized: true } : {}),
      // tls.connect's `session`: mqtt.js passes its options through to it (connect/tls.js).
      ...(this.#tlsSession ? { session: this.#tlsSession } : {}),
    };
    this.#setState('connecting');
    const url = this.url;
    const client = mqtt.connect(url, clientOptions);
    this.#client = client;
    this.#keepTlsSession(client);
    const pending = new Set<(result: PublishResult) => void>();
    this.#pending = pending;

    client.on('connect', () => {
      o.backoff.reset();
      this.#setState('connected');
      o.log.info({ broker: url, ...tlsResumed(client) }, 'connected to broker');
      o.onConnect();
    });
    client.on('message', (topic, payload) => o.onMessage(topic, payload));
    client.on('error', (err: Error & { code?: number | string }) => {
      const refused = typeof err.code === 'number' ? CONNACK_MEANING[err.code] : undefined;
      if (refused) {
        o.log.error({ returnCode: err.code, broker: url }, `broker refused the connection: ${refused}`);
      } else if (isTlsVerificationError(err.code)) {
        // Not retried into success by waiting: someone else answers, or the platform changed its CA.
        o.log.error(
          { err: { message: err.message, code: err.code }, broker: url, caPinned: o.ca !== undefined },
          o.ca ? "the broker's certificate is not signed by the pinned CA" : "the broker's certificate is not trusted by this system",
        );
      } else {
        o.log.warn({ err: { message: err.message, code: err.code }, broker: url }, 'mqtt error');
      }
    });
    client.once('close', () => {
      // This client is done for good: its unanswered publishes will never be answered.
      for (const settle of [...pending]) settle('offline');
      client.removeAllListeners('connect');
      client.removeAllListeners('message');
      client.end(true);
      if (this.#stopping || this.#client !== client) return;
      if (this.#state === 'connected') o.log.warn({ broker: url }, 'lost connection to broker');
      this.#setState('disconnected');
      this.#urlIndex = (this.#urlIndex + 1) % this.#urls.length; // the next node of the cluster
      this.#scheduleRetry();
    });
  }

  #keepTlsSession(client: MqttClient): void {
    const socket = client.stream;
    if (!(socket instanceof TLSSocket)) return;
    // TLS 1.3 sends tickets after the handshake, possibly several (OpenSSL: two): keep the newest,
    // and only from a connection whose certificate was verified (mqtt.js ends one that was not).
    socket.on('session', (session: Buffer) => {
      if (socket.authorized) this.#tlsSession = session;
    });
  }

  /** Subscribes at QoS 1; resolves to false if the broker refused or the link dropped. */
  subscribe(topic: string): Promise<boolean> {
    const client = this.#client;
    if (!client?.connected) return Promise.resolve(false);
    return new Promise((resolve) => {
      client.subscribe(topic, { qos: 1 }, (err, granted) => {
        // A granted QoS of 128 is the broker's refusal [MQTT-3.9.3-2].
        resolve(!err && (granted ?? []).every((g) => g.qos !== 128));
      });
    });
  }

  /**
   * Publishes at QoS 1; resolves 'sent' at PUBACK, 'offline' when not connected or when the
   * connection closes first, 'timeout' when no PUBACK came in time (the connection is then closed
   * and retried). Never queues while offline: the caller decides.
   */
  publish(message: OutgoingMessage): Promise<PublishResult> {
    const client = this.#client;
    if (!client?.connected) return Promise.resolve('offline');
    const pending = this.#pending;
    const ackTimeoutMs = this.#options.ackTimeoutMs ?? DEFAULT_ACK_TIMEOUT_MS;
    return new Promise((resolve) => {
      const settle = (result: PublishResult): void => {
        if (!pending.delete(settle)) return;
        clearTimeout(timer);
        resolve(result);
      };
      const timer = setTimeout(() => {
        settle('timeout');
        if (this.#client !== client || this.#stopping) return;
        // A broker that takes a PUBLISH and never answers is a half-open or wedged link: keeping it
        // would leave the device "connected" and silent. A new connection resends from the queue.
        this.#options.log.warn({ broker: this.url, ackTimeoutMs }, 'no PUBACK in time; reconnecting');
        client.stream?.destroy();
      }, ackTimeoutMs);
      pending.add(settle);
      client.publish(message.topic, message.payload, { qos: 1 }, (err) => settle(err ? 'failed' : 'sent'));
    });
  }

  /**
   * Ends the session: publishes `last` (if connected) and waits for its PUBACK, then sends DISCONNECT,
   * which tells the broker not to publish the will [MQTT-3.1.2-10]. Bounded by timeoutMs overall.
   */
  async stop(last: OutgoingMessage | undefined, timeoutMs: number): Promise<PublishResult | 'skipped'> {
    this.#stopping = true;
    clearTimeout(this.#retryTimer);
    const client = this.#client;
    if (!client) return 'skipped';
    const deadline = Date.now() + timeoutMs;
    let result: PublishResult | 'skipped' = 'skipped';
    if (last && client.connected) {
      result = await withTimeout(this.publish(last), Math.max(0, deadline - Date.now() - 500), 'timeout' as const);
    }
    const ended = await withTimeout(
      client.endAsync(false).then(() => true),
      Math.max(0, deadline - Date.now()),
      false,
    );
    if (!ended) client.end(true);
    this.#setState('stopped');
    return result;
  }

  #scheduleRetry(): void {
    if (this.#stopping || this.#retryTimer) return;
    const o = this.#options;
    const attempt = o.backoff.attempt + 1;
    const delayMs = o.backoff.next();
    o.log.info({ delayMs, attempt, broker: this.url }, 'reconnecting after backoff');
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      if (!this.#stopping) this.#connect();
    }, delayMs);
  }

  #setState(state: ConnectionState): void {
    if (this.#state === state) return;
    this.#state = state;
    this.#options.onStateChange?.(state);
  }
}

function withTimeout<T, F>(promise: Promise<T>, ms: number, fallback: F): Promise<T | F> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.catch(() => fallback),
    new Promise<F>((resolve) => {
      timer = setTimeout(() => resolve(fallback), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** For the 'connected' log line: whether the TLS session was resumed (absent on plain MQTT). */
function tlsResumed(client: MqttClient): { tlsResumed?: boolean } {
  return client.stream instanceof TLSSocket ? { tlsResumed: client.stream.isSessionReused() } : {};
}
