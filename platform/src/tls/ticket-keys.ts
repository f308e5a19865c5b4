// The key that encrypts TLS session tickets (RFC 5077 §4; in TLS 1.3 the NewSessionTicket of
// RFC 8446 §4.6.1 that carries the resumption PSK, §2.2). A device that offers a ticket the server
// can decrypt resumes without the certificate signature and verification of a full handshake: the
// reconnect storm after a platform restart is mostly resumptions, if the key outlives the process.
// (Measured in docs/capacity.md: the server saves one P-256 signature, tens of µs, as TLS 1.3
// resumption still runs X25519; the device saves its certificate verification.)
// So the key is kept in dataDir/tls/ticket-key.json (0600, created on the first start), read by every
// cluster worker, and replaced by a new random key once it is ROTATE_MS old.
//
// Node takes exactly one 48-byte key (tls.createServer `ticketKeys`, server.setTicketKeys): 16 bytes
// key name, 16 HMAC, 16 AES. A ticket under any other key name is not decrypted; the handshake goes
// on as a full one (OpenSSL's ticket callback returns 0), so a rotation costs each device one full
// handshake, never a failed connection. Keeping the previous key for decryption, as RFC 5077 §5.5
// suggests, would need a ticket callback Node does not expose. A fresh random key (not one derived
// from a long-lived secret) means deleting an old key makes its tickets unreadable for good.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, openSync, closeSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const TICKET_KEY_BYTES = 48; // Node: 16 name + 16 HMAC secret + 16 AES key
export const ROTATE_MS = 86_400_000; // 24 h: a new key daily
// RFC 8446 §4.6.1 caps a ticket's lifetime at 7 days; one older than its key cannot be decrypted
// anyway, so the lifetime is the key's (Node's default, 300 s, would expire before a device's
// reconnect after a long outage). In seconds, as Node's `sessionTimeout`.
export const TICKET_LIFETIME_S = ROTATE_MS / 1_000;
const CHECK_EVERY_MS = 60_000; // each process looks for a rotated key once a minute
const STALE_LOCK_MS = 10_000; // a rotation lock older than this was left by a crashed process

interface Stored {
  createdAt: string;
  key: string; // base64 of TICKET_KEY_BYTES
}

/** A server whose ticket key can be replaced while it runs (tls.Server, https.Server). */
export interface TicketKeyHolder {
  setTicketKeys(keys: Buffer): void;
  once(event: 'close', listener: () => void): unknown;
  on(event: 'listening', listener: () => void): unknown;
}

export class TicketKeys {
  readonly #path: string;
  readonly #clock: () => number;
  #key: Buffer;
  readonly #servers = new Set<TicketKeyHolder>();
  #timer: NodeJS.Timeout | null = null;

  /** Reads the key in `dir`, creating or rotating it first when missing or due. */
  constructor(dir: string, clock: () => number = Date.now) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    this.#path = join(dir, 'ticket-key.json');
    this.#clock = clock;
    this.#key = this.#readOrRotate();
  }

  /** The key to encrypt tickets with now. */
  current(): Buffer {
    return this.#key;
  }

  /**
   * Keeps `server` on the current key: every minute the file is read again, so a key another worker
   * rotated reaches this one within a minute (tickets issued meanwhile by the other worker fall back
   * to a full handshake here). The check stops with the last server's 'close'.
   */
  serve(server: TicketKeyHolder): void {
    server.setTicketKeys(this.#key);
    // In a cluster worker, listen() sets the keys node:cluster cached from the first worker that
    // listened (tls.Server._setServerData): after a rotation, a replaced worker would get the old one.
    server.on('listening', () => server.setTicketKeys(this.#key));
    this.#servers.add(server);
    server.once('close', () => {
      this.#servers.delete(server);
      if (this.#servers.size === 0 && this.#timer) {
        clearInterval(this.#timer);
        this.#timer = null;
      }
    });
    this.#timer ??= setInterval(() => this.#refresh(), CHECK_EVERY_MS).unref();
  }

  #refresh(): void {
    try {
      const key = this.#readOrRotate();
      if (key.equals(this.#key)) return;
      this.#key = key;
      for (const s of this.#servers) s.setTicketKeys(key);
    } catch {
      // A disk that cannot be read now: the key in memory still serves; next minute tries again.
    }
  }

  #readOrRotate(): Buffer {
    const stored = this.#read();
    if (stored && this.#clock() - Date.parse(stored.createdAt) < ROTATE_MS) return Buffer.from(stored.key, 'base64');
    const rotated = this.#rotate(stored === null);
    if (rotated) return rotated;
    if (stored) return Buffer.from(stored.key, 'base64'); // another process is rotating: next minute brings its key
    throw new Error(`${this.#path}.lock is held: no ticket key yet`);
  }

  #read(): Stored | null {
    let text: string;
    try {
      text = readFileSync(this.#path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    const parsed = JSON.parse(text) as Partial<Stored>;
    if (typeof parsed.key !== 'string' || typeof parsed.createdAt !== 'string' || Buffer.from(parsed.key, 'base64').length !== TICKET_KEY_BYTES) {
      throw new Error(`${this.#path} does not hold a ${TICKET_KEY_BYTES}-byte ticket key`);
    }
    return parsed as Stored;
  }

  /**
   * Writes a new key under an exclusive lock file, so two workers rotating at the same minute agree
   * on one key (the second finds the first's fresh key). Null when another process holds the lock;
   * `force` (no key at all yet) waits for it instead.
   */
  #rotate(force = false): Buffer | null {
    const lock = `${this.#path}.lock`;
    const deadline = this.#clock() + STALE_LOCK_MS;
    for (;;) {
      try {
        closeSync(openSync(lock, 'wx', 0o600));
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        if (this.#lockAge(lock) > STALE_LOCK_MS) unlinkSync(lock);
        else if (!force || this.#clock() > deadline) return null;
      }
    }
    try {
      const again = this.#read();
      if (again && this.#clock() - Date.parse(again.createdAt) < ROTATE_MS) return Buffer.from(again.key, 'base64');
      const key = randomBytes(TICKET_KEY_BYTES);
      const tmp = `${this.#path}.tmp`;
      writeFileSync(tmp, JSON.stringify({ createdAt: new Date(this.#clock()).toISOString(), key: key.toString('base64') } satisfies Stored), { mode: 0o600 });
      chmodSync(tmp, 0o600);
      renameSync(tmp, this.#path); // atomic: a reader sees the old key or the new, never half
      return key;
    } finally {
      unlinkSync(lock);
    }
  }

  #lockAge(lock: string): number {
    try {
      return Date.now() - statSync(lock).mtimeMs;
    } catch {
      return 0;
    }
  }
}
