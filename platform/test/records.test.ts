// The life of the records an award is computed from (docs/records.md), against a real platform on a
// real database with the clock injected: a project's figures declared by the enterprise and counted
// only once the bureau or the operator approved them (the report naming who and when), each change
// kept with its old and new value, and editing and archiving enterprises, projects and workstations
// with what archiving closes: enrollment, edits, approvals, mappings after the day, new runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { edge, encodeHeartbeat, sealEnvelope } from '@edgenet/proto';
import { COUNTING_POLICY } from '../src/certification/policy.js';
import type { SignedReport } from '../src/certification/verify.js';
import { verifyReport } from '../src/certification/verify.js';
import { calendarOf } from '../src/domain/calendar.js';
import { usccCheckCharacter } from '../src/domain/uscc.js';
import { startTestPlatform, type TestPlatform } from '../../test/helpers/platform.js';
import { enrollTestDevice, type TestDevice } from '../../test/helpers/device.js';
import { USCC } from '../../test/helpers/fixtures.js';

const { dayStartUtc } = calendarOf(COUNTING_POLICY);
const WINDOW = { windowStart: '2025-07-01', windowEnd: '2025-07-10' }; // 10 days
const DAYS = Array.from({ length: 10 }, (_, i) => `2025-07-${String(i + 1).padStart(2, '0')}`);
const YUAN = 100; // fen
const DECLARED = { totalInvestmentFen: 150_000 * YUAN, eligibleInvestmentFen: 100_000 * YUAN, windowStart: '2025-07-01', windowEnd: '2026-06-30' };

/** The platform's clock: real time unless a step pins it. */
let pinned: number | null = null;
let tp: TestPlatform;
let enterpriseId: string;
let otherEnterpriseId: string;
let projectId: string;
let device: TestDevice;
const token: Record<'operator' | 'bureau' | 'enterprise' | 'other', string> = { operator: '', bureau: '', enterprise: '', other: '' };
const ws: Record<string, string> = {};

const as = (who: keyof typeof token) => token[who];
async function person(username: string, scope: Record<string, string>): Promise<string> {
  const account = await tp.api('POST', '/api/v1/accounts', { username, ...scope });
  expect(account.status, JSON.stringify(account.body)).toBe(201);
  const made = await tp.api('POST', '/api/v1/api-tokens', { name: username, ...scope, accountId: account.body.id });
  expect(made.status).toBe(201);
  return made.body.token;
}

/** Twelve 5-minute buckets a day with inferences: every window day is active. */
async function feed(dev: TestDevice): Promise<void> {
  let seq = 1;
  for (const day of DAYS) {
    for (let k = 0; k < 12; k++) {
      const at = dayStartUtc(day) + 9 * 3_600_000 + k * 300_000;
      const body = encodeHeartbeat({ seq, deviceTimeMs: at, uptimeS: 100, cpuPercent: 10, inference: { total: seq * 5, errors: 0 } });
      expect((await tp.platform.context.ingest.handle(dev.deviceId, 'heartbeat', sealEnvelope(body, dev.privateKey), new Date(at))).outcome).toBe('accepted');
      seq += 1;
    }
  }
  const mapping = edge.v1.WorkstationMapping.encode({ workstationCodes: ['W01', 'W02'], revision: 1 }).finish();
  const at = new Date(dayStartUtc('2025-06-30') + 12 * 3_600_000);
  expect((await tp.platform.context.ingest.handle(dev.deviceId, 'workstations', sealEnvelope(mapping, dev.privateKey), at)).outcome).toBe('accepted');
  await tp.platform.context.writer.flush();
}

async function certify(): Promise<SignedReport> {
  const run = await tp.api('POST', '/api/v1/certifications', WINDOW, as('operator'));
  expect(run.status, JSON.stringify(run.body)).toBe(201);
  return (await tp.api('GET', `/api/v1/certifications/${run.body.id}`)).body as SignedReport;
}
const counted = (r: SignedReport) => r.body.results.projects.find((p) => p.projectId === projectId);

