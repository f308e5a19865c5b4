// Stored certification runs as the API reads them (the runs themselves: certification/run.ts).
import { asc, desc, eq } from 'drizzle-orm';
import type { Database } from '../db/index.js';
import { certificationRuns } from '../db/schema/index.js';
import { ERR_NOT_FOUND } from '../errors.js';
import { listPage, type PageQuery } from './page.js';

const SUMMARY = {
  id: certificationRuns.id,
  sequence: certificationRuns.sequence,
  windowStart: certificationRuns.windowStart,
  windowEnd: certificationRuns.windowEnd,
  policyVersion: certificationRuns.policyVersion,
  bodyHash: certificationRuns.bodyHash,
  reportHash: certificationRuns.reportHash,
  keyId: certificationRuns.keyId,
  createdAt: certificationRuns.createdAt,
  devices: certificationRuns.devices,
  certifiedNodes: certificationRuns.certifiedNodes,
  summary: certificationRuns.summary,
};

/** The runs, newest first, without their report bodies and evidence. */
export function listRuns(db: Database, page: PageQuery) {
  return listPage(db, page, () => db.select(SUMMARY).from(certificationRuns).$dynamic(), [desc(certificationRuns.sequence)]);
}

export async function loadRun(db: Database, id: string) {
  const [run] = await db.select().from(certificationRuns).where(eq(certificationRuns.id, id));
  if (!run) throw new ERR_NOT_FOUND({ what: 'certification_run' });
  return run;
}

/** Every report's attestation and signature from #1, in order: the chain a verifier checks. */
export async function chainLinks(db: Database) {
  const rows = await db
    .select({ attestation: certificationRuns.attestation, signature: certificationRuns.signature, reportHash: certificationRuns.reportHash })
    .from(certificationRuns)
    .orderBy(asc(certificationRuns.sequence));
  return { links: rows.map((r) => ({ attestation: JSON.parse(r.attestation) as unknown, signature: r.signature, reportHash: r.reportHash })) };
}
