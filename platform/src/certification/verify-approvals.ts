// A v3 report's counted figures are its approved ones (docs/records.md): each counted project has
// an approval carrying exactly its investment figures, each approval is of a counted project, and no
// project is both counted and listed as not certifiable. Pure: the body alone is checked.
import type { ReportBody } from './report.js';

export function checkApprovals(body: ReportBody): { problems: string[]; checked: string[] } {
  if (body.format !== 'edgenet-certification-v3') return { problems: [], checked: [] };
  const problems: string[] = [];
  const approvals = new Map((body.inputs.approvals ?? []).map((a) => [a.projectId, a]));
  const counted = new Set(body.inputs.projects.map((p) => p.projectId));
  for (const p of body.inputs.projects) {
    const a = approvals.get(p.projectId);
    if (!a) problems.push(`inputs.projects[${p.projectId}] is counted without an approval in inputs.approvals`);
    else if (a.totalInvestmentFen !== p.totalInvestmentFen || a.eligibleInvestmentFen !== p.eligibleInvestmentFen) {
      problems.push(`inputs.projects[${p.projectId}] counts other investment figures than its approval ${a.approvalId}`);
    }
  }
  for (const a of approvals.values()) if (!counted.has(a.projectId)) problems.push(`inputs.approvals[${a.projectId}] is of no counted project`);
  for (const n of body.inputs.notCertifiable ?? []) {
    if (counted.has(n.projectId)) problems.push(`inputs.notCertifiable[${n.projectId}] (${n.reason}) is counted all the same`);
  }
  return { problems, checked: problems.length === 0 ? [`each of ${counted.size} counted project(s) with its approved figures`] : [] };
}
