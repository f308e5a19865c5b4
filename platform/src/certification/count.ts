// The count itself: a pure function from evidence to certified nodes and awards. It reads
// nothing but its input, so the platform and the standalone verifier (scripts/verify-report.mjs)
// compute exactly the same thing, and the same input always gives the same output.
import type { CountingPolicy, Fraction } from './policy.js';

/**
 * One day of one device, as a tuple to keep a year of evidence for a city's fleet small:
 * [day (YYYY-MM-DD, Asia/Shanghai), online 5-minute buckets, inferences, late-filed heartbeats,
 * TPM seals (under a policy with tpmSeal, v4 on; absent before)].
 */
export type DeviceDay = [day: string, onlineBuckets: number, inferences: number, lateHeartbeats: number, tpmSeals?: number];

export interface MappingSpan {
  code: string;
  fromDay: string; // first day the mapping held (inclusive)
  toDay: string; // last day the mapping held (inclusive)
}

/** One evidence row: everything counting needs about one device. A Merkle leaf of the report. */
export interface DeviceEvidence {
  deviceId: string;
  projectId: string;
  enterpriseId: string;
  kind: 'compute_box' | 'industrial_pc' | 'server';
  fingerprint: string;
  keyId: string;
  days: DeviceDay[]; // sorted by day, only days with data in the window
  mappings: MappingSpan[];
  flags: { id: string; kind: string; reason: string }[]; // open (unresolved) flags
  /** How the device proved it is a distinct box (docs/tpm.md); absent in rows gathered before it was kept: software. */
  attestation?: AttestationLevel;
  /** Under a policy with tpmSeal, for a `tpm` device: SHA-256 (hex) of its AK's TPM2B_PUBLIC, whose seals the days count. */
  akSha256?: string;
}

export type AttestationLevel = 'tpm' | 'software';

export interface ProjectInput {
  projectId: string;
  enterpriseId: string;
  totalInvestmentFen: number;
  eligibleInvestmentFen: number;
}

export interface CountInput {
  policy: CountingPolicy;
  window: { start: string; end: string }; // inclusive calendar days
  projects: ProjectInput[];
  /** Registered workstations as "enterpriseId/code". */
  registeredWorkstations: string[];
  devices: DeviceEvidence[];
}

export interface DeviceResult {
  deviceId: string;
  projectId: string;
  activeDays: number;
  verified: boolean;
  /** Why not verified (empty when verified). */
  reasons: string[];
  /** Registered codes counted for this device, in order of mapped active days. */
  workstations: string[];
  overClaimed: string[];
  unregistered: string[];
  /** Under a policy with requireTpm (v3 on): the device's attestation level. */
  attestation?: AttestationLevel;
  /** Under a policy with tpmSeal (v4 on): active days with at least minSealsPerDay TPM seals. */
  sealedActiveDays?: number;
}

export interface ProjectResult {
  projectId: string;
  enterpriseId: string;
  totalInvestmentFen: number;
  eligibleInvestmentFen: number;
  devices: number;
  verifiedDevices: string[];
  flaggedDevices: { deviceId: string; flags: { kind: string; reason: string }[] }[];
  certifiedNodes: number;
  certifiedWorkstations: string[];
  awardFen: number;
  awardLimitedBy: 'minimum_investment' | 'share_of_eligible' | 'per_project_cap' | 'per_node_cap';
}

export interface EnterpriseResult {
  enterpriseId: string;
  projects: number;
  certifiedNodes: number;
  awardFen: number;
}

export interface CountResult {
  windowDays: number;
  devices: DeviceResult[];
  projects: ProjectResult[];
  enterprises: EnterpriseResult[];
  totals: {
    projects: number;
    devices: number;
    verifiedDevices: number;
    certifiedNodes: number;
    awardFen: number;
    /** Under a policy with requireTpm (v3 on): certified nodes by the level of the device each counts for. */
    certifiedNodesByAttestation?: Record<AttestationLevel, number>;
  };
}

const atLeast = (part: number, whole: number, share: Fraction): boolean => part * share.den >= whole * share.num;
const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function daysBetween(start: string, end: string): number {
  return Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000) + 1;
}

