// The leaves of the two witnessed logs of what happened to devices (docs/witness.md "What is
// witnessed"), pure so that a verifier recomputes them with no platform: each leaf text is the
// SHA-256 (hex) of a canonical JSON document (canonical-json.ts), hashed into the RFC 6962 tree by
// merkle.ts like every other log's leaves.
import { canonicalJson } from './canonical-json.js';
import type { Calendar } from '../domain/calendar.js';
import type { DeviceDayEvidence } from './device-day.js';
import { sha256Hex } from './report.js';

/** One row of the devices log, as GET /api/v1/witness/logs/devices/leaves answers it. */
export interface DeviceLogEntry {
  seq: number;
  deviceId: string;
  event: 'enroll' | 're-enroll' | 'disable' | 'enable' | 'decommission' | 'replace' | 'move';
  status: 'active' | 'disabled' | 'decommissioned';
  enterpriseId: string;
  projectId: string;
  /** enroll and re-enroll: the key enrolled (raw Ed25519, base64url); null otherwise. */
  publicKey: string | null;
  /** ISO 8601 UTC with milliseconds. */
  at: string;
}

/** One row of the heartbeats log: the leaf of one closed device-day. */
export interface HeartbeatLogEntry {
  seq: number;
  deviceId: string;
  day: string;
  leaf: string;
}

export const DEVICE_EVENT_FORMAT = 'edgenet-device-event-v1';

/** SHA-256 of the canonical JSON of the entry with `format` added; `seq` is in it, so a removed row shifts every later leaf. */
export function deviceEventLeaf(e: DeviceLogEntry): string {
  return sha256Hex(
    canonicalJson({
      format: DEVICE_EVENT_FORMAT,
      seq: e.seq,
      deviceId: e.deviceId,
      event: e.event,
      status: e.status,
      enterpriseId: e.enterpriseId,
      projectId: e.projectId,
      publicKey: e.publicKey,
      at: e.at,
    }),
  );
}

/**
 * SHA-256 of the canonical JSON of a device-day's evidence (GET /api/v1/devices/{id}/chain/{day})
 * without `keys` and `tpm`, which describe the device, not the day, and change when it re-enrolls:
 * {format, deviceId, day, anchor, heartbeats}. Any byte of a heartbeat body, a receive or filed
 * time, a filing or the signed anchor changed afterwards changes it.
 */
export function deviceDayLeaf(e: Pick<DeviceDayEvidence, 'format' | 'deviceId' | 'day' | 'anchor' | 'heartbeats'>): string {
  return sha256Hex(canonicalJson({ format: e.format, deviceId: e.deviceId, day: e.day, anchor: e.anchor, heartbeats: e.heartbeats }));
}

const DAY_MS = 86_400_000; // 24 h

/**
 * By when the devices a report counts must be inside a devices tree the witness cosigned: the end
 * of the window's last day, plus one day because the platform submits daily (a device enrolled
 * just before the window ended is first witnessed by the next daily submission). ISO 8601, as the
 * witness writes its `time` line, so it compares as a string.
 */
export function enrollmentDeadline(calendar: Pick<Calendar, 'dayStartUtc'>, windowEnd: string): string {
  return new Date(calendar.dayStartUtc(windowEnd) + 2 * DAY_MS).toISOString();
}
