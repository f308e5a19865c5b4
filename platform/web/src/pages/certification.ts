// Certification (operator and bureau): start a run for a window (by default the projects' assessment
// window), see its per-project table (certified nodes, award, flags), the per-enterprise subtotals,
// the on-site sample and the operator's performance figures for the window (实施细则 art. 23), print
// it for filing, and download the signed JSON and the CSV (docs/certification.md).
import { download, get, post, qs } from '../api.js';
import { h, replace } from '../dom.js';
import { formatBp, formatInt, formatMoney, formatMoneyShort, formatTime } from '../format.js';
import { t, type MessageKey } from '../i18n.js';
import { errorBox, section, type PageContext } from '../page.js';
import { go } from '../router.js';
import type { CertificationRun, Enterprise, EnterpriseResult, Page, PerformanceFigures, Project, SignedReport } from '../types.js';
import { assessmentWindow } from '../assessment-window.js';
import { NUMERIC, deviceLink, flagLabel } from './shared.js';

export async function certificationPage(ctx: PageContext): Promise<void> {
  const runId = ctx.route.path[1];
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const [runs, projects] = await Promise.all([get<Page<CertificationRun>>(`/certifications${qs({ limit: 50 })}`), get<Page<Project>>('/projects?limit=1000')]);
  if (!ctx.alive()) return;
  const window = assessmentWindow(projects.items, today);
  const from = h('input', { type: 'date', value: window.start, testid: 'cert-from' });
  const to = h('input', { type: 'date', value: window.end, testid: 'cert-to' });
  const status = h('span', { class: 'muted', testid: 'cert-status' });
  const start = h('button', { type: 'submit', testid: 'cert-start' }, t('cert.start'));
  const form = h(
    'form',
    {
      class: 'filters',
      onsubmit: async (e) => {
        e.preventDefault();
        start.disabled = true;
        status.textContent = t('cert.running');
        try {
          const run = await post<CertificationRun>('/certifications', { windowStart: from.value, windowEnd: to.value });
          go(`#/certification/${run.id}`);
        } catch (err) {
          replace(status, errorBox(err));
        } finally {
          start.disabled = false;
        }
      },
    },
    h('label', null, t('cert.windowStart'), ' ', from),
    h('label', null, t('cert.windowEnd'), ' ', to),
    start,
    status,
  );
  const detail = h('div', { testid: 'cert-detail' });
  replace(
    ctx.root,
    h('div', { class: 'page-head' }, h('h1', null, t('cert.title'))),
    h('section', { class: 'card' }, form),
    detail,
    section(
      t('cert.runs'),
      runs.items.length === 0
        ? h('p', { class: 'hint empty', testid: 'cert-none' }, t('cert.none'))
        : h(
            'table',
            { class: 'table', testid: 'cert-runs' },
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                ['col.sequence', 'col.window', 'col.created', 'col.devices', 'col.certifiedNodes', 'col.award'].map((k) =>
                  h('th', { class: NUMERIC.has(k) ? 'num' : '' }, t(k as MessageKey)),
                ),
              ),
            ),
            h(
              'tbody',
              null,
              runs.items.map((r) =>
                h(
                  'tr',
                  { class: `clickable${r.id === runId ? ' selected' : ''}`, onclick: () => go(`#/certification/${r.id}`) },
                  h('td', null, `#${r.sequence}`),
                  h('td', null, `${r.windowStart} – ${r.windowEnd}`),
                  h('td', null, formatTime(r.createdAt)),
                  h('td', { class: 'num' }, formatInt(r.devices)),
                  h('td', { class: 'num' }, formatInt(r.certifiedNodes)),
                  h('td', { class: 'num' }, formatMoney(r.summary.awardFen ?? 0)),
                ),
              ),
            ),
          ),
    ),
  );
  if (runId) await showRun(ctx, detail, runs.items.find((r) => r.id === runId) ?? null, runId);
}

