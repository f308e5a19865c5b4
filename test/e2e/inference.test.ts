// Inference end to end: an agent runs the shipped demo model on two
// workstations — one fed by the synthetic source, one by PGM frames dropped into a folder — plus a
// model file that is not ONNX. The platform's stored heartbeats show the counts growing, the model's
// SHA-256 equal to the file's and the broken model reported with its error; the agent's threads show
// the inference CPU spent off the main thread, which owns the heartbeats.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { desc, eq } from 'drizzle-orm';
import { afterAll, expect, it } from 'vitest';
import { spawnAgent, type AgentProcess } from '../../agent/test/helpers/agent-process.js';
import { heartbeats } from '../../platform/src/db/schema/index.js';
import { heartbeatView } from '../../platform/src/services/heartbeat-view.js';
import { threadCpu } from '../../scripts/lib/proc-usage.mjs';
import { seedEnterprise } from '../helpers/fixtures.js';
import { startTestPlatform, waitFor, type TestPlatform } from '../helpers/platform.js';

/** A stored row's figures, decoded from its signed body (the row keeps no decoded columns). */
const view = (row: typeof heartbeats.$inferSelect | undefined) => (row ? heartbeatView(row, null) : null);

const MODEL = fileURLToPath(new URL('../../agent/models/surface-defect-v1.onnx', import.meta.url));
const INTERVAL_MS = 1_000;
// High enough that inference is most of the agent's CPU, so the thread it runs on is plain to see.
const SYNTHETIC_RATE = 250;
/** Runs of the synthetic model over which the agent's threads are compared. */
const WINDOW_RUNS = 1_000;

let tp: TestPlatform | undefined;
let agent: AgentProcess | undefined;
afterAll(async () => {
  agent?.child.kill('SIGKILL');
  await tp?.close();
});

interface StoredModel {
  name: string;
  sha256: string;
  count: number;
  errors: number;
  workstationCode: string;
  loaded: boolean;
  lastError: string;
  p50Ms: number;
  p99Ms: number;
}