beforeAll(async () => {
  tp = await startTestPlatform({}, undefined, { clock: () => new Date(pinned ?? Date.now()) });
  enterpriseId = (await tp.api('POST', '/api/v1/enterprises', { name: '东莞五号精密', uscc: USCC[0], town: '松山湖' })).body.id;
  otherEnterpriseId = (await tp.api('POST', '/api/v1/enterprises', { name: '东莞六号电子', uscc: USCC[1], town: '长安' })).body.id;
  token.operator = await person('ops.wang', { role: 'operator' });
  token.bureau = await person('kjj.li', { role: 'bureau' });
  token.enterprise = await person('ent.zhang', { role: 'enterprise', enterpriseId });
  token.other = await person('ent.zhao', { role: 'enterprise', enterpriseId: otherEnterpriseId });
  for (const code of ['W01', 'W02']) ws[code] = (await tp.api('POST', '/api/v1/workstations', { enterpriseId, code }, as('enterprise'))).body.id;
}, 120_000);
afterAll(() => tp?.close());

describe('award figures: declared by the enterprise, counted once approved', () => {
  it('an enterprise’s new project waits for approval, its first figures kept as its first declaration', async () => {
    pinned = Date.parse('2026-03-02T01:00:00Z');
    const created = await tp.api('POST', '/api/v1/projects', { enterpriseId, name: '视觉质检', ...DECLARED }, as('enterprise'));
    pinned = null;
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ ...DECLARED, approval: null, pendingApproval: true, archivedAt: null });
    projectId = created.body.id;
    const history = (await tp.api('GET', `/api/v1/projects/${projectId}/history`, undefined, as('enterprise'))).body;
    expect(history.approvals).toEqual([]);
    expect(history.changes.map((c: any) => [c.field, c.oldValue, c.newValue, c.actorName, c.at])).toEqual([
      ['name', null, '视觉质检', 'ent.zhang', '2026-03-02T01:00:00.000Z'],
      ['totalInvestmentFen', null, '15000000', 'ent.zhang', '2026-03-02T01:00:00.000Z'],
      ['eligibleInvestmentFen', null, '10000000', 'ent.zhang', '2026-03-02T01:00:00.000Z'],
      ['windowStart', null, '2025-07-01', 'ent.zhang', '2026-03-02T01:00:00.000Z'],
      ['windowEnd', null, '2026-06-30', 'ent.zhang', '2026-03-02T01:00:00.000Z'],
    ]);
    const enrollment = await tp.api('POST', `/api/v1/projects/${projectId}/enrollment-tokens`, { maxUses: 5 }, as('enterprise'));
    device = await enrollTestDevice(tp, enrollment.body.token);
    await feed(device);
  }, 120_000);

  it('a run before approval lists the project as not certifiable and counts none of its figures or devices', async () => {
    const r = await certify();
    expect(r.body.format).toBe('edgenet-certification-v3');
    expect(r.body.inputs.notCertifiable).toEqual([{ projectId, enterpriseId, reason: 'no_approved_figures' }]);
    expect(r.body.inputs.projects).toEqual([]);
    expect(r.body.inputs.approvals).toEqual([]);
    expect(r.body.results.totals).toMatchObject({ projects: 0, devices: 0, certifiedNodes: 0, awardFen: 0 });
    expect(r.body.inputs.names?.projects).toEqual([{ projectId, name: '视觉质检' }]);
  });

  it('the enterprise cannot approve its own figures, and an approval of figures other than those declared is refused', async () => {
    const self = await tp.api('POST', `/api/v1/projects/${projectId}/approval`, DECLARED, as('enterprise'));
    expect(self.status).toBe(403);
    const stale = await tp.api('POST', `/api/v1/projects/${projectId}/approval`, { ...DECLARED, eligibleInvestmentFen: 1 }, as('bureau'));
    expect(stale).toMatchObject({ status: 409, body: { code: 'EDGENET_ERR_APPROVAL_STALE' } });
    expect((await tp.api('GET', `/api/v1/projects/${projectId}/history`)).body.approvals).toEqual([]);
  });

  it('once the bureau approves, a run counts the approved figures and the report names the approver and the time', async () => {
    pinned = Date.parse('2026-03-03T02:00:00Z');
    const approved = await tp.api('POST', `/api/v1/projects/${projectId}/approval`, DECLARED, as('bureau'));
    pinned = null;
    expect(approved.status, JSON.stringify(approved.body)).toBe(201);
    expect(approved.body).toMatchObject({ ...DECLARED, approvedRole: 'bureau', approvedByName: 'kjj.li', approvedAt: '2026-03-03T02:00:00.000Z' });
    const r = await certify();
    expect(r.body.inputs.notCertifiable).toEqual([]);
    expect(r.body.inputs.projects).toEqual([{ projectId, enterpriseId, totalInvestmentFen: 15_000_000, eligibleInvestmentFen: 10_000_000 }]);
    expect(r.body.inputs.approvals).toEqual([
      {
        projectId,
        approvalId: approved.body.id,
        ...DECLARED,
        approvedRole: 'bureau',
        approvedBy: 'kjj.li',
        approvedAt: '2026-03-03T02:00:00.000Z',
        declaredDiffers: false,
      },
    ]);
    const csv = await (
      await fetch(`${tp.baseUrl}/api/v1/certifications/${r.attestation.runId}/report.csv`, { headers: { authorization: `Bearer ${as('bureau')}` } })
    ).text();
    expect(csv.split('\r\n')[1]!.split(',').slice(-2)).toEqual(['kjj.li', '2026-03-03T02:00:00.000Z']);
    // 150,000 yuan is below the 200,000 floor (art. 18): two nodes, no award.
    expect(counted(r)).toMatchObject({ certifiedNodes: 2, certifiedWorkstations: ['W01', 'W02'], awardFen: 0, awardLimitedBy: 'minimum_investment' });
  });

  it('a change by the enterprise is kept (old, new, who, when) and waits: the run still counts the approved figures', async () => {
    pinned = Date.parse('2026-03-04T03:00:00Z');
    const patched = await tp.api(
      'PATCH',
      `/api/v1/projects/${projectId}`,
      { totalInvestmentFen: 500_000 * YUAN, eligibleInvestmentFen: 400_000 * YUAN },
      as('enterprise'),
    );
    pinned = null;
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body).toMatchObject({ totalInvestmentFen: 50_000_000, pendingApproval: true, approval: { totalInvestmentFen: 15_000_000 } });
    const history = (await tp.api('GET', `/api/v1/projects/${projectId}/history`, undefined, as('bureau'))).body;
    expect(history.changes.slice(5).map((c: any) => [c.field, c.oldValue, c.newValue, c.actorRole, c.actorName, c.at])).toEqual([
      ['totalInvestmentFen', '15000000', '50000000', 'enterprise', 'ent.zhang', '2026-03-04T03:00:00.000Z'],
      ['eligibleInvestmentFen', '10000000', '40000000', 'enterprise', 'ent.zhang', '2026-03-04T03:00:00.000Z'],
    ]);
    const r = await certify();
    expect(r.body.inputs.projects[0]).toMatchObject({ totalInvestmentFen: 15_000_000, eligibleInvestmentFen: 10_000_000 });
    expect(r.body.inputs.approvals?.[0]).toMatchObject({ approvedBy: 'kjj.li', declaredDiffers: true });
    expect(counted(r)).toMatchObject({ awardFen: 0, awardLimitedBy: 'minimum_investment' });

    // Approved by the operator: counted from the next run on, 5,000 yuan per node (art. 18).
    const figures = { ...DECLARED, totalInvestmentFen: 50_000_000, eligibleInvestmentFen: 40_000_000 };
    expect((await tp.api('POST', `/api/v1/projects/${projectId}/approval`, figures, as('operator'))).status).toBe(201);
    const after = await certify();
    expect(after.body.inputs.approvals?.[0]).toMatchObject({ approvedRole: 'operator', approvedBy: 'ops.wang', declaredDiffers: false });
    expect(counted(after)).toMatchObject({ certifiedNodes: 2, awardFen: 10_000 * YUAN, awardLimitedBy: 'per_node_cap' });
    expect(verifyReport(after, (await tp.api('GET', '/api/v1/signing-keys', undefined, null)).body.keys).problems).toEqual([]);
  });

  it('refuses figures that contradict each other, and another enterprise’s project is not found', async () => {
    const over = await tp.api('PATCH', `/api/v1/projects/${projectId}`, { eligibleInvestmentFen: 60_000_000 }, as('enterprise'));
    expect(over).toMatchObject({ status: 400, body: { code: 'EDGENET_ERR_INVESTMENT_INVALID' } });
    const backwards = await tp.api('PATCH', `/api/v1/projects/${projectId}`, { windowEnd: '2025-06-01' }, as('operator'));
    expect(backwards).toMatchObject({ status: 400, body: { code: 'EDGENET_ERR_WINDOW_INVALID' } });
    expect((await tp.api('PATCH', `/api/v1/projects/${projectId}`, { name: 'x' }, as('other'))).status).toBe(404);
    expect((await tp.api('PATCH', `/api/v1/projects/${projectId}`, { enterpriseId: otherEnterpriseId }, as('enterprise'))).status).toBe(400);
    expect((await tp.api('GET', `/api/v1/projects/${projectId}/history`, undefined, as('other'))).status).toBe(404);
    // Nothing refused was kept as a change.
    expect((await tp.api('GET', `/api/v1/projects/${projectId}/history`)).body.changes).toHaveLength(7);
  });

  it('the change history and the approvals are append-only in the database itself', async () => {
    const refused = async (q: ReturnType<typeof sql>) => {
      try {
        await tp.platform.context.db.execute(q);
        return null;
      } catch (err) {
        const e = err as { cause?: { message?: string }; message: string };
        return e.cause?.message ?? e.message;
      }
    };
    expect(await refused(sql`update project_changes set new_value = '99999999999'`)).toBe('project_changes is immutable: UPDATE refused');
    expect(await refused(sql`delete from project_approvals`)).toBe('project_approvals is immutable: DELETE refused');
    expect(await refused(sql`truncate project_approvals`)).toBe('project_approvals is immutable: TRUNCATE refused');
  });

  it('the audit log names the person who changed the figures', async () => {
    const audit = (await tp.api('GET', '/api/v1/audit?limit=100')).body.items;
    const patch = audit.find((e: any) => e.method === 'PATCH' && e.route === '/api/v1/projects/:id' && e.status === 200);
    expect(patch).toMatchObject({ actorName: 'ent.zhang', actorRole: 'enterprise', target: { 'param.id': projectId } });
    const approval = audit.find((e: any) => e.route === '/api/v1/projects/:id/approval' && e.status === 201 && e.actorRole === 'bureau');
    expect(approval).toMatchObject({ actorName: 'kjj.li' });
  });
});

