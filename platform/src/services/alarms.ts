// Alarms as the evaluator raises and clears them and as people acknowledge and assign them
// (docs/alarms.md). Every change appends an event: the history says who did what and when, and is
// never rewritten. The one writer of alarms and alarm_events.
import { and, asc, desc, eq, getTableColumns, inArray, isNotNull, isNull, type SQL } from 'drizzle-orm';
import type { Condition } from '../alarms/conditions.js';
import type { Principal } from '../auth/principal.js';
import type { Database } from '../db/index.js';
import { accounts, alarmEvents, alarms } from '../db/schema/index.js';
import { ERR_ALARM_ASSIGNEE, ERR_CONFLICT, ERR_NOT_FOUND } from '../errors.js';
import { listPage, scoped, type PageQuery } from './page.js';

export type AlarmRow = typeof alarms.$inferSelect;
export type AlarmState = 'raised' | 'acknowledged' | 'cleared';
export const EVALUATOR = 'evaluator';

export interface AlarmFilter {
  /** open: raised or acknowledged, not cleared. */
  state?: AlarmState | 'open' | undefined;
  kind?: string | undefined;
  deviceId?: string | undefined;
  enterpriseId?: string | undefined;
  assigneeId?: string | undefined;
}

const STATE: Record<NonNullable<AlarmFilter['state']>, SQL | undefined> = {
  open: isNull(alarms.clearedAt),
  raised: and(isNull(alarms.clearedAt), isNull(alarms.acknowledgedAt)),
  acknowledged: and(isNull(alarms.clearedAt), isNotNull(alarms.acknowledgedAt)),
  cleared: isNotNull(alarms.clearedAt),
};

export function stateOf(a: Pick<AlarmRow, 'acknowledgedAt' | 'clearedAt'>): AlarmState {
  return a.clearedAt ? 'cleared' : a.acknowledgedAt ? 'acknowledged' : 'raised';
}
const shaped = <T extends AlarmRow>(a: T) => ({ ...a, state: stateOf(a) });
/** The alarm's columns and its assignee's username, so a list names the person without a second query. */
const WITH_ASSIGNEE = { ...getTableColumns(alarms), assigneeName: accounts.username };

/** Alarms the caller may see (an enterprise: its own; the platform's own alarms have none), newest first. */
export async function listAlarms(db: Database, scope: string | null, filter: AlarmFilter, page: PageQuery) {
  const where = scoped(
    alarms.enterpriseId,
    scope,
    filter.state ? STATE[filter.state] : undefined,
    filter.kind ? eq(alarms.kind, filter.kind) : undefined,
    filter.deviceId ? eq(alarms.deviceId, filter.deviceId) : undefined,
    filter.enterpriseId ? eq(alarms.enterpriseId, filter.enterpriseId) : undefined,
    filter.assigneeId ? eq(alarms.assigneeId, filter.assigneeId) : undefined,
  );
  const result = await listPage(
    db,
    page,
    () => db.select(WITH_ASSIGNEE).from(alarms).leftJoin(accounts, eq(accounts.id, alarms.assigneeId)).where(where).$dynamic(),
    [desc(alarms.raisedAt), alarms.id],
  );
  return { ...result, items: result.items.map(shaped) };
}

/** One alarm with its history; 404 when it does not exist or is another enterprise's. */
export async function showAlarm(db: Database, scope: string | null, id: string) {
  const alarm = await alarmInScope(db, scope, id);
  const history = await db
    .select({
      at: alarmEvents.at,
      action: alarmEvents.action,
      actorId: alarmEvents.actorId,
      actorName: alarmEvents.actorName,
      comment: alarmEvents.comment,
      assigneeId: alarmEvents.assigneeId,
    })
    .from(alarmEvents)
    .where(eq(alarmEvents.alarmId, id))
    .orderBy(asc(alarmEvents.seq));
  return { ...shaped(alarm), history };
}

async function alarmInScope(db: Database, scope: string | null, id: string) {
  const [alarm] = await db
    .select(WITH_ASSIGNEE)
    .from(alarms)
    .leftJoin(accounts, eq(accounts.id, alarms.assigneeId))
    .where(scoped(alarms.enterpriseId, scope, eq(alarms.id, id)));
  if (!alarm) throw new ERR_NOT_FOUND({ what: 'alarm' });
  return alarm;
}

