// Certification runs, signed reports, evidence and the platform's public keys.
import type { FastifyInstance } from 'fastify';
import { canonicalJson } from '../certification/canonical-json.js';
import { inclusionProof } from '../certification/merkle.js';
import { BUREAU_VALUE_PATTERN, drawSample, reportCsv, type ReportBody } from '../certification/report.js';
import { loadSampleValue, submitSampleValue } from '../certification/sample-value.js';
import { startCertificationRun } from '../certification/run.js';
import { publishedKeys } from '../certification/signing-keys.js';
import { cosignaturesFor } from '../certification/witness-client.js';
import { enrollmentDeadline } from '../certification/log-leaves.js';
import { calendarOf } from '../domain/calendar.js';
import { ERR_WINDOW_INVALID, ERR_NOT_FOUND } from '../errors.js';
import type { PlatformContext } from '../context.js';
import { chainLinks, listRuns, loadRun as loadStoredRun } from '../services/certification-runs.js';
import { OPERATOR_ONLY, principalOf } from './access.js';
import { errorResponse, idParams, isoTime, pageOf, pageQueryProps, uuidString, type PageQuery } from './schemas.js';

const CERTIFIERS = ['operator', 'bureau'] as const;
const day = { type: 'string', format: 'date' } as const;
const MAX_WINDOW_DAYS = 366 * 2;

const runSummary = {
  type: 'object',
  properties: {
    id: uuidString,
    sequence: { type: 'integer' },
    windowStart: day,
    windowEnd: day,
    policyVersion: { type: 'string' },
    bodyHash: { type: 'string' },
    reportHash: { type: 'string' },
    keyId: { type: 'string' },
    createdAt: isoTime,
    devices: { type: 'integer' },
    certifiedNodes: { type: 'integer' },
    summary: { type: 'object', additionalProperties: true },
  },
} as const;

