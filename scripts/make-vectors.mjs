#!/usr/bin/env node
// Writes the test vectors in docs/vectors/ (docs/certification.md "Test vectors") from the built
// platform (`npm run build` first): canonical JSON cases, RFC 6962 trees and proofs over the
// Certificate Transparency reference leaves, and a small complete bundle — a signed report with its
// chain, keys, evidence, inclusion proofs and on-site sample, and the results any implementation of
// the count must reproduce. platform/test/vectors.test.ts checks that the code still gives exactly
// these files, so a change in any format shows up as a changed vector.
//
//   node scripts/make-vectors.mjs [--check]     (--check: exit 1 if a file would change)
import { createPrivateKey, sign } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { keyIdOf, rawPublicKey } from '@edgenet/proto';
import { canonicalJson } from '../platform/dist/certification/canonical-json.js';
import { inclusionProof, leafHash, merkleRoot } from '../platform/dist/certification/merkle.js';
import { COUNTING_POLICY } from '../platform/dist/certification/policy.js';
import { ATTESTATION_FORMAT, buildBody, drawSample, sha256Hex } from '../platform/dist/certification/report.js';
import { deviceDayLeaf, deviceEventLeaf } from '../platform/dist/certification/log-leaves.js';

const DIR = join(import.meta.dirname, '../docs/vectors');
const check = process.argv.includes('--check');
const changed = [];
function write(name, text) {
  const file = join(DIR, name);
  let old = null;
  try {
    old = readFileSync(file, 'utf8');
  } catch {}
  if (old !== text) changed.push(name);
  if (!check) writeFileSync(file, text);
}
const json = (v) => `${JSON.stringify(v, null, 2)}\n`;

// 1. Canonical JSON: value → the exact bytes signed.
const canonical = [
  { value: { b: 1, a: [true, false, null], c: { z: 'ä', y: '' } } },
  { value: { é: 1, e: 2, E: 3, 10: 4, 9: 5 } }, // keys by UTF-16 code units: "10" < "9" < "E" < "e" < "é"
  { value: { '\u{1F600}': 1, '\uFFFF': 2 } }, // the emoji's first code unit 0xD83D sorts before 0xFFFF
  { value: '控制字符\u0001 "quote" \\ /' },
  { value: [9007199254740991, -9007199254740991, 0] },
  { value: { dropped: undefined, kept: 1 }, note: 'a member whose value is undefined is left out (JavaScript only)' },
].map((c) => ({ ...c, canonical: canonicalJson(c.value) }));
const refused = [1.5, 9007199254740992, Number.NaN].map((n) => ({ number: String(n), why: 'canonical JSON holds only safe integers' }));
mkdirSync(DIR, { recursive: true });
write('canonical-json.json', json({ format: 'edgenet-vectors-canonical-json-v1', cases: canonical.filter((c) => !c.note), refused }));

// 2. RFC 6962 over the Certificate Transparency reference leaves (all ASCII, so also valid UTF-8
//    strings: this implementation hashes a leaf's UTF-8 bytes).
const ctLeaves = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) =>
  Buffer.from(h, 'hex').toString('utf8'),
);
const trees = [];
for (let n = 0; n <= ctLeaves.length; n++) {
  const leaves = ctLeaves.slice(0, n);
  trees.push({
    size: n,
    root: merkleRoot(leaves),
    proofs: leaves.map((_, i) => ({ index: i, proof: inclusionProof(leaves, i) })),
  });
}
write(
  'rfc6962.json',
  json({
    format: 'edgenet-vectors-rfc6962-v1',
    leafHash: 'SHA-256(0x00 || leaf bytes)',
    nodeHash: 'SHA-256(0x01 || left || right)',
    leavesHex: ctLeaves.map((l) => Buffer.from(l, 'utf8').toString('hex')),
    leafHashes: ctLeaves.map((l) => leafHash(l).toString('hex')),
    trees,
  }),
);

