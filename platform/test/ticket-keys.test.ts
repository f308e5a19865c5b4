// The session-ticket key (src/tls/ticket-keys.ts): made once, 0600, the same for every process that
// reads the directory (cluster workers, a restarted platform), replaced after a day, and a running
// server follows the replacement.
import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ROTATE_MS, TICKET_KEY_BYTES, TicketKeys } from '../src/tls/ticket-keys.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'edgenet-ticket-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  vi.useRealTimers();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

class FakeServer extends EventEmitter {
  keys: Buffer[] = [];
  setTicketKeys(keys: Buffer): void {
    this.keys.push(keys);
  }
}

describe('session-ticket key', () => {
  it('is made on the first start, 0600, and read back by every other process on the directory', () => {
    const dir = tempDir();
    const first = new TicketKeys(dir);
    expect(first.current()).toHaveLength(TICKET_KEY_BYTES);
    expect(statSync(join(dir, 'ticket-key.json')).mode & 0o777).toBe(0o600);
    expect(new TicketKeys(dir).current().equals(first.current())).toBe(true);
    expect(new TicketKeys(tempDir()).current().equals(first.current())).toBe(false);
  });

  it('is replaced by a new random key once a day old, and only once', () => {
    const dir = tempDir();
    let now = Date.parse('2026-12-03T00:00:00Z');
    const old = new TicketKeys(dir, () => now).current();
    now += ROTATE_MS - 1;
    expect(new TicketKeys(dir, () => now).current().equals(old)).toBe(true);
    now += 1;
    const rotated = new TicketKeys(dir, () => now).current();
    expect(rotated.equals(old)).toBe(false);
    expect(new TicketKeys(dir, () => now).current().equals(rotated)).toBe(true);
  });

  it('leaves the rotation to the process holding the lock, and a running server follows the new key', () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] }); // Date stays real: the lock's age is read from the disk
    const dir = tempDir();
    let now = Date.now();
    const keys = new TicketKeys(dir, () => now);
    const server = new FakeServer();
    keys.serve(server);
    server.emit('listening'); // a cluster worker's listen() set node:cluster's cached keys meanwhile
    expect(server.keys).toEqual([keys.current(), keys.current()]);
    // Another worker is rotating: this one keeps serving the key it has.
    now += ROTATE_MS;
    writeFileSync(join(dir, 'ticket-key.json.lock'), '');
    vi.advanceTimersByTime(60_000);
    expect(server.keys).toHaveLength(2);
    // That worker wrote its key: this one picks it up at the next check.
    writeFileSync(join(dir, 'ticket-key.json'), JSON.stringify({ createdAt: new Date(now).toISOString(), key: Buffer.alloc(48, 7).toString('base64') }));
    rmSync(join(dir, 'ticket-key.json.lock'));
    vi.advanceTimersByTime(60_000);
    expect(server.keys.at(-1)).toEqual(Buffer.alloc(48, 7));
    expect(JSON.parse(readFileSync(join(dir, 'ticket-key.json'), 'utf8')).key).toBe(Buffer.alloc(48, 7).toString('base64'));
    server.emit('close');
  });

  it('refuses a file that does not hold a 48-byte key', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'ticket-key.json'), JSON.stringify({ createdAt: new Date().toISOString(), key: 'c2hvcnQ=' }));
    expect(() => new TicketKeys(dir)).toThrow(/48-byte ticket key/);
  });
});
