// Reads what a certification run counts from the database: the projects whose assessment window
// overlaps the run window, their devices, the daily rollups (never raw heartbeats: a year for a whole city must not scan them), the
// workstation mappings as day spans, registered workstations and open flags. A device's online
// buckets while an operator had it disabled or decommissioned are left out (inactive-spans.ts).
import { createHash } from 'node:crypto';
import { and, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { queryRows, type Database } from '../db/index.js';
import { deviceFlags, devices, deviceStatusEvents, enterprises, projects, workstationMappings, workstations } from '../db/schema/index.js';
import { countedBuckets, inactiveSpans, overlaps, type StatusAt } from './inactive-spans.js';
import type { CountInput, DeviceEvidence } from './count.js';
import type { ReportNames } from './report.js';
import { calendarOf } from '../domain/calendar.js';
import type { CountingPolicy } from './policy.js';

const GATHER_SLICE = 250; // devices per rollup query: ~90,000 rows for a year

export async function gatherCountInput(
  db: Database,
  policy: CountingPolicy,
  window: { start: string; end: string },
): Promise<CountInput & { names: ReportNames }> {
  const calendar = calendarOf(policy);
  const { dayAndBucket } = calendar;
  const projectRows = await db
    .select()
    .from(projects)
    .where(and(lte(projects.windowStart, window.end), gte(projects.windowEnd, window.start)))
    .orderBy(projects.id);
  const projectIds = projectRows.map((p) => p.id);
  const enterpriseIds = [...new Set(projectRows.map((p) => p.enterpriseId))];
  const deviceRows = projectIds.length
    ? await db
        .select({
          id: devices.id,
          projectId: devices.projectId,
          enterpriseId: devices.enterpriseId,
          kind: devices.kind,
          fingerprint: devices.fingerprint,
          keyId: devices.keyId,
          attestation: devices.attestationLevel,
          akPublic: devices.akPublic,
        })
        .from(devices)
        .where(inArray(devices.projectId, projectIds))
        .orderBy(devices.id)
    : [];
  const deviceIds = deviceRows.map((d) => d.id);

  const evidence = new Map<string, DeviceEvidence>(
    deviceRows.map((d) => [
      d.id,
      {
        deviceId: d.id,
        projectId: d.projectId,
        enterpriseId: d.enterpriseId,
        kind: d.kind,
        fingerprint: d.fingerprint,
        keyId: d.keyId,
        days: [],
        mappings: [],
        flags: [],
        attestation: d.attestation,
        // v4: the AK whose seals the days count, so a verifier checks them with the key the report names.
        ...(policy.tpmSeal && d.attestation === 'tpm' && d.akPublic
          ? { akSha256: createHash('sha256').update(Buffer.from(d.akPublic, 'base64')).digest('hex') }
          : {}),
      },
    ]),
  );
  if (deviceIds.length > 0) {
    // The rollup, read a slice of devices at a time so a year for a whole city never sits in memory
    // as row objects; bit_count gives the online buckets of each day.
    for (let i = 0; i < deviceIds.length; i += GATHER_SLICE) {
      const slice = deviceIds.slice(i, i + GATHER_SLICE);
      const days = await queryRows<{ device_id: string; day: string; online: number; inferences: string | number; late: number; seals: number }>(
        db,
        sql`select device_id, to_char(day, 'YYYY-MM-DD') as day, bit_count(buckets)::int as online, inferences, late_heartbeats as late, tpm_seals as seals
              from device_days
             where device_id in (${sql.join(
               slice.map((id) => sql`${id}::uuid`),
               sql`, `,
             )})
               and day between ${window.start}::date and ${window.end}::date
             order by device_id, day`,
      );
      for (const r of days) {
        evidence
          .get(r.device_id)
          ?.days.push(policy.tpmSeal ? [r.day, r.online, Number(r.inferences), r.late, r.seals] : [r.day, r.online, Number(r.inferences), r.late]);
      }
    }
    await leaveOutInactive(db, calendar, window, deviceIds, evidence);
    const maps = await db
      .select({
        deviceId: workstationMappings.deviceId,
        code: workstationMappings.code,
        validFrom: workstationMappings.validFrom,
        validTo: workstationMappings.validTo,
      })
      .from(workstationMappings)
      .where(inArray(workstationMappings.deviceId, deviceIds))
      .orderBy(workstationMappings.deviceId, workstationMappings.code, workstationMappings.validFrom);
    for (const m of maps) {
      // A mapping holds on every calendar day it overlaps: from the day it began to the day it ended.
      const fromDay = dayAndBucket(m.validFrom).day;
      const toDay = m.validTo ? dayAndBucket(m.validTo.getTime() - 1).day : window.end;
      if (toDay < window.start || fromDay > window.end || toDay < fromDay) continue;
      // Days are YYYY-MM-DD strings: compared as strings (Math.min/max would make them NaN).
      const intoWindow = (day: string): string => (day < window.start ? window.start : day > window.end ? window.end : day);
      evidence.get(m.deviceId)?.mappings.push({ code: m.code, fromDay: intoWindow(fromDay), toDay: intoWindow(toDay) });
    }
    const flags = await db
      .select({ id: deviceFlags.id, deviceId: deviceFlags.deviceId, kind: deviceFlags.kind, reason: deviceFlags.reason })
      .from(deviceFlags)
      .where(and(inArray(deviceFlags.deviceId, deviceIds), isNull(deviceFlags.resolvedAt)))
      .orderBy(deviceFlags.deviceId, deviceFlags.kind, deviceFlags.id);
    for (const f of flags) evidence.get(f.deviceId)?.flags.push({ id: f.id, kind: f.kind, reason: f.reason });
  }
  const registered = enterpriseIds.length
    ? await db
        .select({ enterpriseId: workstations.enterpriseId, code: workstations.code })
        .from(workstations)
        .where(or(...enterpriseIds.map((id) => eq(workstations.enterpriseId, id))))
    : [];
  const enterpriseRows = enterpriseIds.length
    ? await db
        .select({ enterpriseId: enterprises.id, name: enterprises.name, uscc: enterprises.uscc, town: enterprises.town })
        .from(enterprises)
        .where(inArray(enterprises.id, enterpriseIds))
    : [];
  return {
    policy,
    window,
    names: { enterprises: enterpriseRows, projects: projectRows.map((p) => ({ projectId: p.id, name: p.name })) },
    projects: projectRows.map((p) => ({
      projectId: p.id,
      enterpriseId: p.enterpriseId,
      totalInvestmentFen: p.totalInvestmentFen,
      eligibleInvestmentFen: p.eligibleInvestmentFen,
    })),
    registeredWorkstations: registered.map((w) => `${w.enterpriseId}/${w.code}`),
    devices: [...evidence.values()],
  };
}

/**
 * Recounts the online buckets of every device-day that overlaps a span in which the device was
 * disabled or decommissioned (few: the status log is short, and only those days' bitmaps are read).
 */
async function leaveOutInactive(
  db: Database,
  calendar: ReturnType<typeof calendarOf>,
  window: { start: string; end: string },
  deviceIds: string[],
  evidence: Map<string, DeviceEvidence>,
): Promise<void> {
  const log = await db
    .select({ deviceId: deviceStatusEvents.deviceId, toStatus: deviceStatusEvents.toStatus, at: deviceStatusEvents.at })
    .from(deviceStatusEvents)
    .where(inArray(deviceStatusEvents.deviceId, deviceIds))
    .orderBy(deviceStatusEvents.deviceId, deviceStatusEvents.seq);
  const byDevice = new Map<string, StatusAt[]>();
  for (const e of log) byDevice.set(e.deviceId, [...(byDevice.get(e.deviceId) ?? []), { toStatus: e.toStatus, atMs: e.at.getTime() }]);
  const dayMs = calendar.bucketMs * calendar.bucketsPerDay;
  for (const [deviceId, events] of byDevice) {
    const spans = inactiveSpans(events);
    const device = evidence.get(deviceId);
    if (!device || spans.length === 0) continue;
    const touched = device.days.filter(([day]) => overlaps(spans, calendar.dayStartUtc(day), calendar.dayStartUtc(day) + dayMs));
    if (touched.length === 0) continue;
    const bits = await queryRows<{ day: string; buckets: string }>(
      db,
      sql`select to_char(day, 'YYYY-MM-DD') as day, buckets::text as buckets from device_days
           where device_id = ${deviceId}::uuid and day between ${window.start}::date and ${window.end}::date`,
    );
    const bitsOf = new Map(bits.map((b) => [b.day, b.buckets]));
    for (const d of touched) d[1] = countedBuckets(bitsOf.get(d[0]) ?? '', calendar.dayStartUtc(d[0]), calendar.bucketMs, spans);
  }
}
