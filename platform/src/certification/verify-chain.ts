// The chain of reports (docs/certification.md "Verifying a report"): every attestation names the
// report hash of the one before, from sequence 1. A verifier checks the whole chain it is given, and
// checks it against the reports it kept when they were issued: a report withdrawn and its successor
// re-signed in its place leaves a consistent chain, but not the one the bureau already holds.
import { verify as verifySignature } from 'node:crypto';
import { publicKeyFromRaw } from '@edgenet/proto';
import { canonicalJson } from './canonical-json.js';
import { sha256Hex, type Attestation } from './report.js';

export interface ChainLink {
  attestation: Attestation;
  signature: string; // base64url Ed25519 over canonicalJson(attestation)
}

export interface PublishedKey {
  keyId: string;
  publicKey: string; // raw Ed25519, base64url
}

/** What the next report links to: SHA-256 (hex) of the canonical attestation. */
export const reportHashOf = (attestation: Attestation): string => sha256Hex(canonicalJson(attestation));

/** Null when the signature verifies with the published key the attestation names, else why not. */
export function signatureProblem(link: ChainLink, keys: readonly PublishedKey[]): string | null {
  const key = keys.find((k) => k.keyId === link.attestation.keyId);
  if (!key) return `keyId ${link.attestation.keyId} is not among the published keys`;
  const good = verifySignature(
    null,
    Buffer.from(canonicalJson(link.attestation), 'utf8'),
    publicKeyFromRaw(key.publicKey),
    Buffer.from(link.signature, 'base64url'),
  );
  return good ? null : 'signature does not verify over the attestation';
}

const name = (a: Attestation): string => `report #${a.sequence} (run ${a.runId}, hash ${reportHashOf(a).slice(0, 16)}…)`;

/**
 * Checks `chain` (every link from sequence 1), that `target` is in it, and that every report in
 * `held` is in it unchanged. Returns the problems found and what was checked.
 */
export function verifyChain(
  chain: readonly ChainLink[],
  keys: readonly PublishedKey[],
  target: Attestation,
  held: readonly ChainLink[] = [],
): { problems: string[]; checked: string[] } {
  const problems: string[] = [];
  const links = [...chain].sort((a, b) => a.attestation.sequence - b.attestation.sequence);
  // Step 1: every link is signed by a published key.
  for (const link of links) {
    const p = signatureProblem(link, keys);
    if (p) problems.push(`chain: ${name(link.attestation)}: ${p}`);
  }
  // Step 2: sequence 1, 2, … with each link naming its predecessor's report hash.
  links.forEach((link, i) => {
    const a = link.attestation;
    if (i === 0) {
      if (a.sequence !== 1) problems.push(`chain: starts at #${a.sequence}, not #1: the reports before it are missing`);
      else if (a.previousReportHash !== null) problems.push(`chain: ${name(a)} is the first but names a previous report ${a.previousReportHash}`);
      return;
    }
    const before = links[i - 1]!.attestation;
    if (a.sequence === before.sequence) problems.push(`chain: two reports with sequence #${a.sequence}: ${name(before)} and ${name(a)}`);
    else if (a.sequence !== before.sequence + 1) problems.push(`chain: reports #${before.sequence + 1} to #${a.sequence - 1} are missing`);
    if (a.previousReportHash !== reportHashOf(before)) {
      problems.push(`chain: ${name(a)} names previous report ${a.previousReportHash}, but ${name(before)} hashes to ${reportHashOf(before)}`);
    }
  });
  // Step 3: the report under check is in the chain, unchanged.
  const bySequence = new Map(links.map((l) => [l.attestation.sequence, l.attestation]));
  const inChain = bySequence.get(target.sequence);
  if (!inChain || reportHashOf(inChain) !== reportHashOf(target)) problems.push(`chain: ${name(target)} is not in the chain given`);
  // Step 4: every report kept from before is still in the chain, byte for byte.
  for (const h of held) {
    const p = signatureProblem(h, keys);
    if (p) {
      problems.push(`held copy of ${name(h.attestation)}: ${p} (not evidence of anything)`);
      continue;
    }
    const now = bySequence.get(h.attestation.sequence);
    if (!now) problems.push(`held ${name(h.attestation)} is missing from the chain, which ends at #${links.at(-1)?.attestation.sequence ?? 0}`);
    else if (reportHashOf(now) !== reportHashOf(h.attestation)) {
      const moved = links.find((l) => l.attestation.runId === h.attestation.runId);
      problems.push(
        `held ${name(h.attestation)} was replaced in the chain by ${name(now)}: a report was withdrawn or rewritten and the chain re-signed` +
          (moved ? `; run ${h.attestation.runId} now appears as ${name(moved.attestation)}` : `; run ${h.attestation.runId} is gone from the chain`),
      );
    }
  }
  const checked = problems.length === 0 ? [`chain of ${links.length} report(s) from #1, with ${held.length} held report(s) in it unchanged`] : [];
  return { problems, checked };
}