describe('the OpenAPI document', () => {
  it('describes every new route with its body and answers', async () => {
    const doc = (await tp.api('GET', '/docs/json', undefined, null)).body;
    for (const [path, method] of [
      ['/api/v1/enterprises/{id}', 'patch'],
      ['/api/v1/enterprises/{id}/archive', 'post'],
      ['/api/v1/projects/{id}', 'patch'],
      ['/api/v1/projects/{id}/archive', 'post'],
      ['/api/v1/projects/{id}/approval', 'post'],
      ['/api/v1/projects/{id}/history', 'get'],
      ['/api/v1/workstations/{id}', 'patch'],
      ['/api/v1/workstations/{id}/archive', 'post'],
    ] as const) {
      const op = doc.paths[path]?.[method];
      expect(op, `${method} ${path}`).toBeDefined();
      expect(Object.keys(op.responses), `${method} ${path}`).toContain('404');
    }
    const approval = doc.paths['/api/v1/projects/{id}/approval'].post;
    expect(approval.requestBody.content['application/json'].schema.required).toEqual([
      'totalInvestmentFen',
      'eligibleInvestmentFen',
      'windowStart',
      'windowEnd',
    ]);
  });
});

describe('archiving: kept for history, closed to new work', () => {
  it('a workstation: renamed by its enterprise; once archived, a mapping to it counts only up to that day', async () => {
    const renamed = await tp.api('PATCH', `/api/v1/workstations/${ws.W02}`, { name: '二号线' }, as('enterprise'));
    expect(renamed).toMatchObject({ status: 200, body: { code: 'W02', name: '二号线', archivedAt: null } });
    expect((await tp.api('PATCH', `/api/v1/workstations/${ws.W02}`, { name: 'x' }, as('other'))).status).toBe(404);
    expect((await tp.api('PATCH', `/api/v1/workstations/${ws.W02}`, { code: 'W09' }, as('enterprise'))).status).toBe(400);
    // Archived at noon on 3 July (Shanghai): three of ten active days, below half (policy).
    pinned = Date.parse('2025-07-03T04:00:00Z');
    const archived = await tp.api('POST', `/api/v1/workstations/${ws.W02}/archive`, undefined, as('enterprise'));
    pinned = Date.parse('2025-07-08T04:00:00Z');
    const again = await tp.api('POST', `/api/v1/workstations/${ws.W02}/archive`, undefined, as('operator'));
    pinned = null;
    expect(archived).toMatchObject({ status: 200, body: { archivedAt: '2025-07-03T04:00:00.000Z' } });
    expect(again.body.archivedAt).toBe('2025-07-03T04:00:00.000Z'); // the first time stands
    expect((await tp.api('PATCH', `/api/v1/workstations/${ws.W02}`, { name: 'y' }, as('enterprise'))).body.code).toBe('EDGENET_ERR_ARCHIVED');
    const r = await certify();
    const evidence = await (
      await fetch(`${tp.baseUrl}/api/v1/certifications/${r.attestation.runId}/evidence`, { headers: { authorization: `Bearer ${as('operator')}` } })
    ).text();
    expect(JSON.parse(evidence.trim()).mappings).toEqual([
      { code: 'W01', fromDay: '2025-07-01', toDay: '2025-07-10' },
      { code: 'W02', fromDay: '2025-07-01', toDay: '2025-07-03' },
    ]);
    expect(counted(r)).toMatchObject({ certifiedNodes: 1, certifiedWorkstations: ['W01'], awardFen: 5_000 * YUAN });
  });

  it('a project: no new enrollments, tokens, edits or approvals, and listed as not certifiable', async () => {
    const enrollment = await tp.api('POST', `/api/v1/projects/${projectId}/enrollment-tokens`, { maxUses: 5 }, as('enterprise'));
    expect((await tp.api('POST', `/api/v1/projects/${projectId}/archive`, undefined, as('other'))).status).toBe(404);
    const archived = await tp.api('POST', `/api/v1/projects/${projectId}/archive`, undefined, as('enterprise'));
    expect(archived.status).toBe(200);
    expect(archived.body.archivedAt).not.toBeNull();
    await expect(enrollTestDevice(tp, enrollment.body.token)).rejects.toThrow(/403.*its project is archived/);
    expect((await tp.api('POST', `/api/v1/projects/${projectId}/enrollment-tokens`, { maxUses: 1 }, as('enterprise'))).status).toBe(409);
    expect((await tp.api('PATCH', `/api/v1/projects/${projectId}`, { name: 'x' }, as('enterprise'))).body.code).toBe('EDGENET_ERR_ARCHIVED');
    const figures = (await tp.api('GET', `/api/v1/projects/${projectId}`)).body;
    const approve = await tp.api('POST', `/api/v1/projects/${projectId}/approval`, figures && pick(figures), as('bureau'));
    expect(approve.body.code).toBe('EDGENET_ERR_ARCHIVED');
    const r = await certify();
    expect(r.body.inputs.notCertifiable).toEqual([{ projectId, enterpriseId, reason: 'project_archived' }]);
    expect(r.body.results.totals).toMatchObject({ projects: 0, certifiedNodes: 0 });
  });

  it('an enterprise: its staff edit its name and town, only the operator its USCC; archived, it takes nothing new', async () => {
    const own = await tp.api('PATCH', `/api/v1/enterprises/${enterpriseId}`, { town: '大朗' }, as('enterprise'));
    expect(own).toMatchObject({ status: 200, body: { town: '大朗', uscc: USCC[0] } });
    const uscc = `91441900MA4UX0Q30${usccCheckCharacter('91441900MA4UX0Q30')}`;
    expect((await tp.api('PATCH', `/api/v1/enterprises/${enterpriseId}`, { uscc }, as('enterprise'))).status).toBe(403);
    expect((await tp.api('PATCH', `/api/v1/enterprises/${enterpriseId}`, { town: 'x' }, as('other'))).status).toBe(404);
    const wrong = await tp.api('PATCH', `/api/v1/enterprises/${enterpriseId}`, { uscc: '91441900MA4UX0Q300' }, as('operator'));
    expect(wrong.body.code).toBe('EDGENET_ERR_USCC_INVALID');
    expect((await tp.api('PATCH', `/api/v1/enterprises/${enterpriseId}`, { uscc: USCC[1] }, as('operator'))).status).toBe(409);
    expect((await tp.api('PATCH', `/api/v1/enterprises/${enterpriseId}`, { uscc }, as('operator'))).body.uscc).toBe(uscc);

    // A second project, entered by the operator: approved by that act, and named so.
    const second = await tp.api('POST', '/api/v1/projects', { enterpriseId, name: '二期', ...DECLARED }, as('operator'));
    expect(second.body).toMatchObject({ pendingApproval: false, approval: { approvedRole: 'operator', approvedByName: 'ops.wang' } });
    const enrollment = await tp.api('POST', `/api/v1/projects/${second.body.id}/enrollment-tokens`, { maxUses: 5 }, as('enterprise'));

    expect((await tp.api('POST', `/api/v1/enterprises/${enterpriseId}/archive`, undefined, as('enterprise'))).status).toBe(403);
    expect((await tp.api('POST', `/api/v1/enterprises/${enterpriseId}/archive`, undefined, as('operator'))).body.archivedAt).not.toBeNull();
    await expect(enrollTestDevice(tp, enrollment.body.token)).rejects.toThrow(/403.*its enterprise is archived/);
    expect((await tp.api('POST', '/api/v1/workstations', { enterpriseId, code: 'W03' }, as('enterprise'))).body.code).toBe('EDGENET_ERR_ARCHIVED');
    expect((await tp.api('POST', '/api/v1/projects', { enterpriseId, name: '三期', ...DECLARED }, as('operator'))).body.code).toBe('EDGENET_ERR_ARCHIVED');
    expect((await tp.api('PATCH', `/api/v1/enterprises/${enterpriseId}`, { town: 'x' }, as('operator'))).body.code).toBe('EDGENET_ERR_ARCHIVED');
    const r = await certify();
    expect(r.body.inputs.notCertifiable).toEqual(
      [
        { projectId, enterpriseId, reason: 'enterprise_archived' },
        { projectId: second.body.id, enterpriseId, reason: 'enterprise_archived' },
      ].sort((a, b) => (a.projectId < b.projectId ? -1 : 1)),
    );
    // Still there for history: listed, readable, named in the report.
    expect((await tp.api('GET', `/api/v1/enterprises/${enterpriseId}`, undefined, as('enterprise'))).body.archivedAt).not.toBeNull();
    expect(r.body.inputs.names?.enterprises.map((e) => e.enterpriseId)).toEqual([enterpriseId]);
  });
});

