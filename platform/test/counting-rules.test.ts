// The functions that decide money, each on its own, table-driven at its boundaries: the count
// (certification/count.ts), the award (实施细则 art. 18), the filing rule (ingest/filing.ts) and the
// daily rollup (ingest/heartbeat-writer.ts). The end-to-end certification tests run them through
// the database; these pin each rule's edges.
import { describe, expect, it } from 'vitest';
import { award, countNodes, type CountInput, type DeviceDay, type DeviceEvidence } from '../src/certification/count.js';
import { COUNTING_POLICY } from '../src/certification/policy.js';
import { calendarOf } from '../src/domain/calendar.js';
import { fileHeartbeat, type FilingInput } from '../src/ingest/filing.js';
import { rollupDays } from '../src/ingest/heartbeat-writer.js';

const { dayStartUtc } = calendarOf(COUNTING_POLICY);

const policy = COUNTING_POLICY;
const E = 'e1';
const WINDOW = { start: '2026-11-01', end: '2026-11-10' }; // 10 days

function days(n: number, online = 12, inferences = 1, from = 1, seals = 0): DeviceDay[] {
  return Array.from({ length: n }, (_, i) => [`2026-11-${String(from + i).padStart(2, '0')}`, online, inferences, 0, seals]);
}
const sealedDays = (n: number) => days(n, 12, 1, 1, 1);

function device(id: string, over: Partial<DeviceEvidence> = {}): DeviceEvidence {
  return {
    deviceId: id,
    projectId: 'p1',
    enterpriseId: E,
    kind: 'compute_box',
    fingerprint: 'f'.repeat(64),
    keyId: 'k',
    days: days(10),
    mappings: [{ code: 'W1', fromDay: WINDOW.start, toDay: WINDOW.end }],
    flags: [],
    ...over,
  };
}

function input(devices: DeviceEvidence[], over: Partial<CountInput> = {}): CountInput {
  return {
    policy,
    window: WINDOW,
    projects: [
      { projectId: 'p1', enterpriseId: E, totalInvestmentFen: 50_000_000, eligibleInvestmentFen: 40_000_000 },
      { projectId: 'p2', enterpriseId: E, totalInvestmentFen: 50_000_000, eligibleInvestmentFen: 40_000_000 },
    ],
    registeredWorkstations: Array.from({ length: 20 }, (_, i) => `${E}/W${i + 1}`),
    devices,
    ...over,
  };
}

