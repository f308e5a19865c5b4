import { eq } from 'drizzle-orm';
import type { Database } from '../db/index.js';
import { workstations } from '../db/schema/index.js';
import { ERR_CONFLICT } from '../errors.js';
import { assertEnterpriseExists } from './enterprises.js';
import { listPage, scoped, type PageQuery } from './page.js';

export type Workstation = typeof workstations.$inferSelect;

/** Registers a workstation by the code its devices report; 409 when the enterprise has that code. */
export async function registerWorkstation(db: Database, fields: { enterpriseId: string; code: string; name?: string | undefined }): Promise<Workstation> {
  await assertEnterpriseExists(db, fields.enterpriseId);
  const [row] = await db.insert(workstations).values(fields).onConflictDoNothing().returning();
  if (!row) throw new ERR_CONFLICT(`workstation ${fields.code} is already registered for this enterprise`);
  return row;
}

export function listWorkstations(db: Database, scope: string | null, enterpriseId: string | undefined, page: PageQuery) {
  const where = scoped(workstations.enterpriseId, scope, enterpriseId ? eq(workstations.enterpriseId, enterpriseId) : undefined);
  return listPage(db, page, () => db.select().from(workstations).where(where).$dynamic(), [workstations.enterpriseId, workstations.code]);
}
