#!/usr/bin/env node
// Standalone verifier for a certification report. Needs the built repository (`npm run build`), not
// a running platform: it checks the signature against the published keys, the body hash, the
// evidence Merkle root, and recounts every device, project and award from the evidence rows.
//
//   node scripts/verify-report.mjs --report report.json --keys keys.json [--evidence evidence.ndjson]
//
// report.json:  GET /api/v1/certifications/{id}
// keys.json:    GET /api/v1/signing-keys
// evidence:     GET /api/v1/certifications/{id}/evidence
// Exit status 0 when everything matches, 1 when anything differs (each difference is printed), 2 on usage.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { verifyReport } from '../platform/dist/certification/verify.js';

let values;
try {
  ({ values } = parseArgs({ options: { report: { type: 'string' }, keys: { type: 'string' }, evidence: { type: 'string' } } }));
} catch (err) {
  console.error(err.message);
  process.exit(2);
}
if (!values.report || !values.keys) {
  console.error('usage: verify-report.mjs --report report.json --keys keys.json [--evidence evidence.ndjson]');
  process.exit(2);
}
const report = JSON.parse(readFileSync(values.report, 'utf8'));
const keys = JSON.parse(readFileSync(values.keys, 'utf8')).keys;
const evidence = values.evidence ? readFileSync(values.evidence, 'utf8') : undefined;
const verdict = verifyReport(report, keys, evidence);
for (const c of verdict.checked) console.log(`ok    ${c}`);
for (const p of verdict.problems) console.log(`FAIL  ${p}`);
console.log(verdict.ok ? 'report verified' : `report NOT verified: ${verdict.problems.length} problem(s)`);
process.exit(verdict.ok ? 0 : 1);
