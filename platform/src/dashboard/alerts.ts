// What the operator must chase: devices silent for longer than the alert setting, devices
// with an open flag (and why), and enterprises whose online share today fell well below their
// recent average — the sign of a factory network or power outage rather than one broken box.
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../db/index.js';
import type { Calendar } from '../domain/calendar.js';
import { shiftDay } from './history.js';

export interface AlertSettings {
  offlineMinutes: number;
  shareDropPercent: number;
}

export interface OfflineAlert {
  deviceId: string;
  enterpriseId: string;
  enterpriseName: string;
  town: string;
  projectName: string;
  kind: string;
  /** null: enrolled but never heard from. */
  lastSeenAt: string | null;
  enrolledAt: string;
}

export interface FlagAlert {
  flagId: string;
  deviceId: string;
  enterpriseId: string;
  enterpriseName: string;
  kind: string;
  reason: string;
  reasonCode: string | null;
  reasonParams: Record<string, string | number> | null;
  createdAt: string;
}

export interface ShareDropAlert {
  enterpriseId: string;
  enterpriseName: string;
  town: string;
  devices: number;
  /** Online device-buckets today over (devices x buckets elapsed today), basis points. */
  todayShareBp: number;
  /** The share over the same hours (midnight to now) of the previous 7 days that have rollup rows, basis points. */
  averageShareBp: number;
  baselineDays: number;
}

export interface Alerts {
  settings: AlertSettings;
  offline: { total: number; items: OfflineAlert[] };
  flagged: { total: number; items: FlagAlert[] };
  shareDrops: ShareDropAlert[];
}

const iso = (v: unknown): string => new Date(v as string).toISOString();

export async function fleetAlerts(
  db: Database,
  calendar: Calendar,
  scope: string | null,
  settings: AlertSettings,
  limit: number,
  nowMs = Date.now(),
): Promise<Alerts> {
  const silentSince = new Date(nowMs - settings.offlineMinutes * 60_000).toISOString();
  const inScope = sql`(${scope}::uuid is null or d.enterprise_id = ${scope}::uuid)`;
  // A device that never sent anything counts from its enrollment.
  const silent = sql`not d.online and coalesce(d.last_seen_at, d.enrolled_at) < ${silentSince}::timestamptz and ${inScope}`;
  const [offline, [offlineTotal], flagged, [flaggedTotal], shareDrops] = await Promise.all([
    queryRows<Record<string, unknown>>(
      db,
      sql`select d.id, d.enterprise_id, e.name as enterprise_name, e.town, p.name as project_name, d.kind::text as kind,
                 d.last_seen_at, d.enrolled_at
            from devices d join enterprises e on e.id = d.enterprise_id join projects p on p.id = d.project_id
           where ${silent}
           order by coalesce(d.last_seen_at, d.enrolled_at) desc, d.id
           limit ${limit}`,
    ),
    queryRows<{ n: number }>(db, sql`select count(*)::int as n from devices d where ${silent}`),
    queryRows<Record<string, unknown>>(
      db,
      sql`select f.id, f.device_id, d.enterprise_id, e.name as enterprise_name, f.kind, f.reason, f.reason_code, f.reason_params, f.created_at
            from device_flags f join devices d on d.id = f.device_id join enterprises e on e.id = d.enterprise_id
           where f.resolved_at is null and ${inScope}
           order by f.created_at desc, f.id
           limit ${limit}`,
    ),
    queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from device_flags f join devices d on d.id = f.device_id where f.resolved_at is null and ${inScope}`,
    ),
    shareDropAlerts(db, calendar, scope, settings.shareDropPercent, nowMs),
  ]);
  return {
    settings,
    offline: {
      total: offlineTotal?.n ?? 0,
      items: offline.map((r) => ({
        deviceId: r.id as string,
        enterpriseId: r.enterprise_id as string,
        enterpriseName: r.enterprise_name as string,
        town: r.town as string,
        projectName: r.project_name as string,
        kind: r.kind as string,
        lastSeenAt: r.last_seen_at ? iso(r.last_seen_at) : null,
        enrolledAt: iso(r.enrolled_at),
      })),
    },
    flagged: {
      total: flaggedTotal?.n ?? 0,
      items: flagged.map((r) => ({
        flagId: r.id as string,
        deviceId: r.device_id as string,
        enterpriseId: r.enterprise_id as string,
        enterpriseName: r.enterprise_name as string,
        kind: r.kind as string,
        reason: r.reason as string,
        reasonCode: (r.reason_code as string | null) ?? null,
        reasonParams: (r.reason_params as Record<string, string | number> | null) ?? null,
        createdAt: iso(r.created_at),
      })),
    },
    shareDrops,
  };
}

/**
 * Today's online share so far against the same hours of the previous 7 days (midnight to the
 * current bucket: a factory that runs from 06:00 is not compared at 07:00 with whole days). Both
 * are divided by the enterprise's current device count; the average is over the days that have
 * rollup rows, so a new enterprise (no baseline yet) raises nothing and a day before it joined does
 * not drag the average down. Shares are basis points (integers), as in GET /performance.
 */
export async function shareDropAlerts(db: Database, calendar: Calendar, scope: string | null, dropPercent: number, nowMs: number): Promise<ShareDropAlert[]> {
  const now = calendar.dayAndBucket(nowMs);
  const weekStart = shiftDay(now.day, -7);
  const elapsed = now.bucket + 1; // buckets of today so far, the current one included
  const rows = await queryRows<{ id: string; name: string; town: string; devices: number; today: string; week: string; days: number }>(
    db,
    sql`
    with e as (select id, name, town from enterprises where ${scope}::uuid is null or id = ${scope}::uuid),
         n as (select enterprise_id, count(*)::int as devices from devices where enterprise_id in (select id from e) group by enterprise_id),
         r as (select d.enterprise_id, dd.day, sum(bit_count(substring(dd.buckets from 1 for ${elapsed}::int))) as buckets
                 from device_days dd join devices d on d.id = dd.device_id
                where dd.day between ${weekStart}::date and ${now.day}::date and d.enterprise_id in (select id from e)
                group by d.enterprise_id, dd.day)
    select e.id, e.name, e.town, n.devices,
           coalesce(sum(r.buckets) filter (where r.day = ${now.day}::date), 0)::bigint as today,
           coalesce(sum(r.buckets) filter (where r.day < ${now.day}::date), 0)::bigint as week,
           (count(r.day) filter (where r.day < ${now.day}::date))::int as days
      from e join n on n.enterprise_id = e.id left join r on r.enterprise_id = e.id
     group by e.id, e.name, e.town, n.devices`,
  );
  const alerts: ShareDropAlert[] = [];
  for (const r of rows) {
    if (r.days === 0) continue;
    const todayShareBp = Math.floor((Number(r.today) * 10_000) / (r.devices * elapsed));
    const averageShareBp = Math.floor((Number(r.week) * 10_000) / (r.devices * elapsed * r.days));
    // Integer arithmetic: today < average x (100 - drop)%.
    if (todayShareBp * 100 < averageShareBp * (100 - dropPercent)) {
      alerts.push({ enterpriseId: r.id, enterpriseName: r.name, town: r.town, devices: r.devices, todayShareBp, averageShareBp, baselineDays: r.days });
    }
  }
  return alerts.sort((a, b) => a.todayShareBp - a.averageShareBp - (b.todayShareBp - b.averageShareBp));
}
