import { desc, eq } from 'drizzle-orm';
import type { Database } from '../db/index.js';
import { projects } from '../db/schema/index.js';
import { ERR_NOT_FOUND } from '../errors.js';
import { assertEnterpriseExists } from './enterprises.js';
import { listPage, scoped, type PageQuery } from './page.js';

export type Project = typeof projects.$inferSelect;
export type NewProject = Pick<
  typeof projects.$inferInsert,
  'enterpriseId' | 'name' | 'totalInvestmentFen' | 'eligibleInvestmentFen' | 'windowStart' | 'windowEnd'
>;

export async function createProject(db: Database, fields: NewProject): Promise<Project> {
  await assertEnterpriseExists(db, fields.enterpriseId);
  const [row] = await db.insert(projects).values(fields).returning();
  return row!;
}

export function listProjects(db: Database, scope: string | null, enterpriseId: string | undefined, page: PageQuery) {
  const where = scoped(projects.enterpriseId, scope, enterpriseId ? eq(projects.enterpriseId, enterpriseId) : undefined);
  return listPage(db, page, () => db.select().from(projects).where(where).$dynamic(), [desc(projects.createdAt), projects.id]);
}

/** The project by id, whoever owns it; 404 when there is none. */
export async function projectById(db: Database, id: string): Promise<Project> {
  const [row] = await db.select().from(projects).where(eq(projects.id, id));
  if (!row) throw new ERR_NOT_FOUND('project');
  return row;
}

/** The project, if the caller may see it (another enterprise's is "not found"). */
export async function visibleProject(db: Database, id: string, scope: string | null): Promise<Project> {
  const [row] = await db.select().from(projects).where(eq(projects.id, id));
  if (!row || (scope && scope !== row.enterpriseId)) throw new ERR_NOT_FOUND('project');
  return row;
}
