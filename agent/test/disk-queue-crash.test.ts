// "Killing the agent with SIGKILL at any moment, or cutting the power, loses at most the message being
// written and never corrupts the queue" (agent/README.md "Store-and-forward"). A child appends to a real queue (fsync after every
// record, 4 KiB segments so rotations happen too) and is killed with SIGKILL at a random moment, 30
// times. Every other time the test also cuts a random number of bytes off the end of the newest
// segment, as a power cut in the middle of a write would. After each kill the queue must reopen, hold
// a gapless run of records in order with intact contents, have lost nothing that was reported as
// appended (beyond the record the power cut tore), drain to empty, and reopen empty.
import { spawn } from 'node:child_process';
import { readdirSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, expect, it } from 'vitest';
import { DiskQueue } from '../src/disk-queue.js';
import { CLI } from './helpers/agent-process.js';
import { tempDir } from './helpers/state-dir.js';
import { existsSync } from 'node:fs';

const CHILD = fileURLToPath(new URL('./fixtures/queue-writer.mjs', import.meta.url));
const ITERATIONS = 30;

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('agent/dist is missing: run `npm run build` (npm test does it)');
});

function expectedPayload(n: number): Buffer {
  const size = 8 + ((n * 7919) % 700);
  const b = Buffer.alloc(size);
  b.writeUInt32LE(n, 0);
  b.writeUInt32LE(size, 4);
  for (let i = 8; i < size; i++) b[i] = (n + i) & 0xff;
  return b;
}

async function runAndKill(dir: string, start: number, killAfterMs: number): Promise<{ lastAppended: number; lastCommitted: number; lastAcking: number }> {
  const child = spawn(process.execPath, [CHILD, dir, String(start)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  // 'close', not 'exit': only then has every byte the child wrote to stdout been read.
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('close', (_code, signal) => resolve(signal)));
  // Kill only once it is really writing, at a random moment after that.
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`child never appended: ${err}`)), 15_000);
    child.stdout.on('data', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  await new Promise((r) => setTimeout(r, killAfterMs));
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  const lines = out.split('\n').filter((l) => /^[ACK] \d+$/.test(l));
  const last = (tag: string): number =>
    Number(
      lines
        .filter((l) => l.startsWith(tag))
        .at(-1)
        ?.slice(2) ?? -1,
    );
  return { lastAppended: last('A'), lastCommitted: last('C'), lastAcking: last('K') };
}

it(`reopens and drains cleanly after SIGKILL during queue writes, ${ITERATIONS} times`, async () => {
  const dir = tempDir('edge-agent-queue-crash-');
  let next = 1;
  let powerCuts = 0;
  let tornBytes = 0;
  let recordsSeen = 0;
  for (let i = 0; i < ITERATIONS; i++) {
    const { lastAppended, lastCommitted, lastAcking } = await runAndKill(dir, next, 20 + Math.floor(Math.random() * 150));
    expect(lastAppended).toBeGreaterThanOrEqual(next);

    let cut = false;
    if (i % 2 === 1) {
      // Power cut while writing: part of the newest record never reached the disk.
      const segs = readdirSync(dir)
        .filter((n) => n.endsWith('.seg'))
        .sort();
      const newest = join(dir, segs.at(-1)!);
      const size = statSync(newest).size;
      if (size > 0) {
        truncateSync(newest, size - 1 - Math.floor(Math.random() * Math.min(size - 1, 8)));
        cut = true;
        powerCuts += 1;
      }
    }

    const q = DiskQueue.open({ dir, maxBytes: 64 * 1024 * 1024, maxAgeMs: 7 * 86_400_000, segmentBytes: 4096 });
    tornBytes += q.stats().recoveredTornBytes;
    const records = q.peek(100_000);
    const ns = records.map((r) => r.payload.readUInt32LE(0));
    // Gapless and in order, ids strictly increasing, every payload byte intact.
    expect(ns, `iteration ${i}`).toEqual(Array.from({ length: ns.length }, (_, k) => ns[0]! + k));
    expect(records.map((r) => r.id)).toEqual([...records.map((r) => r.id)].sort((a, b) => a - b));
    for (const r of records) expect(r.payload.equals(expectedPayload(r.payload.readUInt32LE(0)))).toBe(true);
    // Nothing reported as appended is lost, except the record a power cut tore. Committed
    // acknowledgements are not served again. An empty queue says everything was acknowledged: the
    // last record it held is then the last one an acknowledgement had started to commit (the kill
    // can land after the cursor reached the disk and before the child said so).
    const lastHere = ns.at(-1) ?? lastAcking;
    expect(lastHere, `iteration ${i}: last appended ${lastAppended}, cut ${cut}`).toBeGreaterThanOrEqual(cut ? lastAppended - 1 : lastAppended);
    expect(lastHere).toBeLessThanOrEqual(lastAppended + 1); // the one in flight may have landed
    if (ns.length > 0) expect(ns[0]).toBeGreaterThan(lastCommitted);
    recordsSeen += ns.length;

    // Drain as the sender does, then the queue reopens empty.
    for (;;) {
      const batch = q.peek(64);
      if (batch.length === 0) break;
      q.ack(batch.at(-1)!.id);
    }
    q.close();
    const again = DiskQueue.open({ dir, maxBytes: 64 * 1024 * 1024, maxAgeMs: 7 * 86_400_000, segmentBytes: 4096 });
    expect(again.stats().depth).toBe(0);
    again.close();
    next = lastHere + 1;
  }
  console.log(
    `queue SIGKILL loop: ${ITERATIONS} kills, ${powerCuts} simulated power cuts (${tornBytes} torn bytes cut), ${recordsSeen} records recovered and drained`,
  );
  expect(powerCuts).toBeGreaterThan(0);
}, 60_000);
