// The bureau's witness (docs/witness.md): RFC 6962 consistency proofs, the witness program as a real
// process that cosigns only extensions of what it has seen, and the platform submitting its logs to
// it, so that an operator with the database and the signing key who withdraws a report or cuts the
// audit log is named by a verifier holding nothing but the witness's public key.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consistencyProof, merkleRoot, verifyConsistency } from '../src/certification/merkle.js';
import { verifyReport, type SignedReport } from '../src/certification/verify.js';
import type { Cosignature, WitnessKey } from '../src/witness/cosignature.js';
import { startTestPlatform, type TestPlatform } from '../../test/helpers/platform.js';
import { seedEnterprise } from '../../test/helpers/fixtures.js';

const CLI = fileURLToPath(new URL('../dist/witness/cli.js', import.meta.url));
const VERIFY = fileURLToPath(new URL('../../scripts/verify-report.mjs', import.meta.url));
const TOKEN = 'witness-submission-token-0123456789';
const leaves = (n: number, tag = 'leaf') => Array.from({ length: n }, (_, i) => `${tag}-${i}`);

describe('RFC 6962 consistency proofs', () => {
  it('prove every prefix of trees up to 33 leaves, and nothing else', () => {
    for (let n = 1; n <= 33; n++) {
      const all = leaves(n);
      for (let m = 0; m <= n; m++) {
        const proof = consistencyProof(all, m);
        const oldRoot = merkleRoot(all.slice(0, m));
        expect(verifyConsistency(m, n, oldRoot, merkleRoot(all), proof), `${m} of ${n}`).toBe(true);
        if (m === 0 || m === n) continue;
        const rewritten = [...all];
        rewritten[m - 1] = 'rewritten';
        expect(verifyConsistency(m, n, merkleRoot(rewritten.slice(0, m)), merkleRoot(all), proof), `rewritten leaf, ${m} of ${n}`).toBe(false);
        expect(verifyConsistency(m, n, oldRoot, merkleRoot(rewritten), proof), `new tree rewritten, ${m} of ${n}`).toBe(false);
        if (proof.length > 0) expect(verifyConsistency(m, n, oldRoot, merkleRoot(all), proof.slice(1)), `short proof, ${m} of ${n}`).toBe(false);
      }
    }
  });

  it('refuse a smaller tree, and accept an equal one only with the same root', () => {
    const all = leaves(5);
    expect(verifyConsistency(5, 4, merkleRoot(all), merkleRoot(all.slice(0, 4)), [])).toBe(false);
    expect(verifyConsistency(5, 5, merkleRoot(all), merkleRoot(all), [])).toBe(true);
    expect(verifyConsistency(5, 5, merkleRoot(all), merkleRoot(leaves(5, 'other')), [])).toBe(false);
  });
});

interface Witness {
  child: ChildProcess;
  url: string;
  key: WitnessKey;
  post(log: string, body: unknown, token?: string): Promise<{ status: number; body: Record<string, unknown> }>;
  head(log: string): Promise<Cosignature>;
  stop(): Promise<void>;
}

/** The witness program, as the bureau runs it: its own process, folder and port. */
async function startWitness(dataDir: string): Promise<Witness> {
  const child = spawn(process.execPath, [CLI, '--data-dir', dataDir, '--port', '0'], {
    env: { ...process.env, EDGENET_WITNESS_TOKEN: TOKEN },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const address = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /"address":"([^"]+)"[^\n]*"witness listening"/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`witness exited with ${code}: ${out}`)));
  });
  const json = async (path: string, init?: RequestInit) => {
    const res = await fetch(`${address}${path}`, init);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const key = (await json('/v1/key')).body as unknown as WitnessKey;
  return {
    child,
    url: address,
    key,
    post: (log, body, token = TOKEN) =>
      json(`/v1/logs/${log}/tree-heads`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
    head: async (log) => (await json(`/v1/logs/${log}`)).body as unknown as Cosignature,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

describe('the witness program', () => {
  it('cosigns extensions only, refuses a rewrite or a cut, and keeps its key and heads over a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'edgenet-witness-'));
    let w = await startWitness(dir);
    try {
      const log = leaves(7);
      const first = await w.post('audit', { size: 4, root: merkleRoot(log.slice(0, 4)), proof: [] });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ log: 'audit', size: 4, keyId: w.key.keyId });
      expect((await w.post('audit', { size: 4, root: merkleRoot(log.slice(0, 4)), proof: [] }, 'not-the-token')).status).toBe(401);
      const grown = await w.post('audit', { size: 7, root: merkleRoot(log), proof: consistencyProof(log, 4) });
      expect(grown.status).toBe(200);

      await w.stop();
      w = await startWitness(dir);
      expect(w.key.keyId).toBe((grown.body as unknown as Cosignature).keyId);
      expect(await w.head('audit')).toEqual(grown.body);
      const rewritten = [...log.slice(0, 6), 'rewritten', 'new'];
      const refused = await w.post('audit', { size: 8, root: merkleRoot(rewritten), proof: consistencyProof(rewritten, 7) });
      expect(refused).toMatchObject({ status: 409, body: { error: { code: 'witness_not_an_extension' } } });
      const cut = await w.post('audit', { size: 5, root: merkleRoot(log.slice(0, 5)), proof: [] });
      expect(cut).toMatchObject({ status: 409, body: { error: { code: 'witness_smaller_tree' } } });
      expect(await w.head('audit')).toEqual(grown.body); // a refusal changes nothing
    } finally {
      await w.stop();
    }
  });
});

