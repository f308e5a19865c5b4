// Replaces a device's open workstation mapping with the codes it now reports. The history is kept
// (closed rows get valid_to) because counting needs how long each mapping held (实施细则 art. 19 (3)).
// A code the enterprise has not registered is still recorded, with workstation_id null, so the
// claim is visible to the operator and the bureau rather than silently dropped.
import { sql } from 'drizzle-orm';
import { executeNamed, type Database } from '../db/index.js';

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

/**
 * Writes a reported mapping: closes the open codes it no longer names, moves the kept ones to its
 * revision, opens the new ones. One statement (data-modifying CTEs run once, to completion, on one
 * snapshot: PostgreSQL docs 7.8.4), so it is atomic without a transaction and costs one round trip
 * where BEGIN, three statements and COMMIT cost five. A mapping that is the open one already
 * writes, and locks, no row: the statement then only reads, which is what an instance that cannot
 * trust its memory (another may have written since) relies on when it runs it for every mapping.
 */
export async function replaceWorkstationMapping(
  db: Pick<Database, '_'>,
  device: MappedDevice,
  codes: readonly string[],
  revision: number,
  at: Date,
): Promise<OpenMapping> {
  const wanted = [...new Set(codes)];
  const open = await executeNamed<{ code: string; revision: string | number }>(
    db,
    'replace_workstation_mapping',
    sql`
    with open as (
      select id, code, revision from workstation_mappings
       where device_id = ${device.id}::uuid and valid_to is null
    ),
    -- A late duplicate of an older mapping must not undo a newer one.
    newer as (select from open where revision > ${revision}::bigint),
    closed as (
      update workstation_mappings m set valid_to = ${at.toISOString()}::timestamptz
        from open o
       where m.id = o.id and not exists (select from newer) and o.code <> all(${sql.param(wanted)}::text[])
    ),
    bumped as (
      update workstation_mappings m set revision = ${revision}::bigint
        from open o
       where m.id = o.id and not exists (select from newer) and o.code = any(${sql.param(wanted)}::text[]) and o.revision <> ${revision}::bigint
    ),
    added as (
      insert into workstation_mappings (device_id, enterprise_id, code, workstation_id, revision, valid_from)
      select ${device.id}::uuid, ${device.enterpriseId}::uuid, c.code, w.id, ${revision}::bigint, ${at.toISOString()}::timestamptz
        from unnest(${sql.param(wanted)}::text[]) as c(code)
        left join workstations w on w.enterprise_id = ${device.enterpriseId}::uuid and w.code = c.code
       where not exists (select from newer) and c.code not in (select code from open)
    )
    select code, revision from open`,
  );
  // The statement answers the open rows as they were before it.
  const newer = open.map((m) => Number(m.revision)).filter((r) => r > revision);
  if (newer.length > 0) return { codes: open.map((m) => m.code), revision: Math.max(...newer) };
  return { codes: wanted, revision };
}
