// A certification report: the deterministic body, its evidence rows with their Merkle root,
// the on-site check sample, and the signed attestation that chains runs together. Pure functions:
// the verifier rebuilds the body and sample from the evidence and compares byte for byte.
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import { countNodes, type CountInput, type CountResult, type DeviceEvidence, type ProjectInput } from './count.js';
import { csvDocument } from '../domain/csv.js';
import { merkleRoot } from './merkle.js';
import type { CountingPolicy } from './policy.js';

// v2 added inputs.names (who each enterprise and project is); v3 inputs.approvals (the approved
// figures counted, and who approved them when) and inputs.notCertifiable (the projects left out, and
// why). v1 and v2 bodies are still verified the same way.
export const REPORT_FORMAT = 'edgenet-certification-v3';
// v2 added auditHead: the audit log's newest entry when the report was signed.
export const ATTESTATION_FORMAT = 'edgenet-attestation-v2';

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** Who the ids are, as the operator registered them: the bureau's view names them (art. 18 applicants). */
export interface ReportNames {
  enterprises: { enterpriseId: string; name: string; uscc: string; town: string }[];
  projects: { projectId: string; name: string }[];
}

/**
 * The award inputs of a counted project as the operator or the bureau approved them
 * (docs/records.md): inputs.projects carries exactly these investment figures.
 */
export interface ApprovedFigures {
  projectId: string;
  approvalId: string;
  totalInvestmentFen: number;
  eligibleInvestmentFen: number;
  windowStart: string;
  windowEnd: string;
  approvedRole: string;
  /** The approver's username (null: a token made for no person). */
  approvedBy: string | null;
  approvedAt: string;
  /** The enterprise has declared other figures since: they wait for approval and are not counted. */
  declaredDiffers: boolean;
}

export type NotCertifiableReason = 'no_approved_figures' | 'declared_window_not_approved' | 'project_archived' | 'enterprise_archived';

/** A project whose window touches the run's but which is not counted, and why: never silently dropped. */
export interface NotCertifiable {
  projectId: string;
  enterpriseId: string;
  reason: NotCertifiableReason;
}

export interface ReportBody {
  format: typeof REPORT_FORMAT | 'edgenet-certification-v2' | 'edgenet-certification-v1';
  policy: CountingPolicy;
  window: { start: string; end: string };
  inputs: {
    projects: ProjectInput[];
    registeredWorkstations: string[];
    names?: ReportNames;
    approvals?: ApprovedFigures[];
    notCertifiable?: NotCertifiable[];
  };
  evidence: { count: number; merkleRoot: string; leafOrder: 'deviceId' };
  results: CountResult;
}

export interface Attestation {
  format: typeof ATTESTATION_FORMAT | 'edgenet-attestation-v1';
  runId: string;
  sequence: number;
  createdAt: string;
  window: { start: string; end: string };
  policyVersion: string;
  bodyHash: string;
  evidenceRoot: string;
  /** reportHash of the previous run (null for the first): withdrawing or rewriting a run breaks the chain. */
  previousReportHash: string | null;
  keyId: string;
  /**
   * The audit log's newest entry (seq and hash) when the report was signed (null: an empty log;
   * absent in v1). Anchored in a report the bureau keeps, a later deletion of the log's tail shows.
   */
  auditHead?: { seq: number; hash: string } | null;
}

/** Evidence rows (canonical JSON, one per device, sorted by device id): the Merkle leaves. */
export function evidenceLines(devices: readonly DeviceEvidence[]): string[] {
  return [...devices].sort((a, b) => (a.deviceId < b.deviceId ? -1 : 1)).map((d) => canonicalJson(d));
}

/** What a run adds to the count's input: who is who, and the approvals behind the figures. */
export interface ReportInputs {
  names?: ReportNames;
  approvals?: readonly ApprovedFigures[];
  notCertifiable?: readonly NotCertifiable[];
}

const byProject = (a: { projectId: string }, b: { projectId: string }): number => (a.projectId < b.projectId ? -1 : a.projectId > b.projectId ? 1 : 0);

export function buildBody(input: CountInput & ReportInputs): { body: ReportBody; bodyJson: string; bodyHash: string; lines: string[] } {
  const lines = evidenceLines(input.devices);
  const body: ReportBody = {
    format: REPORT_FORMAT,
    policy: input.policy,
    window: input.window,
    inputs: {
      projects: [...input.projects].sort((a, b) => (a.projectId < b.projectId ? -1 : 1)),
      registeredWorkstations: [...input.registeredWorkstations].sort(),
      names: {
        enterprises: [...(input.names?.enterprises ?? [])].sort((a, b) => (a.enterpriseId < b.enterpriseId ? -1 : 1)),
        projects: [...(input.names?.projects ?? [])].sort((a, b) => (a.projectId < b.projectId ? -1 : 1)),
      },
      approvals: [...(input.approvals ?? [])].sort(byProject),
      notCertifiable: [...(input.notCertifiable ?? [])].sort(byProject),
    },
    evidence: { count: lines.length, merkleRoot: merkleRoot(lines), leafOrder: 'deviceId' },
    results: countNodes(input),
  };
  const bodyJson = canonicalJson(body);
  return { body, bodyJson, bodyHash: sha256Hex(bodyJson), lines };
}

