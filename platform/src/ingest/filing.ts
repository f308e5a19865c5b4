// The filing rule: under which time a heartbeat counts. This is the one place it is decided
// (online buckets are by platform receive time, which a device cannot set; a late heartbeat that
// waited in the agent's disk queue counts under its device time, but only if that clock was trustworthy).
//
//   clock_untrusted set by the agent (e.g. RTC reset to 1970)            → receive time, 'untrusted_clock'
//   device time ahead of receive time by more than maxSkew               → receive time, 'untrusted_clock', flag
//   device time within maxSkew of receive time (a live heartbeat)        → receive time, 'received'
//   older than that (queued while offline) and dated before the device was enrolled
//                                                                        → receive time, 'before_enrollment' (never counted)
//   older than that (queued while offline), and
//     · the device's clock was within maxSkew at its last hello,
//     · device time not before the device's last filed time (time only moves forward with seq),
//     · no older than maxLate                                            → device time, 'device_time'
//   otherwise                                                            → receive time, 'untrusted_clock'
//
// A device holder can still fabricate queued heartbeats for hours it was offline (it owns the key);
// the rollup counts late heartbeats separately so the evidence shows how much of a day rests on them.
import type { CountingPolicy } from '../certification/policy.js';

export type Filing = 'received' | 'device_time' | 'untrusted_clock' | 'before_enrollment';

/** Filings that put a heartbeat in no online bucket, no inference sum and no late count. */
export const UNCOUNTED_FILINGS: ReadonlySet<string> = new Set<Filing>(['before_enrollment']);

export interface FilingInput {
  receivedAtMs: number;
  deviceTimeMs: number;
  clockUntrusted: boolean;
  /** Device clock minus platform clock at the device's most recent hello; null before any hello. */
  helloOffsetMs: number | null;
  /** Filed time of the device's previous accepted heartbeat. */
  lastFiledMs: number;
  /** When the device was enrolled: nothing it says about the time before counts. */
  enrolledAtMs: number;
}

export interface FilingDecision {
  filedAtMs: number;
  filing: Filing;
  /** Set when the device's clock is off by more than the policy allows (raises a clock_skew flag). */
  skewMs?: number;
}

export function fileHeartbeat(h: FilingInput, clock: CountingPolicy['clock']): FilingDecision {
  const offset = h.deviceTimeMs - h.receivedAtMs;
  const atReceipt = (filing: Filing, skewMs?: number): FilingDecision =>
    skewMs === undefined ? { filedAtMs: h.receivedAtMs, filing } : { filedAtMs: h.receivedAtMs, filing, skewMs };
  if (h.clockUntrusted) return atReceipt('untrusted_clock');
  if (offset > clock.maxSkewMs) return atReceipt('untrusted_clock', offset);
  if (-offset <= clock.maxSkewMs) return atReceipt('received');
  // A device cannot earn days from before it existed on the platform: a queue "delivered" right
  // after enrollment with older device times is the 7-day backfill the filing rule would allow.
  if (h.deviceTimeMs < h.enrolledAtMs) return atReceipt('before_enrollment');
  const helloTrusted = h.helloOffsetMs !== null && Math.abs(h.helloOffsetMs) <= clock.maxSkewMs;
  if (!helloTrusted) return atReceipt('untrusted_clock', h.helloOffsetMs ?? offset);
  if (h.deviceTimeMs < h.lastFiledMs || -offset > clock.maxLateMs) return atReceipt('untrusted_clock');
  return { filedAtMs: h.deviceTimeMs, filing: 'device_time' };
}
