// The witness's part of verifying a report (docs/witness.md "Verifying"): the report must carry a
// cosignature, by every witness key the bureau trusts, of a `reports` tree that holds it, and that
// tree must be the chain the verifier was given; the witness's own newest heads (asked of the
// witness, not the platform) must be prefixes of the platform's logs as they are now. A withdrawn or
// rewritten report, or a cut audit log, then shows however consistently the operator re-signed.
import type { Cosignature, WitnessKey } from '../witness/cosignature.js';
import { cosignatureProblem } from '../witness/cosignature.js';
import { merkleRoot } from './merkle.js';
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
): { problems: string[]; checked: string[]; unchecked: string[] } {
  const problems: string[] = [];
  const checked: string[] = [];
  const unchecked: string[] = [];
  const reportLeaves = chain && [...chain].sort((a, b) => a.attestation.sequence - b.attestation.sequence).map((l) => reportHashOf(l.attestation));
  const auditLeaves = auditEntries && [...auditEntries].sort((a, b) => a.seq - b.seq);
  // A cosigned tree against the log the verifier holds: the first `size` leaves must hash to its root.
  const compare = (c: Cosignature, what: string): void => {
    const leaves = c.log === 'reports' ? reportLeaves : auditLeaves?.every((e, i) => e.seq === i + 1) ? auditLeaves.map((e) => e.hash) : undefined;
    if (!leaves) {
      unchecked.push(`${what} against the ${c.log} log (${c.log === 'reports' ? 'no chain given' : 'no complete audit log from entry #1 given'})`);
      return;
    }
    if (leaves.length < c.size) {
      problems.push(
        `${what}: the witness cosigned ${c.size} ${c.log} leaves, the log given has ${leaves.length}: ${c.log === 'reports' ? 'reports were withdrawn' : 'audit entries were deleted'}`,
      );
    } else if (merkleRoot(leaves.slice(0, c.size)) !== c.root) {
      problems.push(
        `${what}: the first ${c.size} ${c.log} leaves given differ from the tree the witness cosigned (root ${c.root.slice(0, 16)}…): the log was rewritten`,
      );
    } else checked.push(`${what}: the ${c.log} log given extends the tree of ${c.size} the witness cosigned`);
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
    for (const c of valid.filter((c) => c.log === 'audit')) compare(c, `the audit log cosigned by ${who} with this report`);
    // Step 2: the witness's own newest heads.
    for (const head of (witness.heads ?? []).filter((h) => h.keyId === key.keyId)) {
      const p = cosignatureProblem(head, key);
      if (p) problems.push(`the newest ${head.log} head of ${who}: ${p}`);
      else compare(head, `the newest ${head.log} head of ${who}`);
    }
  }
  return { problems, checked, unchecked };
}
