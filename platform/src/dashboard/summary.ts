// The fleet summary (enterprises, devices online/offline, workstations served), one query for
// GET /fleet/summary and the live stream GET /fleet/stream alike, so the two never disagree.
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../db/index.js';

export interface FleetSummary {
  enterprises: number;
  enterprisesConnected: number;
  devices: { total: number; online: number; offline: number };
  workstations: number;
  workstationsMapped: number;
}

interface SummaryRow {
  enterprises: number;
  enterprises_connected: number;
  devices_total: number;
  devices_online: number;
  workstations: number;
  workstations_mapped: number;
}

/** scope: an enterprise id for an enterprise token, null for the whole fleet. */
export async function fleetSummary(db: Database, scope: string | null): Promise<FleetSummary> {
  // One round trip; the scope filter is a bound parameter (null = every enterprise).
  const [row] = await queryRows<SummaryRow>(
    db,
    sql`
    with e as (select id from enterprises where ${scope}::uuid is null or id = ${scope}::uuid),
         d as (select id, enterprise_id, online from devices where enterprise_id in (select id from e)),
         m as (
           select distinct w.id, d.online
             from workstation_mappings wm
             join d on d.id = wm.device_id
             join workstations w on w.enterprise_id = wm.enterprise_id and w.code = wm.code
            where wm.valid_to is null)
    select (select count(*) from e)::int as enterprises,
           (select count(distinct enterprise_id) from d where online)::int as enterprises_connected,
           (select count(*) from d)::int as devices_total,
           (select count(*) from d where online)::int as devices_online,
           (select count(distinct id) from m where online)::int as workstations,
           (select count(distinct id) from m)::int as workstations_mapped`,
  );
  const r = row!;
  return {
    enterprises: r.enterprises,
    enterprisesConnected: r.enterprises_connected,
    devices: { total: r.devices_total, online: r.devices_online, offline: r.devices_total - r.devices_online },
    workstations: r.workstations,
    workstationsMapped: r.workstations_mapped,
  };
}

/** JSON schema of FleetSummary, shared by the routes that answer with it. */
export const fleetSummarySchema = {
  type: 'object',
  required: ['enterprises', 'devices', 'workstations'],
  properties: {
    enterprises: { type: 'integer' },
    enterprisesConnected: { type: 'integer' },
    devices: {
      type: 'object',
      required: ['total', 'online', 'offline'],
      properties: { total: { type: 'integer' }, online: { type: 'integer' }, offline: { type: 'integer' } },
    },
    workstations: { type: 'integer' },
    workstationsMapped: { type: 'integer' },
  },
} as const;
