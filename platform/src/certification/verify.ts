// Independent checking of a downloaded report (docs/certification.md "Verifying a report"): the
// signature, the body hash, the chain of reports, the body's policy against the published one, the
// evidence root (naming changed rows through held inclusion proofs), and a full recount from the
// evidence rows with the published policy. Needs no platform and no database;
// scripts/verify-report.mjs is its command line. Every difference is named by its JSON path, and
// everything it could not check is listed in `unchecked`: a verdict is complete only when that is empty.
import { createHash } from 'node:crypto';
import { verifyEkCertificate, type TpmRoots } from '../attestation/ek-chain.js';
import { canonicalJson } from './canonical-json.js';
import { calendarOf } from '../domain/calendar.js';
import { verifyDeviceDay, type DeviceDayEvidence } from './device-day.js';
import { differences } from './json-diff.js';
import type { CountingPolicy } from './policy.js';
import { PUBLISHED_POLICIES } from './published-policies.js';
import { buildBody, drawSample, sha256Hex, type Attestation, type ReportBody, type SiteSample } from './report.js';
import { reportHashOf, signatureProblem, verifyChain, type ChainLink, type PublishedKey } from './verify-chain.js';
import { checkApprovals } from './verify-approvals.js';
import { checkEvidence, type EvidenceProof } from './verify-evidence.js';
import { checkWitness, type WitnessInputs } from './verify-witness.js';
import { checkDeviceLogs, type DeviceLogs } from './verify-device-logs.js';
import { enrollmentDeadline } from './log-leaves.js';
import type { DeviceEvidence } from './count.js';
import type { Cosignature } from '../witness/cosignature.js';

export { differences } from './json-diff.js';
export type { ChainLink, PublishedKey } from './verify-chain.js';
export type { EvidenceProof } from './verify-evidence.js';

export interface SignedReport {
  format: 'edgenet-signed-report-v1';
  attestation: Attestation;
  signature: string;
  body: ReportBody;
  sample?: SiteSample;
  /** The bureau's witnesses' cosignatures of the platform's logs (docs/witness.md). */
  cosignatures?: Cosignature[];
}

export interface VerifyOptions {
  /** The published policies by version (default: those shipped, PUBLISHED_POLICIES). */
  policies?: Readonly<Record<string, Readonly<CountingPolicy>>>;
  /** Inclusion proofs kept from when the report was issued. */
  proofs?: readonly EvidenceProof[];
  /** Every report's attestation and signature from #1 (GET /api/v1/certifications/chain). */
  chain?: readonly ChainLink[];
  /** Reports the verifier kept when they were issued: each must still be in the chain. */
  held?: readonly ChainLink[];
  /** Device-days as GET /api/v1/devices/{id}/chain/{day} answers (at least the on-site sample's). */
  deviceDays?: readonly DeviceDayEvidence[];
  /** The value the bureau itself submitted for this run's sample (its own record). */
  bureauValue?: string;
  /** The audit log as it is now: GET /api/v1/audit/verify, and entries from GET /api/v1/audit. */
  audit?: { verify: { ok: boolean; entries: number; head: { seq: number; hash: string } | null }; entries?: readonly { seq: number; hash: string }[] };
  /** The witnesses the bureau trusts, and their newest heads asked of them (docs/witness.md). */
  witness?: WitnessInputs;
  /** The platform's devices and heartbeats logs (GET /api/v1/witness/logs/{log}/leaves), checked against the witness. */
  logs?: DeviceLogs;
  /** The TPM manufacturers' roots the bureau trusts: the EK certificates of `tpm` device-days are checked against them. */
  tpmRoots?: TpmRoots;
}

/**
 * A `tpm` device-day (docs/tpm.md "Sealed days"): the attestation key given must be the one the
 * report's evidence row names, and the day may claim no more seals than its backed heartbeats carry.
 */