export function countNodes(input: CountInput): CountResult {
  const { policy, window } = input;
  const windowDays = daysBetween(window.start, window.end);
  const registered = new Set(input.registeredWorkstations);
  const projectsById = new Map(input.projects.map((p) => [p.projectId, p]));
  const disqualifying = new Set(policy.disqualifyingFlags);

  // Step 1: each device — active days, verification, the workstations it serves.
  const deviceResults: DeviceResult[] = [];
  /** enterpriseId → code → best claim (for assigning each workstation to one project). */
  const claims = new Map<string, Map<string, { projectId: string; mappedDays: number; level: AttestationLevel }>>();
  for (const d of [...input.devices].sort((a, b) => byString(a.deviceId, b.deviceId))) {
    const level = d.attestation ?? 'software';
    // v4: a day rests on the chip when a `tpm` device sealed it; a kind that requires a TPM counts only those.
    const seal = policy.tpmSeal;
    const sealed = ([, , , , seals]: DeviceDay): boolean => seal !== undefined && level === 'tpm' && (seals ?? 0) >= seal.minSealsPerDay;
    // (A software device there is refused by requireTpm itself below, its active days shown as they are.)
    const onlySealed = seal !== undefined && policy.requireTpm?.[d.kind] === true && level === 'tpm';
    const active = d.days.filter(
      (dd) =>
        dd[0] >= window.start &&
        dd[0] <= window.end &&
        dd[1] >= policy.activeDay.minOnlineBuckets &&
        dd[2] >= policy.activeDay.minInferences &&
        (!onlySealed || sealed(dd)),
    );
    const sealedActiveDays = active.filter(sealed).length;
    // The level a node counts at: `tpm` only when, under v4, every active day of the device was sealed.
    const nodeLevel: AttestationLevel = level === 'tpm' && (seal === undefined || sealedActiveDays === active.length) ? 'tpm' : 'software';
    const reasons: string[] = [];
    const project = projectsById.get(d.projectId);
    if (!project || project.enterpriseId !== d.enterpriseId) reasons.push('not enrolled to a project of its enterprise');
    if (policy.requireTpm?.[d.kind] && level !== 'tpm') reasons.push(`attestation ${level}: the policy requires tpm for a ${d.kind}`);
    for (const f of d.flags) if (disqualifying.has(f.kind)) reasons.push(`flag ${f.kind}: ${f.reason}`);
    if (!atLeast(active.length, windowDays, policy.verifiedDevice.minActiveDayShare)) {
      reasons.push(
        `${active.length} active days of ${windowDays} is below ${policy.verifiedDevice.minActiveDayShare.num}/${policy.verifiedDevice.minActiveDayShare.den}`,
      );
    }

    // Active days on which each code was mapped to this device.
    const mappedDays = new Map<string, number>();
    for (const [day] of active) {
      const codes = new Set(d.mappings.filter((m) => m.fromDay <= day && day <= m.toDay).map((m) => m.code));
      for (const code of codes) mappedDays.set(code, (mappedDays.get(code) ?? 0) + 1);
    }
    const claimed = [...mappedDays.keys()];
    const unregistered = claimed.filter((c) => !registered.has(`${d.enterpriseId}/${c}`)).sort(byString);
    const qualifying = claimed
      .filter((c) => registered.has(`${d.enterpriseId}/${c}`))
      .filter((c) => atLeast(mappedDays.get(c)!, active.length, policy.certifiedWorkstation.minMappedShareOfActiveDays))
      .sort((a, b) => mappedDays.get(b)! - mappedDays.get(a)! || byString(a, b));
    const cap = policy.maxWorkstationsPerDevice[d.kind];
    const counted = qualifying.slice(0, cap);
    const verified = reasons.length === 0;
    deviceResults.push({
      deviceId: d.deviceId,
      projectId: d.projectId,
      activeDays: active.length,
      verified,
      reasons,
      workstations: counted,
      overClaimed: qualifying.slice(cap),
      unregistered,
      ...(policy.requireTpm ? { attestation: level } : {}),
      ...(seal ? { sealedActiveDays } : {}),
    });
    if (!verified) continue;
    // Step 2: each workstation counts once per enterprise, for the project whose device served it
    // on the most active days (ties: the smaller project id), however many devices claim it.
    let perCode = claims.get(d.enterpriseId);
    if (!perCode) {
      perCode = new Map();
      claims.set(d.enterpriseId, perCode);
    }
    for (const code of counted) {
      const days = mappedDays.get(code)!;
      const best = perCode.get(code);
      if (!best || days > best.mappedDays || (days === best.mappedDays && d.projectId < best.projectId)) {
        perCode.set(code, { projectId: d.projectId, mappedDays: days, level: nodeLevel });
      }
    }
  }

  // Step 3: per project — nodes and the award (实施细则 art. 18), in integer fen.
  const nodesByProject = new Map<string, string[]>();
  for (const perCode of claims.values()) {
    for (const [code, claim] of perCode) {
      const list = nodesByProject.get(claim.projectId) ?? [];
      list.push(code);
      nodesByProject.set(claim.projectId, list);
    }
  }
  const evidenceById = new Map(input.devices.map((d) => [d.deviceId, d]));
  const devicesByProject = new Map<string, DeviceResult[]>();
  for (const r of deviceResults) {
    const list = devicesByProject.get(r.projectId);
    if (list) list.push(r);
    else devicesByProject.set(r.projectId, [r]);
  }
  const projectResults: ProjectResult[] = [...input.projects]
    .sort((a, b) => byString(a.projectId, b.projectId))
    .map((p) => {
      const devs = devicesByProject.get(p.projectId) ?? [];
      const certified = (nodesByProject.get(p.projectId) ?? []).sort(byString);
      const { awardFen, awardLimitedBy } = award(p, certified.length, policy.award);
      return {
        projectId: p.projectId,
        enterpriseId: p.enterpriseId,
        totalInvestmentFen: p.totalInvestmentFen,
        eligibleInvestmentFen: p.eligibleInvestmentFen,
        devices: devs.length,
        verifiedDevices: devs.filter((r) => r.verified).map((r) => r.deviceId),
        flaggedDevices: devs
          .map((r) => ({ deviceId: r.deviceId, flags: evidenceById.get(r.deviceId)!.flags.map(({ kind, reason }) => ({ kind, reason })) }))
          .filter((f) => f.flags.length > 0),
        certifiedNodes: certified.length,
        certifiedWorkstations: certified,
        awardFen,
        awardLimitedBy,
      };
    });

  // A node counts for the device whose claim won it (step 2), and so at that device's level.
  const byLevel: Record<AttestationLevel, number> = { tpm: 0, software: 0 };
  for (const perCode of claims.values()) for (const claim of perCode.values()) byLevel[claim.level] += 1;

  const enterprises = new Map<string, EnterpriseResult>();
  for (const p of projectResults) {
    const e = enterprises.get(p.enterpriseId) ?? { enterpriseId: p.enterpriseId, projects: 0, certifiedNodes: 0, awardFen: 0 };
    e.projects += 1;
    e.certifiedNodes += p.certifiedNodes;
    e.awardFen += p.awardFen;
    enterprises.set(p.enterpriseId, e);
  }
  return {
    windowDays,
    devices: deviceResults,
    projects: projectResults,
    enterprises: [...enterprises.values()].sort((a, b) => byString(a.enterpriseId, b.enterpriseId)),
    totals: {
      projects: projectResults.length,
      devices: deviceResults.length,
      verifiedDevices: deviceResults.filter((d) => d.verified).length,
      certifiedNodes: projectResults.reduce((n, p) => n + p.certifiedNodes, 0),
      awardFen: projectResults.reduce((n, p) => n + p.awardFen, 0),
      ...(policy.requireTpm ? { certifiedNodesByAttestation: byLevel } : {}),
    },
  };
}

/** award = 0 below the investment floor, else min(30% of eligible, 1,000,000 yuan, 5,000 yuan × nodes). */
export function award(
  p: Pick<ProjectInput, 'totalInvestmentFen' | 'eligibleInvestmentFen'>,
  nodes: number,
  rule: CountingPolicy['award'],
): Pick<ProjectResult, 'awardFen' | 'awardLimitedBy'> {
  if (p.totalInvestmentFen < rule.minTotalInvestmentFen) return { awardFen: 0, awardLimitedBy: 'minimum_investment' };
  // BigInt: 30 × a large eligible figure can pass 2^53 before the division brings it back.
  const share = Number((BigInt(p.eligibleInvestmentFen) * BigInt(rule.maxShareOfEligible.num)) / BigInt(rule.maxShareOfEligible.den));
  const perNode = rule.maxPerNodeFen * nodes;
  const candidates = [
    { awardFen: share, awardLimitedBy: 'share_of_eligible' as const },
    { awardFen: rule.maxPerProjectFen, awardLimitedBy: 'per_project_cap' as const },
    { awardFen: perNode, awardLimitedBy: 'per_node_cap' as const },
  ];
  return candidates.reduce((min, c) => (c.awardFen < min.awardFen ? c : min));
}