export interface SiteSample {
  /** The report hash the sample is drawn from (SHA-256 of the canonical attestation). */
  reportHash: string;
  /** The bureau's random value, submitted after the report was signed. */
  bureauValue: string;
  /** SHA-256 (hex) of "<reportHash>:<bureauValue>". */
  seed: string;
  share: { num: number; den: number };
  projects: { projectId: string; enterpriseId: string; devices: string[] }[];
}

export const BUREAU_VALUE_PATTERN = '^[0-9a-f]{64}$';

/**
 * On-site check sample (000_…txt 四(三): at least 30% of projects that pass review), commit then
 * reveal: the platform commits to the report (its hash) before the bureau reveals a random value, so
 * the operator cannot steer the sample by choosing the window or the inputs (it cannot know the
 * value), and the bureau's value is recorded beside who sent it and when. Projects with an award are
 * the ones that passed review; k = ceil(passed × share); they are ranked by
 * SHA-256(seed ":" projectId) ascending (hex), and each sampled project lists every device to visit.
 */
export function drawSample(body: ReportBody, reportHash: string, bureauValue: string): SiteSample {
  const share = body.policy.onSiteCheck.minProjectShare;
  const seed = sha256Hex(`${reportHash}:${bureauValue}`);
  const passed = body.results.projects.filter((p) => p.awardFen > 0);
  const k = Math.ceil((passed.length * share.num) / share.den);
  const picked = passed
    .map((p) => ({ p, rank: sha256Hex(`${seed}:${p.projectId}`) }))
    .sort((a, b) => (a.rank < b.rank ? -1 : 1))
    .slice(0, k)
    .map(({ p }) => p);
  const devicesByProject = new Map<string, string[]>();
  for (const d of body.results.devices) devicesByProject.set(d.projectId, [...(devicesByProject.get(d.projectId) ?? []), d.deviceId]);
  return {
    reportHash,
    bureauValue,
    seed,
    share,
    projects: picked.map((p) => ({ projectId: p.projectId, enterpriseId: p.enterpriseId, devices: devicesByProject.get(p.projectId) ?? [] })),
  };
}

const LIMITED_BY: Record<string, string> = {
  minimum_investment: '总投资不足20万元',
  share_of_eligible: '不超过新增投资额30%',
  per_project_cap: '单个项目不超过100万元',
  per_node_cap: '每节点平均不超过5000元',
};

/**
 * Per-project table for the bureau's spreadsheet: Chinese headers, names, USCC and town beside the
 * ids, money in yuan with 2 decimals from integer fen; UTF-8 with a byte-order mark and CRLF lines so
 * Excel opens it as UTF-8.
 */
export function reportCsv(body: ReportBody, runId: string): string {
  const yuan = (fen: number): string => `${Math.trunc(fen / 100)}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;
  const enterprises = new Map((body.inputs.names?.enterprises ?? []).map((e) => [e.enterpriseId, e]));
  const projectNames = new Map((body.inputs.names?.projects ?? []).map((p) => [p.projectId, p.name]));
  const approvals = new Map((body.inputs.approvals ?? []).map((a) => [a.projectId, a]));
  const rows = [
    [
      '认证编号',
      '认证期起',
      '认证期止',
      '项目编号',
      '项目名称',
      '企业编号',
      '企业名称',
      '统一社会信用代码',
      '所在镇街',
      '项目总投资（元）',
      '新增投资额（元）',
      '设备数',
      '核验通过设备数',
      '存疑设备数',
      '认定节点数',
      '奖励金额（元）',
      '奖励限定依据',
      // Whose approval the investment figures carry (docs/records.md): a person, else the role.
      '数据批准人',
      '批准时间',
    ],
    ...body.results.projects.map((p) => {
      const e = enterprises.get(p.enterpriseId);
      return [
        runId,
        body.window.start,
        body.window.end,
        p.projectId,
        projectNames.get(p.projectId) ?? '',
        p.enterpriseId,
        e?.name ?? '',
        e?.uscc ?? '',
        e?.town ?? '',
        yuan(p.totalInvestmentFen),
        yuan(p.eligibleInvestmentFen),
        String(p.devices),
        String(p.verifiedDevices.length),
        String(p.flaggedDevices.length),
        String(p.certifiedNodes),
        yuan(p.awardFen),
        LIMITED_BY[p.awardLimitedBy] ?? p.awardLimitedBy,
        approvals.get(p.projectId)?.approvedBy ?? approvals.get(p.projectId)?.approvedRole ?? '',
        approvals.get(p.projectId)?.approvedAt ?? '',
      ];
    }),
  ];
  return csvDocument(rows);
}