async function showRun(ctx: PageContext, el: HTMLElement, run: CertificationRun | null, runId: string): Promise<void> {
  const [report, projects, enterprises] = await Promise.all([
    get<SignedReport>(`/certifications/${runId}`),
    get<Page<Project>>('/projects?limit=1000'),
    get<Page<Enterprise>>('/enterprises?limit=1000'),
  ]);
  if (!ctx.alive()) return;
  const { results, window, inputs } = report.body;
  const approvals = new Map((inputs.approvals ?? []).map((a) => [a.projectId, a]));
  const left = inputs.notCertifiable ?? [];
  const performance = await get<PerformanceFigures>(`/performance${qs({ from: window.start, to: window.end })}`).catch(() => null);
  if (!ctx.alive()) return;
  const projectName = new Map(projects.items.map((p) => [p.id, p.name]));
  const enterpriseById = new Map(enterprises.items.map((e) => [e.id, e]));
  const enterpriseName = new Map(enterprises.items.map((e) => [e.id, e.name]));
  replace(
    el,
    section(
      `${t('cert.run', { n: run?.sequence ?? '' })} · ${window.start} – ${window.end}`,
      h(
        'div',
        { class: 'filters' },
        h(
          'strong',
          // The headline in 万元 as it is read aloud; the exact amount on hover and in every table below.
          { testid: 'cert-totals', title: formatMoney(results.totals.awardFen) },
          t('cert.totals', { nodes: formatInt(results.totals.certifiedNodes), award: formatMoneyShort(results.totals.awardFen) }),
        ),
        // How much of the count rests on a TPM (docs/tpm.md): reports under policy v3 on say it.
        results.totals.certifiedNodesByAttestation
          ? h(
              'span',
              { testid: 'cert-by-level' },
              t('cert.byLevel', {
                tpm: formatInt(results.totals.certifiedNodesByAttestation.tpm),
                software: formatInt(results.totals.certifiedNodesByAttestation.software),
              }),
            )
          : null,
        h(
          'button',
          { type: 'button', testid: 'cert-json', onclick: () => void download(`/certifications/${runId}`, `certification-${runId}.json`) },
          t('cert.downloadJson'),
        ),
        h(
          'button',
          { type: 'button', testid: 'cert-csv', onclick: () => void download(`/certifications/${runId}/report.csv`, `certification-${runId}.csv`) },
          t('cert.downloadCsv'),
        ),
        h('button', { type: 'button', testid: 'cert-print', onclick: () => globalThis.print() }, t('cert.print')),
      ),
      h(
        'table',
        { class: 'table', testid: 'cert-projects' },
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            [
              'col.enterprise',
              'col.project',
              'col.eligibleInvestment',
              'col.devices',
              'col.verified',
              'col.flagged',
              'col.certifiedNodes',
              'col.award',
              'col.limitedBy',
              'cert.approvedBy',
            ].map((k) => h('th', { class: NUMERIC.has(k) ? 'num' : '' }, t(k as MessageKey))),
          ),
        ),
        h(
          'tbody',
          null,
          results.projects.map((p) =>
            h(
              'tr',
              null,
              h('td', null, enterpriseName.get(p.enterpriseId) ?? p.enterpriseId.slice(0, 8)),
              h('td', null, projectName.get(p.projectId) ?? p.projectId.slice(0, 8)),
              h('td', { class: 'num' }, formatMoney(p.eligibleInvestmentFen)),
              h('td', { class: 'num' }, formatInt(p.devices)),
              h('td', { class: 'num' }, formatInt(p.verifiedDevices.length)),
              h(
                'td',
                null,
                p.flaggedDevices.length === 0
                  ? '0'
                  : p.flaggedDevices.map((f) =>
                      h(
                        'div',
                        { class: 'small' },
                        deviceLink(f.deviceId),
                        ' ',
                        f.flags.map((x) => h('span', { class: 'badge warn', title: x.reason }, flagLabel(x.kind))),
                      ),
                    ),
              ),
              h('td', { class: 'num' }, formatInt(p.certifiedNodes)),
              h('td', { class: 'num' }, formatMoney(p.awardFen)),
              h('td', null, t(`limit.${p.awardLimitedBy}` as MessageKey)),
              h('td', { class: 'small' }, approvedBy(approvals.get(p.projectId))),
            ),
          ),
        ),
      ),
      left.length === 0
        ? null
        : h(
            'div',
            { testid: 'cert-not-certifiable' },
            h('h3', null, t('cert.notCertifiable')),
            h(
              'ul',
              null,
              left.map((n) =>
                h(
                  'li',
                  null,
                  `${enterpriseName.get(n.enterpriseId) ?? n.enterpriseId.slice(0, 8)} · ${projectName.get(n.projectId) ?? n.projectId.slice(0, 8)}: `,
                  t(`cert.reason.${n.reason}` as MessageKey),
                ),
              ),
            ),
          ),
    ),
    subtotals(results.enterprises, enterpriseById),
    siteSample(report, projectName, enterpriseName),
    performance ? performanceSection(performance) : null,
  );
}

