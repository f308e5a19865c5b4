import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Database } from '../db/index.js';
import { projectChanges, projects } from '../db/schema/index.js';
import { ERR_ARCHIVED, ERR_INVESTMENT_INVALID, ERR_NOT_FOUND, ERR_WINDOW_INVALID } from '../errors.js';
import type { Actor } from './actor.js';
import { assertEnterpriseOpen } from './enterprises.js';
import { listPage, scoped, type Page, type PageQuery } from './page.js';
import { approvalsOf, latestApprovals, recordApproval, sameFigures, type Approval } from './project-approvals.js';

type ProjectRow = typeof projects.$inferSelect;
/** A project as the API shows it: the declared figures, the latest approval, and whether they differ. */
export type Project = ProjectRow & { approval: Approval | null; pendingApproval: boolean };
export type NewProject = Pick<
  typeof projects.$inferInsert,
  'enterpriseId' | 'name' | 'totalInvestmentFen' | 'eligibleInvestmentFen' | 'windowStart' | 'windowEnd'
>;
/** What a PATCH may change: the declared fields (the enterprise is fixed). */
export type ProjectChanges = Partial<Pick<NewProject, 'name' | 'totalInvestmentFen' | 'eligibleInvestmentFen' | 'windowStart' | 'windowEnd'>>;

/** Fields whose every change is kept in project_changes: the award inputs and the name the report shows. */
const TRACKED = ['name', 'totalInvestmentFen', 'eligibleInvestmentFen', 'windowStart', 'windowEnd'] as const;

function withApproval(row: ProjectRow, approval: Approval | undefined): Project {
  return { ...row, approval: approval ?? null, pendingApproval: !approval || !sameFigures(row, approval) };
}

function checkFigures(p: Pick<NewProject, 'totalInvestmentFen' | 'eligibleInvestmentFen' | 'windowStart' | 'windowEnd'>): void {
  if (p.eligibleInvestmentFen > p.totalInvestmentFen) throw new ERR_INVESTMENT_INVALID();
  if (p.windowEnd < p.windowStart) throw new ERR_WINDOW_INVALID({ reason: 'window_order' });
}

async function recordChanges(db: Database, before: Partial<ProjectRow> | null, after: ProjectRow, actor: Actor, now: Date): Promise<void> {
  const rows = TRACKED.filter((f) => before === null || before[f] !== after[f]).map((field) => ({
    projectId: after.id,
    field,
    oldValue: before === null ? null : String(before[field]),
    newValue: String(after[field]),
    actorRole: actor.role,
    actorId: actor.id,
    actorName: actor.name,
    at: now,
  }));
  if (rows.length > 0) await db.insert(projectChanges).values(rows);
}

/**
 * Creates a project; its first figures are kept as its first declaration. Figures the operator
 * enters are approved by that act (the operator is an approver, and is named as such); an
 * enterprise's wait for the operator or the bureau.
 */
export async function createProject(db: Database, fields: NewProject, actor: Actor, now: Date): Promise<Project> {
  checkFigures(fields);
  return db.transaction(async (tx) => {
    await assertEnterpriseOpen(tx, fields.enterpriseId);
    const [row] = await tx.insert(projects).values(fields).returning();
    await recordChanges(tx, null, row!, actor, now);
    const approval = actor.role === 'operator' ? await recordApproval(tx, row!.id, row!, actor, now) : undefined;
    return withApproval(row!, approval);
  });
}

/**
 * Changes declared fields, keeping each change (old value, new value, who, when). The approval
 * stays what it was: a run counts the approved figures until the new ones are approved.
 */
export async function updateProject(db: Database, id: string, scope: string | null, changes: ProjectChanges, actor: Actor, now: Date): Promise<Project> {
  const updated = await db.transaction(async (tx) => {
    const [before] = await tx.select().from(projects).where(eq(projects.id, id)).for('update');
    if (!before || (scope && scope !== before.enterpriseId)) throw new ERR_NOT_FOUND({ what: 'project' });
    if (before.archivedAt) throw new ERR_ARCHIVED({ what: 'project' });
    checkFigures({ ...before, ...changes });
    const [after] = await tx.update(projects).set(changes).where(eq(projects.id, id)).returning();
    await recordChanges(tx, before, after!, actor, now);
    return after!;
  });
  return withApproval(updated, (await latestApprovals(db, [id])).get(id));
}

/** Archives the project (once: archiving again keeps the first time). */
export async function archiveProject(db: Database, id: string, scope: string | null, now: Date): Promise<Project> {
  const row = await visibleRow(db, id, scope);
  if (!row.archivedAt)
    await db
      .update(projects)
      .set({ archivedAt: now })
      .where(and(eq(projects.id, id), isNull(projects.archivedAt)));
  return visibleProject(db, id, scope);
}

export async function listProjects(db: Database, scope: string | null, enterpriseId: string | undefined, page: PageQuery): Promise<Page<Project>> {
  const where = scoped(projects.enterpriseId, scope, enterpriseId ? eq(projects.enterpriseId, enterpriseId) : undefined);
  const listed = await listPage(db, page, () => db.select().from(projects).where(where).$dynamic(), [desc(projects.createdAt), projects.id]);
  const approvals = await latestApprovals(
    db,
    listed.items.map((p) => p.id),
  );
  return { ...listed, items: listed.items.map((p) => withApproval(p, approvals.get(p.id))) };
}

/** The project by id, whoever owns it; 404 when there is none. */
export async function projectById(db: Database, id: string): Promise<ProjectRow> {
  const [row] = await db.select().from(projects).where(eq(projects.id, id));
  if (!row) throw new ERR_NOT_FOUND({ what: 'project' });
  return row;
}

async function visibleRow(db: Database, id: string, scope: string | null): Promise<ProjectRow> {
  const [row] = await db.select().from(projects).where(eq(projects.id, id));
  if (!row || (scope && scope !== row.enterpriseId)) throw new ERR_NOT_FOUND({ what: 'project' });
  return row;
}

/** The project, if the caller may see it (another enterprise's is "not found"). */
export async function visibleProject(db: Database, id: string, scope: string | null): Promise<Project> {
  const row = await visibleRow(db, id, scope);
  return withApproval(row, (await latestApprovals(db, [id])).get(id));
}

/** Every change to the project's declared fields and every approval, oldest first. */
export async function projectHistory(db: Database, id: string, scope: string | null) {
  await visibleRow(db, id, scope);
  const changes = await db.select().from(projectChanges).where(eq(projectChanges.projectId, id)).orderBy(projectChanges.seq);
  return { changes, approvals: await approvalsOf(db, id) };
}
