// Fleet figures grouped by town (镇街), enterprise or project: the dashboard's town table and its
// drill-down (enterprise → project → devices). One query per grouping; the grouping column comes
// from a fixed list, never from the request text.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database } from '../db/index.js';

export type BreakdownBy = 'town' | 'enterprise' | 'project';

export interface BreakdownRow {
  key: string;
  label: string;
  town: string;
  enterpriseId: string | null;
  enterpriseName: string | null;
  enterprises: number;
  enterprisesConnected: number;
  projects: number;
  devices: number;
  online: number;
  /** Distinct registered workstations mapped to an online device (each counted once per row). */
  workstations: number;
}

export interface BreakdownFilter {
  scope: string | null;
  enterpriseId?: string | undefined;
  town?: string | undefined;
}

// Column expressions over `b` (one row per enterprise and project, enterprises without projects
// included) for each grouping.
const GROUPS: Record<BreakdownBy, { key: SQL; label: SQL; town: SQL; enterpriseId: SQL; enterpriseName: SQL; where: SQL }> = {
  town: { key: sql`b.town`, label: sql`b.town`, town: sql`b.town`, enterpriseId: sql`null::uuid`, enterpriseName: sql`null::text`, where: sql`true` },
  enterprise: { key: sql`b.eid::text`, label: sql`b.ename`, town: sql`b.town`, enterpriseId: sql`b.eid`, enterpriseName: sql`b.ename`, where: sql`true` },
  project: {
    key: sql`b.pid::text`,
    label: sql`b.pname`,
    town: sql`b.town`,
    enterpriseId: sql`b.eid`,
    enterpriseName: sql`b.ename`,
    where: sql`b.pid is not null`,
  },
};

export async function fleetBreakdown(db: Database, by: BreakdownBy, f: BreakdownFilter): Promise<BreakdownRow[]> {
  const g = GROUPS[by];
  // Devices are counted per project first and workstations per group separately, so no join
  // multiplies devices by workstations (300 projects x 100 devices x 400 workstations would be 12M rows).
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`
    with e as (
           select id, name, town from enterprises
            where (${f.scope}::uuid is null or id = ${f.scope}::uuid)
              and (${f.enterpriseId ?? null}::uuid is null or id = ${f.enterpriseId ?? null}::uuid)
              and (${f.town ?? null}::text is null or town = ${f.town ?? null}::text)),
         b as (select e.id as eid, e.name as ename, e.town, p.id as pid, p.name as pname
                 from e left join projects p on p.enterprise_id = e.id),
         dev as (select project_id, count(*)::int as devices, (count(*) filter (where online))::int as online
                   from devices where enterprise_id in (select id from e) group by project_id),
         ws as (
           select distinct w.id as workstation_id, d.project_id
             from workstation_mappings wm
             join devices d on d.id = wm.device_id and d.online and d.enterprise_id in (select id from e)
             join workstations w on w.enterprise_id = wm.enterprise_id and w.code = wm.code
            where wm.valid_to is null),
         served as (
           select ${g.key} as key, count(distinct ws.workstation_id)::int as workstations
             from ws join b on b.pid = ws.project_id group by 1)
    select ${g.key} as key, min(${g.label}) as label, min(${g.town}) as town,
           min(${g.enterpriseId}::text) as enterprise_id, min(${g.enterpriseName}) as enterprise_name,
           count(distinct b.eid)::int as enterprises,
           (count(distinct b.eid) filter (where dev.online > 0))::int as enterprises_connected,
           count(distinct b.pid)::int as projects,
           coalesce(sum(dev.devices), 0)::int as devices,
           coalesce(sum(dev.online), 0)::int as online,
           coalesce(min(served.workstations), 0)::int as workstations
      from b
      left join dev on dev.project_id = b.pid
      left join served on served.key = ${g.key}
     where ${g.where}
     group by ${g.key}
     order by 10 desc, 2`,
  );
  return rows.map((r) => ({
    key: String(r.key),
    label: String(r.label),
    town: String(r.town),
    enterpriseId: (r.enterprise_id as string | null) ?? null,
    enterpriseName: (r.enterprise_name as string | null) ?? null,
    enterprises: r.enterprises as number,
    enterprisesConnected: r.enterprises_connected as number,
    projects: r.projects as number,
    devices: r.devices as number,
    online: r.online as number,
    workstations: r.workstations as number,
  }));
}