// 2b. The leaves of the witnessed devices and heartbeats logs (docs/witness.md "What is witnessed"):
//     each entry, the canonical JSON document hashed, its SHA-256 (the leaf text), and the root of
//     the devices log of these entries in seq order (a gap in seq, as a rolled-back transaction leaves).
{
  const [E, P] = ['0b1f7a52-3c1e-4c5e-9a57-2f1d3c9e8a10', '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a'];
  const [D1, D2] = ['1c2b3a49-5867-4a3b-9c2d-1e0f9a8b7c6d', '7e6d5c4b-3a29-4b8c-8d7e-6f5a4b3c2d1e'];
  const key = (n) => Buffer.alloc(32, n).toString('base64url');
  const events = [
    { seq: 1, deviceId: D1, event: 'enroll', status: 'active', enterpriseId: E, projectId: P, publicKey: key(1), at: '2025-08-30T02:00:00.000Z' },
    { seq: 2, deviceId: D2, event: 'enroll', status: 'active', enterpriseId: E, projectId: P, publicKey: key(2), at: '2025-08-30T02:05:00.000Z' },
    { seq: 4, deviceId: D1, event: 'disable', status: 'disabled', enterpriseId: E, projectId: P, publicKey: null, at: '2025-09-02T01:00:00.000Z' },
  ];
  const evidence = {
    format: 'edgenet-device-day-v1',
    deviceId: D1,
    day: '2025-09-01',
    keys: [{ keyId: 'not-hashed', publicKey: key(1) }],
    anchor: null,
    heartbeats: [{ seq: 1, receivedAt: '2025-09-01T01:00:00.000Z', filedAt: '2025-09-01T01:00:00.000Z', filing: 'received', body: 'CAEQgIDwupsz' }],
  };
  // A heartbeat stored since the platform keeps each one's signature (migration 0026): its
  // `signature` and `keyId` are part of the leaf; a row without them hashes as it always did.
  const signedEvidence = {
    ...evidence,
    day: '2025-09-02',
    heartbeats: [
      {
        seq: 2,
        receivedAt: '2025-09-02T01:00:00.000Z',
        filedAt: '2025-09-02T01:00:00.000Z',
        filing: 'received',
        body: 'CAIQgLXAv5AzWgA=',
        signature: Buffer.alloc(64, 7).toString('base64'),
        keyId: 'not-hashed',
      },
    ],
  };
  const hashedOf = ({ keys: _keys, ...hashed }) => hashed;
  write(
    'witnessed-logs.json',
    json({
      format: 'edgenet-vectors-witnessed-logs-v1',
      devices: events.map((entry) => ({ entry, document: canonicalJson({ format: 'edgenet-device-event-v1', ...entry }), leaf: deviceEventLeaf(entry) })),
      devicesRoot: merkleRoot(events.map(deviceEventLeaf)),
      heartbeats: [evidence, signedEvidence].map((e) => ({ evidence: e, document: canonicalJson(hashedOf(e)), leaf: deviceDayLeaf(e) })),
    }),
  );
}