function actorOf(p: Principal): { actorId: string | null; actorName: string } {
  return { actorId: p.accountId, actorName: p.username ?? `api token ${p.tokenId?.slice(0, 8) ?? ''}`.trim() };
}

/** Acknowledges with a comment; 409 when it is acknowledged already. */
export async function acknowledgeAlarm(db: Database, caller: Principal, scope: string | null, id: string, comment: string, now: Date) {
  await alarmInScope(db, scope, id);
  await db.transaction(async (tx) => {
    const [updated] = await tx
      .update(alarms)
      .set({ acknowledgedAt: now })
      .where(and(eq(alarms.id, id), isNull(alarms.acknowledgedAt)))
      .returning({ id: alarms.id });
    if (!updated) throw new ERR_CONFLICT({ reason: 'alarm_acknowledged' });
    await tx.insert(alarmEvents).values({ alarmId: id, at: now, action: 'acknowledged', comment, ...actorOf(caller) });
  });
  return showAlarm(db, scope, id);
}

/**
 * Assigns to a person: operator staff, or for an enterprise's alarm also that enterprise's own
 * staff (they may see it); never the bureau, which only reads. 400 otherwise.
 */
export async function assignAlarm(db: Database, caller: Principal, id: string, assigneeId: string, comment: string | null, now: Date) {
  const alarm = await alarmInScope(db, null, id);
  const [person] = await db.select({ role: accounts.role, enterpriseId: accounts.enterpriseId }).from(accounts).where(eq(accounts.id, assigneeId));
  const mayHold =
    person && (person.role === 'operator' || (person.role === 'enterprise' && alarm.enterpriseId !== null && person.enterpriseId === alarm.enterpriseId));
  if (!mayHold) throw new ERR_ALARM_ASSIGNEE({ reason: person ? 'assignee_hidden' : 'assignee_unknown' });
  await db.transaction(async (tx) => {
    await tx.update(alarms).set({ assigneeId }).where(eq(alarms.id, id));
    await tx.insert(alarmEvents).values({ alarmId: id, at: now, action: 'assigned', assigneeId, comment, ...actorOf(caller) });
  });
  return showAlarm(db, null, id);
}

/** The open alarms' keys: what the evaluator compares the current conditions with. */
export function openAlarms(db: Database) {
  return db.select({ id: alarms.id, kind: alarms.kind, subject: alarms.subject }).from(alarms).where(isNull(alarms.clearedAt));
}

/**
 * Raises an alarm for each condition; a condition whose alarm another evaluator raised first is
 * skipped by the partial unique index (alarms_open_idx). Answers the alarms raised by this call.
 */
export async function raiseAlarms(db: Database, conditions: readonly Condition[], now: Date): Promise<AlarmRow[]> {
  if (conditions.length === 0) return [];
  return db.transaction(async (tx) => {
    const raised = await tx
      .insert(alarms)
      .values(
        conditions.map((c) => ({ kind: c.kind, subject: c.subject, deviceId: c.deviceId, enterpriseId: c.enterpriseId, details: c.details, raisedAt: now })),
      )
      .onConflictDoNothing()
      .returning();
    if (raised.length > 0) await tx.insert(alarmEvents).values(raised.map((a) => ({ alarmId: a.id, at: now, action: 'raised', actorName: EVALUATOR })));
    return raised;
  });
}

/** Clears alarms whose condition ended; each keeps its history, and a return raises a new one. */
export async function clearAlarms(db: Database, ids: readonly string[], now: Date): Promise<number> {
  if (ids.length === 0) return 0;
  return db.transaction(async (tx) => {
    const cleared = await tx
      .update(alarms)
      .set({ clearedAt: now })
      .where(and(inArray(alarms.id, [...ids]), isNull(alarms.clearedAt)))
      .returning({ id: alarms.id });
    if (cleared.length > 0) await tx.insert(alarmEvents).values(cleared.map((a) => ({ alarmId: a.id, at: now, action: 'cleared', actorName: EVALUATOR })));
    return cleared.length;
  });
}
