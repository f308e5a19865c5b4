// Certification (operator and bureau): start a run for a window, see its per-project table
// (certified nodes, award, flags), and download the signed JSON and the CSV (docs/certification.md).
import { download, get, post, qs } from '../api.js';
import { h, replace } from '../dom.js';
import { formatInt, formatMoney, formatTime } from '../format.js';
import { t, type MessageKey } from '../i18n.js';
import { errorBox, section, type PageContext } from '../page.js';
import { go } from '../router.js';
import type { CertificationRun, Enterprise, Page, Project, SignedReport } from '../types.js';
import { NUMERIC, deviceLink, flagLabel } from './shared.js';

export async function certificationPage(ctx: PageContext): Promise<void> {
  const runId = ctx.route.path[1];
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const from = h('input', { type: 'date', value: `${today.slice(0, 4)}-01-01`, testid: 'cert-from' });
  const to = h('input', { type: 'date', value: today, testid: 'cert-to' });
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
  const runs = await get<Page<CertificationRun>>(`/certifications${qs({ limit: 50 })}`);
  if (!ctx.alive()) return;
  const detail = h('div', { testid: 'cert-detail' });
  replace(
    ctx.root,
    h('div', { class: 'page-head' }, h('h1', null, t('cert.title'))),
    h('section', { class: 'card' }, form),
    detail,
    section(
      t('cert.runs'),
      runs.items.length === 0
        ? h('p', { class: 'hint' }, t('cert.none'))
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
  const projectName = new Map(projects.items.map((p) => [p.id, p.name]));
  const enterpriseName = new Map(enterprises.items.map((e) => [e.id, e.name]));
  const { results, window, inputs } = report.body;
  const approvals = new Map((inputs.approvals ?? []).map((a) => [a.projectId, a]));
  const left = inputs.notCertifiable ?? [];
  replace(
    el,
    section(
      `${t('cert.run', { n: run?.sequence ?? '' })} · ${window.start} – ${window.end}`,
      h(
        'div',
        { class: 'filters' },
        h(
          'strong',
          { testid: 'cert-totals' },
          t('cert.totals', { nodes: formatInt(results.totals.certifiedNodes), award: formatMoney(results.totals.awardFen) }),
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
  );
}

function approvedBy(a: NonNullable<SignedReport['body']['inputs']['approvals']>[number] | undefined): string {
  if (!a) return '—';
  const who = `${a.approvedBy ?? t(`role.${a.approvedRole as 'operator'}`)} · ${formatTime(a.approvedAt)}`;
  return a.declaredDiffers ? `${who} (${t('records.pending')})` : who;
}
