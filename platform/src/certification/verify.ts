// Independent checking of a downloaded report: signature, body hash, evidence root, and a
// full recount from the evidence rows. Needs no platform and no database; scripts/verify-report.mjs
// is its command line. Every difference is named by its JSON path.
import { verify as verifySignature } from 'node:crypto';
import { publicKeyFromRaw } from '@edgenet/proto';
import { canonicalJson } from './canonical-json.js';
import type { DeviceEvidence } from './count.js';
import { merkleRoot } from './merkle.js';
import { buildBody, drawSample, sha256Hex, type Attestation, type ReportBody, type SiteSample } from './report.js';

export interface SignedReport {
  format: 'edgenet-signed-report-v1';
  attestation: Attestation;
  signature: string;
  body: ReportBody;
  sample?: SiteSample;
}

export interface PublishedKey {
  keyId: string;
  publicKey: string; // raw Ed25519, base64url
}

export interface Verdict {
  ok: boolean;
  problems: string[];
  checked: string[];
}

export function verifyReport(report: SignedReport, keys: readonly PublishedKey[], evidenceText?: string): Verdict {
  const problems: string[] = [];
  const checked: string[] = [];
  const att = report.attestation;

  // Step 1: the platform's signature over the attestation, with the key it names.
  const key = keys.find((k) => k.keyId === att.keyId);
  if (!key) problems.push(`attestation.keyId ${att.keyId} is not among the published keys`);
  else {
    const publicKey = publicKeyFromRaw(key.publicKey);
    const good = verifySignature(null, Buffer.from(canonicalJson(att), 'utf8'), publicKey, Buffer.from(report.signature, 'base64url'));
    if (good) checked.push(`signature by key ${key.keyId}`);
    else problems.push('signature does not verify over the attestation');
  }

  // Step 2: the body is the one attested.
  const bodyHash = sha256Hex(canonicalJson(report.body));
  if (bodyHash === att.bodyHash) checked.push('body hash');
  else problems.push(`body hash ${bodyHash} differs from attestation.bodyHash ${att.bodyHash}`);
  if (report.body.evidence.merkleRoot !== att.evidenceRoot) problems.push('body.evidence.merkleRoot differs from attestation.evidenceRoot');

  // Step 3: the evidence rows hash to the attested root, and recounting them gives the same body.
  if (evidenceText !== undefined) {
    const lines = evidenceText.split('\n').filter((l) => l.length > 0);
    const root = merkleRoot(lines);
    if (root === att.evidenceRoot) checked.push(`evidence root over ${lines.length} rows`);
    else problems.push(`evidence root ${root} differs from attestation.evidenceRoot ${att.evidenceRoot}`);
    let devices: DeviceEvidence[] = [];
    try {
      devices = lines.map((l) => JSON.parse(l) as DeviceEvidence);
    } catch (err) {
      problems.push(`evidence is not JSON lines: ${(err as Error).message}`);
    }
    const rebuilt = buildBody({
      policy: report.body.policy,
      window: report.body.window,
      projects: report.body.inputs.projects,
      registeredWorkstations: report.body.inputs.registeredWorkstations,
      devices,
    });
    const diffs = differences(rebuilt.body.results, report.body.results, 'body.results');
    if (diffs.length === 0) checked.push('recount of every device, project and award');
    problems.push(...diffs.slice(0, 50).map((d) => `recount differs at ${d}`));
    if (report.sample) {
      const sampleDiffs = differences(drawSample(report.body, att.bodyHash), report.sample, 'sample');
      if (sampleDiffs.length === 0) checked.push('on-site check sample');
      problems.push(...sampleDiffs.map((d) => `sample differs at ${d}`));
    }
  }
  return { ok: problems.length === 0, problems, checked };
}

/** JSON paths where two values differ, with both values. */
export function differences(expected: unknown, actual: unknown, path: string): string[] {
  if (Object.is(expected, actual)) return [];
  if (typeof expected !== 'object' || typeof actual !== 'object' || expected === null || actual === null || Array.isArray(expected) !== Array.isArray(actual)) {
    return [`${path}: recomputed ${JSON.stringify(expected)}, report says ${JSON.stringify(actual)}`];
  }
  const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  const out: string[] = [];
  for (const k of keys) {
    out.push(
      ...differences(
        (expected as Record<string, unknown>)[k],
        (actual as Record<string, unknown>)[k],
        Array.isArray(expected) ? `${path}[${k}]` : `${path}.${k}`,
      ),
    );
  }
  return out;
}