describe('a window changed but not approved', () => {
  it('leaves the project out with that reason: the approved window decides, the declared one only waits', async () => {
    const figures = { totalInvestmentFen: 30_000_000, eligibleInvestmentFen: 20_000_000, windowStart: '2024-01-01', windowEnd: '2024-12-31' };
    const p = await tp.api('POST', '/api/v1/projects', { enterpriseId: otherEnterpriseId, name: '旧考核期', ...figures }, as('other'));
    expect((await tp.api('POST', `/api/v1/projects/${p.body.id}/approval`, figures, as('bureau'))).status).toBe(201);
    const moved = await tp.api('PATCH', `/api/v1/projects/${p.body.id}`, { windowStart: '2025-01-01', windowEnd: '2025-12-31' }, as('other'));
    expect(moved.body).toMatchObject({ pendingApproval: true, approval: { windowStart: '2024-01-01' } });
    const r = await certify();
    expect(r.body.inputs.notCertifiable).toContainEqual({ projectId: p.body.id, enterpriseId: otherEnterpriseId, reason: 'declared_window_not_approved' });
    expect(r.body.inputs.projects.map((x) => x.projectId)).not.toContain(p.body.id);
  });
});

function pick(p: Record<string, unknown>) {
  return { totalInvestmentFen: p.totalInvestmentFen, eligibleInvestmentFen: p.eligibleInvestmentFen, windowStart: p.windowStart, windowEnd: p.windowEnd };
}
