// The commands of one device as the API shows them (docs/commands.md): send, list, show with its
// history and the device's signed result, cancel while queued. Who may send what:
//   operator     every kind, every device
//   enterprise   its own devices only (another's is "not found"), and only the kinds that change
//                nothing but its own mapping or ask the device to speak: ENTERPRISE_KINDS
//   bureau       reads only (the route's roles)
import { eq } from 'drizzle-orm';
import type { Principal } from '../auth/principal.js';
import type { CommandDelivery } from '../commands/delivery.js';
import { commandById, commandEvents, expireDue, insertCommand, NEWEST_FIRST, transition, type CommandKind, type CommandRow } from '../commands/ledger.js';
import type { Database } from '../db/index.js';
import { deviceCommands } from '../db/schema/index.js';
import { assertRegistered } from '../enrollment/workstations.js';
import { ERR_COMMAND_STATE, ERR_FORBIDDEN, ERR_NOT_FOUND } from '../errors.js';
import { visibleDevice } from './devices.js';
import { listPage, type PageQuery } from './page.js';

/** set_heartbeat_interval changes how the device is judged online and what it costs: the operator's. */
export const ENTERPRISE_KINDS: readonly CommandKind[] = ['ping', 'request_hello', 'set_workstations'];

export interface CommandRequest {
  kind: CommandKind;
  intervalMs?: number;
  workstations?: string[];
  /** Seconds from now; the configured default when left out. */
  ttlSeconds?: number;
}

export interface CommandServices {
  db: Database;
  clock: () => Date;
  commands: CommandDelivery;
  config: { commandDefaultTtlS: number };
}

function paramsOf(req: CommandRequest): Record<string, unknown> {
  if (req.kind === 'set_heartbeat_interval') return { intervalMs: req.intervalMs };
  if (req.kind === 'set_workstations') return { workstations: [...new Set(req.workstations ?? [])] };
  return {};
}

export async function sendCommand(s: CommandServices, deviceId: string, principal: Principal, scope: string | null, req: CommandRequest) {
  const device = await visibleDevice(s.db, deviceId, scope);
  if (principal.role === 'enterprise' && !ENTERPRISE_KINDS.includes(req.kind)) throw new ERR_FORBIDDEN({ role: 'enterprise', action: `send ${req.kind}` });
  const params = paramsOf(req);
  // Refused now, with the codes named, rather than mapped and silently uncounted later.
  if (req.kind === 'set_workstations') await assertRegistered(s.db, device.enterpriseId, params.workstations as string[]);
  const now = s.clock();
  s.commands.opening(device.id); // before the insert: a return meanwhile must not skip the ledger
  const row = await insertCommand(
    s.db,
    {
      deviceId: device.id,
      enterpriseId: device.enterpriseId,
      kind: req.kind,
      params,
      deadlineAt: new Date(now.getTime() + (req.ttlSeconds ?? s.config.commandDefaultTtlS) * 1_000),
      requestedBy: principal.username ?? `${principal.role} token ${principal.tokenId ?? ''}`.trim(),
    },
    now,
  );
  await s.commands.sendNow(device.id);
  return showCommand(s, device.id, row.id, scope);
}

export async function listCommands(s: CommandServices, deviceId: string, scope: string | null, page: PageQuery) {
  const device = await visibleDevice(s.db, deviceId, scope);
  await expireDue(s.db, s.clock(), device.id);
  const result = await listPage(s.db, page, () => s.db.select().from(deviceCommands).where(eq(deviceCommands.deviceId, device.id)).$dynamic(), NEWEST_FIRST);
  return { ...result, items: result.items.map(shape) };
}

export async function showCommand(s: CommandServices, deviceId: string, commandId: string, scope: string | null) {
  const device = await visibleDevice(s.db, deviceId, scope);
  await expireDue(s.db, s.clock(), device.id);
  const row = await commandById(s.db, commandId);
  if (!row || row.deviceId !== device.id) throw new ERR_NOT_FOUND({ what: 'command' });
  return { ...shape(row), history: await commandEvents(s.db, row.id), result: resultOf(row) };
}

export async function cancelCommand(s: CommandServices, deviceId: string, commandId: string, principal: Principal, scope: string | null) {
  const current = await showCommand(s, deviceId, commandId, scope);
  if (principal.role === 'enterprise' && !ENTERPRISE_KINDS.includes(current.kind))
    throw new ERR_FORBIDDEN({ role: 'enterprise', action: `cancel ${current.kind}` });
  const now = s.clock();
  const by = principal.username ?? `${principal.role} token`;
  if (!(await transition(s.db, commandId, ['queued'], 'cancelled', now, `cancelled by ${by}`, { finishedAt: now }))) {
    const [again] = await s.db.select({ state: deviceCommands.state }).from(deviceCommands).where(eq(deviceCommands.id, commandId));
    throw new ERR_COMMAND_STATE({ state: again?.state ?? current.state });
  }
  return showCommand(s, deviceId, commandId, scope);
}

function shape(row: CommandRow) {
  return {
    id: row.id,
    deviceId: row.deviceId,
    kind: row.kind,
    params: row.params as Record<string, unknown>,
    state: row.state,
    createdAt: row.createdAt,
    deadlineAt: row.deadlineAt,
    requestedBy: row.requestedBy,
    deliveredAt: row.deliveredAt,
    finishedAt: row.finishedAt,
    /** The device's one-line answer, once its signed result is in. */
    resultDetail: row.resultDetail,
  };
}

/** The device's own words, with the Envelope that proves them (verify with the device's key). */
function resultOf(row: CommandRow) {
  if (row.resultBody === null) return null;
  return {
    detail: row.resultDetail ?? '',
    workstations: row.resultMapping as { codes: string[]; revision: number } | null,
    receivedAt: row.resultReceivedAt,
    body: row.resultBody,
    signature: row.resultSignature,
  };
}
