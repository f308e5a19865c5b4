// Admission for every socket the platform accepts, before TLS or any protocol byte: the caps and
// deadlines that keep idle or flooding sockets from taking the file descriptors devices need.
//
// - a total cap shared by every listener of one guard (both MQTT listeners share one, so together
//   they stay under the process's open-file limit; EMQX `max_connections` is per listener);
// - a cap per source address (nginx `limit_conn` keyed on `$binary_remote_addr`), high by default
//   because a factory puts hundreds of devices behind one NAT address;
// - a connection rate per address (connect-rate.ts);
// - a deadline from accept to the first useful packet (TLS finished and MQTT CONNECT, or HTTP
//   request headers), as EMQX's `idle_timeout`: a socket that says nothing is closed after it, so
//   an idle flood holds each descriptor for seconds, not forever.
//
// A refused socket is closed at once and counted; one log line a minute says how many were refused
// and why, with the last address cut short, so a flood cannot turn into a log flood.
import type { Server, Socket } from 'node:net';
import type { Logger } from 'pino';
import { ConnectRate } from './connect-rate.js';
import { bounded } from './bounded.js';

export type Refusal = 'total' | 'per_address' | 'rate';

// The kernel's queue of connections not yet accepted. Node's default (511) fills within a
// fraction of a second of a connection flood, and then devices' SYNs are dropped and retried after
// 1 s, 3 s, 7 s; 4,096 (Linux's default net.core.somaxconn, which caps it) lets a burst wait while
// the guard accepts and refuses.
export const LISTEN_BACKLOG = 4_096;

export interface ConnectionGuardOptions {
  /** Names the listeners in the log: 'mqtt' or 'api'. */
  name: string;
  maxTotal: number;
  maxPerAddress: number;
  ratePerS: number;
  burst: number;
  /** Milliseconds from accept to settle() before the socket is closed. */
  deadlineMs: number;
  /** Distinct addresses whose connection rate is tracked at once. */
  maxTrackedAddresses?: number;
  now?: () => number;
}

export interface GuardFigures {
  open: number;
  admitted: number;
  refused: Record<Refusal, number>;
  /** Sockets closed because they did not settle before the deadline. */
  deadline: number;
}

const LOG_EVERY_MS = 60_000; // one line a minute about refusals, whatever the flood

/** What a socket and the TLS socket or client built on it share: the peer's address and port. */
type Peer = { remoteAddress?: string | undefined; remotePort?: number | undefined };
const peerKey = (p: Peer): string => `${p.remoteAddress ?? '?'}|${p.remotePort ?? 0}`;

export class ConnectionGuard {
  readonly #opts: ConnectionGuardOptions;
  readonly #log: Logger;
  readonly #now: () => number;
  readonly #rate: ConnectRate;
  readonly #perAddress = new Map<string, number>(); // only addresses with an open socket: bounded by maxTotal
  readonly #pending = new Map<string, { socket: Socket; timer: NodeJS.Timeout }>();
  readonly #figures: GuardFigures = { open: 0, admitted: 0, refused: { total: 0, per_address: 0, rate: 0 }, deadline: 0 };
  #unlogged: Record<Refusal, number> = { total: 0, per_address: 0, rate: 0 };
  #loggedAtMs = -Infinity;

  constructor(opts: ConnectionGuardOptions, log: Logger) {
    this.#opts = opts;
    this.#log = log;
    this.#now = opts.now ?? Date.now;
    this.#rate = new ConnectRate({ ratePerS: opts.ratePerS, burst: opts.burst, maxAddresses: opts.maxTrackedAddresses ?? 100_000, now: this.#now });
  }

  figures(): GuardFigures {
    return { ...this.#figures, refused: { ...this.#figures.refused } };
  }

  /**
   * Puts the guard in front of a server's own connection handling: the server's 'connection'
   * listeners (net's handler, or tls.Server's handshake) run only for admitted sockets. Call it
   * after the server is made and before it listens.
   */
  attach(server: Server): void {
    const listeners = server.listeners('connection') as ((socket: Socket) => void)[];
    server.removeAllListeners('connection');
    server.on('connection', (socket: Socket) => {
      if (!this.admit(socket)) return;
      for (const listener of listeners) listener.call(server, socket);
    });
  }

  /** Decides on one accepted socket; a refused one is destroyed before this returns. */
  admit(socket: Socket): boolean {
    const address = socket.remoteAddress;
    if (address === undefined) {
      socket.destroy(); // already gone
      return false;
    }
    const refusal = this.#refusal(address);
    if (refusal) {
      socket.destroy();
      this.#refused(refusal, address);
      return false;
    }
    this.#figures.admitted += 1;
    this.#figures.open += 1;
    this.#perAddress.set(address, (this.#perAddress.get(address) ?? 0) + 1);
    const key = peerKey(socket);
    const timer = setTimeout(() => {
      this.#figures.deadline += 1;
      socket.destroy();
    }, this.#opts.deadlineMs);
    timer.unref();
    this.#pending.set(key, { socket, timer });
    socket.once('close', () => {
      this.#figures.open -= 1;
      const n = (this.#perAddress.get(address) ?? 1) - 1;
      if (n <= 0) this.#perAddress.delete(address);
      else this.#perAddress.set(address, n);
      const pending = this.#pending.get(key);
      if (pending?.socket === socket) {
        clearTimeout(pending.timer);
        this.#pending.delete(key);
      }
    });
    return true;
  }

  /**
   * The connection said what it came for (MQTT CONNECT, HTTP request headers): its deadline is
   * over and the protocol's own timeouts (keep-alive) take over. Takes the TLS socket or the
   * client built on the raw one; they share the peer's address and port.
   */
  settle(peer: Peer): void {
    const key = peerKey(peer);
    const pending = this.#pending.get(key);
    if (!pending) return;
    clearTimeout(pending.timer);
    this.#pending.delete(key);
  }

  #refusal(address: string): Refusal | null {
    if (this.#figures.open >= this.#opts.maxTotal) return 'total';
    if ((this.#perAddress.get(address) ?? 0) >= this.#opts.maxPerAddress) return 'per_address';
    if (!this.#rate.take(address)) return 'rate';
    return null;
  }

  #refused(reason: Refusal, address: string): void {
    this.#figures.refused[reason] += 1;
    this.#unlogged[reason] += 1;
    const now = this.#now();
    if (now - this.#loggedAtMs < LOG_EVERY_MS) return;
    this.#loggedAtMs = now;
    this.#log.warn(
      {
        listener: this.#opts.name,
        refused: this.#unlogged,
        open: this.#figures.open,
        maxTotal: this.#opts.maxTotal,
        maxPerAddress: this.#opts.maxPerAddress,
        lastAddress: bounded(address, 64),
      },
      'connections refused (counts since the last such line, at most one a minute)',
    );
    this.#unlogged = { total: 0, per_address: 0, rate: 0 };
  }
}
