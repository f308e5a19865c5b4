// Issue #3, roles: walks EVERY route the app registers (collected by routes/inventory.ts as fastify
// registers them) with each caller — operator, bureau, an enterprise on its own records, the same
// enterprise on another's, and no token — and checks who gets through. A route missing from the
// table below fails the first test, so a new route cannot ship without a decision on its roles.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import type { RouteRole } from '../src/auth/principal.js';
import { OPERATOR_TOKEN, startTestPlatform, type TestPlatform } from '../../test/helpers/platform.js';
import { USCC, seedEnterprise, type Seeded } from '../../test/helpers/fixtures.js';
import { enrollTestDevice } from '../../test/helpers/device.js';
import { base32Decode, totp } from '../src/auth/totp.js';
import { raiseAlarms } from '../src/services/alarms.js';
import { usccCheckCharacter } from '../src/domain/uscc.js';
import { flagReason } from '../src/ingest/flag-reasons.js';

type Target = Seeded & { deviceId: string };
/** How an enterprise token acting on another enterprise's record must be answered. */
type Foreign =
  | 'not-found' // a read by id: 404, the record's existence is not disclosed
  | 'forbidden' // a write naming the other enterprise: 403
  | 'filtered' // a listing: 200 without the other enterprise's records
  | 'global'; // no enterprise in the request; nothing foreign to ask for
/** Who calls: the three roles, and admin (the first operator token), which may do all an operator may. */
type Caller = 'admin' | 'operator' | 'bureau' | 'enterprise';
interface Case {
  roles: readonly RouteRole[];
  foreign: Foreign;
  request(t: Target, n: number, caller: Caller): { url: string; body?: unknown };
  /** A person's own setting: a caller without an account (the first operator token) gets 400. */
  accountOnly?: true;
  /** Sees each allowed caller's answer (a secret a later route needs). */
  after?(caller: Caller, body: any, sent: any): void;
}

const ALL: readonly RouteRole[] = ['operator', 'bureau', 'enterprise'];
const WRITERS: readonly RouteRole[] = ['operator', 'enterprise'];
const READERS_NOT_ENTERPRISE: readonly RouteRole[] = ['operator', 'bureau'];
const CERTIFIERS: readonly RouteRole[] = ['operator', 'bureau']; // the bureau runs certifications itself: it pays on them
const ADMIN: readonly RouteRole[] = ['admin'];
const CALLERS: readonly Caller[] = ['admin', 'operator', 'bureau', 'enterprise'];
const allows = (roles: readonly RouteRole[], caller: Caller) => roles.includes(caller) || (caller === 'admin' && roles.includes('operator'));
/** Records created in beforeAll that some routes act on. */
const shared = {
  passwords: {} as Record<string, string>,
  totpSecrets: {} as Record<string, string>,
  flagId: '',
  secondFlagId: '',
  /** Per operator caller: a duplicate_hardware flag on a newcomer, and the earlier twin it moves to. */
  duplicates: {} as Record<string, { flagId: string; to: string }>,
  runId: '',
  evidenceDeviceId: '',
  accountId: '',
  spareTokens: {} as Record<Caller, string[]>,
  /** Per enterprise: an alarm to read and assign, and fresh ones to acknowledge (once each). */
  alarmId: {} as Record<string, string>,
  alarmsToAcknowledge: {} as Record<string, string[]>,
  operatorAccountId: '',
  channelId: '',
  /** A command each caller that may send one sent (to a device never connected: it stays queued). */
  commands: {} as Partial<Record<Caller, string>>,
  /** Per caller allowed a device action: devices of its own to act on (each action once). */
  lifecycle: {} as Record<Caller, Record<'disable' | 'enable' | 'decommission' | 'replaceOld' | 'replaceNew' | 'move', string>>,
  secondProjectId: '',
  /** Per enterprise: an enrollment token's id, and spare ones each writer may revoke. */
  enrollmentTokenId: {} as Record<string, string>,
  spareEnrollmentTokens: {} as Record<string, Record<Caller, string>>,
  /** Records only archived here (archiving own.* would close the routes walked after it), by enterprise. */
  spareEnterpriseId: '',
  spareProject: {} as Record<string, string>,
  spareWorkstation: {} as Record<string, string>,
  workstation: {} as Record<string, string>,
};
/** The figures seedEnterprise declares (and, as the operator, approves): what an approver sends back. */
const SEEDED_FIGURES = { totalInvestmentFen: 50_000_000, eligibleInvestmentFen: 40_000_000, windowStart: '2025-07-01', windowEnd: '2026-06-30' };

