import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../db/index.js';
import { workstations } from '../db/schema/index.js';
import { ERR_ARCHIVED, ERR_CONFLICT, ERR_NOT_FOUND } from '../errors.js';
import { assertEnterpriseOpen } from './enterprises.js';
import { listPage, scoped, type PageQuery } from './page.js';

export type Workstation = typeof workstations.$inferSelect;

/** Registers a workstation by the code its devices report; 409 when the enterprise has that code or is archived. */
export async function registerWorkstation(db: Database, fields: { enterpriseId: string; code: string; name?: string | undefined }): Promise<Workstation> {
  await assertEnterpriseOpen(db, fields.enterpriseId);
  const [row] = await db.insert(workstations).values(fields).onConflictDoNothing().returning();
  if (!row) throw new ERR_CONFLICT({ reason: 'workstation_exists', code: fields.code });
  return row;
}

async function visibleWorkstation(db: Database, id: string, scope: string | null): Promise<Workstation> {
  const [row] = await db.select().from(workstations).where(eq(workstations.id, id));
  if (!row || (scope && scope !== row.enterpriseId)) throw new ERR_NOT_FOUND({ what: 'workstation' });
  return row;
}

/**
 * Renames a workstation. Its code is not editable: it is what devices report and what mappings and
 * past reports hold; a new code is a new workstation (and the old one archived).
 */
export async function renameWorkstation(db: Database, id: string, scope: string | null, name: string | null): Promise<Workstation> {
  const before = await visibleWorkstation(db, id, scope);
  if (before.archivedAt) throw new ERR_ARCHIVED({ what: 'workstation' });
  const [row] = await db.update(workstations).set({ name }).where(eq(workstations.id, id)).returning();
  return row!;
}

/** Archives the workstation (once: archiving again keeps the first time). */
export async function archiveWorkstation(db: Database, id: string, scope: string | null, now: Date): Promise<Workstation> {
  await visibleWorkstation(db, id, scope);
  await db
    .update(workstations)
    .set({ archivedAt: now })
    .where(and(eq(workstations.id, id), isNull(workstations.archivedAt)));
  return visibleWorkstation(db, id, scope);
}

export function listWorkstations(db: Database, scope: string | null, enterpriseId: string | undefined, page: PageQuery) {
  const where = scoped(workstations.enterpriseId, scope, enterpriseId ? eq(workstations.enterpriseId, enterpriseId) : undefined);
  return listPage(db, page, () => db.select().from(workstations).where(where).$dynamic(), [workstations.enterpriseId, workstations.code]);
}
