// Award inputs approved (docs/records.md): the enterprise declares a project's investment figures
// and window, the operator or the bureau approves exactly the figures it read, and a certification
// run counts with the latest approval only. Approvals are appended, never changed.
import { desc, eq, inArray } from 'drizzle-orm';
import type { Database } from '../db/index.js';
import { projectApprovals, projects } from '../db/schema/index.js';
import { ERR_APPROVAL_STALE, ERR_ARCHIVED, ERR_NOT_FOUND } from '../errors.js';
import type { Actor } from './actor.js';

export type Approval = typeof projectApprovals.$inferSelect;

/** The figures of a project that feed its award (实施细则 art. 18) and decide whether a run includes it. */
export const AWARD_FIGURES = ['totalInvestmentFen', 'eligibleInvestmentFen', 'windowStart', 'windowEnd'] as const;
export type AwardFigures = Pick<Approval, (typeof AWARD_FIGURES)[number]>;

export const sameFigures = (a: AwardFigures, b: AwardFigures): boolean => AWARD_FIGURES.every((k) => a[k] === b[k]);

/** Appends an approval of these figures (the caller's own insert or transaction). */
export async function recordApproval(db: Database, projectId: string, figures: AwardFigures, actor: Actor, now: Date): Promise<Approval> {
  const [row] = await db
    .insert(projectApprovals)
    .values({
      projectId,
      totalInvestmentFen: figures.totalInvestmentFen,
      eligibleInvestmentFen: figures.eligibleInvestmentFen,
      windowStart: figures.windowStart,
      windowEnd: figures.windowEnd,
      approvedRole: actor.role,
      approvedById: actor.id,
      approvedByName: actor.name,
      approvedAt: now,
    })
    .returning();
  return row!;
}

/**
 * Approves the declared figures, which the approver sends back as it read them: when they changed
 * in between (the enterprise edited the project meanwhile) nothing is approved, so an approval can
 * never cover figures its approver did not see. The project row is locked against a concurrent edit.
 */
export async function approveProject(db: Database, projectId: string, seen: AwardFigures, actor: Actor, now: Date): Promise<Approval> {
  return db.transaction(async (tx) => {
    const [project] = await tx.select().from(projects).where(eq(projects.id, projectId)).for('update');
    if (!project) throw new ERR_NOT_FOUND({ what: 'project' });
    if (project.archivedAt) throw new ERR_ARCHIVED({ what: 'project' });
    if (!sameFigures(project, seen)) {
      throw new ERR_APPROVAL_STALE();
    }
    return recordApproval(tx, projectId, project, actor, now);
  });
}

/** The latest approval of each of these projects. */
export async function latestApprovals(db: Database, projectIds: readonly string[]): Promise<Map<string, Approval>> {
  const latest = new Map<string, Approval>();
  if (projectIds.length === 0) return latest;
  const rows = await db
    .select()
    .from(projectApprovals)
    .where(inArray(projectApprovals.projectId, [...projectIds]))
    .orderBy(projectApprovals.projectId, desc(projectApprovals.seq));
  for (const r of rows) if (!latest.has(r.projectId)) latest.set(r.projectId, r);
  return latest;
}

export function approvalsOf(db: Database, projectId: string): Promise<Approval[]> {
  return db.select().from(projectApprovals).where(eq(projectApprovals.projectId, projectId)).orderBy(projectApprovals.seq);
}