describe('countNodes at its boundaries', () => {
  it.each([
    ['exactly 12 online buckets make an active day', 12, 1, 10],
    ['11 buckets do not', 11, 1, 0],
    ['an active day needs an inference', 12, 0, 0],
  ])('%s', (_name, online, inferences, activeDays) => {
    const r = countNodes(input([device('d1', { days: days(10, online, inferences) })]));
    expect(r.devices[0]!.activeDays).toBe(activeDays);
  });

  it.each([
    ['exactly half the window active: verified', 5, true],
    ['one day less: not verified', 4, false],
  ])('%s', (_name, active, verified) => {
    const r = countNodes(input([device('d1', { days: days(active) })]));
    expect(r.devices[0]!.verified).toBe(verified);
    expect(r.totals.certifiedNodes).toBe(verified ? 1 : 0);
  });

  it.each([
    [
      'required for compute boxes: a software compute box is not verified',
      { compute_box: true, industrial_pc: false, server: false },
      'compute_box',
      undefined,
      false,
    ],
    ['required for compute boxes: a tpm compute box is', { compute_box: true, industrial_pc: false, server: false }, 'compute_box', 'tpm', true],
    ['required for compute boxes only: a software server is', { compute_box: true, industrial_pc: false, server: false }, 'server', 'software', true],
    ['off (the published default): a software compute box is', policy.requireTpm!, 'compute_box', 'software', true],
  ] as const)('requireTpm %s', (_name, requireTpm, kind, attestation, verified) => {
    const r = countNodes({
      ...input([device('d1', { kind, days: sealedDays(10), ...(attestation ? { attestation } : {}) })]),
      policy: { ...policy, requireTpm: { ...requireTpm } },
    });
    expect(r.devices[0]!.verified).toBe(verified);
    expect(r.devices[0]!.attestation).toBe(attestation ?? 'software');
    if (!verified) expect(r.devices[0]!.reasons).toEqual([`attestation software: the policy requires tpm for a ${kind}`]);
    expect(r.totals.certifiedNodesByAttestation).toEqual(
      verified ? { tpm: attestation === 'tpm' ? 1 : 0, software: attestation === 'tpm' ? 0 : 1 } : { tpm: 0, software: 0 },
    );
  });

  it('counts each node at the level of the device it counts for; a policy before v3 reports no level', () => {
    const both = [
      device('d1', { attestation: 'tpm', days: sealedDays(10), mappings: [{ code: 'W1', fromDay: WINDOW.start, toDay: WINDOW.end }] }),
      device('d2', { mappings: [{ code: 'W2', fromDay: WINDOW.start, toDay: WINDOW.end }] }),
      device('d3', { attestation: 'software', mappings: [{ code: 'W3', fromDay: WINDOW.start, toDay: WINDOW.end }] }),
    ];
    expect(countNodes(input(both)).totals.certifiedNodesByAttestation).toEqual({ tpm: 1, software: 2 });
    const { requireTpm: _, ...v2 } = policy;
    const old = countNodes({ ...input(both), policy: { ...v2, version: 'edgenet-counting-v2' } });
    expect(old.totals).not.toHaveProperty('certifiedNodesByAttestation');
    expect(old.devices[0]).not.toHaveProperty('attestation');
  });

  it('v4: a tpm node counts at level tpm only when every active day is sealed; seals of a software device count for nothing', () => {
    const oneUnsealed = sealedDays(10).map((d, i): DeviceDay => (i === 3 ? [d[0], d[1], d[2], d[3], 0] : d));
    const r = countNodes(
      input([
        device('d1', { attestation: 'tpm', days: sealedDays(10) }),
        device('d2', { attestation: 'tpm', days: oneUnsealed, mappings: [{ code: 'W2', fromDay: WINDOW.start, toDay: WINDOW.end }] }),
        device('d3', { attestation: 'software', days: sealedDays(10), mappings: [{ code: 'W3', fromDay: WINDOW.start, toDay: WINDOW.end }] }),
      ]),
    );
    expect(r.devices.map((d) => [d.deviceId, d.verified, d.activeDays, d.sealedActiveDays])).toEqual([
      ['d1', true, 10, 10],
      ['d2', true, 10, 9],
      ['d3', true, 10, 0],
    ]);
    expect(r.totals.certifiedNodesByAttestation).toEqual({ tpm: 1, software: 2 });
    // Under v3 (no tpmSeal) the enrollment alone decided the level, and days named no seals.
    const { tpmSeal: _, ...v3 } = policy;
    const old = countNodes({ ...input([device('d2', { attestation: 'tpm', days: days(10) })]), policy: { ...v3, version: 'edgenet-counting-v3' } });
    expect(old.totals.certifiedNodesByAttestation).toEqual({ tpm: 1, software: 0 });
    expect(old.devices[0]).not.toHaveProperty('sealedActiveDays');
  });

  it.each([
    ['6 sealed of 10 days: 6 active days, verified', 6, true],
    ['4 sealed of 10 days: 4 active days, not verified', 4, false],
  ])('v4 with requireTpm for its kind: only sealed days are active (%s)', (_name, sealed, verified) => {
    const partly = sealedDays(10).map((d, i): DeviceDay => (i < sealed ? d : [d[0], d[1], d[2], d[3], 0]));
    const r = countNodes({
      ...input([device('d1', { attestation: 'tpm', days: partly })]),
      policy: { ...policy, requireTpm: { compute_box: true, industrial_pc: false, server: false } },
    });
    expect(r.devices[0]!.activeDays).toBe(sealed);
    expect(r.devices[0]!.verified).toBe(verified);
    expect(r.totals.certifiedNodesByAttestation).toEqual(verified ? { tpm: 1, software: 0 } : { tpm: 0, software: 0 });
  });

  it('counts a workstation mapped on exactly half the active days, not on fewer', () => {
    const mappings = [
      { code: 'W1', fromDay: '2026-11-01', toDay: '2026-11-05' }, // 5 of 10 active days
      { code: 'W2', fromDay: '2026-11-01', toDay: '2026-11-04' }, // 4 of 10
    ];
    const r = countNodes(input([device('d1', { mappings })]));
    expect(r.devices[0]!.workstations).toEqual(['W1']);
  });

  it('stops at the cap for the device class and reports the rest as over-claimed', () => {
    const cap = policy.maxWorkstationsPerDevice.compute_box;
    const mappings = Array.from({ length: cap + 1 }, (_, i) => ({ code: `W${i + 1}`, fromDay: WINDOW.start, toDay: WINDOW.end }));
    const r = countNodes(input([device('d1', { mappings })]));
    expect(r.devices[0]!.workstations).toHaveLength(cap);
    expect(r.devices[0]!.overClaimed).toHaveLength(1);
    expect(r.totals.certifiedNodes).toBe(cap);
  });

  it('counts a workstation claimed by two projects once, for the one with more mapped days, ties to the smaller id', () => {
    const tie = countNodes(input([device('d1', { projectId: 'p2' }), device('d2', { projectId: 'p1' })]));
    expect(tie.projects.map((p) => [p.projectId, p.certifiedNodes])).toEqual([
      ['p1', 1],
      ['p2', 0],
    ]);
    const more = countNodes(
      input([device('d1', { projectId: 'p2' }), device('d2', { projectId: 'p1', mappings: [{ code: 'W1', fromDay: '2026-11-02', toDay: WINDOW.end }] })]),
    );
    expect(more.projects.map((p) => [p.projectId, p.certifiedNodes])).toEqual([
      ['p1', 0],
      ['p2', 1],
    ]);
  });

  it('keeps a device with a disqualifying flag out, and one with another flag in', () => {
    const r = countNodes(
      input([
        device('d1', { flags: [{ id: 'f1', kind: 'virtual_machine', reason: 'vm' }] }),
        device('d2', { mappings: [{ code: 'W2', fromDay: WINDOW.start, toDay: WINDOW.end }], flags: [{ id: 'f2', kind: 'rate_limited', reason: 'fast' }] }),
      ]),
    );
    expect(r.devices.map((d) => [d.deviceId, d.verified])).toEqual([
      ['d1', false],
      ['d2', true],
    ]);
  });

  it('does not count an unregistered workstation', () => {
    const r = countNodes(input([device('d1', { mappings: [{ code: 'X9', fromDay: WINDOW.start, toDay: WINDOW.end }] })]));
    expect(r.devices[0]!.unregistered).toEqual(['X9']);
    expect(r.totals.certifiedNodes).toBe(0);
  });
});

