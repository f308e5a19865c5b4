// The counting policy: one versioned object, every default with the article it comes from or marked
// as the operator's setting. Articles are those of 东莞市边端智算网络建设实施细则
// (shared/seeds/001_…txt) unless noted; "operator setting" means the policy texts leave it open.
// Ratios are integer fractions so no count ever depends on floating point.
// Changing any value means a new `version`: a certification run records the version it used.
export interface Fraction {
  num: number;
  den: number;
}

export interface CountingPolicy {
  version: string;
  timeZone: 'Asia/Shanghai';
  bucketMinutes: number;
  activeDay: { minOnlineBuckets: number; minInferences: number };
  verifiedDevice: { minActiveDayShare: Fraction };
  certifiedWorkstation: { minMappedShareOfActiveDays: Fraction };
  maxWorkstationsPerDevice: { compute_box: number; industrial_pc: number; server: number };
  award: { minTotalInvestmentFen: number; maxShareOfEligible: Fraction; maxPerProjectFen: number; maxPerNodeFen: number };
  /** Flags that keep a device out of the count until the operator resolves them. */
  disqualifyingFlags: readonly string[];
  clock: { maxSkewMs: number; maxLateMs: number; skewFlagAfterMs: number };
  replay: { windowSeq: number };
  onSiteCheck: { minProjectShare: Fraction };
  /**
   * v3: per device kind, whether only a device enrolled with a verified TPM 2.0 (attestation `tpm`,
   * docs/tpm.md) can be verified. Absent before v3: those policies neither require nor report the level.
   */
  requireTpm?: { compute_box: boolean; industrial_pc: boolean; server: boolean };
  /**
   * v4: a `tpm` device's day rests on its chip when at least `minSealsPerDay` of the day's heartbeats
   * carry a TPM seal that verifies with the device's AK (docs/tpm.md "Sealed days"). Each day of the
   * evidence then names its seals; a node counts as `tpm` only when every active day of its device
   * is sealed; for a kind under requireTpm, only sealed days are active days. Absent before v4.
   */
  tpmSeal?: { minSealsPerDay: number };
}

export const COUNTING_POLICY: Readonly<CountingPolicy> = Object.freeze({
  // v2 added clock.skewFlagAfterMs; v3 requireTpm, and with it each device's attestation level in
  // the results and the certified nodes by level; v4 tpmSeal, the days a TPM sealed. A report names
  // the policy it was counted under and the verifier recounts with the published one of that version
  // (verify.ts), so earlier reports stay verifiable.
  version: 'edgenet-counting-v4',
  // Days are calendar days where the factories are; UTC+8 has had no daylight saving since 1991.
  // Days and buckets of an instant: domain/calendar.ts, made from this policy.
  timeZone: 'Asia/Shanghai',
  bucketMinutes: 5, // operator setting: granularity of "online"
  // Operator setting: "connected" (art. 19 (3) 接入平台) made measurable as 1 h online in 5-minute
  // buckets, plus evidence of algorithm inference (art. 16: hardware "used for … algorithm inference").
  activeDay: { minOnlineBuckets: 12, minInferences: 1 },
  verifiedDevice: { minActiveDayShare: { num: 1, den: 2 } }, // operator setting
  certifiedWorkstation: { minMappedShareOfActiveDays: { num: 1, den: 2 } }, // operator setting
  // Operator setting: plausible workstations one device of each class can serve (art. 19 (3) counts
  // workstations served by the hardware).
  maxWorkstationsPerDevice: { compute_box: 8, industrial_pc: 16, server: 64 },
  award: {
    minTotalInvestmentFen: 20_000_000, // art. 18: total investment at least 200,000 yuan
    maxShareOfEligible: { num: 30, den: 100 }, // art. 18: at most 30% of eligible new investment
    maxPerProjectFen: 100_000_000, // art. 18: at most 1,000,000 yuan per project
    maxPerNodeFen: 500_000, // art. 18: average award per node at most 5,000 yuan
  },
  // 000_…txt 四(三): false reporting is clawed back; these flags block counting until resolved.
  disqualifyingFlags: ['duplicate_hardware', 'virtual_machine', 'identity_conflict', 'replay', 'clock_skew'],
  clock: {
    maxSkewMs: 5 * 60_000, // operator setting: 5 min between device clock and platform
    maxLateMs: 7 * 24 * 3_600_000, // operator setting: 7 days, the agent's default queue age
    // Operator setting: a clock_skew flag (disqualifying) only once the device's clock has been off
    // by more than maxSkew for 10 min without a break. A brief jump (an NTP step, a hand-set clock
    // put right) costs nothing: those heartbeats are filed at receive time anyway (filing.ts).
    skewFlagAfterMs: 10 * 60_000, // 10 min
  },
  replay: { windowSeq: 1_000 }, // operator setting: QoS 1 redelivery stays well inside this
  onSiteCheck: { minProjectShare: { num: 30, den: 100 } }, // 000_…txt 四(三): at least 30% of projects
  // Operator setting, off for every kind: the policy texts ask for hardware "connected to the
  // platform" (art. 19 (3)), not for a TPM, and many factory boxes have none. Requiring it for a kind
  // is a new policy version, published before the runs that use it (docs/tpm.md, docs/certification.md).
  requireTpm: { compute_box: false, industrial_pc: false, server: false },
  // One seal a day: the agent seals on its first heartbeat of each day and hourly after (docs/tpm.md),
  // so a day online for the policy's hour holds one. Operator setting.
  tpmSeal: { minSealsPerDay: 1 },
});
