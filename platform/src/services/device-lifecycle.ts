// A device's life after enrollment (docs/devices.md): disable, re-enable, decommission, replace
// and move, each with a reason, by a named person. Every change updates devices.status and appends
// a row to device_status_events in one transaction, under a lock on the device's row, so the log
// is in the order the changes happened and a status is never changed from a stale one.
// The broker and ingest learn of it from the caller (routes/device-lifecycle.ts →
// PlatformContext.applyDeviceStatus), after the commit.
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Principal } from '../auth/principal.js';
import type { Database } from '../db/index.js';
import { devices, deviceStatusEvents, projects, workstationMappings } from '../db/schema/index.js';
import { closeMappings, openMappings } from '../enrollment/workstations.js';
import { appendDeviceEvents } from './device-log.js';
import { placeDevice } from '../enrollment/placement.js';
import { ERR_DEVICE_MOVE, ERR_DEVICE_STATUS, ERR_NOT_FOUND } from '../errors.js';
import type { DeviceStatus } from '../ingest/device-registry.js';

export type LifecycleAction = 'disable' | 'enable' | 'decommission' | 'replace' | 'move';

/** The statuses each action may start from, and the one it leaves (null: the status is kept). */
const TRANSITIONS: Record<Exclude<LifecycleAction, 'replace'>, { from: readonly DeviceStatus[]; to: DeviceStatus | null }> = {
  disable: { from: ['active'], to: 'disabled' },
  enable: { from: ['disabled'], to: 'active' },
  decommission: { from: ['active', 'disabled'], to: 'decommissioned' },
  move: { from: ['active', 'disabled'], to: null },
};

export interface LifecycleRequest {
  deviceId: string;
  reason: string;
  actor: Principal;
  at: Date;
}

/** A status change made: what the broker must be told, device by device. */
export interface StatusChange {
  deviceId: string;
  status: DeviceStatus;
}

interface Locked {
  id: string;
  enterpriseId: string;
  projectId: string;
  status: DeviceStatus;
}

async function lockDevice(tx: Database, id: string, scope: string | null): Promise<Locked> {
  const [row] = await tx
    .select({ id: devices.id, enterpriseId: devices.enterpriseId, projectId: devices.projectId, status: devices.status })
    .from(devices)
    .where(eq(devices.id, id))
    .for('update');
  if (!row || (scope && scope !== row.enterpriseId)) throw new ERR_NOT_FOUND({ what: 'device' });
  return row;
}

function assertFrom(device: Locked, action: LifecycleAction, allowed: readonly DeviceStatus[]): void {
  if (!allowed.includes(device.status)) throw new ERR_DEVICE_STATUS({ reason: 'status_forbids', status: device.status, change: ACTION_PAST[action] });
}

export const ACTION_PAST: Record<LifecycleAction, string> = {
  disable: 'disabled',
  enable: 're-enabled',
  decommission: 'decommissioned',
  replace: 'replaced',
  move: 'moved',
};

interface EventFields {
  action: LifecycleAction;
  to: DeviceStatus;
  relatedDeviceId?: string;
  fromProjectId?: string;
  toProjectId?: string;
}

/** The status change and its log row; devices.status_changed_at is the event's own time. */
async function record(tx: Database, device: Locked, req: LifecycleRequest, e: EventFields): Promise<void> {
  if (e.to !== device.status) {
    await tx.update(devices).set({ status: e.to, statusChangedAt: req.at }).where(eq(devices.id, device.id));
  }
  await tx.insert(deviceStatusEvents).values({
    deviceId: device.id,
    action: e.action,
    fromStatus: device.status,
    toStatus: e.to,
    reason: req.reason,
    relatedDeviceId: e.relatedDeviceId ?? null,
    fromProjectId: e.fromProjectId ?? null,
    toProjectId: e.toProjectId ?? null,
    actorAccountId: req.actor.accountId,
    actorName: req.actor.username,
    actorTokenId: req.actor.tokenId,
    at: req.at,
  });
  // The witnessed devices log (docs/witness.md): the same change, with where it leaves the device.
  await appendDeviceEvents(tx, [
    { deviceId: device.id, event: e.action, status: e.to, enterpriseId: device.enterpriseId, projectId: e.toProjectId ?? device.projectId, at: req.at },
  ]);
}

/** Disable, re-enable or decommission one device. */
export function changeStatus(
  db: Database,
  action: 'disable' | 'enable' | 'decommission',
  req: LifecycleRequest,
  scope: string | null,
): Promise<StatusChange[]> {
  return db.transaction(async (tx) => {
    const device = await lockDevice(tx, req.deviceId, scope);
    const { from, to } = TRANSITIONS[action];
    assertFrom(device, action, from);
    // Decommissioned hardware serves nothing: its workstations are free for another device.
    if (action === 'decommission') await closeMappings(tx, device.id, req.at);
    await record(tx, device, req, { action, to: to! });
    return [{ deviceId: device.id, status: to! }];
  });
}

