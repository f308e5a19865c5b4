// The verifier's checks of what happened to the devices a report counts, against the witnessed
// devices and heartbeats logs (docs/witness.md "Verifying"). `witnessed` is, per log, the largest
// tree a trusted witness cosigned whose root the leaves given reproduce (verify-witness.ts), so
// everything read here up to that size is what the witness saw, whatever the platform says now.
//   enrolled after the fact: a counted device whose enrollment is not inside a devices tree the
//     witness cosigned by the window's end (log-leaves.ts enrollmentDeadline), or not in the log;
//   counted while disabled:  a day with online buckets wholly inside a span in which the devices log
//     has the device disabled or decommissioned (inactive-spans.ts, the rule gather.ts counts by);
//   day rewritten:           a device-day given whose evidence no longer hashes to its witnessed leaf.
import type { Calendar } from '../domain/calendar.js';
import type { DeviceEvidence } from './count.js';
import type { DeviceDayEvidence } from './device-day.js';
import { inactiveSpans } from './inactive-spans.js';
import { deviceDayLeaf, type DeviceLogEntry, type HeartbeatLogEntry } from './log-leaves.js';
import type { ReportBody } from './report.js';

export interface DeviceLogs {
  /** GET /api/v1/witness/logs/devices/leaves, every page from seq 1. */
  devices?: readonly DeviceLogEntry[];
  /** GET /api/v1/witness/logs/heartbeats/leaves, every page from seq 1. */
  heartbeats?: readonly HeartbeatLogEntry[];
}

export interface Witnessed {
  /** Size of the largest devices tree cosigned by the window's end that the log given reproduces. */
  devicesByDeadline: { size: number; deadline: string } | null;
  /** Size of the largest heartbeats tree cosigned that the log given reproduces (0: none). */
  heartbeats: number;
}

export function checkDeviceLogs(
  body: ReportBody,
  rows: readonly DeviceEvidence[],
  logs: DeviceLogs,
  witnessed: Witnessed,
  calendar: Pick<Calendar, 'dayStartUtc'>,
  deviceDays: readonly DeviceDayEvidence[] = [],
): { problems: string[]; checked: string[]; unchecked: string[] } {
  const problems: string[] = [];
  const checked: string[] = [];
  const unchecked: string[] = [];
  const counted = body.results.devices.filter((d) => d.verified).map((d) => d.deviceId);
  // Step 1: every counted device enrolled, in a tree the witness cosigned by the window's end.
  const events = logs.devices ? [...logs.devices].sort((a, b) => a.seq - b.seq) : undefined;
  if (!events) unchecked.push('enrollments of the counted devices (no devices log given)');
  else if (!witnessed.devicesByDeadline)
    unchecked.push('enrollments of the counted devices (no devices tree cosigned by the window’s end, or it does not match the log given)');
  else {
    const { size, deadline } = witnessed.devicesByDeadline;
    let inside = 0;
    for (const id of counted) {
      const i = events.findIndex((e) => e.deviceId === id && e.event === 'enroll');
      if (i < 0) problems.push(`device ${id} is counted but the devices log has no enrollment of it: enrolled after the fact`);
      else if (i >= size) {
        problems.push(
          `device ${id} is counted but its enrollment (devices log #${events[i]!.seq}) is not in the tree of ${size} the witness cosigned by ${deadline}: enrolled after the fact`,
        );
      } else inside += 1;
    }
    checked.push(`${inside} of ${counted.length} counted device(s) enrolled inside the devices tree of ${size} the witness cosigned by ${deadline}`);
  }
  // Step 2: no day counted while the device was disabled or decommissioned.
  if (events) {
    let days = 0;
    for (const row of rows) {
      const log = events.filter((e) => e.deviceId === row.deviceId);
      const spans = inactiveSpans(log.map((e) => ({ toStatus: e.status, atMs: Date.parse(e.at) })));
      for (const [day, buckets] of row.days) {
        const from = calendar.dayStartUtc(day);
        const to = from + 86_400_000;
        const span = spans.find((s) => s.fromMs <= from && (s.toMs === null || s.toMs >= to));
        if (buckets > 0 && span) {
          problems.push(
            `evidence[${row.deviceId}] on ${day}: ${buckets} online buckets counted while disabled (since ${new Date(span.fromMs).toISOString()} in the devices log)`,
          );
        }
        days += 1;
      }
    }
    checked.push(`${days} evidence day(s) against the status changes in the devices log`);
  }
  // Step 3: each device-day given still hashes to the leaf the witness saw.
  if (deviceDays.length > 0) {
    const witnessedDays = new Map(
      (logs.heartbeats ?? [])
        .slice()
        .sort((a, b) => a.seq - b.seq)
        .slice(0, witnessed.heartbeats)
        .map((e) => [`${e.deviceId}/${e.day}`, e]),
    );
    let matched = 0;
    let missing = 0;
    for (const dd of deviceDays) {
      const entry = witnessedDays.get(`${dd.deviceId}/${dd.day}`);
      if (!entry) missing += 1;
      else if (entry.leaf !== deviceDayLeaf(dd)) {
        problems.push(
          `device ${dd.deviceId} on ${dd.day}: day rewritten: its heartbeats hash to ${deviceDayLeaf(dd).slice(0, 16)}…, the witnessed heartbeats log #${entry.seq} holds ${entry.leaf.slice(0, 16)}…`,
        );
      } else matched += 1;
    }
    if (matched > 0) checked.push(`${matched} device-day(s) given match their leaf in the witnessed heartbeats log`);
    if (missing > 0) unchecked.push(`${missing} device-day(s) given against the heartbeats log (not in a witnessed tree yet, or no heartbeats log given)`);
  }
  return { problems, checked, unchecked };
}