/** Per enterprise (art. 18 applicants): its projects, nodes and award summed, named as registered. */
function subtotals(rows: readonly EnterpriseResult[], byId: ReadonlyMap<string, Enterprise>): HTMLElement {
  const heads = ['col.enterprise', 'col.uscc', 'col.town', 'col.projects', 'col.certifiedNodes', 'col.award'] as const;
  return section(
    t('cert.enterprises'),
    h(
      'table',
      { class: 'table', testid: 'cert-enterprises' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          heads.map((k) => h('th', { class: NUMERIC.has(k) ? 'num' : '' }, t(k))),
        ),
      ),
      h(
        'tbody',
        null,
        rows.map((e) => {
          const known = byId.get(e.enterpriseId);
          return h(
            'tr',
            null,
            h('td', null, known?.name ?? e.enterpriseId.slice(0, 8)),
            h('td', null, known?.uscc ?? '—'),
            h('td', null, known?.town ?? '—'),
            h('td', { class: 'num' }, formatInt(e.projects)),
            h('td', { class: 'num' }, formatInt(e.certifiedNodes)),
            h('td', { class: 'num' }, formatMoney(e.awardFen)),
          );
        }),
      ),
    ),
  );
}

/** The on-site check sample (000_…txt 四(三)), drawn only after the bureau revealed its value. */
function siteSample(report: SignedReport, projectName: ReadonlyMap<string, string>, enterpriseName: ReadonlyMap<string, string>): HTMLElement {
  const sample = report.sample;
  if (!sample) return section(t('cert.sample'), h('p', { class: 'hint', testid: 'cert-sample' }, t('cert.samplePending')));
  return section(
    t('cert.sample'),
    h(
      'div',
      { testid: 'cert-sample' },
      h('p', { class: 'hint' }, t('cert.sampleSeed', { share: `${sample.share.num}/${sample.share.den}`, seed: sample.seed.slice(0, 16) })),
      sample.projects.length === 0
        ? h('p', { class: 'hint' }, t('cert.sampleEmpty'))
        : h(
            'ul',
            null,
            sample.projects.map((p) =>
              h(
                'li',
                null,
                `${enterpriseName.get(p.enterpriseId) ?? p.enterpriseId.slice(0, 8)} · ${projectName.get(p.projectId) ?? p.projectId.slice(0, 8)}: `,
                p.devices.length === 0 ? t('cert.sampleNoDevice') : p.devices.map((d) => h('span', { class: 'chip' }, deviceLink(d))),
              ),
            ),
          ),
    ),
  );
}

/** The operator's figures for the run's window (实施细则 art. 23), from GET /performance. */
function performanceSection(p: PerformanceFigures): HTMLElement {
  const facts: [MessageKey, string][] = [
    ['perf.enterprises', formatInt(p.enterprisesConnected)],
    ['perf.devices', formatInt(p.devicesOnline)],
    ['perf.nodes', formatInt(p.nodesCertified)],
    ['perf.availability', formatBp(p.availabilityBp)],
    ['perf.completeness', `${formatBp(p.completenessBp)} (${formatInt(p.heartbeatsReceived)} / ${formatInt(p.heartbeatsExpected)})`],
  ];
  return section(
    t('cert.performance'),
    h(
      'dl',
      { class: 'facts', testid: 'cert-performance' },
      facts.flatMap(([k, v]) => [h('dt', null, t(k)), h('dd', null, v)]),
    ),
  );
}

function approvedBy(a: NonNullable<SignedReport['body']['inputs']['approvals']>[number] | undefined): string {
  if (!a) return '—';
  const who = `${a.approvedBy ?? t(`role.${a.approvedRole as 'operator'}`)} · ${formatTime(a.approvedAt)}`;
  return a.declaredDiffers ? `${who} (${t('records.pending')})` : who;
}