const CASES: Record<string, Case> = {
  'POST /api/v1/enterprises': {
    roles: ['operator'],
    foreign: 'global',
    // One new enterprise per caller that may create one (USCC valid under GB 32100-2015).
    request: (_t, _n, caller) => ({
      url: '/api/v1/enterprises',
      body: { name: '东莞第三工厂', uscc: caller === 'admin' ? USCC[2] : '91441900MA4UX0Q105', town: '虎门' },
    }),
  },
  'GET /api/v1/enterprises': { roles: ALL, foreign: 'filtered', request: () => ({ url: '/api/v1/enterprises?limit=1000' }) },
  'GET /api/v1/enterprises/:id': { roles: ALL, foreign: 'not-found', request: (t) => ({ url: `/api/v1/enterprises/${t.enterpriseId}` }) },
  'PATCH /api/v1/enterprises/:id': {
    roles: WRITERS,
    foreign: 'not-found',
    request: (t) => ({ url: `/api/v1/enterprises/${t.enterpriseId}`, body: { town: '松山湖' } }),
  },
  'POST /api/v1/enterprises/:id/archive': {
    roles: ['operator'],
    foreign: 'global',
    request: () => ({ url: `/api/v1/enterprises/${shared.spareEnterpriseId}/archive` }),
  },
  'POST /api/v1/projects': {
    roles: WRITERS,
    foreign: 'forbidden',
    request: (t) => ({
      url: '/api/v1/projects',
      body: {
        enterpriseId: t.enterpriseId,
        name: 'p',
        totalInvestmentFen: 30_000_000,
        eligibleInvestmentFen: 20_000_000,
        windowStart: '2025-07-01',
        windowEnd: '2026-06-30',
      },
    }),
  },
  'GET /api/v1/projects': { roles: ALL, foreign: 'filtered', request: () => ({ url: '/api/v1/projects?limit=1000' }) },
  'GET /api/v1/projects/:id': { roles: ALL, foreign: 'not-found', request: (t) => ({ url: `/api/v1/projects/${t.projectId}` }) },
  'PATCH /api/v1/projects/:id': {
    roles: WRITERS,
    foreign: 'not-found',
    request: (t, n) => ({ url: `/api/v1/projects/${t.projectId}`, body: { name: `视觉质检 ${n}` } }),
  },
  'POST /api/v1/projects/:id/archive': {
    roles: WRITERS,
    foreign: 'not-found',
    request: (t) => ({ url: `/api/v1/projects/${shared.spareProject[t.enterpriseId]}/archive` }),
  },
  'POST /api/v1/projects/:id/approval': {
    roles: CERTIFIERS,
    foreign: 'global',
    request: (t) => ({ url: `/api/v1/projects/${t.projectId}/approval`, body: SEEDED_FIGURES }),
  },
  'GET /api/v1/projects/:id/history': { roles: ALL, foreign: 'not-found', request: (t) => ({ url: `/api/v1/projects/${t.projectId}/history` }) },
  'POST /api/v1/workstations': {
    roles: WRITERS,
    foreign: 'forbidden',
    request: (t, n) => ({ url: '/api/v1/workstations', body: { enterpriseId: t.enterpriseId, code: `M-${n}` } }),
  },
  'GET /api/v1/workstations': { roles: ALL, foreign: 'filtered', request: () => ({ url: '/api/v1/workstations?limit=1000' }) },
  'PATCH /api/v1/workstations/:id': {
    roles: WRITERS,
    foreign: 'not-found',
    request: (t, n) => ({ url: `/api/v1/workstations/${shared.workstation[t.enterpriseId]}`, body: { name: `工位 ${n}` } }),
  },
  'POST /api/v1/workstations/:id/archive': {
    roles: WRITERS,
    foreign: 'not-found',
    request: (t) => ({ url: `/api/v1/workstations/${shared.spareWorkstation[t.enterpriseId]}/archive` }),
  },
  'POST /api/v1/projects/:id/enrollment-tokens': {
    roles: WRITERS,
    foreign: 'forbidden',
    request: (t) => ({ url: `/api/v1/projects/${t.projectId}/enrollment-tokens`, body: { maxUses: 1 } }),
  },
  'POST /api/v1/api-tokens': {
    roles: ['operator'],
    foreign: 'global',
    request: (_t, n) => ({ url: '/api/v1/api-tokens', body: { name: `b${n}`, role: 'bureau' } }),
  },
  'GET /api/v1/devices': { roles: ALL, foreign: 'filtered', request: () => ({ url: '/api/v1/devices?limit=1000' }) },
  'GET /api/v1/devices/:id': { roles: ALL, foreign: 'not-found', request: (t) => ({ url: `/api/v1/devices/${t.deviceId}` }) },
  'GET /api/v1/devices/:id/heartbeats': { roles: ALL, foreign: 'not-found', request: (t) => ({ url: `/api/v1/devices/${t.deviceId}/heartbeats` }) },
  'GET /api/v1/devices/:id/chain/:day': {
    roles: ALL,
    foreign: 'not-found',
    request: (t) => ({ url: `/api/v1/devices/${t.deviceId}/chain/${new Date().toISOString().slice(0, 10)}` }),
  },
  'GET /api/v1/fleet/summary': { roles: ALL, foreign: 'global', request: () => ({ url: '/api/v1/fleet/summary' }) },
  'GET /api/v1/ingest/stats': { roles: READERS_NOT_ENTERPRISE, foreign: 'global', request: () => ({ url: '/api/v1/ingest/stats' }) },
  'GET /api/v1/audit': { roles: READERS_NOT_ENTERPRISE, foreign: 'global', request: () => ({ url: '/api/v1/audit' }) },
  'GET /api/v1/witness/logs/:log/leaves': {
    roles: READERS_NOT_ENTERPRISE,
    foreign: 'global',
    request: () => ({ url: '/api/v1/witness/logs/devices/leaves' }),
  },
  'POST /api/v1/flags/:id/resolve': {
    roles: ['operator'],
    foreign: 'global',
    request: (_t, _n, caller) => ({
      url: `/api/v1/flags/${caller === 'admin' ? shared.flagId : shared.secondFlagId}/resolve`,
      body: { resolution: 'checked on site; a burst after a firmware update' },
    }),
  },
  'POST /api/v1/flags/:id/move': {
    roles: ['operator'],
    foreign: 'global',
    request: (_t, _n, caller) => {
      const d = shared.duplicates[caller === 'admin' ? 'admin' : 'operator']!;
      return { url: `/api/v1/flags/${d.flagId}/move`, body: { toDeviceId: d.to, reason: 'on-site check: the newcomer is the real box' } };
    },
  },
  'GET /api/v1/flags': { roles: ALL, foreign: 'filtered', request: () => ({ url: '/api/v1/flags?limit=1000' }) },
  'POST /api/v1/certifications': {
    roles: CERTIFIERS,
    foreign: 'global',
    request: () => ({ url: '/api/v1/certifications', body: { windowStart: '2025-07-01', windowEnd: '2025-07-31' } }),
  },
  'GET /api/v1/certifications': { roles: CERTIFIERS, foreign: 'global', request: () => ({ url: '/api/v1/certifications' }) },
  'POST /api/v1/certifications/:id/sample-value': {
    roles: ['bureau'],
    foreign: 'global',
    request: () => ({ url: `/api/v1/certifications/${shared.runId}/sample-value`, body: { value: randomBytes(32).toString('hex') } }),
  },
  'GET /api/v1/certifications/chain': { roles: CERTIFIERS, foreign: 'global', request: () => ({ url: '/api/v1/certifications/chain' }) },
  'GET /api/v1/certifications/:id': { roles: CERTIFIERS, foreign: 'global', request: () => ({ url: `/api/v1/certifications/${shared.runId}` }) },
  'GET /api/v1/certifications/:id/report.csv': {
    roles: CERTIFIERS,
    foreign: 'global',
    request: () => ({ url: `/api/v1/certifications/${shared.runId}/report.csv` }),
  },
  'GET /api/v1/certifications/:id/evidence': {
    roles: CERTIFIERS,
    foreign: 'global',
    request: () => ({ url: `/api/v1/certifications/${shared.runId}/evidence` }),
  },
  'GET /api/v1/certifications/:id/evidence/:deviceId': {
    roles: CERTIFIERS,
    foreign: 'global',
    request: () => ({ url: `/api/v1/certifications/${shared.runId}/evidence/${shared.evidenceDeviceId}` }),
  },
  'GET /api/v1/performance': { roles: CERTIFIERS, foreign: 'global', request: () => ({ url: '/api/v1/performance?from=2025-07-01&to=2025-07-10' }) },
  'POST /api/v1/signing-keys/rotate': { roles: ['operator'], foreign: 'global', request: () => ({ url: '/api/v1/signing-keys/rotate' }) },
  'GET /api/v1/audit/verify': { roles: READERS_NOT_ENTERPRISE, foreign: 'global', request: () => ({ url: '/api/v1/audit/verify' }) },
  // Issue 6, the dashboard: every read is scoped to the caller's enterprise.
  'GET /api/v1/whoami': { roles: ALL, foreign: 'global', request: () => ({ url: '/api/v1/whoami' }) },
  'GET /api/v1/fleet/history': { roles: ALL, foreign: 'global', request: () => ({ url: '/api/v1/fleet/history?range=30d' }) },
  'GET /api/v1/fleet/breakdown': { roles: ALL, foreign: 'filtered', request: () => ({ url: '/api/v1/fleet/breakdown?by=enterprise' }) },
  'GET /api/v1/fleet/stream': { roles: ALL, foreign: 'global', request: () => ({ url: '/api/v1/fleet/stream?events=1' }) },
  'GET /api/v1/alerts': { roles: ALL, foreign: 'global', request: () => ({ url: '/api/v1/alerts' }) },
  // Commands to devices: operator and enterprise send (an enterprise to its own devices), everyone reads.
  'POST /api/v1/devices/:id/commands': {
    roles: WRITERS,
    foreign: 'not-found',
    request: (t) => ({ url: `/api/v1/devices/${t.deviceId}/commands`, body: { kind: 'ping' } }),
    after: (caller, body) => {
      shared.commands[caller] = body.id;
    },
  },
  'GET /api/v1/devices/:id/commands': { roles: ALL, foreign: 'not-found', request: (t) => ({ url: `/api/v1/devices/${t.deviceId}/commands` }) },
  'GET /api/v1/devices/:id/commands/:commandId': {
    roles: ALL,
    foreign: 'not-found',
    request: (t) => ({ url: `/api/v1/devices/${t.deviceId}/commands/${shared.commands.admin}` }),
  },
  'POST /api/v1/devices/:id/commands/:commandId/cancel': {
    roles: WRITERS,
    foreign: 'not-found',
    // Each caller cancels the command it sent; the others name the admin's.
    request: (t, _n, caller) => ({ url: `/api/v1/devices/${t.deviceId}/commands/${shared.commands[caller] ?? shared.commands.admin}/cancel` }),
  },
  'GET /api/v1/devices/:id/connections': { roles: ALL, foreign: 'not-found', request: (t) => ({ url: `/api/v1/devices/${t.deviceId}/connections` }) },
  // People and sign-in: an admin manages accounts and every token; anybody lists and revokes their own.
  'GET /api/v1/accounts': { roles: ADMIN, foreign: 'global', request: () => ({ url: '/api/v1/accounts' }) },
  'POST /api/v1/accounts': {
    roles: ADMIN,
    foreign: 'global',
    request: (_t, n) => ({ url: '/api/v1/accounts', body: { username: `matrix.${n}`, role: 'bureau' } }),
  },
  'POST /api/v1/accounts/:id/password': {
    roles: ADMIN,
    foreign: 'global',
    request: () => ({ url: `/api/v1/accounts/${shared.accountId}/password`, body: {} }),
  },
  'GET /api/v1/api-tokens': { roles: ALL, foreign: 'global', request: () => ({ url: '/api/v1/api-tokens' }) },
  'DELETE /api/v1/api-tokens/:id': {
    roles: ALL,
    foreign: 'global',
    // Each caller revokes a spare token made for its own account (the admin: any token).
    request: (_t, _n, caller) => ({ url: `/api/v1/api-tokens/${shared.spareTokens[caller].shift() ?? '00000000-0000-4000-8000-000000000000'}` }),
  },
  // Device lifecycle: the operator (and admin) only; each allowed caller acts on devices of its own.
  'POST /api/v1/devices/:id/disable': {
    roles: ['operator'],
    foreign: 'global',
    request: (t, _n, caller) => ({ url: `/api/v1/devices/${shared.lifecycle[caller]?.disable ?? t.deviceId}/disable`, body: { reason: 'matrix: disable' } }),
  },
  'POST /api/v1/devices/:id/enable': {
    roles: ['operator'],
    foreign: 'global',
    request: (t, _n, caller) => ({ url: `/api/v1/devices/${shared.lifecycle[caller]?.enable ?? t.deviceId}/enable`, body: { reason: 'matrix: enable' } }),
  },
  'POST /api/v1/devices/:id/decommission': {
    roles: ['operator'],
    foreign: 'global',
    request: (t, _n, caller) => ({
      url: `/api/v1/devices/${shared.lifecycle[caller]?.decommission ?? t.deviceId}/decommission`,
      body: { reason: 'matrix: decommission' },
    }),
  },
  'POST /api/v1/devices/:id/replace': {
    roles: ['operator'],
    foreign: 'global',
    request: (t, _n, caller) => ({
      url: `/api/v1/devices/${shared.lifecycle[caller]?.replaceOld ?? t.deviceId}/replace`,
      body: { reason: 'matrix: replace', replacementId: shared.lifecycle[caller]?.replaceNew ?? t.deviceId },
    }),
  },
  'POST /api/v1/devices/:id/move': {
    roles: ['operator'],
    foreign: 'global',
    request: (t, _n, caller) => ({
      url: `/api/v1/devices/${shared.lifecycle[caller]?.move ?? t.deviceId}/move`,
      body: { reason: 'matrix: move', projectId: shared.secondProjectId },
    }),
  },
  'GET /api/v1/devices/:id/status-events': { roles: ALL, foreign: 'not-found', request: (t) => ({ url: `/api/v1/devices/${t.deviceId}/status-events` }) },
  'GET /api/v1/enrollment-tokens': { roles: ALL, foreign: 'filtered', request: () => ({ url: '/api/v1/enrollment-tokens?limit=1000' }) },
  'DELETE /api/v1/enrollment-tokens/:id': {
    roles: WRITERS,
    foreign: 'not-found',
    request: (t, _n, caller) => ({
      url: `/api/v1/enrollment-tokens/${shared.spareEnrollmentTokens[t.enterpriseId]?.[caller] ?? shared.enrollmentTokenId[t.enterpriseId]}`,
    }),
  },
  'GET /api/v1/enrollment-tokens/:id/uses': {
    roles: ALL,
    foreign: 'not-found',
    request: (t) => ({ url: `/api/v1/enrollment-tokens/${shared.enrollmentTokenId[t.enterpriseId]}/uses` }),
  },
  'GET /api/v1/session': { roles: ALL, foreign: 'global', request: () => ({ url: '/api/v1/session' }) },
  'DELETE /api/v1/session': { roles: ALL, foreign: 'global', request: () => ({ url: '/api/v1/session' }) },
  'DELETE /api/v1/sessions': { roles: ALL, foreign: 'global', request: () => ({ url: '/api/v1/sessions' }) },
  'POST /api/v1/session/password': {
    roles: ALL,
    foreign: 'global',
    accountOnly: true,
    request: (_t, n, caller) => ({
      url: '/api/v1/session/password',
      body: { current: shared.passwords[caller] ?? 'none at all', password: `matrix passphrase ${n}` },
    }),
    after: (caller, _body, sent) => {
      shared.passwords[caller] = sent.password;
    },
  },
  'POST /api/v1/session/totp': {
    roles: ALL,
    foreign: 'global',
    accountOnly: true,
    request: () => ({ url: '/api/v1/session/totp' }),
    after: (caller, body) => {
      shared.totpSecrets[caller] = body.secret;
    },
  },
  'POST /api/v1/session/totp/confirm': {
    roles: ALL,
    foreign: 'global',
    accountOnly: true,
    request: (_t, _n, caller) => {
      const secret = shared.totpSecrets[caller];
      return { url: '/api/v1/session/totp/confirm', body: { code: secret ? totp(base32Decode(secret)!, Date.now()) : '000000' } };
    },
  },
  // Alarms: every role reads its scope; the operator and the enterprise concerned acknowledge; the
  // operator assigns and configures notifications.
  'GET /api/v1/alarms': { roles: ALL, foreign: 'filtered', request: () => ({ url: '/api/v1/alarms?limit=1000' }) },
  'GET /api/v1/alarms/:id': { roles: ALL, foreign: 'not-found', request: (t) => ({ url: `/api/v1/alarms/${shared.alarmId[t.enterpriseId]}` }) },
  'POST /api/v1/alarms/:id/acknowledge': {
    roles: WRITERS,
    foreign: 'not-found',
    request: (t) => ({
      url: `/api/v1/alarms/${shared.alarmsToAcknowledge[t.enterpriseId]!.shift() ?? shared.alarmId[t.enterpriseId]}/acknowledge`,
      body: { comment: 'seen in the matrix' },
    }),
  },
  'POST /api/v1/alarms/:id/assign': {
    roles: ['operator'],
    foreign: 'global',
    request: (t) => ({ url: `/api/v1/alarms/${shared.alarmId[t.enterpriseId]}/assign`, body: { accountId: shared.operatorAccountId } }),
  },
  'GET /api/v1/notification-channels': { roles: ['operator'], foreign: 'global', request: () => ({ url: '/api/v1/notification-channels' }) },
  'POST /api/v1/notification-channels': {
    roles: ['operator'],
    foreign: 'global',
    request: (_t, n) => ({ url: '/api/v1/notification-channels', body: { kind: 'email', name: `matrix ${n}`, target: 'duty@operator.test' } }),
  },
  'DELETE /api/v1/notification-channels/:id': {
    roles: ['operator'],
    foreign: 'global',
    request: () => ({ url: `/api/v1/notification-channels/${shared.channelId}` }),
  },
  'GET /api/v1/notification-deliveries': { roles: ['operator'], foreign: 'global', request: () => ({ url: '/api/v1/notification-deliveries' }) },
};