it('reports counts, latency and the model hash of the shipped model, and a broken model as an error', async () => {
  tp = await startTestPlatform();
  const seeded = await seedEnterprise(tp, { workstations: ['L1-01', 'L1-02'] });
  const dir = mkdtempSync(join(tmpdir(), 'edgenet-inf-'));
  const frames = join(dir, 'frames');
  mkdirSync(frames);
  writeFileSync(
    join(dir, 'hardware.json'),
    JSON.stringify({
      systemSerial: 'SN-INF-1',
      boardSerial: 'BRD-INF-1',
      systemUuid: '4c4c4544-0000-1000-8000-00000000b001',
      writtenAt: new Date().toISOString(),
    }),
  );
  writeFileSync(join(dir, 'not-a-model.onnx'), 'this is not an ONNX model');
  const configFile = join(dir, 'config.json');
  writeFileSync(
    configFile,
    JSON.stringify({
      inference: {
        models: [
          { name: 'surface-defect', path: 'builtin:surface-defect-v1', workstation: 'L1-01', input: { type: 'synthetic', ratePerSecond: SYNTHETIC_RATE } },
          { name: 'surface-defect', path: MODEL, workstation: 'L1-02', input: { type: 'folder', path: 'frames', pollMs: 50 } },
          { name: 'broken', path: 'not-a-model.onnx', input: { type: 'synthetic', ratePerSecond: 1 } },
        ],
      },
    }),
  );
  const enroll = spawnAgent([
    'enroll',
    '--platform',
    tp.baseUrl,
    '--token',
    seeded.token,
    '--workstations',
    'L1-01,L1-02',
    '--heartbeat-interval-ms',
    String(INTERVAL_MS),
    '--state-dir',
    dir,
  ]);
  expect((await enroll.exited).code, enroll.stderr()).toBe(0);
  agent = spawnAgent(['run', '--state-dir', dir, '--config', configFile], { EDGE_AGENT_LOG_LEVEL: 'info' }, { outliveTest: true });

  // Five 64x64 PGM frames, written the way a camera program should: a dot-file, then rename.
  for (let i = 0; i < 5; i++) {
    const pixels = Buffer.alloc(64 * 64, 150);
    if (i % 2) for (let x = 5; x < 60; x++) pixels[32 * 64 + x] = 40; // a scratch
    writeFileSync(join(frames, `.f${i}.pgm`), Buffer.concat([Buffer.from('P5\n# camera L1-02\n64 64\n255\n'), pixels]));
    renameSync(join(frames, `.f${i}.pgm`), join(frames, `frame-${i}.pgm`));
  }

  const { db } = tp.platform.context;
  const latestModels = async (): Promise<StoredModel[]> => {
    const [row] = await db.select().from(heartbeats).orderBy(desc(heartbeats.seq)).limit(1);
    // Decoded from the signed body as the API shows them: the protobuf objects' toJSON(), which
    // leaves out fields at their default (0, false, '') and writes uint64 counts as strings.
    const defaults = { sha256: '', count: 0, errors: 0, workstationCode: '', loaded: false, lastError: '', p50Ms: 0, p99Ms: 0 };
    return ((view(row)?.inferenceModels as StoredModel[] | null) ?? []).map((m) => ({
      ...defaults,
      ...m,
      count: Number(m.count ?? 0),
      errors: Number(m.errors ?? 0),
    }));
  };
  const models = await waitFor(
    'inference counts at the platform',
    async () => {
      const m = await latestModels();
      const synthetic = m.find((x) => x.workstationCode === 'L1-01');
      const folder = m.find((x) => x.workstationCode === 'L1-02');
      return synthetic && synthetic.count >= 100 && folder && folder.count >= 5 ? m : null;
    },
    30_000,
  );

  const fileSha = createHash('sha256').update(readFileSync(MODEL)).digest('hex');
  const synthetic = models.find((m) => m.workstationCode === 'L1-01')!;
  const folder = models.find((m) => m.workstationCode === 'L1-02')!;
  expect(synthetic).toMatchObject({ name: 'surface-defect', sha256: fileSha, loaded: true, errors: 0 });
  expect(folder).toMatchObject({ name: 'surface-defect', sha256: fileSha, loaded: true, errors: 0, count: 5 });
  expect(synthetic.p50Ms).toBeGreaterThan(0);
  expect(synthetic.p99Ms).toBeGreaterThanOrEqual(synthetic.p50Ms);
  expect(readdirSync(frames)).toEqual([]); // consumed frames are deleted
  const broken = models.find((m) => m.name === 'broken')!;
  expect(broken.loaded).toBe(false);
  expect(broken.errors).toBeGreaterThanOrEqual(1);
  expect(broken.lastError).toMatch(/cannot load model/);

  // Totals agree with the per-model figures.
  const rows = await db.select().from(heartbeats).orderBy(heartbeats.seq);
  const last = view(rows.at(-1))!;
  expect(last.inferenceTotal).toBe((last.inferenceModels as StoredModel[]).reduce((n, m) => n + Number(m.count ?? 0), 0));

  // A slow model must never delay a heartbeat, so inference runs on a worker thread. Judged by where
  // the CPU went (counted per thread by the kernel) while the model ran WINDOW_RUNS more times, not by
  // heartbeat gaps, which a loaded machine stretches whatever thread the model is on: the main thread
  // (its thread id is the process id) must have spent well under the busiest other thread, which is
  // the inference worker. Measured here: main 0.04 s, worker 0.33 s; with the models moved onto the
  // main thread, main 0.56 s and the busiest other thread 0.03 s, so the check fails by far.
  const pid = agent.child.pid!;
  const startCount = synthetic.count;
  const before = threadCpu(pid);
  await waitFor(
    `${WINDOW_RUNS} more synthetic runs`,
    async () => ((await latestModels()).find((x) => x.workstationCode === 'L1-01')?.count ?? 0) >= startCount + WINDOW_RUNS,
    60_000,
  );
  const spent = [...threadCpu(pid)].map(([tid, cpu]) => ({ tid, cpu: cpu - (before.get(tid) ?? 0) }));
  const main = spent.find((t) => t.tid === pid)!.cpu;
  const busiestOther = Math.max(...spent.filter((t) => t.tid !== pid).map((t) => t.cpu));
  expect(busiestOther, `CPU seconds by thread ${JSON.stringify(spent)}`).toBeGreaterThan(main * 2);

  const device = await tp.api(
    'GET',
    `/api/v1/devices/${(await db.select({ id: heartbeats.deviceId }).from(heartbeats).where(eq(heartbeats.seq, last.seq)))[0]!.id}`,
  );
  expect(device.body.online).toBe(true);
  console.log(
    `inference: ${synthetic.count} synthetic + ${folder.count} folder runs reported, p50 ${synthetic.p50Ms.toFixed(3)} ms p99 ${synthetic.p99Ms.toFixed(3)} ms, sha256 ${fileSha}; over ${WINDOW_RUNS} runs the main thread spent ${main.toFixed(2)} s of CPU, the inference worker ${busiestOther.toFixed(2)} s`,
  );
}, 120_000);
