// The bureau's random value for a run's on-site sample (commit then reveal, report.ts drawSample):
// accepted once per run, from a bureau token, after the run is signed — which it is from the moment
// it exists — and kept with who sent it and when (certification_sample_seeds, immutable).
import { eq } from 'drizzle-orm';
import type { Database } from '../db/index.js';
import { certificationSampleSeeds } from '../db/schema/index.js';
import { ERR_CONFLICT } from '../errors.js';

export interface SampleValue {
  bureauValue: string;
  submittedBy: string | null;
  submittedAt: Date;
}

export async function loadSampleValue(db: Database, runId: string): Promise<SampleValue | undefined> {
  const [row] = await db
    .select({
      bureauValue: certificationSampleSeeds.bureauValue,
      submittedBy: certificationSampleSeeds.submittedBy,
      submittedAt: certificationSampleSeeds.submittedAt,
    })
    .from(certificationSampleSeeds)
    .where(eq(certificationSampleSeeds.runId, runId));
  return row;
}

/** Stores the value; a second one for the same run is refused (409): the first one drew the sample. */
export async function submitSampleValue(db: Database, runId: string, bureauValue: string, submittedBy: string | null, now: Date): Promise<SampleValue> {
  const [row] = await db.insert(certificationSampleSeeds).values({ runId, bureauValue, submittedBy, submittedAt: now }).onConflictDoNothing().returning({
    bureauValue: certificationSampleSeeds.bureauValue,
    submittedBy: certificationSampleSeeds.submittedBy,
    submittedAt: certificationSampleSeeds.submittedAt,
  });
  if (!row) throw new ERR_CONFLICT({ reason: 'sample_value_submitted' });
  return row;
}
