import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAgentError } from '../src/errors.js';
import { ChainStore } from '../src/chain-store.js';
import { atomicWriteFile } from '../src/durable-file.js';
import { SeqStore } from '../src/seq-store.js';
import { STATE_FILES } from '../src/state-files.js';
import { readStatusFile, writeStatusFile } from '../src/status-file.js';
import { tempDir } from './helpers/state-dir.js';

describe('atomicWriteFile', () => {
  it('replaces the file whole and leaves no temp file behind', () => {
    const dir = tempDir();
    const path = join(dir, 'x.json');
    atomicWriteFile(path, 'one');
    atomicWriteFile(path, 'two');
    expect(readFileSync(path, 'utf8')).toBe('two');
    expect(readdirSync(dir)).toEqual(['x.json']);
  });

  it('creates the file with the requested mode', () => {
    const dir = tempDir();
    atomicWriteFile(join(dir, 'secret'), 's', 0o600);
    expect(statSync(join(dir, 'secret')).mode & 0o777).toBe(0o600);
  });

  it('reports a coded error when the directory is not writable', () => {
    let caught: unknown;
    try {
      atomicWriteFile(join(tempDir(), 'missing-dir', 'x'), 'x');
    } catch (err) {
      caught = err;
    }
    expect(isAgentError(caught, 'EDGE_AGENT_ERR_STATE_DIR')).toBe(true);
  });
});

describe('SeqStore', () => {
  it('starts at 1 and hands out strictly increasing values', () => {
    const store = SeqStore.open(tempDir());
    expect([store.take(), store.take(), store.take()]).toEqual([1, 2, 3]);
    expect(store.peek()).toBe(4);
  });

  it('has the next value on disk before a value is handed out, so a reopen continues', () => {
    const dir = tempDir();
    const store = SeqStore.open(dir);
    const taken = [store.take(), store.take()];
    expect(JSON.parse(readFileSync(join(dir, STATE_FILES.seq), 'utf8'))).toEqual({ nextSeq: 3 });
    // A "restart": a new store over the same directory, no shutdown of the first.
    const reopened = SeqStore.open(dir);
    const next = reopened.take();
    expect(next).toBeGreaterThan(Math.max(...taken));
  });

  it('survives debris of an interrupted write (a torn temp file) without going backwards', () => {
    const dir = tempDir();
    const store = SeqStore.open(dir);
    for (let i = 0; i < 5; i++) store.take();
    // A crash between write and rename leaves a temp file; the real file is still the last whole one.
    writeFileSync(join(dir, `.${STATE_FILES.seq}.999.deadbeef.tmp`), '{"nextSeq": 1');
    const reopened = SeqStore.open(dir);
    expect(reopened.peek()).toBe(6);
  });

  it('refuses to move backwards', () => {
    const store = SeqStore.open(tempDir());
    store.advanceTo(100);
    expect(store.take()).toBe(100);
    let caught: unknown;
    try {
      store.advanceTo(50);
    } catch (err) {
      caught = err;
    }
    expect(isAgentError(caught, 'EDGE_AGENT_ERR_SEQ_BACKWARDS')).toBe(true);
    expect(store.take()).toBe(101);
  });

  it('never goes below the floor given by another witness (status.json lastSeq)', () => {
    const dir = tempDir();
    const store = SeqStore.open(dir);
    store.take(); // seq.json now says 2, as if restored from an old backup
    const reopened = SeqStore.open(dir, 41);
    expect(reopened.take()).toBe(41);
    expect(SeqStore.open(dir).peek()).toBe(42);
  });

  it('refuses a damaged seq file rather than guess (guessing low would reuse seqs)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, STATE_FILES.seq), '{"nextSeq": "x"}');
    expect(() => SeqStore.open(dir)).toThrow(/nextSeq/);
    writeFileSync(join(dir, STATE_FILES.seq), 'not json');
    let caught: unknown;
    try {
      SeqStore.open(dir);
    } catch (err) {
      caught = err;
    }
    expect(isAgentError(caught, 'EDGE_AGENT_ERR_STATE_CORRUPT')).toBe(true);
  });
});

describe('status.json', () => {
  it('round-trips, and a damaged file reads as absent', () => {
    const dir = tempDir();
    expect(readStatusFile(dir)).toBeUndefined();
    const status = {
      pid: 1,
      agentVersion: '0.1.0',
      state: 'connected' as const,
      brokerUrl: 'mqtt://b:1883',
      heartbeatIntervalMs: 10_000,
      connectedAt: null,
      lastHeartbeatAt: null,
      lastSeq: 7,
      updatedAt: new Date().toISOString(),
    };
    writeStatusFile(dir, status);
    expect(readStatusFile(dir)).toEqual(status);
    writeFileSync(join(dir, STATE_FILES.status), '{');
    expect(readStatusFile(dir)).toBeUndefined();
  });
});

describe('ChainStore', () => {
  const hash = (n: number) => Buffer.alloc(32, n);

  it('links a heartbeat to the previous body only when it is the very next seq, across a reopen', () => {
    const dir = tempDir();
    const chain = ChainStore.open(dir);
    expect(chain.prevHashFor(1)).toHaveLength(0); // nothing before: the chain starts
    chain.record(1, hash(1));
    expect(chain.prevHashFor(2)).toEqual(hash(1));
    const reopened = ChainStore.open(dir);
    expect(reopened.prevHashFor(2)).toEqual(hash(1));
    // A seq skipped by a crash: the chain restarts instead of naming a body the platform never got.
    expect(reopened.prevHashFor(3)).toHaveLength(0);
  });

  it('restarts the chain when chain.json is damaged', () => {
    const dir = tempDir();
    writeFileSync(join(dir, STATE_FILES.chain), '{"seq": 4, "hash": "not hex"}');
    expect(ChainStore.open(dir).prevHashFor(5)).toHaveLength(0);
    writeFileSync(join(dir, STATE_FILES.chain), '{"seq": 4, "ha');
    expect(ChainStore.open(dir).prevHashFor(5)).toHaveLength(0);
  });
});
