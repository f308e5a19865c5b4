// The one writer of device_commands and device_command_events. Every change of state is a
// conditional UPDATE (`where state in (…)`) with its event in the same transaction, so two platform
// instances — or a cancel racing a delivery — cannot both move one command: the loser's update
// matches no row and it does nothing.
//
//   from                  to          by
//   (new)                 queued      send
//   queued                delivered   handed to the broker while the device was connected
//   queued                cancelled   cancel (an operator or the enterprise that sent it)
//   queued, delivered     expired     the deadline passed without a result (the injected clock)
//   delivered, queued,    done,       the device's signed result (a late one after expiry still
//   expired               failed      lands: the device did act, and its signature says so)
import { and, asc, desc, eq, inArray, lte, type SQL } from 'drizzle-orm';
import type { Database } from '../db/index.js';
import { deviceCommandEvents, deviceCommands } from '../db/schema/index.js';
import type { CommandKind, CommandState } from './kinds.js';

export type { CommandKind, CommandState };
export type CommandRow = typeof deviceCommands.$inferSelect;

export interface NewCommand {
  deviceId: string;
  enterpriseId: string;
  kind: CommandKind;
  params: Record<string, unknown>;
  deadlineAt: Date;
  requestedBy: string;
}

/** States a command can still leave by being sent or expiring. */
export const OPEN_STATES: readonly CommandState[] = ['queued', 'delivered'];

export async function insertCommand(db: Database, c: NewCommand, now: Date): Promise<CommandRow> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(deviceCommands)
      .values({ ...c, state: 'queued', createdAt: now })
      .returning();
    await tx.insert(deviceCommandEvents).values({ commandId: row!.id, state: 'queued', at: now, detail: `sent by ${c.requestedBy}` });
    return row!;
  });
}

/** Moves the command from one of `from` to `to`; false when it was not in any of them (someone else moved it). */
export async function transition(
  db: Database,
  id: string,
  from: readonly CommandState[],
  to: CommandState,
  at: Date,
  detail: string | null,
  set: Partial<CommandRow> = {},
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const moved = await tx
      .update(deviceCommands)
      .set({ ...set, state: to })
      .where(and(eq(deviceCommands.id, id), inArray(deviceCommands.state, [...from])))
      .returning({ id: deviceCommands.id });
    if (moved.length === 0) return false;
    await tx.insert(deviceCommandEvents).values({ commandId: id, state: to, at, detail });
    return true;
  });
}

/** Commands of a device (or all, deviceId undefined) whose deadline passed without a result become expired. */
export async function expireDue(db: Database, now: Date, deviceId?: string): Promise<number> {
  const where: SQL[] = [inArray(deviceCommands.state, [...OPEN_STATES]), lte(deviceCommands.deadlineAt, now)];
  if (deviceId) where.push(eq(deviceCommands.deviceId, deviceId));
  const due = await db
    .select({ id: deviceCommands.id, state: deviceCommands.state })
    .from(deviceCommands)
    .where(and(...where));
  let expired = 0;
  for (const c of due) if (await expireCommand(db, c, now)) expired += 1;
  return expired;
}

/** One open command whose deadline passed becomes expired; false when another writer moved it first. */
export function expireCommand(db: Database, c: Pick<CommandRow, 'id' | 'state'>, now: Date): Promise<boolean> {
  return transition(db, c.id, OPEN_STATES, 'expired', now, `no result by the deadline (was ${c.state})`, { finishedAt: now });
}

/** What the device should still get: queued, or delivered without a result (lost on the way), in order. */
export function openCommands(db: Database, deviceId: string): Promise<CommandRow[]> {
  return db
    .select()
    .from(deviceCommands)
    .where(and(eq(deviceCommands.deviceId, deviceId), inArray(deviceCommands.state, [...OPEN_STATES])))
    .orderBy(asc(deviceCommands.createdAt));
}

export async function commandById(db: Database, id: string): Promise<CommandRow | undefined> {
  const [row] = await db.select().from(deviceCommands).where(eq(deviceCommands.id, id));
  return row;
}

export function commandEvents(db: Database, id: string) {
  return db
    .select({ state: deviceCommandEvents.state, at: deviceCommandEvents.at, detail: deviceCommandEvents.detail })
    .from(deviceCommandEvents)
    .where(eq(deviceCommandEvents.commandId, id))
    .orderBy(asc(deviceCommandEvents.id)); // insert order: the times come from two clocks (platform, broker receipt)
}

export const NEWEST_FIRST = [desc(deviceCommands.createdAt), desc(deviceCommands.id)];