// 3. A complete bundle: every rule whose reading changes money, in a 10-day window.
const day = (i) => `2026-03-${String(i + 1).padStart(2, '0')}`;
// [day, online buckets, inferences, late heartbeats, TPM seals]
const full = (n = 10, online = 12, inf = 5, seals = 0) => Array.from({ length: n }, (_, i) => [day(i), online, inf, 0, seals]);
const E1 = '10000000-0000-4000-8000-000000000001';
const E2 = '10000000-0000-4000-8000-000000000002';
const P1 = '20000000-0000-4000-8000-000000000001';
const P2 = '20000000-0000-4000-8000-000000000002';
const P3 = '20000000-0000-4000-8000-000000000003';
// Declared but never approved: listed as not certifiable, its figures counted nowhere.
const P4 = '20000000-0000-4000-8000-000000000004';
const dev = (n) => `30000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const span = (code, from = 0, to = 9) => ({ code, fromDay: day(from), toDay: day(to) });
const row = (n, projectId, enterpriseId, kind, days, mappings, flags = [], attestation = 'software') => ({
  deviceId: dev(n),
  projectId,
  enterpriseId,
  kind,
  fingerprint: sha256Hex(`box ${n}`),
  keyId: sha256Hex(`key ${n}`).slice(0, 16),
  days,
  mappings,
  flags,
  attestation,
  ...(attestation === 'tpm' ? { akSha256: sha256Hex(`ak ${n}`) } : {}),
});
const codes = (prefix, n) => Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(2, '0')}`);
const devices = [
  // 10 qualifying codes on a compute box (cap 8): the cap keeps the most-mapped first, then by code
  // ascending: K09 and K10 mapped only from day 3 (8 of 10 days) are the two over-claimed.
  row(1, P1, E1, 'compute_box', full(), [...codes('K', 8).map((c) => span(c)), span('K09', 2), span('K10', 2)]),
  // Claims K09 too: the cap above runs first, so K09 counts here (once per enterprise, after the cap).
  // Enrolled with a TPM and every day sealed: K09 and W01 (won below) are certified nodes of level tpm.
  row(2, P1, E1, 'compute_box', full(10, 12, 5, 1), [span('K09'), span('W01')], [], 'tpm'),
  // W01 claimed by P2's device on more active days than device 2 (10 vs 10 → tie → smaller project id P1);
  // W02 on 10 days here against device 4's 6 in P1: P2 gets it (per device, the most active days).
  row(3, P2, E1, 'compute_box', full(), [span('W01'), span('W02')]),
  row(4, P1, E1, 'industrial_pc', full(), [span('W02', 4)]),
  // Exactly half of the window: verified; W03 mapped on exactly half its active days: counted.
  row(5, P1, E1, 'compute_box', full(5), [span('W03', 0, 2), span('W04', 0, 1)]),
  // 11 online buckets on day 1 is no active day; no inference on day 2 is none either: 8 of 10.
  row(
    6,
    P1,
    E1,
    'compute_box',
    full().map((d, i) => (i === 0 ? [d[0], 11, 5, 0, 0] : i === 1 ? [d[0], 288, 0, 0, 0] : d)),
    [span('W05'), span('UNREG-1')],
  ),
  // An open disqualifying flag.
  row(
    7,
    P1,
    E1,
    'server',
    full(),
    [span('W06')],
    [{ id: '40000000-0000-4000-8000-000000000007', kind: 'virtual_machine', reason: 'the agent reports a virtual machine' }],
  ),
  // A device whose project belongs to another enterprise.
  row(8, P3, E1, 'compute_box', full(), [span('W07')]),
  // Enrolled with a TPM, but day 4 went unsealed: V01 and V02 count, at level software.
  row(
    9,
    P3,
    E2,
    'server',
    full(10, 12, 5, 1).map((d, i) => (i === 3 ? [d[0], 12, 5, 0, 0] : d)),
    [span('V01'), span('V02')],
    [],
    'tpm',
  ),
];
const projects = [
  { projectId: P1, enterpriseId: E1, totalInvestmentFen: 50_000_000, eligibleInvestmentFen: 40_000_000 },
  { projectId: P2, enterpriseId: E1, totalInvestmentFen: 19_999_999, eligibleInvestmentFen: 19_999_999 },
  { projectId: P3, enterpriseId: E2, totalInvestmentFen: 1_000_000_000, eligibleInvestmentFen: 100_000 },
];
// The approved figures (docs/records.md): what inputs.projects counts. P2's enterprise has since
// declared other figures, which wait for approval and are not counted.
const approval = (projectId, n, p, approvedRole, approvedBy, declaredDiffers = false) => ({
  projectId,
  approvalId: `60000000-0000-4000-8000-00000000000${n}`,
  totalInvestmentFen: p.totalInvestmentFen,
  eligibleInvestmentFen: p.eligibleInvestmentFen,
  windowStart: '2026-01-01',
  windowEnd: '2026-12-31',
  approvedRole,
  approvedBy,
  approvedAt: `2026-02-0${n}T08:00:00.000Z`,
  declaredDiffers,
});
const approvals = [
  approval(P1, 1, projects[0], 'bureau', 'kjj.li'),
  approval(P2, 2, projects[1], 'operator', 'ops.wang', true),
  approval(P3, 3, projects[2], 'operator', 'ops.wang'),
];
const notCertifiable = [{ projectId: P4, enterpriseId: E2, reason: 'no_approved_figures' }];
const registered = [...codes('K', 10), ...codes('W', 7)].map((c) => `${E1}/${c}`).concat([`${E2}/V01`, `${E2}/V02`]);
const names = {
  enterprises: [
    { enterpriseId: E1, name: '东莞样例精密有限公司', uscc: '91350100M000100Y43', town: '松山湖' },
    { enterpriseId: E2, name: '东莞样例电子有限公司', uscc: '91110000600037341L', town: '长安镇' },
  ],
  projects: [
    { projectId: P1, name: '视觉质检' },
    { projectId: P2, name: '小项目' },
    { projectId: P3, name: '服务器集群' },
    { projectId: P4, name: '待批准项目' },
  ],
};
const window = { start: day(0), end: day(9) };
const built = buildBody({ policy: COUNTING_POLICY, window, projects, registeredWorkstations: registered, devices, names, approvals, notCertifiable });
// A test key, published here on purpose: never a platform's.
const TEST_KEY = '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIAABAgMEBQYHCAkKCwwNDg8QERITFBUWFxgZGhscHR4f\n-----END PRIVATE KEY-----\n';
const key = createPrivateKey(TEST_KEY);
const publicKey = rawPublicKey(key);
const attestation = {
  format: ATTESTATION_FORMAT,
  runId: '50000000-0000-4000-8000-000000000001',
  sequence: 1,
  createdAt: '2026-03-11T02:00:00.000Z',
  window,
  policyVersion: COUNTING_POLICY.version,
  bodyHash: built.bodyHash,
  evidenceRoot: built.body.evidence.merkleRoot,
  previousReportHash: null,
  keyId: keyIdOf(publicKey),
  auditHead: { seq: 42, hash: sha256Hex('the audit entry #42') },
};
const attestationJson = canonicalJson(attestation);
const signature = sign(null, Buffer.from(attestationJson, 'utf8'), key).toString('base64url');
const reportHash = sha256Hex(attestationJson);
const bureauValue = sha256Hex('the bureau rolled these dice');
const sample = drawSample(built.body, reportHash, bureauValue);
mkdirSync(join(DIR, 'bundle'), { recursive: true });
write('bundle/test-signing-key.pem', TEST_KEY);
write('bundle/keys.json', json({ keys: [{ keyId: attestation.keyId, publicKey }] }));
write('bundle/report.json', json({ format: 'edgenet-signed-report-v1', attestation, signature, body: built.body, sample }));
write('bundle/chain.json', json({ links: [{ attestation, signature, reportHash }] }));
write('bundle/evidence.ndjson', `${built.lines.join('\n')}\n`);
write(
  'bundle/proofs.ndjson',
  `${built.lines
    .map((leaf, index) =>
      JSON.stringify({ leaf, index, treeSize: built.lines.length, proof: inclusionProof(built.lines, index), merkleRoot: built.body.evidence.merkleRoot }),
    )
    .join('\n')}\n`,
);
write(
  'bundle/expected.json',
  json({
    bodyCanonical: built.bodyJson,
    bodyHash: built.bodyHash,
    attestationCanonical: attestationJson,
    reportHash,
    evidenceRoot: built.body.evidence.merkleRoot,
    bureauValue,
    sampleSeed: sample.seed,
    sampledProjects: sample.projects.map((p) => p.projectId),
    totals: built.body.results.totals,
  }),
);

if (check && changed.length > 0) {
  console.error(`vectors out of date: ${changed.join(', ')} (run node scripts/make-vectors.mjs)`);
  process.exit(1);
}
console.log(check ? 'vectors up to date' : `wrote ${changed.length} changed vector file(s) in docs/vectors`);