function sealProblems(dd: DeviceDayEvidence, akSha256: string, claimed: number, sealed: number): string[] {
  const at = `evidence[${dd.deviceId}] on ${dd.day}`;
  if (!dd.tpm) return claimed > 0 ? [`${at}: ${claimed} TPM seal(s) claimed, but the device-day carries no attestation key to check them`] : [];
  const given = createHash('sha256').update(Buffer.from(dd.tpm.akPublic, 'base64')).digest('hex');
  if (given !== akSha256) return [`${at}: the attestation key given (${given.slice(0, 16)}…) is not the one the report names (${akSha256.slice(0, 16)}…)`];
  return claimed > sealed ? [`${at}: ${claimed} TPM seal(s) claimed, the device's signed heartbeats carry ${sealed} that verify with its attestation key`] : [];
}

function ekProblems(dd: DeviceDayEvidence, roots: TpmRoots, at: Date): string[] {
  if (!dd.tpm?.ekCertificate) return [`device ${dd.deviceId}: a tpm device whose EK certificate is not given`];
  const ek = verifyEkCertificate(Buffer.from(dd.tpm.ekCertificate, 'base64'), roots, at);
  return typeof ek === 'string' ? [`device ${dd.deviceId}: its EK certificate: ${ek}`] : [];
}

/** A check not made, by name (the command line lets a caller accept `recount` or `chain` missing). */
export interface Unchecked {
  check: 'chain' | 'recount' | 'proofs' | 'device-days' | 'sample' | 'audit' | 'witness' | 'tpm';
  why: string;
}

export interface Verdict {
  /** No problem found in what was checked. */
  ok: boolean;
  /** ok, and nothing was left unchecked. */
  complete: boolean;
  problems: string[];
  checked: string[];
  /** What could not be checked with the inputs given (each is a reason to distrust an `ok`). */
  unchecked: Unchecked[];
  /** What no report check can establish, printed with every verdict. */
  notes: readonly string[];
}

export const STANDING_NOTES: readonly string[] = Object.freeze([
  'the inputs (projects, investments, registered workstations) are as the operator entered them, and the approvals as the platform recorded them: compare them with the bureau’s own records',
  'that the hardware is physically at the workstations it maps to: that is what the on-site check is for',
]);