describe('a platform with a witness', () => {
  let tp: TestPlatform;
  let w: Witness;
  const window = { windowStart: '2025-09-01', windowEnd: '2025-09-02' };
  beforeAll(async () => {
    w = await startWitness(mkdtempSync(join(tmpdir(), 'edgenet-witness-')));
    tp = await startTestPlatform({ EDGENET_WITNESS_URL: w.url, EDGENET_WITNESS_TOKEN: TOKEN });
    await seedEnterprise(tp, { workstations: ['W01'] });
  }, 60_000);
  afterAll(async () => {
    await tp?.close();
    await w?.stop();
  });

  const db = () => tp.platform.context.db;
  const certify = async (): Promise<SignedReport> => {
    const run = await tp.api('POST', '/api/v1/certifications', window);
    expect(run.status).toBe(201);
    return (await tp.api('GET', `/api/v1/certifications/${run.body.id}`)).body as SignedReport;
  };
  const bureauCopy = async () => {
    const chain = (await tp.api('GET', '/api/v1/certifications/chain')).body.links;
    const keys = (await tp.api('GET', '/api/v1/signing-keys')).body.keys;
    const entries = (await tp.api('GET', '/api/v1/audit?limit=1000')).body.items as { seq: number; hash: string }[];
    const verify = (await tp.api('GET', '/api/v1/audit/verify')).body;
    return { chain, keys, audit: { verify, entries } };
  };
  const verifyWith = async (report: SignedReport) => {
    const { chain, keys, audit } = await bureauCopy();
    const heads = [await w.head('reports'), await w.head('audit')];
    return verifyReport(report, keys, undefined, { chain, audit, witness: { keys: [w.key], heads } });
  };

  it('hands out each report with the witness’s cosignatures, and the verifier checks them', async () => {
    const report = await certify();
    const mine = report.cosignatures!.filter((c) => c.keyId === w.key.keyId);
    expect(mine.map((c) => c.log).sort()).toEqual(['audit', 'devices', 'heartbeats', 'reports']);
    expect(mine.find((c) => c.log === 'reports')!.size).toBe(report.attestation.sequence);
    const v = await verifyWith(report);
    expect(v.problems).toEqual([]);
    expect(v.checked).toContain(
      `report #${report.attestation.sequence} cosigned by witness ${w.key.keyId}: the reports log given extends the tree of ${report.attestation.sequence} the witness cosigned`,
    );
    expect(v.checked.filter((c) => c.includes('the audit log'))).not.toEqual([]);
    // A cosignature the operator made up is named.
    const forged = { ...report, cosignatures: mine.map((c) => ({ ...c, root: merkleRoot(['forged']) })) };
    expect((await verifyWith(forged)).problems.join('\n')).toContain('the witness signature does not verify');
  });

  it('a report withdrawn and its successor re-signed in its place gets no cosignature, and the verifier says so', async () => {
    const kept = await certify();
    await db().execute(sql`alter table certification_runs disable trigger certification_runs_immutable`);
    try {
      await db().execute(sql`delete from certification_runs where id = ${kept.attestation.runId}`);
    } finally {
      await db().execute(sql`alter table certification_runs enable trigger certification_runs_immutable`);
    }
    const next = await certify();
    expect(next.attestation.sequence).toBe(kept.attestation.sequence);
    expect(next.cosignatures!.filter((c) => c.log === 'reports' && c.size >= next.attestation.sequence)).toEqual([]);
    const v = await verifyWith(next);
    expect(v.ok).toBe(false);
    expect(v.problems).toContain(
      `report #${next.attestation.sequence} carries no cosignature by witness ${w.key.keyId}: the witness never saw it (it refused the report, or was not asked)`,
    );
    // The command line, with the witness key a bureau keeps, fails it.
    const dir = mkdtempSync(join(tmpdir(), 'edgenet-witness-cli-'));
    const { chain, keys } = await bureauCopy();
    const file = (name: string, value: unknown) => {
      writeFileSync(join(dir, name), JSON.stringify(value));
      return join(dir, name);
    };
    const cli = spawnSync(process.execPath, [
      VERIFY,
      ...['--report', file('report.json', next), '--keys', file('keys.json', { keys }), '--chain', file('chain.json', { links: chain })],
      ...['--witness-key', file('witness-key.json', w.key), '--witness-heads', file('head.json', await w.head('reports')), '--no-recount'],
    ]);
    expect(cli.status).toBe(1);
    expect(cli.stdout.toString()).toContain(`FAIL  report #${next.attestation.sequence} carries no cosignature by witness ${w.key.keyId}`);
    // The witness's own head names the rewrite, whatever the report carries.
    expect(v.problems.join('\n')).toMatch(
      new RegExp(
        `the newest reports head of witness ${w.key.keyId}: the first ${kept.attestation.sequence} reports leaves given differ from the tree the witness cosigned`,
      ),
    );
  });

  it('audit entries deleted after the witness saw them are named', async () => {
    await certify(); // the witness sees the audit log as it is now
    const seen = (await w.head('audit')).size;
    await db().execute(sql`alter table audit_log disable trigger audit_log_no_update_delete`);
    try {
      await db().execute(sql`delete from audit_log where seq > ${seen - 2}`);
    } finally {
      await db().execute(sql`alter table audit_log enable trigger audit_log_no_update_delete`);
    }
    const { chain, keys, audit } = await bureauCopy();
    const report = (await tp.api('GET', `/api/v1/certifications/${chain.at(-1).attestation.runId}`)).body as SignedReport;
    const v = verifyReport(report, keys, undefined, { chain, audit, witness: { keys: [w.key], heads: [await w.head('audit')] } });
    expect(v.problems.join('\n')).toContain(`the witness cosigned ${seen} audit leaves, the log given has ${seen - 2}: audit entries were deleted`);
  });
});
