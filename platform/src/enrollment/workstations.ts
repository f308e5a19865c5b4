// The workstations a device declares when it enrolls: a new mapping at revision 0, as the device's
// own counter starts (a re-enrolled device may come from a wiped state dir whose counter restarted).
// A code the enterprise has not registered is refused at once (400, the codes named), as a
// set_workstations command is (services/device-commands.ts): asked for up front, an unregistered
// code would only be silently uncounted later. A connected device that reports one anyway in its
// signed mapping still has it recorded, with workstation_id null (ingest/workstation-mapping.ts), so
// the claim stays visible to the operator and the bureau.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Database } from '../db/index.js';
import { workstationMappings, workstations } from '../db/schema/index.js';
import { ERR_WORKSTATION_UNREGISTERED } from '../errors.js';

/** The registered workstations among `codes`, by code. */
async function registeredIds(tx: Database, enterpriseId: string, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const registered = await tx
    .select({ id: workstations.id, code: workstations.code })
    .from(workstations)
    .where(and(eq(workstations.enterpriseId, enterpriseId), inArray(workstations.code, [...new Set(codes)])));
  return new Map(registered.map((w) => [w.code, w.id]));
}

/** Throws 400 naming every code of `codes` the enterprise has not registered. */
export async function assertRegistered(tx: Database, enterpriseId: string, codes: readonly string[]): Promise<Map<string, string>> {
  const idByCode = await registeredIds(tx, enterpriseId, codes);
  const missing = [...new Set(codes)].filter((c) => !idByCode.has(c));
  if (missing.length > 0)
    throw new ERR_WORKSTATION_UNREGISTERED({ codes: missing.slice(0, 20).join(', ') + (missing.length > 20 ? ` … (${missing.length})` : '') });
  return idByCode;
}

export interface Claim {
  deviceId: string;
  code: string;
}

export async function openMappings(tx: Database, enterpriseId: string, claims: readonly Claim[], at: Date): Promise<void> {
  if (claims.length === 0) return;
  const idByCode = await assertRegistered(
    tx,
    enterpriseId,
    claims.map((c) => c.code),
  );
  await tx.insert(workstationMappings).values(
    claims.map((c) => ({
      deviceId: c.deviceId,
      enterpriseId,
      code: c.code,
      workstationId: idByCode.get(c.code)!,
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
