// Checking one device-day against the device's own signatures (docs/evidence.md "Checking a
// device-day"), with no platform and no database: given the device's public keys, which of the day's
// heartbeats — and so which online buckets — are backed by the anchor the device signed, and whether
// any heartbeat the chain vouches for was altered or removed.
import { verify } from 'node:crypto';
import { edge, linksTo, publicKeyFromRaw, tpmSealQualifyingData } from '@edgenet/proto';
import { quoteProblem } from '../attestation/quote.js';
import { parseAttestationKey } from '../attestation/tpm-public.js';
import type { Calendar } from '../domain/calendar.js';
import { UNCOUNTED_FILINGS } from '../ingest/filing.js';
import type { CountingPolicy } from './policy.js';

export interface DeviceDayEvidence {
  format: 'edgenet-device-day-v1';
  deviceId: string;
  day: string;
  keys: { keyId: string; publicKey: string }[];
  anchor: { seq: number; body: string; signature: string; keyId: string } | null;
  /**
   * `signature` and `keyId`: the device's own Ed25519 signature over `body` and its key id, on every
   * heartbeat the platform stored since it kept them (migration 0026); absent on older rows, which
   * keeps the leaf of a day witnessed before unchanged (log-leaves.ts).
   */
  heartbeats: { seq: number; receivedAt: string; filedAt: string; filing: string; body: string | null; signature?: string; keyId?: string }[];
  /** A `tpm` device's attestation key (TPM2B_PUBLIC) and EK certificate (DER), base64 (docs/tpm.md). */
  tpm?: { akPublic: string; ekCertificate: string | null };
}

export interface DeviceDayVerdict {
  ok: boolean;
  problems: string[];
  /** Heartbeats of the day covered by the anchor's signature through the hash chain. */
  backedHeartbeats: number;
  /** Online buckets (by filed time) that rest on backed heartbeats only. */
  backedOnlineBuckets: number;
  unbackedHeartbeats: number;
  /** Backed heartbeats whose TPM seal verifies with `tpm.akPublic` (0 without it). */
  sealedHeartbeats: number;
}

/**
 * `calendar` is that of the policy the day is counted under: its buckets are the online buckets.
 * With `clock` (the policy's clock rules) the filing of every backed heartbeat is checked against its
 * signed body too (fileAgainstSigned).
 */
export function verifyDeviceDay(e: DeviceDayEvidence, calendar: Calendar, clock?: CountingPolicy['clock']): DeviceDayVerdict {
  const problems: string[] = [];
  const verdict = (backed: typeof e.heartbeats): DeviceDayVerdict => ({
    ok: problems.length === 0,
    problems,
    backedHeartbeats: backed.length,
    backedOnlineBuckets: new Set(backed.filter((h) => !UNCOUNTED_FILINGS.has(h.filing)).map((h) => calendar.dayAndBucket(Date.parse(h.filedAt)).bucket)).size,
    unbackedHeartbeats: e.heartbeats.length - backed.length,
    sealedHeartbeats: sealedAmong(e, backed, problems),
  });
  // Step 0: each heartbeat that carries its own signature verifies with the device key it names.
  problems.push(...ownSignatureProblems(e));
  if (!e.anchor) {
    problems.push(`no signed anchor for ${e.day}`);
    return verdict([]);
  }
  // Step 1: the anchor is signed by a key the device enrolled with.
  const key = e.keys.find((k) => k.keyId === e.anchor!.keyId);
  const anchorBody = Buffer.from(e.anchor.body, 'base64');
  if (!key) problems.push(`anchor key ${e.anchor.keyId} is not one of the device's keys`);
  else if (!verify(null, anchorBody, publicKeyFromRaw(key.publicKey), Buffer.from(e.anchor.signature, 'base64'))) {
    problems.push('anchor signature does not verify with the device key');
  }
  // Step 2: walk back from the anchor; each body must hash to the prev_hash of the one after it.
  const bySeq = [...e.heartbeats].sort((a, b) => a.seq - b.seq);
  let i = bySeq.findIndex((h) => h.seq === e.anchor!.seq);
  if (i < 0 || bySeq[i]!.body !== e.anchor.body) {
    problems.push(`anchor seq ${e.anchor.seq} is not among the day's stored heartbeats with the same bytes`);
    return verdict([]);
  }
  const backed = [bySeq[i]!];
  for (; i > 0; i--) {
    const current = edge.v1.Heartbeat.decode(Buffer.from(bySeq[i]!.body!, 'base64'));
    if (current.seq !== bySeq[i]!.seq) problems.push(`heartbeat ${bySeq[i]!.seq}: its signed body says seq ${current.seq}`);
    // An empty prev_hash is the agent restarting its chain (it never links to a body the platform
    // did not get): the heartbeats before it are not backed by this anchor, and nothing is wrong.
    if (current.prevHash.length === 0) break;
    // A non-empty prev_hash always names the body of seq - 1 (agent/src/chain-store.ts), signed
    // through the anchor: if that body is not here, or is not those bytes, the day was changed.
    const previous = bySeq[i - 1]!;
    if (previous.seq !== current.seq - 1) {
      problems.push(`heartbeat ${current.seq - 1} is missing: heartbeat ${current.seq} signs the hash of it`);
      break;
    }
    if (!previous.body) {
      problems.push(`heartbeat ${previous.seq} has no stored body, though heartbeat ${current.seq} signs its hash`);
      break;
    }
    if (!linksTo(current.prevHash, Buffer.from(previous.body, 'base64'))) {
      problems.push(`heartbeat ${previous.seq} is not the body whose hash heartbeat ${current.seq} signs: it was altered or replaced`);
      break;
    }
    backed.push(previous);
  }
  if (clock) for (const h of backed) problems.push(...filingProblems(h, clock));
  return verdict(backed);
}

