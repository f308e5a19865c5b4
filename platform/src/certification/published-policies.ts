// Every counting policy version ever published, frozen. A verifier recounts a report with the
// published policy of the version it names, never with the copy inside the report's body: a body is
// written by the operator, who could lower a threshold and re-sign. The same objects are published as
// canonical JSON in docs/policies/<version>.json (a test keeps the two identical), which is what
// scripts/verify-report.mjs reads.
import { COUNTING_POLICY, type CountingPolicy } from './policy.js';

/** v1: as v2 without clock.skewFlagAfterMs (a clock_skew flag on the first skewed heartbeat). */
const V1 = Object.freeze({
  version: 'edgenet-counting-v1',
  timeZone: 'Asia/Shanghai',
  bucketMinutes: 5,
  activeDay: { minOnlineBuckets: 12, minInferences: 1 },
  verifiedDevice: { minActiveDayShare: { num: 1, den: 2 } },
  certifiedWorkstation: { minMappedShareOfActiveDays: { num: 1, den: 2 } },
  maxWorkstationsPerDevice: { compute_box: 8, industrial_pc: 16, server: 64 },
  award: { minTotalInvestmentFen: 20_000_000, maxShareOfEligible: { num: 30, den: 100 }, maxPerProjectFen: 100_000_000, maxPerNodeFen: 500_000 },
  disqualifyingFlags: ['duplicate_hardware', 'virtual_machine', 'identity_conflict', 'replay', 'clock_skew'],
  clock: { maxSkewMs: 5 * 60_000, maxLateMs: 7 * 24 * 3_600_000 },
  replay: { windowSeq: 1_000 },
  onSiteCheck: { minProjectShare: { num: 30, den: 100 } },
}) as unknown as Readonly<CountingPolicy>;

/** v2: as v3 without requireTpm (the attestation level neither required nor reported). */
const V2 = Object.freeze({
  ...V1,
  version: 'edgenet-counting-v2',
  clock: { maxSkewMs: 5 * 60_000, maxLateMs: 7 * 24 * 3_600_000, skewFlagAfterMs: 10 * 60_000 },
}) as unknown as Readonly<CountingPolicy>;

/** v3: as v4 without tpmSeal (a `tpm` device's days not judged by their seals). */
const V3 = Object.freeze({
  ...V2,
  version: 'edgenet-counting-v3',
  requireTpm: { compute_box: false, industrial_pc: false, server: false },
}) as unknown as Readonly<CountingPolicy>;

export const PUBLISHED_POLICIES: Readonly<Record<string, Readonly<CountingPolicy>>> = Object.freeze({
  [V1.version]: V1,
  [V2.version]: V2,
  [V3.version]: V3,
  [COUNTING_POLICY.version]: COUNTING_POLICY,
});
