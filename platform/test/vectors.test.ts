// The test vectors in docs/vectors/ (docs/certification.md "Test vectors"): this implementation
// still gives them byte for byte, the RFC 6962 roots are the published reference values, the bundle
// verifies with the command line, and the independent recount (scripts/independent-recount.py,
// written from the docs and sharing no code with count.ts) agrees with it — and disagrees with a
// changed row.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../src/certification/canonical-json.js';
import { inclusionProof, merkleRoot, verifyInclusion } from '../src/certification/merkle.js';
import { verifyReport } from '../src/certification/verify.js';
import { independentRecount } from './independent-recount.js';

const ROOT = join(import.meta.dirname, '../..');
const VECTORS = join(ROOT, 'docs/vectors');
const read = (name: string) => readFileSync(join(VECTORS, name), 'utf8');

// Published with RFC 6962's reference implementation (certificate-transparency, merkle tree tests):
// the roots of the first 0..8 reference leaves. Kept here as the outside reference, not generated.
const RFC6962_ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
// …and two of its audit paths for the 8-leaf tree.
const RFC6962_PROOFS = [
  {
    index: 0,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    index: 5,
    proof: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
];

describe('test vectors', () => {
  it('canonical JSON: every case gives its bytes, and fractions or unsafe integers are refused', () => {
    const v = JSON.parse(read('canonical-json.json')) as { cases: { value: unknown; canonical: string }[]; refused: { number: string }[] };
    expect(v.cases.length).toBeGreaterThan(4);
    for (const c of v.cases) expect(canonicalJson(c.value)).toBe(c.canonical);
    for (const r of v.refused) expect(() => canonicalJson(Number(r.number))).toThrow(/safe integers/);
  });

  it('RFC 6962: the roots are the published reference values, and every proof verifies', () => {
    const v = JSON.parse(read('rfc6962.json')) as {
      leavesHex: string[];
      trees: { size: number; root: string; proofs: { index: number; proof: string[] }[] }[];
    };
    const leaves = v.leavesHex.map((h) => Buffer.from(h, 'hex').toString('utf8'));
    expect(v.trees.map((t) => t.root)).toEqual(RFC6962_ROOTS);
    for (const t of v.trees) {
      expect(merkleRoot(leaves.slice(0, t.size))).toBe(t.root);
      for (const p of t.proofs) {
        expect(inclusionProof(leaves.slice(0, t.size), p.index)).toEqual(p.proof);
        expect(verifyInclusion(leaves[p.index]!, p.index, t.size, p.proof, t.root)).toBe(true);
        if (t.size > 1) expect(verifyInclusion(leaves[(p.index + 1) % t.size]!, p.index, t.size, p.proof, t.root)).toBe(false);
      }
    }
    for (const p of RFC6962_PROOFS) expect(v.trees[8]!.proofs[p.index]!.proof).toEqual(p.proof);
  });

  it('witnessed logs: each leaf is the SHA-256 of its document, which holds exactly the entry, and the root is over them in seq order', () => {
    const v = JSON.parse(read('witnessed-logs.json'));
    const sha = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
    for (const d of v.devices) {
      expect(sha(d.document)).toBe(d.leaf);
      expect(canonicalJson(JSON.parse(d.document))).toBe(d.document);
      expect(JSON.parse(d.document)).toEqual({ format: 'edgenet-device-event-v1', ...d.entry });
    }
    expect(merkleRoot(v.devices.map((d: { leaf: string }) => d.leaf))).toBe(v.devicesRoot);
    for (const h of v.heartbeats) {
      const { keys: _keys, tpm: _tpm, ...hashed } = h.evidence;
      expect(sha(h.document)).toBe(h.leaf);
      expect(JSON.parse(h.document)).toEqual(hashed);
    }
  });

  it('the code still gives every vector file byte for byte', () => {
    expect(execFileSync(process.execPath, [join(ROOT, 'scripts/make-vectors.mjs'), '--check']).toString()).toContain('vectors up to date');
  });

  it('the bundle verifies with the command line, everything checked', () => {
    const b = (f: string) => join(VECTORS, 'bundle', f);
    const out = execFileSync(process.execPath, [
      join(ROOT, 'scripts/verify-report.mjs'),
      ...['--report', b('report.json'), '--keys', b('keys.json'), '--chain', b('chain.json')],
      ...['--evidence', b('evidence.ndjson'), '--proofs', b('proofs.ndjson')],
      ...['--bureau-value', JSON.parse(read('bundle/expected.json')).bureauValue],
    ]).toString();
    expect(out).toContain('ok    recount of every device, project and award with the published policy edgenet-counting-v4');
    expect(out).toContain('ok    9 of 9 held inclusion proofs lead to the signed root');
    expect(out).toContain('ok    on-site check sample');
    expect(out).not.toContain('FAIL');
  });

  it('the independent recount agrees with the bundle, its hashes and its sample, and names a changed row', () => {
    const expected = JSON.parse(read('bundle/expected.json'));
    const report = read('bundle/report.json');
    const evidence = read('bundle/evidence.ndjson');
    const r = independentRecount(report, evidence);
    expect(r.out.problems).toEqual([]);
    expect(r.status).toBe(0);
    expect(r.out.results).toBe(canonicalJson(JSON.parse(report).body.results));
    expect(r.out.sample).toEqual(expected.sampledProjects);
    expect(JSON.parse(r.out.results).totals).toEqual({
      projects: 3,
      devices: 9,
      verifiedDevices: 7,
      certifiedNodes: 15,
      awardFen: 6_030_000,
      // Devices 2 (K09, W01) and 9 (V01, V02) enrolled with a TPM; device 9 left day 4 unsealed, so
      // under v4 its nodes count at level software.
      certifiedNodesByAttestation: { tpm: 2, software: 13 },
    });

    // Device 7's flag dropped: the root and the recount both differ.
    const tampered = evidence.replace(/"flags":\[\{[^\]]*\}\]/, '"flags":[]');
    expect(tampered).not.toBe(evidence);
    const t = independentRecount(report, tampered);
    expect(t.status).toBe(1);
    expect(t.out.problems.some((p) => p.startsWith('evidence root'))).toBe(true);
    expect(t.out.problems).toContain('recounted results differ from the report');
  });

  it('the bundle counts its approved figures, and both checkers refuse a counted figure that is not the approved one', () => {
    const report = JSON.parse(read('bundle/report.json'));
    expect(report.body.format).toBe('edgenet-certification-v3');
    expect(report.body.inputs.approvals.map((a: { approvedBy: string }) => a.approvedBy)).toEqual(['kjj.li', 'ops.wang', 'ops.wang']);
    expect(report.body.inputs.notCertifiable).toEqual([
      { projectId: '20000000-0000-4000-8000-000000000004', enterpriseId: '10000000-0000-4000-8000-000000000002', reason: 'no_approved_figures' },
    ]);
    // P1's approval lowered after signing: the counted figure is no longer the approved one.
    report.body.inputs.approvals[0].eligibleInvestmentFen -= 100;
    const t = independentRecount(JSON.stringify(report), read('bundle/evidence.ndjson'));
    expect(t.status).toBe(1);
    expect(t.out.problems).toContain('project 20000000-0000-4000-8000-000000000001 is counted without its approved figures');
    const verdict = verifyReport(report, JSON.parse(read('bundle/keys.json')).keys, read('bundle/evidence.ndjson'));
    expect(verdict.problems).toContain(
      'inputs.projects[20000000-0000-4000-8000-000000000001] counts other investment figures than its approval 60000000-0000-4000-8000-000000000001',
    );
  });
});
