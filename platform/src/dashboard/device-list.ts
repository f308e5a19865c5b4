// The device list behind GET /devices: filtered, searched and sorted in the database and returned a
// page at a time, so the dashboard stays fast with 100,000 devices (it never loads the whole list).
// Sort keys map to fixed columns; the search text is only ever a bound parameter.
import { and, asc, count, desc, eq, ilike, inArray, isNull, like, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/index.js';
import { devices, enterprises, projects, workstationMappings } from '../db/schema/index.js';
import type { DeviceKindName } from '@edgenet/proto';
import { hardwareLabel } from './hardware-label.js';

export const DEVICE_SORTS = ['enrolledAt', 'lastSeenAt', 'kind', 'enterprise', 'project', 'town', 'online', 'id'] as const;
export type DeviceSort = (typeof DEVICE_SORTS)[number];

export interface DeviceListQuery {
  limit: number;
  offset: number;
  scope: string | null;
  enterpriseId?: string | undefined;
  projectId?: string | undefined;
  online?: boolean | undefined;
  town?: string | undefined;
  kind?: DeviceKindName | undefined;
  /** Device id, fingerprint or key id prefix; or part of the enterprise or project name or of a serial. */
  q?: string | undefined;
  sort?: DeviceSort | undefined;
  order?: 'asc' | 'desc' | undefined;
}

const SORT_COLUMNS = {
  enrolledAt: devices.enrolledAt,
  lastSeenAt: devices.lastSeenAt,
  kind: devices.kind,
  enterprise: enterprises.name,
  project: projects.name,
  town: enterprises.town,
  online: devices.online,
  id: devices.id,
} as const;

/** A device as listings show it; the detail route adds the inventory. */
export const DEVICE_COLUMNS = {
  id: devices.id,
  enterpriseId: devices.enterpriseId,
  projectId: devices.projectId,
  kind: devices.kind,
  fingerprint: devices.fingerprint,
  keyId: devices.keyId,
  agentVersion: devices.agentVersion,
  heartbeatIntervalMs: devices.heartbeatIntervalMs,
  online: devices.online,
  status: devices.status,
  lastSeq: devices.lastSeq,
  enrolledAt: devices.enrolledAt,
  firstSeenAt: devices.firstSeenAt,
  lastSeenAt: devices.lastSeenAt,
};

const inventoryText = (key: string) => sql<string | null>`${devices.inventory}->>${sql.raw(`'${key}'`)}`;
const columns = {
  ...DEVICE_COLUMNS,
  enterpriseName: enterprises.name,
  projectName: projects.name,
  town: enterprises.town,
  // For the label (hardware-label.ts): three short strings out of the inventory, not all of it.
  systemModel: inventoryText('systemModel'),
  systemSerial: inventoryText('systemSerial'),
  boardSerial: inventoryText('boardSerial'),
};

/** LIKE patterns treat % and _ as wildcards; a search for "L1_01" means the text itself. */
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listDevices(db: Database, query: DeviceListQuery) {
  const { limit, offset, scope, enterpriseId, projectId, online, town, kind, q } = query;
  const filters: SQL[] = [];
  if (scope) filters.push(eq(devices.enterpriseId, scope));
  if (enterpriseId) filters.push(eq(devices.enterpriseId, enterpriseId));
  if (projectId) filters.push(eq(devices.projectId, projectId));
  if (online !== undefined) filters.push(eq(devices.online, online));
  if (town) filters.push(eq(enterprises.town, town));
  if (kind) filters.push(eq(devices.kind, kind));
  if (q) {
    const prefix = `${escapeLike(q.toLowerCase())}%`;
    const anywhere = `%${escapeLike(q)}%`;
    filters.push(
      or(
        like(sql`${devices.id}::text`, prefix),
        like(devices.fingerprint, prefix),
        like(devices.keyId, prefix),
        ilike(enterprises.name, anywhere),
        ilike(projects.name, anywhere),
        // The serial on the box's label, as someone standing beside it reads it out.
        ilike(inventoryText('systemSerial'), anywhere),
        ilike(inventoryText('boardSerial'), anywhere),
        eq(enterprises.town, q),
      )!,
    );
  }
  const where = and(...filters);
  const direction = query.order === 'asc' ? asc : desc;
  const sortColumn = SORT_COLUMNS[query.sort ?? 'enrolledAt'];
  // Never-seen devices sort after the others whichever the direction; the id keeps pages stable.
  const orderBy = [sql`${direction(sortColumn)} nulls last`, asc(devices.id)];
  const [items, [total]] = await Promise.all([
    db
      .select(columns)
      .from(devices)
      .innerJoin(enterprises, eq(enterprises.id, devices.enterpriseId))
      .innerJoin(projects, eq(projects.id, devices.projectId))
      .where(where)
      .orderBy(...orderBy)
      .limit(limit)
      .offset(offset),
    db
      .select({ n: count() })
      .from(devices)
      .innerJoin(enterprises, eq(enterprises.id, devices.enterpriseId))
      .innerJoin(projects, eq(projects.id, devices.projectId))
      .where(where),
  ]);
  // Workstations served, for this page only (a count per device over 100,000 rows is not needed).
  const served =
    items.length === 0
      ? []
      : await db
          .select({ deviceId: workstationMappings.deviceId, n: count() })
          .from(workstationMappings)
          .where(
            and(
              inArray(
                workstationMappings.deviceId,
                items.map((i) => i.id),
              ),
              isNull(workstationMappings.validTo),
            ),
          )
          .groupBy(workstationMappings.deviceId);
  const servedBy = new Map(served.map((s) => [s.deviceId, s.n]));
  return {
    items: items.map(({ systemModel, systemSerial, boardSerial, ...i }) => ({
      ...i,
      ...hardwareLabel({ systemModel, systemSerial, boardSerial }),
      workstationsServed: servedBy.get(i.id) ?? 0,
    })),
    total: total?.n ?? 0,
  };
}
