// Starting a certification run, in named steps:
//   gather (rollups, mappings, flags) → count → body + evidence root → attest (chain to the previous
//   run, anchor the audit log's head) → sign → store, immutable.
// The chain step holds a transaction-scoped advisory lock so two runs started together still form a
// single chain.
import { randomUUID } from 'node:crypto';
import { desc, sql } from 'drizzle-orm';
import type { Database } from '../db/index.js';
import { auditLog, certificationRuns } from '../db/schema/index.js';
import { canonicalJson } from './canonical-json.js';
import { gatherCountInput } from './gather.js';
import type { CountingPolicy } from './policy.js';
import { ATTESTATION_FORMAT, buildBody, sha256Hex, type Attestation } from './report.js';
import type { ReportSigner } from './signing-keys.js';

const CHAIN_LOCK = 0x65646365; // "edce": the certification chain

export interface StartRun {
  db: Database;
  signer: ReportSigner;
  policy: CountingPolicy;
  window: { start: string; end: string };
  createdBy: string | null;
  now?: Date;
}

export async function startCertificationRun({ db, signer, policy, window, createdBy, now = new Date() }: StartRun) {
  const input = await gatherCountInput(db, policy, window);
  const { body, bodyJson, bodyHash, lines } = buildBody(input);
  const runId = randomUUID();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`);
    const [previous] = await tx
      .select({ reportHash: certificationRuns.reportHash, sequence: certificationRuns.sequence })
      .from(certificationRuns)
      .orderBy(desc(certificationRuns.sequence))
      .limit(1);
    const [auditHead] = await tx.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
    const attestation: Attestation = {
      format: ATTESTATION_FORMAT,
      runId,
      sequence: (previous?.sequence ?? 0) + 1,
      createdAt: now.toISOString(),
      window,
      policyVersion: policy.version,
      bodyHash,
      evidenceRoot: body.evidence.merkleRoot,
      previousReportHash: previous?.reportHash ?? null,
      keyId: signer.current.keyId,
      auditHead: auditHead ?? null,
    };
    const attestationJson = canonicalJson(attestation);
    const [row] = await tx
      .insert(certificationRuns)
      .values({
        id: runId,
        sequence: attestation.sequence,
        windowStart: window.start,
        windowEnd: window.end,
        policyVersion: policy.version,
        body: bodyJson,
        bodyHash,
        evidence: lines.join('\n'),
        attestation: attestationJson,
        reportHash: sha256Hex(attestationJson),
        signature: signer.sign(attestationJson),
        keyId: signer.current.keyId,
        createdBy,
        createdAt: now,
        devices: body.results.totals.devices,
        certifiedNodes: body.results.totals.certifiedNodes,
        summary: body.results.totals,
      })
      .returning();
    return row!;
  });
}