/** Public routes: no bearer token. Enrollment carries its own token in the body. */
const PUBLIC = new Set([
  'GET /healthz',
  'GET /readyz',
  'GET /ca.pem',
  'POST /api/v1/enroll',
  'POST /api/v1/enroll/bulk',
  'POST /api/v1/enroll/challenge',
  'POST /api/v1/session', // sign-in: the password is its credential
  'GET /api/v1/signing-keys',
  'GET /api/v1/policy',
  // The dashboard's static files hold no data: every figure comes from /api/v1 with a token.
  'GET /*',
]);
const isDocs = (url: string) => url === '/docs' || url.startsWith('/docs/');

let tp: TestPlatform;
let app: FastifyInstance;
let own: Target;
let foreign: Target;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  tp = await startTestPlatform({ EDGENET_RATE_LIMIT_PER_IP: '1000000', EDGENET_RATE_LIMIT_PER_TOKEN: '1000000' });
  const a = await seedEnterprise(tp, { workstations: ['W-1'], maxUses: 30 });
  const b = await seedEnterprise(tp, { uscc: USCC[1], town: '长安', workstations: ['W-1'] });
  own = { ...a, deviceId: (await enrollTestDevice(tp, a.token)).deviceId };
  foreign = { ...b, deviceId: (await enrollTestDevice(tp, b.token)).deviceId };
  const spare = await tp.api('POST', '/api/v1/enterprises', {
    name: '东莞待归档工厂',
    uscc: `91441900MA4UX0Q20${usccCheckCharacter('91441900MA4UX0Q20')}`,
    town: '厚街',
  });
  shared.spareEnterpriseId = spare.body.id;
  for (const t of [a, b]) {
    const p = await tp.api('POST', '/api/v1/projects', { enterpriseId: t.enterpriseId, name: '待归档', ...SEEDED_FIGURES });
    shared.spareProject[t.enterpriseId] = p.body.id;
    shared.spareWorkstation[t.enterpriseId] = (await tp.api('POST', '/api/v1/workstations', { enterpriseId: t.enterpriseId, code: 'W-SPARE' })).body.id;
    const listed = await tp.api('GET', `/api/v1/workstations?enterpriseId=${t.enterpriseId}`);
    shared.workstation[t.enterpriseId] = listed.body.items.find((w: { code: string }) => w.code === 'W-1').id;
  }
  // Every caller but the admin is a person's token: a person may list and revoke their own.
  tokens.admin = OPERATOR_TOKEN;
  const people: Record<Exclude<Caller, 'admin'>, Record<string, string>> = {
    operator: { role: 'operator' },
    bureau: { role: 'bureau' },
    enterprise: { role: 'enterprise', enterpriseId: own.enterpriseId },
  };
  for (const [caller, scope] of Object.entries(people) as [Exclude<Caller, 'admin'>, Record<string, string>][]) {
    const account = await tp.api('POST', '/api/v1/accounts', { username: `matrix.${caller}`, ...scope });
    shared.passwords[caller] = account.body.password;
    if (caller === 'operator') shared.operatorAccountId = account.body.id;
    const make = async () => (await tp.api('POST', '/api/v1/api-tokens', { name: `${caller} person`, ...scope, accountId: account.body.id })).body;
    tokens[caller] = (await make()).token;
    shared.spareTokens[caller] = [(await make()).id, (await make()).id];
  }
  shared.spareTokens.admin = [(await tp.api('POST', '/api/v1/api-tokens', { name: 'spare', role: 'bureau' })).body.id];
  shared.accountId = (await tp.api('POST', '/api/v1/accounts', { username: 'matrix.reset', role: 'bureau' })).body.id;
  await lifecycleTargets();
  const { flags, db } = tp.platform.context;
  await flags.raise(own.deviceId, 'rate_limited', flagReason('replay', { seq: 1, lastSeq: 90 }), {});
  await flags.raise(foreign.deviceId, 'rate_limited', flagReason('replay', { seq: 1, lastSeq: 90 }), {});
  await flags.raise(own.deviceId, 'clock_skew', flagReason('clock_ahead', { minutes: 9 }), {});
  const { deviceFlags } = await import('../src/db/schema/index.js');
  const { and, eq } = await import('drizzle-orm');
  const [toResolve] = await db
    .select({ id: deviceFlags.id })
    .from(deviceFlags)
    .where(and(eq(deviceFlags.deviceId, own.deviceId), eq(deviceFlags.kind, 'clock_skew')));
  shared.flagId = toResolve!.id;
  await flags.raise(foreign.deviceId, 'clock_skew', flagReason('clock_behind', { minutes: 9 }), {});
  const [second] = await db
    .select({ id: deviceFlags.id })
    .from(deviceFlags)
    .where(and(eq(deviceFlags.deviceId, foreign.deviceId), eq(deviceFlags.kind, 'clock_skew')));
  shared.secondFlagId = second!.id;
  for (const caller of ['admin', 'operator']) {
    const fingerprint = randomBytes(32).toString('hex');
    // Another enterprise's box first (in one enterprise the same fingerprint is a re-enrollment).
    const earlier = await enrollTestDevice(tp, b.token, { fingerprint });
    const newcomer = await enrollTestDevice(tp, a.token, { fingerprint });
    const [dup] = await db.select({ id: deviceFlags.id }).from(deviceFlags).where(eq(deviceFlags.deviceId, newcomer.deviceId));
    shared.duplicates[caller] = { flagId: dup!.id, to: earlier.deviceId };
  }
  for (const t of [own, foreign]) {
    const raised = await raiseAlarms(
      db,
      [0, 1, 2, 3].map((n) => ({
        kind: 'device_offline' as const,
        subject: `matrix-${t.deviceId}-${n}`,
        deviceId: t.deviceId,
        enterpriseId: t.enterpriseId,
        details: {},
      })),
      new Date(),
    );
    shared.alarmId[t.enterpriseId] = raised[0]!.id;
    shared.alarmsToAcknowledge[t.enterpriseId] = raised.slice(1).map((a) => a.id);
  }
  shared.channelId = (await tp.api('POST', '/api/v1/notification-channels', { kind: 'email', name: 'matrix', target: 'duty@operator.test' })).body.id;
  const run = await tp.api('POST', '/api/v1/certifications', { windowStart: '2025-07-01', windowEnd: '2025-07-31' });
  shared.runId = run.body.id;
  const evidence = await fetch(`${tp.baseUrl}/api/v1/certifications/${run.body.id}/evidence`, { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } });
  shared.evidenceDeviceId = JSON.parse((await evidence.text()).split('\n')[0]!).deviceId;
  // A second app on the same platform context: same database, same audit chain, same routes.
  app = await buildApp(tp.platform.context);
  await app.ready();
});
/** Devices for each caller allowed a device action, a second project to move to, and enrollment tokens to revoke. */
async function lifecycleTargets(): Promise<void> {
  const second = await tp.api('POST', '/api/v1/projects', {
    enterpriseId: own.enterpriseId,
    name: 'second line',
    totalInvestmentFen: 30_000_000,
    eligibleInvestmentFen: 20_000_000,
    windowStart: '2025-07-01',
    windowEnd: '2026-06-30',
  });
  shared.secondProjectId = second.body.id;
  for (const caller of ['admin', 'operator'] as const) {
    const enroll = async () => (await enrollTestDevice(tp, own.token)).deviceId;
    const ids = {
      disable: await enroll(),
      enable: await enroll(),
      decommission: await enroll(),
      replaceOld: await enroll(),
      replaceNew: await enroll(),
      move: await enroll(),
    };
    await tp.api('POST', `/api/v1/devices/${ids.enable}/disable`, { reason: 'to be re-enabled by the matrix' });
    shared.lifecycle[caller] = ids;
  }
  const listed = await tp.api('GET', '/api/v1/enrollment-tokens?limit=1000');
  for (const t of [own, foreign]) {
    shared.enrollmentTokenId[t.enterpriseId] = listed.body.items.find((i: { projectId: string }) => i.projectId === t.projectId).id;
    const spare: Record<string, string> = {};
    for (const caller of CALLERS) spare[caller] = (await tp.api('POST', `/api/v1/projects/${t.projectId}/enrollment-tokens`, {})).body.id;
    shared.spareEnrollmentTokens[t.enterpriseId] = spare as Record<Caller, string>;
  }
}