export async function certificationRoutes(app: FastifyInstance, ctx: PlatformContext): Promise<void> {
  const { db, signer, policy } = ctx;

  const loadRun = (id: string) => loadStoredRun(db, id);

  app.post<{ Body: { windowStart: string; windowEnd: string } }>('/certifications', {
    config: { roles: CERTIFIERS },
    schema: {
      tags: ['certification'],
      summary: 'Start a certification run for a window (inclusive calendar days, Asia/Shanghai)',
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['windowStart', 'windowEnd'],
        properties: { windowStart: day, windowEnd: day },
      },
      response: { 201: runSummary, 400: errorResponse },
    },
    handler: async (request, reply) => {
      const { windowStart, windowEnd } = request.body;
      const days = (Date.parse(windowEnd) - Date.parse(windowStart)) / 86_400_000 + 1;
      if (!(days >= 1 && days <= MAX_WINDOW_DAYS)) throw new ERR_WINDOW_INVALID({ reason: 'window_too_long', maxDays: MAX_WINDOW_DAYS - 1 });
      const run = await startCertificationRun({
        db,
        signer,
        policy,
        window: { start: windowStart, end: windowEnd },
        createdBy: principalOf(request).tokenId,
      });
      request.log.info({ runId: run.id, certifiedNodes: run.certifiedNodes, devices: run.devices }, 'certification run stored');
      // The witness sees the new report (and the audit log's head) before anyone is handed it;
      // a refusal or an unreachable witness leaves the report without a cosignature, and says so.
      await ctx.witness?.submit();
      return reply.code(201).send(run);
    },
  });

  app.get<{ Querystring: PageQuery }>('/certifications', {
    config: { roles: CERTIFIERS },
    schema: {
      tags: ['certification'],
      querystring: { type: 'object', additionalProperties: false, properties: pageQueryProps },
      response: { 200: pageOf(runSummary) },
    },
    handler: (request) => listRuns(db, request.query),
  });

  app.get('/certifications/chain', {
    config: { roles: CERTIFIERS },
    schema: {
      tags: ['certification'],
      summary: "Every report's attestation and signature from #1, in order: the chain scripts/verify-report.mjs checks (--chain)",
    },
    handler: () => chainLinks(db),
  });

  app.get<{ Params: { id: string } }>('/certifications/:id', {
    config: { roles: CERTIFIERS },
    schema: { tags: ['certification'], summary: 'The signed report (JSON)', params: idParams },
    handler: async (request) => {
      const run = await loadRun(request.params.id);
      const body = JSON.parse(run.body) as ReportBody;
      const value = await loadSampleValue(db, run.id);
      return {
        format: 'edgenet-signed-report-v1',
        attestation: JSON.parse(run.attestation),
        signature: run.signature,
        body,
        // The bureau's witness's signatures over the platform's logs (docs/witness.md): outside the
        // platform's signature, each checkable with the witness's own key.
        cosignatures: await cosignaturesFor(db, run.sequence, enrollmentDeadline(calendarOf(body.policy), body.window.end)),
        // Drawn only once the bureau has revealed its value (POST …/sample-value).
        ...(value
          ? {
              sample: drawSample(body, run.reportHash, value.bureauValue),
              sampleValue: { submittedBy: value.submittedBy, submittedAt: value.submittedAt.toISOString() },
            }
          : { samplePending: { reportHash: run.reportHash, submitTo: `/api/v1/certifications/${run.id}/sample-value` } }),
      };
    },
  });

  app.post<{ Params: { id: string }; Body: { value: string } }>('/certifications/:id/sample-value', {
    config: { roles: ['bureau'] },
    schema: {
      tags: ['certification'],
      summary: "The bureau's random value for the on-site sample (once per run, after the report is signed): the sample is drawn from the report hash and it",
      params: idParams,
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['value'],
        properties: { value: { type: 'string', pattern: BUREAU_VALUE_PATTERN, description: '32 random bytes as 64 lowercase hex (openssl rand -hex 32)' } },
      },
      response: { 409: errorResponse },
    },
    handler: async (request, reply) => {
      const run = await loadRun(request.params.id);
      const value = await submitSampleValue(db, run.id, request.body.value, principalOf(request).tokenId, new Date());
      const sample = drawSample(JSON.parse(run.body) as ReportBody, run.reportHash, value.bureauValue);
      request.log.info({ runId: run.id, projects: sample.projects.length }, 'on-site sample drawn from the bureau value');
      return reply.code(201).send({ sample, sampleValue: { submittedBy: value.submittedBy, submittedAt: value.submittedAt.toISOString() } });
    },
  });

  app.get<{ Params: { id: string } }>('/certifications/:id/report.csv', {
    config: { roles: CERTIFIERS },
    schema: { tags: ['certification'], summary: 'Per-project results as CSV', params: idParams },
    handler: async (request, reply) => {
      const run = await loadRun(request.params.id);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="certification-${run.id}.csv"`)
        .send(reportCsv(JSON.parse(run.body) as ReportBody, run.id));
    },
  });

  app.get<{ Params: { id: string } }>('/certifications/:id/evidence', {
    config: { roles: CERTIFIERS },
    schema: { tags: ['certification'], summary: 'Evidence rows (JSON lines, one device per line, the Merkle leaves)', params: idParams },
    handler: async (request, reply) => {
      const run = await loadRun(request.params.id);
      return reply.type('application/x-ndjson; charset=utf-8').send(`${run.evidence}\n`);
    },
  });

  app.get<{ Params: { id: string; deviceId: string } }>('/certifications/:id/evidence/:deviceId', {
    config: { roles: CERTIFIERS },
    schema: {
      tags: ['certification'],
      summary: "One device's evidence row with its Merkle inclusion proof (RFC 6962)",
      params: { type: 'object', required: ['id', 'deviceId'], properties: { id: uuidString, deviceId: uuidString } },
      response: { 404: errorResponse },
    },
    handler: async (request) => {
      const run = await loadRun(request.params.id);
      // A run with no devices stores no rows: '' is no leaf, not one empty one.
      const lines = run.evidence === '' ? [] : run.evidence.split('\n');
      const index = lines.findIndex((l) => (JSON.parse(l) as { deviceId: string }).deviceId === request.params.deviceId);
      if (index < 0) throw new ERR_NOT_FOUND({ what: 'device_in_run' });
      return { leaf: lines[index], index, treeSize: lines.length, proof: inclusionProof(lines, index), merkleRoot: JSON.parse(run.attestation).evidenceRoot };
    },
  });

  app.get('/signing-keys', {
    schema: { tags: ['certification'], summary: "The platform's report signing keys, current and retired (public, no token)", security: [] },
    handler: async () => ({ keys: await publishedKeys(db), current: signer.current.keyId }),
  });

  app.post('/signing-keys/rotate', {
    config: { roles: OPERATOR_ONLY },
    schema: { tags: ['certification'], summary: 'Retire the current signing key and start a new one' },
    handler: async (request, reply) => {
      const key = await signer.rotate();
      request.log.warn({ keyId: key.keyId }, 'report signing key rotated');
      return reply.code(201).send({ keyId: key.keyId, publicKey: key.publicKey });
    },
  });

  app.get('/policy', {
    schema: { tags: ['certification'], summary: 'The counting policy in force (public, no token)', security: [] },
    handler: async (_request, reply) => reply.type('application/json').send(canonicalJson(policy)),
  });
}
