// Reads what a certification run counts from the database: the projects whose assessment window
// overlaps the run window (the approved window; docs/records.md), their approved figures, their
// devices, the daily rollups (never raw heartbeats: a year for a whole city must not scan them), the
// workstation mappings as day spans, registered workstations and open flags. A project that cannot be
// counted (no approval, archived) is listed with its reason, and its devices are not gathered. A
// device's online buckets while an operator had it disabled or decommissioned are left out
// (inactive-spans.ts).
import { foldPending } from '../ingest/rollup/pending.js';
import { createHash } from 'node:crypto';
import { and, eq, gte, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { queryRows, type Database } from '../db/index.js';
import { deviceFlags, devices, deviceStatusEvents, enterprises, projectApprovals, projects, workstationMappings, workstations } from '../db/schema/index.js';
import { countedBuckets, inactiveSpans, overlaps as overlapsSpans, type StatusAt } from './inactive-spans.js';
import { latestApprovals, sameFigures, type Approval } from '../services/project-approvals.js';
import type { CountInput, DeviceEvidence } from './count.js';
import type { ReportInputs, ApprovedFigures, NotCertifiable } from './report.js';
import { calendarOf } from '../domain/calendar.js';
import type { CountingPolicy } from './policy.js';

const GATHER_SLICE = 250; // devices per rollup query: ~90,000 rows for a year

type Window = { start: string; end: string };
type ProjectRow = typeof projects.$inferSelect & { enterpriseArchivedAt: Date | null };

const overlaps = (w: { windowStart: string; windowEnd: string }, window: Window): boolean => w.windowStart <= window.end && w.windowEnd >= window.start;

/**
 * Which projects are counted, with which figures, and which are not and why. The approved window
 * decides whether an approved project belongs to the run; a declared window only lists a project
 * as waiting for approval.
 */
function classify(rows: readonly ProjectRow[], approvals: Map<string, Approval>, window: Window) {
  const counted: { row: ProjectRow; approval: Approval }[] = [];
  const notCertifiable: NotCertifiable[] = [];
  for (const row of rows) {
    const approval = approvals.get(row.id);
    const refuse = (reason: NotCertifiable['reason']) => notCertifiable.push({ projectId: row.id, enterpriseId: row.enterpriseId, reason });
    if (row.enterpriseArchivedAt) refuse('enterprise_archived');
    else if (row.archivedAt) refuse('project_archived');
    else if (!approval) refuse('no_approved_figures');
    else if (overlaps(approval, window)) counted.push({ row, approval });
    else refuse('declared_window_not_approved');
  }
  return { counted, notCertifiable };
}

function approvedFigures(row: ProjectRow, a: Approval): ApprovedFigures {
  return {
    projectId: row.id,
    approvalId: a.id,
    totalInvestmentFen: a.totalInvestmentFen,
    eligibleInvestmentFen: a.eligibleInvestmentFen,
    windowStart: a.windowStart,
    windowEnd: a.windowEnd,
    approvedRole: a.approvedRole,
    approvedBy: a.approvedByName,
    approvedAt: a.approvedAt.toISOString(),
    declaredDiffers: !sameFigures(row, a),
  };
}

/** Projects whose declared window, or any approved window, overlaps the run's. */
async function candidateProjects(db: Database, window: Window): Promise<ProjectRow[]> {
  const approvedIds = db
    .selectDistinct({ id: projectApprovals.projectId })
    .from(projectApprovals)
    .where(and(lte(projectApprovals.windowStart, window.end), gte(projectApprovals.windowEnd, window.start)));
  return db
    .select({ project: projects, enterpriseArchivedAt: enterprises.archivedAt })
    .from(projects)
    .innerJoin(enterprises, eq(enterprises.id, projects.enterpriseId))
    .where(or(and(lte(projects.windowStart, window.end), gte(projects.windowEnd, window.start)), inArray(projects.id, approvedIds)))
    .orderBy(projects.id)
    .then((rows) => rows.map((r) => ({ ...r.project, enterpriseArchivedAt: r.enterpriseArchivedAt })));
}

export async function gatherCountInput(db: Database, policy: CountingPolicy, window: Window): Promise<CountInput & Required<ReportInputs>> {
  const calendar = calendarOf(policy);
  // device_days and chain_anchors trail the stored heartbeats by the rollup period: a run counts
  // every heartbeat committed before it starts, so what is pending is folded first.
  await foldPending(db, calendar);
  const { dayAndBucket } = calendar;
  const candidates = await candidateProjects(db, window);
  const { counted, notCertifiable } = classify(
    candidates,
    await latestApprovals(
      db,
      candidates.map((p) => p.id),
    ),
    window,
  );
  const projectRows = counted.map((c) => c.row);
  const projectIds = projectRows.map((p) => p.id);
  const enterpriseIds = [...new Set(projectRows.map((p) => p.enterpriseId))];
  // Every candidate is either counted or listed as not certifiable: the report names them all.
  const namedIds = [...new Set(candidates.map((p) => p.enterpriseId))];
  const registered = enterpriseIds.length
    ? await db
        .select({ enterpriseId: workstations.enterpriseId, code: workstations.code, archivedAt: workstations.archivedAt })
        .from(workstations)
        .where(or(...enterpriseIds.map((id) => eq(workstations.enterpriseId, id))))
    : [];
  const archivedOn = new Map(registered.filter((w) => w.archivedAt).map((w) => [`${w.enterpriseId}/${w.code}`, dayAndBucket(w.archivedAt!).day]));
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
      // A mapping holds on every calendar day it overlaps: from the day it began to the day it ended,
      // and, to a workstation since archived, no later than the day it was archived: an archived
      // workstation cannot be newly served (docs/records.md).
      const fromDay = dayAndBucket(m.validFrom).day;
      const ended = m.validTo ? dayAndBucket(m.validTo.getTime() - 1).day : window.end;
      const archived = archivedOn.get(`${evidence.get(m.deviceId)?.enterpriseId}/${m.code}`);
      const toDay = archived !== undefined && archived < ended ? archived : ended;
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
  const enterpriseRows = namedIds.length
    ? await db
        .select({ enterpriseId: enterprises.id, name: enterprises.name, uscc: enterprises.uscc, town: enterprises.town })
        .from(enterprises)
        .where(inArray(enterprises.id, namedIds))
    : [];
  return {
    policy,
    window,
    names: { enterprises: enterpriseRows, projects: candidates.map((p) => ({ projectId: p.id, name: p.name })) },
    // The approved figures, never the declared ones.
    projects: counted.map(({ row, approval }) => ({
      projectId: row.id,
      enterpriseId: row.enterpriseId,
      totalInvestmentFen: approval.totalInvestmentFen,
      eligibleInvestmentFen: approval.eligibleInvestmentFen,
    })),
    approvals: counted.map(({ row, approval }) => approvedFigures(row, approval)),
    notCertifiable,
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
    const touched = device.days.filter(([day]) => overlapsSpans(spans, calendar.dayStartUtc(day), calendar.dayStartUtc(day) + dayMs));
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