afterAll(async () => {
  await app?.close();
  await tp?.close();
});

let counter = 0;
async function call(method: string, c: Case, target: Target, token: string | null, caller: Caller = 'admin') {
  const { url, body } = c.request(target, counter++, caller);
  const res = await app.inject({
    method: method as 'GET',
    url,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    ...(body !== undefined && method !== 'GET' && method !== 'HEAD' ? { payload: body as object } : {}),
  });
  return { status: res.statusCode, body: res.body ? safeJson(res.body) : undefined, sent: body };
}
const safeJson = (s: string): any => {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
};
/** HEAD routes are fastify's automatic twins of GET routes and answer alike. */
const caseFor = (method: string, url: string) => CASES[`${method === 'HEAD' ? 'GET' : method} ${url}`];

describe('roles on every route', () => {
  it('every registered route is in the table, with the roles the table expects', () => {
    const routes = app.routeSummaries.filter((r) => !isDocs(r.url));
    expect(routes.length).toBeGreaterThan(Object.keys(CASES).length); // the HEAD twins and public routes too
    const missing: string[] = [];
    for (const r of routes) {
      const key = `${r.method} ${r.url}`;
      if (PUBLIC.has(key) || (r.method === 'HEAD' && PUBLIC.has(`GET ${r.url}`))) {
        expect(r.roles, `${key} is public`).toBeUndefined();
        continue;
      }
      const c = caseFor(r.method, r.url);
      if (!c) {
        missing.push(key);
        continue;
      }
      expect([...(r.roles ?? [])].sort(), key).toEqual([...c.roles].sort());
    }
    expect(missing, 'routes without a row in CASES (decide their roles and add them)').toEqual([]);
    // …and every row is a route the app serves: a decision on a route that is not there checks nothing.
    const served = new Set(routes.map((r) => `${r.method} ${r.url}`));
    expect(
      Object.keys(CASES).filter((k) => !served.has(k)),
      'rows in CASES for routes the app does not register',
    ).toEqual([]);
  });

  it('lets each allowed role through and answers 403 to the others, 401 without a token', async () => {
    const failures: string[] = [];
    for (const r of app.routeSummaries) {
      const key = `${r.method} ${r.url}`;
      const c = caseFor(r.method, r.url);
      if (!c) continue;
      for (const role of CALLERS) {
        const res = await call(r.method, c, own, tokens[role]!, role);
        const allowed = allows(c.roles, role);
        const accountless = c.accountOnly && role === 'admin';
        const ok = !allowed ? res.status === 403 : accountless ? res.status === 400 : res.status >= 200 && res.status < 300;
        if (ok && allowed && !accountless) c.after?.(role, res.body, res.sent);
        if (!ok) failures.push(`${key} as ${role}: ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`);
      }
      const anonymous = await call(r.method, c, own, null);
      if (anonymous.status !== 401) failures.push(`${key} without a token: ${anonymous.status}`);
      const forged = await call(r.method, c, own, 'op_forged_0000000000000000000000000000');
      if (forged.status !== 401) failures.push(`${key} with an unknown token: ${forged.status}`);
    }
    expect(failures).toEqual([]);
  });

  it("keeps an enterprise out of another enterprise's records on every route", async () => {
    const failures: string[] = [];
    for (const r of app.routeSummaries) {
      const c = caseFor(r.method, r.url);
      if (!c?.roles.includes('enterprise') || c.foreign === 'global') continue;
      const key = `${r.method} ${r.url}`;
      const res = await call(r.method, c, foreign, tokens.enterprise!, 'enterprise');
      if (c.foreign === 'not-found' && res.status !== 404) failures.push(`${key}: ${res.status}, expected 404`);
      if (c.foreign === 'forbidden' && res.status !== 403) failures.push(`${key}: ${res.status}, expected 403`);
      if (c.foreign === 'filtered') {
        if (r.method === 'HEAD') continue;
        const leaked = (res.body?.items ?? []).filter(
          (i: { id: string; enterpriseId?: string }) => i.id === foreign.enterpriseId || i.enterpriseId === foreign.enterpriseId,
        );
        if (res.status !== 200 || leaked.length > 0 || !(res.body?.items?.length > 0)) failures.push(`${key}: ${res.status}, leaked ${leaked.length}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('serves the public routes without a token', async () => {
    const publicRoutes = app.routeSummaries.filter((r) => r.roles === undefined && r.method !== 'HEAD');
    expect(publicRoutes.map((r) => `${r.method} ${r.url}`)).toEqual(expect.arrayContaining([...PUBLIC]));
    for (const r of publicRoutes) {
      const url = r.url.replace('*', 'index.html');
      const res = await app.inject({ method: r.method as 'GET', url, ...(r.method === 'POST' ? { payload: {} } : {}) });
      expect([401, 403], `${r.method} ${url}`).not.toContain(res.statusCode);
    }
  });
});
