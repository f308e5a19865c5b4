// Which process of a cluster holds what (Linux /proc): the primary's worker processes, and the
// worker whose file descriptors hold the server side of a loopback TCP connection.
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';

/** The primary's worker processes. */
export const workerPids = (pid: number): number[] =>
  readdirSync(`/proc/${pid}/task`).flatMap((t) => readFileSync(`/proc/${pid}/task/${t}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number));
const hexPort = (port: number) => port.toString(16).toUpperCase().padStart(4, '0');

/** The worker whose descriptors hold the server side of the loopback connection from `clientPort` to `serverPort`. */
export function workerHolding(workers: number[], serverPort: number, clientPort: number): number | undefined {
  const row = readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .find((f) => f[1] === `0100007F:${hexPort(serverPort)}` && f[2] === `0100007F:${hexPort(clientPort)}`);
  if (!row) return undefined;
  const socket = `socket:[${row[9]}]`;
  return workers.find((pid) =>
    readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`) === socket;
      } catch {
        return false;
      }
    }),
  );
}