/**
 * A stored heartbeat's own signature (Envelope.signature over its body, docs/evidence.md): a body
 * changed after receipt no longer verifies, even where no anchor's chain reaches it (before a chain
 * restart, or on a day whose anchor was withheld). Since the platform began keeping signatures it
 * keeps one on every heartbeat it receives, so a body received after a signed one without one was
 * stripped of it. By receive time, not seq: a queued heartbeat may arrive after the upgrade with a
 * lower seq than one stored before it.
 */
function ownSignatureProblems(e: DeviceDayEvidence): string[] {
  const problems: string[] = [];
  let signed: DeviceDayEvidence['heartbeats'][number] | null = null;
  for (const h of [...e.heartbeats].sort((a, b) => Date.parse(a.receivedAt) - Date.parse(b.receivedAt) || a.seq - b.seq)) {
    if (h.signature === undefined || h.keyId === undefined) {
      if (signed && h.body) problems.push(`heartbeat ${h.seq} has no signature, though heartbeat ${signed.seq}, received before it, has one`);
      continue;
    }
    signed ??= h;
    const key = e.keys.find((k) => k.keyId === h.keyId);
    if (!key) problems.push(`heartbeat ${h.seq}: key ${h.keyId} is not one of the device's keys`);
    else if (!h.body || !verify(null, Buffer.from(h.body, 'base64'), publicKeyFromRaw(key.publicKey), Buffer.from(h.signature, 'base64'))) {
      problems.push(`heartbeat ${h.seq}: its stored body does not verify with its own signature: it was altered`);
    }
  }
  return problems;
}

/**
 * The backed heartbeats whose TPM seal (docs/tpm.md "Sealed days") is a quote by the device's AK
 * over its own device id and prev_hash. Only backed ones: an unbacked heartbeat's seal could have been
 * lifted from another day. A seal that does not verify is named: the device signed it, so it was
 * made wrong or the AK given is not the device's.
 */
function sealedAmong(e: DeviceDayEvidence, backed: DeviceDayEvidence['heartbeats'], problems: string[]): number {
  if (!e.tpm) return 0;
  const ak = parseAttestationKey(Buffer.from(e.tpm.akPublic, 'base64'));
  if (typeof ak === 'string') {
    problems.push(`the attestation key given: ${ak}`);
    return 0;
  }
  let sealed = 0;
  for (const h of backed) {
    const body = edge.v1.Heartbeat.decode(Buffer.from(h.body!, 'base64'));
    const seal = body.tpmSeal as edge.v1.TpmSeal | null | undefined;
    if (!seal) continue;
    const problem = quoteProblem(ak.key, Buffer.from(seal.quote), Buffer.from(seal.signature), tpmSealQualifyingData(e.deviceId, body.prevHash));
    if (problem) problems.push(`heartbeat ${h.seq}: its TPM seal: ${problem}`);
    else sealed += 1;
  }
  return sealed;
}

/**
 * The filing rule (docs/certification.md "Filing rule") seen from the signed body: what the platform
 * says about a heartbeat's filing must agree with the device time and clock_untrusted the device
 * signed. The receive time is the platform's word, but a heartbeat filed as 'received' bounds it to
 * within maxSkew of the signed device time, so the platform cannot move it into other buckets; a
 * heartbeat relabelled 'untrusted_clock' while its signed clock was in step is named.
 */
function filingProblems(h: DeviceDayEvidence['heartbeats'][number], clock: CountingPolicy['clock']): string[] {
  const body = edge.v1.Heartbeat.decode(Buffer.from(h.body!, 'base64'));
  const device = Number(body.deviceTimeMs);
  const received = Date.parse(h.receivedAt);
  const filed = Date.parse(h.filedAt);
  const offset = device - received;
  const inStep = !body.clockUntrusted && Math.abs(offset) <= clock.maxSkewMs;
  const at = `heartbeat ${h.seq} (filed ${h.filing})`;
  switch (h.filing) {
    case 'received':
      if (!inStep) return [`${at}: its signed device time is ${offset} ms from the stated receive time, beyond ${clock.maxSkewMs} ms or untrusted`];
      return filed === received ? [] : [`${at}: filed at ${h.filedAt}, not at its receive time ${h.receivedAt}`];
    case 'device_time':
      if (body.clockUntrusted) return [`${at}: the device signed clock_untrusted`];
      if (filed !== device) return [`${at}: filed at ${h.filedAt}, not at its signed device time ${new Date(device).toISOString()}`];
      return -offset > clock.maxSkewMs && -offset <= clock.maxLateMs
        ? []
        : [`${at}: ${-offset} ms late is outside (${clock.maxSkewMs}, ${clock.maxLateMs}] ms`];
    case 'before_enrollment':
      // Counted nowhere; only a queued (late) heartbeat can be dated before its device's enrollment.
      if (-offset <= clock.maxSkewMs) return [`${at}: a live heartbeat, not one dated before enrollment`];
      return filed === received ? [] : [`${at}: filed at ${h.filedAt}, not at its receive time ${h.receivedAt}`];
    case 'untrusted_clock':
      if (inStep) return [`${at}: the device signed a trusted clock within ${clock.maxSkewMs} ms of the receive time, so it is a live heartbeat`];
      return filed === received ? [] : [`${at}: filed at ${h.filedAt}, not at its receive time ${h.receivedAt}`];
    default:
      return [`${at}: unknown filing`];
  }
}
