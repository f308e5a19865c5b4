// A TCP proxy of the test's own between devices and the platform (node:net), standing in for the
// factory's bad link: it can add latency and throttle bandwidth per direction, reset every
// connection (a real RST, as a NAT box or a flapping modem does), and refuse new connections for a
// while. It listens on one port for its whole life, so a device keeps one broker address while the
// platform behind it is killed and restarted on the same port.
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface LinkShape {
  /** One-way delay added to every chunk, each direction. */
  latencyMs: number;
  /** Bytes per second per connection and direction; 0: unthrottled. */
  bytesPerSecond: number;
}

export const CLEAR_LINK: Readonly<LinkShape> = Object.freeze({ latencyMs: 0, bytesPerSecond: 0 });

export interface ProxyStats {
  /** Connections accepted and passed to the upstream since the proxy started. */
  accepted: number;
  /** Accepted while refusing: reset at once, never passed on. */
  refused: number;
  /** Passed on, but the upstream did not answer (platform down). */
  upstreamFailed: number;
  /** Connections torn down by resetAll(). */
  reset: number;
  open: number;
  bytesUp: number;
  bytesDown: number;
}

export interface TcpProxy {
  port: number;
  url(scheme?: string): string;
  shape(link: Partial<LinkShape>): void;
  /** Sends RST on both sides of every open connection; returns how many were open. */
  resetAll(): number;
  /** Resets every connection that arrives during the next ms (open ones are left alone). */
  refuseFor(ms: number): void;
  stats(): ProxyStats;
  close(): Promise<void>;
}

/** Chunks are cut to this many bytes when throttled, so a slow link delivers a steady trickle. */
const THROTTLE_SLICE_BYTES = 256;

export async function startTcpProxy(upstream: { host: string; port: number }, link: Partial<LinkShape> = {}): Promise<TcpProxy> {
  let shape: LinkShape = { ...CLEAR_LINK, ...link };
  let refuseUntil = 0;
  const open = new Set<{ client: Socket; server: Socket }>();
  const stats: ProxyStats = { accepted: 0, refused: 0, upstreamFailed: 0, reset: 0, open: 0, bytesUp: 0, bytesDown: 0 };

  const server: Server = createServer({ noDelay: true }, (client) => {
    client.on('error', () => undefined);
    if (Date.now() < refuseUntil) {
      stats.refused += 1;
      client.resetAndDestroy();
      return;
    }
    stats.accepted += 1;
    // Nothing is read from the device until the upstream answers: pause keeps its bytes in the
    // kernel (and its window closed), as a real router would before the far side exists.
    client.pause();
    const up = connect({ host: upstream.host, port: upstream.port, noDelay: true });
    const pair = { client, server: up };
    up.on('error', () => undefined);
    let connected = false;
    up.once('connect', () => {
      connected = true;
      open.add(pair);
      pipe(
        client,
        up,
        () => shape,
        (n) => (stats.bytesUp += n),
      );
      pipe(
        up,
        client,
        () => shape,
        (n) => (stats.bytesDown += n),
      );
      client.resume();
    });
    up.once('close', () => {
      if (!connected) {
        stats.upstreamFailed += 1;
        client.destroy(); // the platform is not there: the device sees its connection drop at once
      }
    });
    const forget = (): void => {
      if (client.destroyed && up.destroyed) open.delete(pair);
    };
    up.once('close', forget);
    client.once('close', forget);
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;

  return {
    port,
    url: (scheme = 'mqtt') => `${scheme}://127.0.0.1:${port}`,
    shape(next) {
      shape = { ...shape, ...next };
    },
    resetAll() {
      const n = open.size;
      for (const pair of [...open]) {
        open.delete(pair);
        stats.reset += 1;
        pair.client.resetAndDestroy();
        pair.server.resetAndDestroy();
      }
      return n;
    },
    refuseFor(ms) {
      refuseUntil = Date.now() + ms;
    },
    stats: () => ({ ...stats, open: open.size }),
    async close() {
      for (const pair of [...open]) {
        pair.client.destroy();
        pair.server.destroy();
      }
      open.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Copies from → to in order, each chunk delivered no earlier than latencyMs after it arrived and no
 * faster than bytesPerSecond. The source is paused while more than a second's worth waits, so a
 * throttled link pushes back on the sender through TCP, as a slow modem does.
 *
 * A source that closes cleanly is passed on as a FIN once what it sent before has been delivered,
 * so a device's last packets (Status, DISCONNECT) are not cut off by the latency queue; a source
 * that fails (reset, killed peer) tears the other side down at once.
 */
function pipe(from: Socket, to: Socket, shape: () => LinkShape, count: (n: number) => void): void {
  const waiting: { at: number; data: Buffer }[] = [];
  let waitingBytes = 0;
  let nextFreeAt = 0;
  let timer: NodeJS.Timeout | undefined;
  let sourceClosed = false;
  let sourceFailed = false;

  const pump = (): void => {
    timer = undefined;
    while (waiting.length > 0 && !to.destroyed) {
      const now = Date.now();
      const head = waiting[0]!;
      const { bytesPerSecond } = shape();
      const readyAt = Math.max(head.at, bytesPerSecond > 0 ? nextFreeAt : 0);
      if (readyAt > now) {
        timer = setTimeout(pump, readyAt - now);
        return;
      }
      let piece = head.data;
      if (bytesPerSecond > 0 && piece.length > THROTTLE_SLICE_BYTES) {
        piece = head.data.subarray(0, THROTTLE_SLICE_BYTES);
        head.data = head.data.subarray(THROTTLE_SLICE_BYTES);
      } else {
        waiting.shift();
      }
      waitingBytes -= piece.length;
      if (bytesPerSecond > 0) nextFreeAt = Math.max(nextFreeAt, now) + (piece.length * 1_000) / bytesPerSecond;
      count(piece.length);
      to.write(piece);
    }
    if (sourceClosed && waiting.length === 0 && !to.destroyed) to.end();
    if (!sourceClosed && from.isPaused() && waitingBytes < highWater(shape())) from.resume();
  };

  from.on('data', (data: Buffer) => {
    const { latencyMs, bytesPerSecond } = shape();
    if (latencyMs === 0 && bytesPerSecond === 0 && waiting.length === 0) {
      count(data.length);
      to.write(data);
      return;
    }
    waiting.push({ at: Date.now() + latencyMs, data });
    waitingBytes += data.length;
    if (waitingBytes >= highWater(shape())) from.pause();
    if (!timer) pump();
  });
  from.once('error', () => (sourceFailed = true));
  from.once('close', () => {
    sourceClosed = true;
    if (sourceFailed) {
      clearTimeout(timer);
      to.destroy();
    } else if (!timer) {
      pump();
    }
  });
  to.once('close', () => {
    clearTimeout(timer);
    from.destroy();
  });
}

function highWater(link: LinkShape): number {
  return link.bytesPerSecond > 0 ? Math.max(link.bytesPerSecond, 4 * THROTTLE_SLICE_BYTES) : 1024 * 1024;
}
