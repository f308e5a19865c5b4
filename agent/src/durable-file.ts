// Durable files. Every write goes to a temp file in the same directory, is fsynced, then renamed
// over the target (rename is atomic within one filesystem, POSIX rename(2)), and the directory is
// fsynced so the rename itself survives a power cut. A reader therefore sees the old file or the new
// one, never half of either: the property the heartbeat sequence depends on.
import { randomBytes } from 'node:crypto';
import { closeSync, fdatasyncSync, fstatSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AgentError } from './errors.js';

export function atomicWriteFile(path: string, data: string | Uint8Array, mode = 0o644): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    // The mode is set at creation, so a secret is never readable by others even for an instant.
    fd = openSync(tmp, 'wx', mode);
    writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
  } catch (err) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    throw new AgentError('EDGE_AGENT_ERR_STATE_DIR', `cannot write ${path}: ${(err as Error).message}`, { cause: err });
  }
  fsyncDirectory(dirname(path));
}

export function fsyncDirectory(dir: string): void {
  // Some platforms (Windows) and filesystems refuse fsync on a directory; the rename is still atomic.
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // best effort
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function writeJsonFile(path: string, value: unknown, mode = 0o644): void {
  atomicWriteFile(path, `${JSON.stringify(value, null, 2)}\n`, mode);
}

/**
 * A small file rewritten all the time (seq.json, chain.json, status.json), written so that a full
 * disk does not stop it: atomically as usual, padded with spaces to a multiple of `blockBytes`
 * (JSON allows trailing white space, RFC 8259 §2); and when the disk has no room for the new copy,
 * over the old copy in place, which needs no new block as long as the content fits in the old size.
 * An in-place write of one sector is not guaranteed atomic, but the alternative on a full disk is no
 * write at all: the heartbeat seq could not advance and the device would go silent.
 */
export function writeSmallJsonFile(path: string, value: unknown, blockBytes: number, mode = 0o644): void {
  const text = `${JSON.stringify(value)}\n`;
  const size = Math.ceil(Buffer.byteLength(text) / blockBytes) * blockBytes;
  try {
    atomicWriteFile(path, padded(text, size), mode);
  } catch (err) {
    if (!overwriteInPlace(path, text)) throw err;
  }
}

/** text (ending in a newline) with spaces before its newline, to `size` bytes. */
function padded(text: string, size: number): Buffer {
  const data = Buffer.alloc(size, ' ');
  data.write(text.slice(0, -1), 0, 'utf8');
  data[size - 1] = 0x0a;
  return data;
}

/** Overwrites an existing file from byte 0 with text padded to its size; false when it cannot. */
function overwriteInPlace(path: string, text: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r+');
    const size = fstatSync(fd).size;
    if (Buffer.byteLength(text) > size) return false;
    const data = padded(text, size);
    let written = 0;
    while (written < size) written += writeSync(fd, data, written, size - written, written);
    fdatasyncSync(fd);
    return true;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The parsed JSON, or undefined when the file does not exist. Unparseable content is an error. */
export function readJsonFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new AgentError('EDGE_AGENT_ERR_STATE_DIR', `cannot read ${path}: ${(err as Error).message}`, { cause: err });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new AgentError('EDGE_AGENT_ERR_STATE_CORRUPT', `${path} is not valid JSON: ${(err as Error).message}`, {
      cause: err,
    });
  }
}