describe('award (实施细则 art. 18) at its boundaries', () => {
  const rule = policy.award;
  it.each([
    ['total investment exactly 200,000 yuan: awarded', 20_000_000, 20_000_000, 20, 6_000_000, 'share_of_eligible'],
    ['one fen under 200,000 yuan: nothing', 19_999_999, 19_999_999, 10, 0, 'minimum_investment'],
    ['5,000 yuan per node binds', 100_000_000, 100_000_000, 3, 1_500_000, 'per_node_cap'],
    ['1,000,000 yuan per project binds', 1_000_000_000, 1_000_000_000, 1_000, 100_000_000, 'per_project_cap'],
    [
      'a huge eligible figure (30 × it passes 2^53) still ends at the cap',
      9_007_199_254_740_991,
      3_333_333_333_333,
      1_000_000_000,
      100_000_000,
      'per_project_cap',
    ],
    ['30% rounds down to the fen', 30_000_000, 20_000_001, 100, 6_000_000, 'share_of_eligible'],
    ['no nodes, no award', 50_000_000, 40_000_000, 0, 0, 'per_node_cap'],
  ])('%s', (_name, totalInvestmentFen, eligibleInvestmentFen, nodes, awardFen, limitedBy) => {
    expect(award({ totalInvestmentFen, eligibleInvestmentFen }, nodes, rule)).toEqual({ awardFen, awardLimitedBy: limitedBy });
  });

  it('is exactly the cap when two limits tie', () => {
    // 30% of 5,000,000 yuan and 300 nodes × 5,000 yuan are both 1,500,000 yuan, above the cap.
    expect(award({ totalInvestmentFen: 500_000_000, eligibleInvestmentFen: 500_000_000 }, 300, rule).awardFen).toBe(100_000_000);
  });
});

