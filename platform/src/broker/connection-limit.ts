// How many device connections one process may accept: one file descriptor each, below the
// process's open-file limit with room for the database pool, the API and files. Beyond it a new
// connection is closed at once (net.Server maxConnections) and the device retries with backoff,
// possibly into another worker of a cluster, instead of the process failing to open anything at
// all (EMFILE). Linux tells the limit in /proc/self/limits; elsewhere there is no cap.
import { readFileSync } from 'node:fs';

const RESERVE = 1_000;

export function deviceConnectionLimit(limits = '/proc/self/limits'): number {
  try {
    const soft = /^Max open files\s+(\d+|unlimited)/m.exec(readFileSync(limits, 'utf8'))?.[1];
    return soft === undefined || soft === 'unlimited' ? Infinity : Math.max(1, Number(soft) - RESERVE);
  } catch {
    return Infinity;
  }
}
