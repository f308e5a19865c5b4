// The evidence rows against the signed Merkle root (RFC 6962 §2.1). When the rows given do not hash
// to the attested root, the inclusion proofs a verifier kept (GET …/evidence/{deviceId}, issued with
// the report) say which row changed and how: a proof that leads to the signed root fixes its leaf, so
// any file row for that device that differs from it was changed afterwards, field by field.
import type { DeviceEvidence } from './count.js';
import { differences } from './json-diff.js';
import { merkleRoot, verifyInclusion } from './merkle.js';
import type { Attestation } from './report.js';

/** One device's row and its audit path, as GET /api/v1/certifications/{id}/evidence/{deviceId} answers. */
export interface EvidenceProof {
  leaf: string;
  index: number;
  treeSize: number;
  proof: string[];
  merkleRoot: string;
}

export interface EvidenceCheck {
  problems: string[];
  checked: string[];
  /** The parsed rows (empty when they are not JSON). */
  devices: DeviceEvidence[];
}

const deviceOf = (line: string): string | null => {
  try {
    return (JSON.parse(line) as { deviceId?: string }).deviceId ?? null;
  } catch {
    return null;
  }
};

export function checkEvidence(text: string, att: Attestation, signedCount: number, proofs: readonly EvidenceProof[] = []): EvidenceCheck {
  const problems: string[] = [];
  const checked: string[] = [];
  const lines = text.split('\n').filter((l) => l.length > 0);
  // Step 1: the rows hash to the attested root.
  const root = merkleRoot(lines);
  const rootOk = root === att.evidenceRoot;
  if (rootOk) checked.push(`evidence root over ${lines.length} rows`);
  else problems.push(`evidence root ${root} differs from attestation.evidenceRoot ${att.evidenceRoot}`);
  if (lines.length !== signedCount) problems.push(`evidence has ${lines.length} rows, the signed body says ${signedCount}`);

  // Step 2: each held proof fixes one signed leaf; the file's row for that device must be it.
  const lineByDevice = new Map(lines.map((l) => [deviceOf(l), l]));
  let proven = 0;
  for (const p of proofs) {
    const device = deviceOf(p.leaf) ?? `leaf ${p.index}`;
    if (!verifyInclusion(p.leaf, p.index, p.treeSize, p.proof, att.evidenceRoot)) {
      problems.push(`inclusion proof for device ${device} does not lead to attestation.evidenceRoot: it was issued for another tree (root ${p.merkleRoot})`);
      continue;
    }
    proven += 1;
    const line = lineByDevice.get(device);
    if (line === undefined) problems.push(`evidence row of device ${device} (signed leaf ${p.index} of ${p.treeSize}) is missing from the evidence`);
    else if (line !== p.leaf) {
      const diffs = differences(JSON.parse(p.leaf), JSON.parse(line), `evidence[${device}]`, 'signed', 'evidence says');
      problems.push(...(diffs.length > 0 ? diffs : [`evidence[${device}]: same values, different bytes than the signed leaf`]).map((d) => `changed row: ${d}`));
    }
  }
  if (proofs.length > 0) checked.push(`${proven} of ${proofs.length} held inclusion proofs lead to the signed root`);
  if (!rootOk && proofs.length === 0) {
    problems.push('no inclusion proof is held, so the changed row cannot be named: keep GET …/evidence/{deviceId} for the devices to check');
  }

  // Step 3: rows in device id order, one per device (the leaf order the body declares).
  for (let i = 1; i < lines.length; i++) {
    const a = deviceOf(lines[i - 1]!);
    const b = deviceOf(lines[i]!);
    if (a === null || b === null || a >= b) problems.push(`evidence rows ${i - 1} and ${i} are not in strictly increasing deviceId order`);
  }
  let devices: DeviceEvidence[] = [];
  try {
    devices = lines.map((l) => JSON.parse(l) as DeviceEvidence);
  } catch (err) {
    problems.push(`evidence is not JSON lines: ${(err as Error).message}`);
  }
  return { problems, checked, devices };
}
