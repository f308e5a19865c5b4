// The workstations a device declares when it enrolls: a new mapping at revision 0, as the device's
// own counter starts (a re-enrolled device may come from a wiped state dir whose counter restarted).
// A code the enterprise has not registered is still recorded, with workstation_id null, so the
// claim is visible to the operator and the bureau (ingest/workstation-mapping.ts keeps the same rule
// for the mappings a connected device reports later).
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Database } from '../db/index.js';
import { workstationMappings, workstations } from '../db/schema/index.js';

export interface Claim {
  deviceId: string;
  code: string;
}

export async function openMappings(tx: Database, enterpriseId: string, claims: readonly Claim[], at: Date): Promise<void> {
  if (claims.length === 0) return;
  const registered = await tx
    .select({ id: workstations.id, code: workstations.code })
    .from(workstations)
    .where(and(eq(workstations.enterpriseId, enterpriseId), inArray(workstations.code, [...new Set(claims.map((c) => c.code))])));
  const idByCode = new Map(registered.map((w) => [w.code, w.id]));
  await tx.insert(workstationMappings).values(
    claims.map((c) => ({
      deviceId: c.deviceId,
      enterpriseId,
      code: c.code,
      workstationId: idByCode.get(c.code) ?? null,
      revision: 0,
      validFrom: at,
    })),
  );
}

/** Closes every open mapping of a re-enrolled device: it declares its workstations anew. */
export async function closeMappings(tx: Database, deviceId: string, at: Date): Promise<void> {
  await tx
    .update(workstationMappings)
    .set({ validTo: at })
    .where(and(eq(workstationMappings.deviceId, deviceId), isNull(workstationMappings.validTo)));
}