export function verifyReport(report: SignedReport, keys: readonly PublishedKey[], evidenceText?: string, options: VerifyOptions = {}): Verdict {
  const problems: string[] = [];
  const checked: string[] = [];
  const unchecked: Unchecked[] = [];
  const att = report.attestation;
  const policies = options.policies ?? PUBLISHED_POLICIES;
  let rows: readonly DeviceEvidence[] = []; // the evidence rows, once parsed (step 5)

  // Step 1: the platform's signature over the attestation, with the key it names.
  const signature = signatureProblem(report, keys);
  if (signature) problems.push(`attestation: ${signature}`);
  else checked.push(`signature by key ${att.keyId}`);

  // Step 2: the body is the one attested.
  const bodyHash = sha256Hex(canonicalJson(report.body));
  if (bodyHash === att.bodyHash) checked.push('body hash');
  else problems.push(`body hash ${bodyHash} differs from attestation.bodyHash ${att.bodyHash}`);
  if (report.body.evidence.merkleRoot !== att.evidenceRoot) problems.push('body.evidence.merkleRoot differs from attestation.evidenceRoot');
  if (report.body.policy.version !== att.policyVersion)
    problems.push(`body.policy.version ${report.body.policy.version} differs from attestation.policyVersion ${att.policyVersion}`);
  if (differences(report.body.window, att.window, 'window').length > 0) problems.push('body.window differs from attestation.window');

  // Step 2b: the counted figures are the approved ones (v3 on).
  const approvals = checkApprovals(report.body);
  problems.push(...approvals.problems);
  checked.push(...approvals.checked);

  // Step 3: the chain of reports, and the reports held from before.
  if (options.chain) {
    const chain = verifyChain(options.chain, keys, att, options.held);
    problems.push(...chain.problems);
    checked.push(...chain.checked);
  } else unchecked.push({ check: 'chain', why: 'the chain of reports (no chain given): a withdrawn or rewritten earlier report would go unseen' });

  // Step 4: the body's policy is the published one of its version, value for value.
  const published = policies[report.body.policy.version];
  if (!published) problems.push(`policy version ${report.body.policy.version} is not published: nothing to recount with`);
  else {
    const policyDiffs = differences(published, report.body.policy, 'body.policy', 'published', 'report says');
    if (policyDiffs.length === 0) checked.push(`policy ${published.version} as published`);
    problems.push(...policyDiffs.map((d) => `policy differs from the published one at ${d}`));
  }

  // Step 5: the evidence rows hash to the attested root, and recounting them with the published
  // policy gives the same results.
  if (evidenceText === undefined) {
    unchecked.push({ check: 'recount', why: 'the evidence root and the recount (no evidence given): the results are the platform’s word' });
    if (options.proofs?.length) unchecked.push({ check: 'proofs', why: 'the held inclusion proofs (no evidence to compare them with)' });
  } else {
    const ev = checkEvidence(evidenceText, att, report.body.evidence.count, options.proofs);
    rows = ev.devices;
    problems.push(...ev.problems);
    checked.push(...ev.checked);
    if (published) {
      const rebuilt = buildBody({
        policy: published,
        window: report.body.window,
        projects: report.body.inputs.projects,
        registeredWorkstations: report.body.inputs.registeredWorkstations,
        devices: ev.devices,
      });
      const diffs = differences(rebuilt.body.results, report.body.results, 'body.results');
      if (diffs.length === 0) checked.push(`recount of every device, project and award with the published policy ${published.version}`);
      problems.push(...diffs.slice(0, 50).map((d) => `recount differs at ${d}`));
      if (diffs.length > 50) problems.push(`… and ${diffs.length - 50} more recount differences`);
    }
    // Step 6: the device-days given, against the device's own signatures; each evidence day must
    // claim no more online buckets than its signed chain backs.
    if (published && options.deviceDays?.length) {
      const calendar = calendarOf(published);
      const rows = new Map(ev.devices.map((d) => [d.deviceId, d]));
      const devices = new Set<string>();
      const tpm = { days: 0, ekChecked: new Set<string>() };
      for (const dd of options.deviceDays) {
        devices.add(dd.deviceId);
        const v = verifyDeviceDay(dd, calendar, published.clock);
        problems.push(...v.problems.map((p) => `device ${dd.deviceId} on ${dd.day}: ${p}`));
        const row = rows.get(dd.deviceId);
        const day = row?.days.find(([d]) => d === dd.day);
        const claimed = day?.[1] ?? 0;
        if (claimed > v.backedOnlineBuckets) {
          problems.push(`evidence[${dd.deviceId}] on ${dd.day}: ${claimed} online buckets, the device's signed heartbeats back ${v.backedOnlineBuckets}`);
        }
        if (row?.akSha256) {
          tpm.days += 1;
          problems.push(...sealProblems(dd, row.akSha256, day?.[4] ?? 0, v.sealedHeartbeats));
          if (options.tpmRoots && !tpm.ekChecked.has(dd.deviceId)) {
            tpm.ekChecked.add(dd.deviceId);
            problems.push(...ekProblems(dd, options.tpmRoots, new Date(att.createdAt)));
          }
        }
      }
      checked.push(`online buckets against device-signed heartbeats for ${options.deviceDays.length} device-day(s) of ${devices.size} device(s)`);
      if (tpm.days > 0) checked.push(`TPM seals of ${tpm.days} device-day(s) against the attestation keys the report names`);
      if (tpm.ekChecked.size > 0) checked.push(`EK certificates of ${tpm.ekChecked.size} tpm device(s) against the TPM roots given`);
      else if (tpm.days > 0) unchecked.push({ check: 'tpm', why: 'the EK certificates of the tpm devices (no TPM roots given: --tpm-roots DIR)' });
      const rest = ev.devices.filter((d) => !devices.has(d.deviceId) && d.days.length > 0).length;
      if (rest > 0) unchecked.push({ check: 'device-days', why: `device-signed heartbeats for ${rest} other device(s) with days in the evidence (not given)` });
    } else if (evidenceText !== undefined) {
      unchecked.push({ check: 'device-days', why: 'no device-day was checked against device-signed heartbeats: the online buckets are the platform’s word' });
    }
  }

  // Step 7: the on-site sample, redrawn from this report's hash and the bureau's value.
  if (report.sample) {
    const reportHash = reportHashOf(att);
    if (report.sample.reportHash !== reportHash) problems.push(`sample.reportHash ${report.sample.reportHash} is not this report's hash ${reportHash}`);
    if (options.bureauValue !== undefined && options.bureauValue !== report.sample.bureauValue) {
      problems.push(`sample.bureauValue ${report.sample.bureauValue} is not the value the bureau submitted, ${options.bureauValue}`);
    }
    const sampleDiffs = differences(drawSample(report.body, reportHash, report.sample.bureauValue), report.sample, 'sample');
    if (sampleDiffs.length === 0) checked.push(`on-site check sample, drawn from the report hash and bureau value ${report.sample.bureauValue.slice(0, 16)}…`);
    problems.push(...sampleDiffs.map((d) => `sample differs at ${d}`));
  } else unchecked.push({ check: 'sample', why: 'the on-site sample (the bureau has not submitted its value for this run yet)' });
  // Step 8: the audit log still holds the entry each report anchored, unchanged.
  const anchored = [att, ...(options.held ?? []).map((h) => h.attestation)].filter((a) => a.auditHead);
  if (anchored.length > 0 && !options.audit) unchecked.push({ check: 'audit', why: 'the audit log against the heads the reports anchored (no audit given)' });
  else if (options.audit) {
    const now = options.audit.verify;
    if (!now.ok) problems.push('the audit log’s hash chain does not verify now');
    const bySeq = new Map((options.audit.entries ?? []).map((e) => [e.seq, e.hash]));
    for (const a of anchored) {
      const head = a.auditHead!;
      if ((now.head?.seq ?? 0) < head.seq) {
        problems.push(
          `the audit log ends at entry #${now.head?.seq ?? 0}, but report #${a.sequence} anchored entry #${head.seq} (${head.hash.slice(0, 16)}…): its newest entries were deleted`,
        );
      } else if (bySeq.has(head.seq) && bySeq.get(head.seq) !== head.hash) {
        problems.push(`audit entry #${head.seq} now hashes to ${bySeq.get(head.seq)}, but report #${a.sequence} anchored ${head.hash}: the log was rewritten`);
      } else if (!bySeq.has(head.seq)) {
        unchecked.push({ check: 'audit', why: `audit entry #${head.seq} anchored by report #${a.sequence} (not among the entries given)` });
      } else checked.push(`audit entry #${head.seq} anchored by report #${a.sequence} is still in the log, unchanged`);
    }
  }

  // Step 9: the bureau's witness saw this report in this chain, and its newest heads are prefixes
  // of the logs given.
  if (options.witness) {
    const calendar = calendarOf(report.body.policy);
    const w = checkWitness(
      att,
      report.cosignatures ?? [],
      options.witness,
      options.chain,
      options.audit?.entries,
      options.logs,
      enrollmentDeadline(calendar, report.body.window.end),
    );
    // Step 10: the counted devices and days against the witnessed devices and heartbeats logs.
    const d = checkDeviceLogs(report.body, rows, options.logs ?? {}, w.witnessed, calendar, options.deviceDays);
    problems.push(...w.problems, ...d.problems);
    checked.push(...w.checked, ...d.checked);
    unchecked.push(...[...w.unchecked, ...d.unchecked].map((why) => ({ check: 'witness' as const, why })));
  } else
    unchecked.push({
      check: 'witness',
      why: 'the witness’s cosignatures (no witness key given): a withdrawn report re-signed in its place goes unseen unless you kept the original',
    });

  const ok = problems.length === 0;
  return { ok, complete: ok && unchecked.length === 0, problems, checked, unchecked, notes: STANDING_NOTES };
}
