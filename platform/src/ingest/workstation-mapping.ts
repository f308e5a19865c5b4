// Replaces a device's open workstation mapping with the codes it now reports. The history is kept
// (closed rows get valid_to) because counting needs how long each mapping held (实施细则 art. 19 (3)).
// A code the enterprise has not registered is still recorded, with workstation_id null, so the
// claim is visible to the operator and the bureau rather than silently dropped.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Database } from '../db/index.js';
import { workstationMappings, workstations } from '../db/schema/index.js';

interface MappedDevice {
  id: string;
  enterpriseId: string;
}

/** A device's open mapping: the codes it serves now and the revision that set them. */
export interface OpenMapping {
  codes: readonly string[];
  revision: number;
}

/** True when a reported mapping is the open one already, so there is nothing to write. */
export function sameMapping(open: OpenMapping | null, codes: readonly string[], revision: number): boolean {
  if (!open || open.revision !== revision || open.codes.length !== new Set(codes).size) return false;
  const have = new Set(open.codes);
  return codes.every((c) => have.has(c));
}

export async function replaceWorkstationMapping(
  db: Database,
  device: MappedDevice,
  codes: readonly string[],
  revision: number,
  at: Date,
): Promise<OpenMapping> {
  return db.transaction(async (tx) => {
    const open = await tx
      .select({ id: workstationMappings.id, code: workstationMappings.code, revision: workstationMappings.revision })
      .from(workstationMappings)
      .where(and(eq(workstationMappings.deviceId, device.id), isNull(workstationMappings.validTo)));
    // A late duplicate of an older mapping must not undo a newer one.
    const newer = open.filter((m) => m.revision > revision);
    if (newer.length > 0) return { codes: open.map((m) => m.code), revision: Math.max(...newer.map((m) => m.revision)) };
    const result: OpenMapping = { codes: [...new Set(codes)], revision };

    const wanted = new Set(codes);
    const stale = open.filter((m) => !wanted.has(m.code)).map((m) => m.id);
    if (stale.length > 0) {
      await tx.update(workstationMappings).set({ validTo: at }).where(inArray(workstationMappings.id, stale));
    }
    const kept = new Set(open.filter((m) => wanted.has(m.code)).map((m) => m.code));
    const added = codes.filter((c) => !kept.has(c));
    if (open.some((m) => wanted.has(m.code) && m.revision !== revision)) {
      await tx
        .update(workstationMappings)
        .set({ revision })
        .where(and(eq(workstationMappings.deviceId, device.id), isNull(workstationMappings.validTo)));
    }
    if (added.length === 0) return result;
    const registered = await tx
      .select({ id: workstations.id, code: workstations.code })
      .from(workstations)
      .where(and(eq(workstations.enterpriseId, device.enterpriseId), inArray(workstations.code, added)));
    const idByCode = new Map(registered.map((w) => [w.code, w.id]));
    await tx.insert(workstationMappings).values(
      added.map((code) => ({
        deviceId: device.id,
        enterpriseId: device.enterpriseId,
        code,
        workstationId: idByCode.get(code) ?? null,
        revision,
        validFrom: at,
      })),
    );
    return result;
  });
}