/** Moves a device to another project of its own enterprise; its status and workstations stay. */
export function moveDevice(db: Database, req: LifecycleRequest & { projectId: string }, scope: string | null): Promise<StatusChange[]> {
  return db.transaction(async (tx) => {
    const device = await lockDevice(tx, req.deviceId, scope);
    assertFrom(device, 'move', TRANSITIONS.move.from);
    const [target] = await tx.select({ id: projects.id, enterpriseId: projects.enterpriseId }).from(projects).where(eq(projects.id, req.projectId));
    if (!target || (scope && scope !== target.enterpriseId)) throw new ERR_NOT_FOUND({ what: 'project' });
    if (target.enterpriseId !== device.enterpriseId) throw new ERR_DEVICE_MOVE({ reason: 'move_other_enterprise' });
    if (target.id === device.projectId) throw new ERR_DEVICE_MOVE({ reason: 'move_same_project' });
    await placeDevice(tx, device.id, target.id);
    await record(tx, device, req, { action: 'move', to: device.status, fromProjectId: device.projectId, toProjectId: target.id });
    return [{ deviceId: device.id, status: device.status }];
  });
}

/**
 * New hardware takes over an old device's workstations: the old one is decommissioned (its
 * history stays), the new one, already enrolled in the same enterprise and active, serves the old
 * one's codes from now on in the old one's project, and each event names the other device.
 */
export function replaceDevice(db: Database, req: LifecycleRequest & { replacementId: string }, scope: string | null): Promise<StatusChange[]> {
  return db.transaction(async (tx) => {
    if (req.replacementId === req.deviceId) throw new ERR_DEVICE_MOVE({ reason: 'replace_itself' });
    // Locked in id order: two replacements naming the same pair the other way round cannot deadlock.
    const [first, second] = [req.deviceId, req.replacementId].sort();
    const a = await lockDevice(tx, first!, scope);
    const b = await lockDevice(tx, second!, scope);
    const [old, replacement] = a.id === req.deviceId ? [a, b] : [b, a];
    assertFrom(old, 'replace', ['active', 'disabled']);
    if (replacement.status !== 'active') throw new ERR_DEVICE_STATUS({ reason: 'replacement_status', status: replacement.status });
    if (replacement.enterpriseId !== old.enterpriseId) throw new ERR_DEVICE_MOVE({ reason: 'replace_other_enterprise' });
    const codes = await tx
      .select({ code: workstationMappings.code })
      .from(workstationMappings)
      .where(and(eq(workstationMappings.deviceId, old.id), isNull(workstationMappings.validTo)))
      .orderBy(asc(workstationMappings.code));
    await closeMappings(tx, old.id, req.at);
    await closeMappings(tx, replacement.id, req.at);
    await openMappings(
      tx,
      old.enterpriseId,
      codes.map((c) => ({ deviceId: replacement.id, code: c.code })),
      req.at,
    );
    if (replacement.projectId !== old.projectId) await placeDevice(tx, replacement.id, old.projectId);
    await tx.update(devices).set({ replacedBy: replacement.id }).where(eq(devices.id, old.id));
    await record(tx, old, req, { action: 'replace', to: 'decommissioned', relatedDeviceId: replacement.id });
    await record(tx, replacement, req, {
      action: 'replace',
      to: 'active',
      relatedDeviceId: old.id,
      ...(replacement.projectId !== old.projectId ? { fromProjectId: replacement.projectId, toProjectId: old.projectId } : {}),
    });
    return [
      { deviceId: old.id, status: 'decommissioned' },
      { deviceId: replacement.id, status: 'active' },
    ];
  });
}

/** A device's status log, oldest first: the order the changes were made in. */
export async function statusEvents(db: Database, deviceId: string) {
  return db
    .select({
      seq: deviceStatusEvents.seq,
      action: deviceStatusEvents.action,
      fromStatus: deviceStatusEvents.fromStatus,
      toStatus: deviceStatusEvents.toStatus,
      reason: deviceStatusEvents.reason,
      relatedDeviceId: deviceStatusEvents.relatedDeviceId,
      fromProjectId: deviceStatusEvents.fromProjectId,
      toProjectId: deviceStatusEvents.toProjectId,
      actor: deviceStatusEvents.actorName,
      at: deviceStatusEvents.at,
    })
    .from(deviceStatusEvents)
    .where(eq(deviceStatusEvents.deviceId, deviceId))
    .orderBy(asc(deviceStatusEvents.seq));
}
