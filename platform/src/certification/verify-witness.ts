// The witness's part of verifying a report (docs/witness.md "Verifying"): the report must carry a
// cosignature, by every witness key the bureau trusts, of a `reports` tree that holds it, and that
// tree must be the chain the verifier was given; the witness's own newest heads (asked of the
// witness, not the platform) must be prefixes of the platform's logs as they are now. A withdrawn or
// rewritten report, or a cut audit log, then shows however consistently the operator re-signed.
import type { Cosignature, WitnessKey } from '../witness/cosignature.js';
import { cosignatureProblem } from '../witness/cosignature.js';
import { deviceEventLeaf } from './log-leaves.js';
import { merkleRoot } from './merkle.js';
import type { DeviceLogs, Witnessed } from './verify-device-logs.js';
import type { Attestation } from './report.js';
import type { ChainLink } from './verify-chain.js';
import { reportHashOf } from './verify-chain.js';

export interface WitnessInputs {
  /** The witnesses the bureau trusts: GET /v1/key of each. */
  keys: readonly WitnessKey[];
  /** Each witness's newest heads, asked of the witness itself (GET /v1/logs/reports, /v1/logs/audit). */
  heads?: readonly Cosignature[];
}

export function checkWitness(
  att: Attestation,
  cosignatures: readonly Cosignature[],
  witness: WitnessInputs,
  chain: readonly ChainLink[] | undefined,
  auditEntries: readonly { seq: number; hash: string }[] | undefined,
  logs: DeviceLogs = {},
  enrollmentDeadline?: string,
): { problems: string[]; checked: string[]; unchecked: string[]; witnessed: Witnessed } {
  const problems: string[] = [];
  const checked: string[] = [];
  const unchecked: string[] = [];
  const reportLeaves = chain && [...chain].sort((a, b) => a.attestation.sequence - b.attestation.sequence).map((l) => reportHashOf(l.attestation));
  const auditLeaves = auditEntries && [...auditEntries].sort((a, b) => a.seq - b.seq);
  // The devices and heartbeats logs may have gaps in seq (a rolled-back transaction uses one up):
  // their leaves are in seq order, and the root says whether any is missing.
  const leavesOf: Record<string, string[] | undefined> = {
    reports: reportLeaves,
    audit: auditLeaves?.every((e, i) => e.seq === i + 1) ? auditLeaves.map((e) => e.hash) : undefined,
    devices: logs.devices && [...logs.devices].sort((a, b) => a.seq - b.seq).map(deviceEventLeaf),
    heartbeats: logs.heartbeats && [...logs.heartbeats].sort((a, b) => a.seq - b.seq).map((e) => e.leaf),
  };
  const missing: Record<string, string> = {
    reports: 'no chain given',
    audit: 'no complete audit log from entry #1 given',
    devices: 'no devices log given',
    heartbeats: 'no heartbeats log given',
  };
  const removed: Record<string, string> = {
    reports: 'reports were withdrawn',
    audit: 'audit entries were deleted',
    devices: 'device events were deleted',
    heartbeats: 'device-days were deleted',
  };
  const witnessed: Witnessed = { devicesByDeadline: null, heartbeats: 0 };
  // A cosigned tree against the log the verifier holds: the first `size` leaves must hash to its root.
  const compare = (c: Cosignature, what: string): void => {
    const leaves = leavesOf[c.log];
    if (!leaves) {
      unchecked.push(`${what} against the ${c.log} log (${missing[c.log] ?? 'not a log this verifier knows'})`);
      return;
    }
    if (leaves.length < c.size) {
      problems.push(`${what}: the witness cosigned ${c.size} ${c.log} leaves, the log given has ${leaves.length}: ${removed[c.log]}`);
    } else if (merkleRoot(leaves.slice(0, c.size)) !== c.root) {
      problems.push(
        `${what}: the first ${c.size} ${c.log} leaves given differ from the tree the witness cosigned (root ${c.root.slice(0, 16)}…): the log was rewritten`,
      );
    } else {
      checked.push(`${what}: the ${c.log} log given extends the tree of ${c.size} the witness cosigned`);
      if (c.log === 'heartbeats') witnessed.heartbeats = Math.max(witnessed.heartbeats, c.size);
      if (c.log === 'devices' && enrollmentDeadline !== undefined && c.timestamp <= enrollmentDeadline && c.size > (witnessed.devicesByDeadline?.size ?? -1)) {
        witnessed.devicesByDeadline = { size: c.size, deadline: enrollmentDeadline };
      }
    }
  };
  for (const key of witness.keys) {
    const who = `witness ${key.keyId}`;
    // Step 1: this report, in a reports tree the witness cosigned.
    const own = cosignatures.filter((c) => c.keyId === key.keyId);
    for (const c of own) {
      const p = cosignatureProblem(c, key);
      if (p) problems.push(`cosignature of the ${c.log} log at size ${c.size} by ${who}: ${p}`);
    }
    const valid = own.filter((c) => cosignatureProblem(c, key) === null);
    const holding = valid.find((c) => c.log === 'reports' && c.size >= att.sequence);
    if (!holding) problems.push(`report #${att.sequence} carries no cosignature by ${who}: the witness never saw it (it refused the report, or was not asked)`);
    else compare(holding, `report #${att.sequence} cosigned by ${who}`);
    for (const c of valid.filter((c) => c.log !== 'reports')) compare(c, `the ${c.log} log cosigned by ${who} with this report`);
    // Step 2: the witness's own newest heads.
    for (const head of (witness.heads ?? []).filter((h) => h.keyId === key.keyId)) {
      const p = cosignatureProblem(head, key);
      if (p) problems.push(`the newest ${head.log} head of ${who}: ${p}`);
      else compare(head, `the newest ${head.log} head of ${who}`);
    }
  }
  return { problems, checked, unchecked, witnessed };
}