describe('fileHeartbeat decision table', () => {
  const clock = policy.clock;
  const now = Date.UTC(2026, 10, 5, 4);
  // Enrolled long before any device time below, unless a row says otherwise.
  const base: FilingInput = { receivedAtMs: now, deviceTimeMs: now, clockUntrusted: false, helloOffsetMs: 0, lastFiledMs: 0, enrolledAtMs: 0 };
  it.each<[string, Partial<FilingInput>, { filing: string; filedAtMs: number; skew: boolean }]>([
    ['a live heartbeat: receive time', {}, { filing: 'received', filedAtMs: now, skew: false }],
    [
      'the agent says its clock is untrusted',
      { clockUntrusted: true, deviceTimeMs: now - 3_600_000 },
      { filing: 'untrusted_clock', filedAtMs: now, skew: false },
    ],
    ['ahead by exactly maxSkew: still live', { deviceTimeMs: now + clock.maxSkewMs }, { filing: 'received', filedAtMs: now, skew: false }],
    [
      'ahead by more than maxSkew: receive time, skewed',
      { deviceTimeMs: now + clock.maxSkewMs + 1 },
      { filing: 'untrusted_clock', filedAtMs: now, skew: true },
    ],
    ['behind by exactly maxSkew: still live', { deviceTimeMs: now - clock.maxSkewMs }, { filing: 'received', filedAtMs: now, skew: false }],
    ['queued, hello clock trusted: device time', { deviceTimeMs: now - 3_600_000 }, { filing: 'device_time', filedAtMs: now - 3_600_000, skew: false }],
    ['queued, no hello yet', { deviceTimeMs: now - 3_600_000, helloOffsetMs: null }, { filing: 'untrusted_clock', filedAtMs: now, skew: true }],
    [
      'queued, hello clock off',
      { deviceTimeMs: now - 3_600_000, helloOffsetMs: clock.maxSkewMs + 1 },
      { filing: 'untrusted_clock', filedAtMs: now, skew: true },
    ],
    [
      'queued, before the last filed heartbeat',
      { deviceTimeMs: now - 3_600_000, lastFiledMs: now - 1_800_000 },
      { filing: 'untrusted_clock', filedAtMs: now, skew: false },
    ],
    [
      'queued, exactly maxLate old: device time',
      { deviceTimeMs: now - clock.maxLateMs },
      { filing: 'device_time', filedAtMs: now - clock.maxLateMs, skew: false },
    ],
    ['queued, older than maxLate', { deviceTimeMs: now - clock.maxLateMs - 1 }, { filing: 'untrusted_clock', filedAtMs: now, skew: false }],
    [
      'queued, dated before the device was enrolled: never counted',
      { deviceTimeMs: now - 3_600_000, enrolledAtMs: now - 3_600_000 + 1 },
      { filing: 'before_enrollment', filedAtMs: now, skew: false },
    ],
    [
      'queued, dated the moment the device was enrolled: device time',
      { deviceTimeMs: now - 3_600_000, enrolledAtMs: now - 3_600_000 },
      { filing: 'device_time', filedAtMs: now - 3_600_000, skew: false },
    ],
    [
      'queued before enrollment with no hello: still never counted',
      { deviceTimeMs: now - 3_600_000, enrolledAtMs: now - 60_000, helloOffsetMs: null },
      { filing: 'before_enrollment', filedAtMs: now, skew: false },
    ],
  ])('%s', (_name, over, expected) => {
    const d = fileHeartbeat({ ...base, ...over }, clock);
    expect({ filing: d.filing, filedAtMs: d.filedAtMs, skew: d.skewMs !== undefined }).toEqual(expected);
  });
});

describe('rollupDays', () => {
  const day = '2026-11-05';
  const at = (minutes: number) => new Date(dayStartUtc(day) + minutes * 60_000);
  it('sets one bit per 5-minute bucket, counts heartbeats, late ones and inferences per device and day', () => {
    const rows = [
      { deviceId: 'd1', filedAt: at(0), filing: 'received', inferenceDelta: 3 },
      { deviceId: 'd1', filedAt: at(4.99), filing: 'received', inferenceDelta: 2 }, // same bucket 0
      { deviceId: 'd1', filedAt: at(5), filing: 'device_time', inferenceDelta: 0 }, // bucket 1
      { deviceId: 'd1', filedAt: at(24 * 60 - 1), filing: 'received', inferenceDelta: 1 }, // bucket 287
      { deviceId: 'd1', filedAt: at(24 * 60), filing: 'received', inferenceDelta: 1 }, // next day, bucket 0
      { deviceId: 'd2', filedAt: at(60), filing: 'untrusted_clock', inferenceDelta: 0 },
    ];
    const r = rollupDays(calendarOf(COUNTING_POLICY), rows);
    const d1 = r.find((x) => x.deviceId === 'd1' && x.day === day)!;
    expect(d1.buckets).toHaveLength(288);
    expect([...d1.buckets].flatMap((b, i) => (b === '1' ? [i] : []))).toEqual([0, 1, 287]);
    expect(d1).toMatchObject({ heartbeats: 4, lateHeartbeats: 1, inferences: 6 });
    const next = r.find((x) => x.deviceId === 'd1' && x.day === '2026-11-06')!;
    expect([...next.buckets].indexOf('1')).toBe(0);
    expect(r.find((x) => x.deviceId === 'd2')).toMatchObject({ day, heartbeats: 1, lateHeartbeats: 0 });
    expect(r).toHaveLength(3);
  });

  it('counts a heartbeat filed before_enrollment nowhere: no bucket, no inference, no day', () => {
    const r = rollupDays(calendarOf(COUNTING_POLICY), [
      { deviceId: 'd1', filedAt: at(0), filing: 'before_enrollment', inferenceDelta: 9 },
      { deviceId: 'd2', filedAt: at(0), filing: 'before_enrollment', inferenceDelta: 9 },
      { deviceId: 'd2', filedAt: at(10), filing: 'received', inferenceDelta: 1 },
    ]);
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ deviceId: 'd2', heartbeats: 1, inferences: 1 });
    expect([...r[0]!.buckets].indexOf('1')).toBe(2);
  });
});
