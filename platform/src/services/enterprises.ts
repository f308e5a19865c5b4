import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Database } from '../db/index.js';
import { enterprises } from '../db/schema/index.js';
import { ERR_ARCHIVED, ERR_CONFLICT, ERR_NOT_FOUND } from '../errors.js';
import { listPage, scoped, type PageQuery } from './page.js';

export type Enterprise = typeof enterprises.$inferSelect;
export type EnterpriseChanges = Partial<Pick<Enterprise, 'name' | 'uscc' | 'town'>>;

/** Registers an enterprise; 409 when its USCC is registered already. */
export async function createEnterprise(db: Database, fields: { name: string; uscc: string; town: string }): Promise<Enterprise> {
  const [row] = await db.insert(enterprises).values(fields).onConflictDoNothing().returning();
  if (!row) throw new ERR_CONFLICT({ reason: 'uscc_exists', uscc: fields.uscc });
  return row;
}

/** Corrects an enterprise's registration; 409 when archived or when the new USCC is another's. */
export async function updateEnterprise(db: Database, id: string, scope: string | null, changes: EnterpriseChanges): Promise<Enterprise> {
  const before = await visibleEnterprise(db, id, scope);
  if (before.archivedAt) throw new ERR_ARCHIVED({ what: 'enterprise' });
  if (changes.uscc && changes.uscc !== before.uscc) {
    const [other] = await db.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.uscc, changes.uscc));
    if (other) throw new ERR_CONFLICT({ reason: 'uscc_exists', uscc: changes.uscc });
  }
  const [row] = await db.update(enterprises).set(changes).where(eq(enterprises.id, id)).returning();
  return row!;
}

/** Archives the enterprise (once: archiving again keeps the first time). */
export async function archiveEnterprise(db: Database, id: string, now: Date): Promise<Enterprise> {
  await visibleEnterprise(db, id, null);
  await db
    .update(enterprises)
    .set({ archivedAt: now })
    .where(and(eq(enterprises.id, id), isNull(enterprises.archivedAt)));
  return visibleEnterprise(db, id, null);
}

export function listEnterprises(db: Database, scope: string | null, page: PageQuery) {
  const where = scoped(enterprises.id, scope);
  return listPage(db, page, () => db.select().from(enterprises).where(where).$dynamic(), [desc(enterprises.createdAt), enterprises.id]);
}

/** The enterprise, if the caller may see it: another enterprise's record is "not found", not "forbidden", so its existence is not disclosed. */
export async function visibleEnterprise(db: Database, id: string, scope: string | null): Promise<Enterprise> {
  const [row] = await db.select().from(enterprises).where(eq(enterprises.id, id));
  if (!row || (scope && scope !== row.id)) throw new ERR_NOT_FOUND({ what: 'enterprise' });
  return row;
}

/** Throws 404 unless the enterprise exists (before something is created for it). */
export async function assertEnterpriseExists(db: Database, id: string): Promise<void> {
  const [owner] = await db.select({ id: enterprises.id }).from(enterprises).where(eq(enterprises.id, id));
  if (!owner) throw new ERR_NOT_FOUND({ what: 'enterprise' });
}

/** Throws 404 unless the enterprise exists, 409 when it is archived: it takes no new projects or workstations. */
export async function assertEnterpriseOpen(db: Database, id: string): Promise<void> {
  const [owner] = await db.select({ archivedAt: enterprises.archivedAt }).from(enterprises).where(eq(enterprises.id, id));
  if (!owner) throw new ERR_NOT_FOUND({ what: 'enterprise' });
  if (owner.archivedAt) throw new ERR_ARCHIVED({ what: 'enterprise' });
}

/** What the dashboard shows of the caller's own enterprise; null when it is gone. */
export async function enterpriseCard(db: Database, id: string): Promise<{ id: string; name: string; town: string } | null> {
  const [e] = await db.select({ id: enterprises.id, name: enterprises.name, town: enterprises.town }).from(enterprises).where(eq(enterprises.id, id));
  return e ?? null;
}
