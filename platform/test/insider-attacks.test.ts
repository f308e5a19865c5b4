// The operator's own attacks on a report (docs/certification.md "What the verifier catches"): with
// the platform's database and its signing key, each test changes the count the way an insider could,
// and shows the standalone verifier, given what the bureau downloads and keeps, detects it and names
// the row, field or report. The fleet is fed through the real ingest path at chosen receive times.
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edge, sealEnvelope } from '@edgenet/proto';
import { canonicalJson } from '../src/certification/canonical-json.js';
import { verifyDeviceDay, type DeviceDayEvidence } from '../src/certification/device-day.js';
import { COUNTING_POLICY } from '../src/certification/policy.js';
import { ATTESTATION_FORMAT, buildBody, drawSample, sha256Hex, type Attestation, type ReportBody } from '../src/certification/report.js';
import { startCertificationRun } from '../src/certification/run.js';
import { verifyReport, type ChainLink, type EvidenceProof, type SignedReport } from '../src/certification/verify.js';
import type { DeviceEvidence } from '../src/certification/count.js';
import { calendarOf } from '../src/domain/calendar.js';
import { independentRecount } from './independent-recount.js';
import { startTestPlatform, OPERATOR_TOKEN, type TestPlatform } from '../../test/helpers/platform.js';
import { enrollTestDevice, type TestDevice } from '../../test/helpers/device.js';
import { USCC } from '../../test/helpers/fixtures.js';
import { feedChainedDays } from '../../test/helpers/chained-days.js';

const calendar = calendarOf(COUNTING_POLICY);
const DAYS = ['2025-09-01', '2025-09-02'];
const WINDOW = { start: DAYS[0]!, end: DAYS[1]! };
const YUAN = 100;
const SCRIPT = join(import.meta.dirname, '../../scripts/verify-report.mjs');

let tp: TestPlatform;
const d: Record<string, TestDevice> = {};

/** `buckets` chained heartbeats a day of DAYS (test/helpers/chained-days.ts). */
const feed = (dev: TestDevice, buckets: number): Promise<void> => feedChainedDays(tp, calendar, dev, DAYS, buckets);

async function map(dev: TestDevice, codes: string[]): Promise<void> {
  const body = edge.v1.WorkstationMapping.encode({ workstationCodes: codes, revision: 1 }).finish();
  const at = new Date(calendar.dayStartUtc('2025-08-31') + 12 * 3_600_000);
  expect((await tp.platform.context.ingest.handle(dev.deviceId, 'workstations', sealEnvelope(body, dev.privateKey), at)).outcome).toBe('accepted');
}

const api = async (path: string) => (await tp.api('GET', `/api/v1${path}`)).body;
const text = async (path: string) => (await fetch(`${tp.baseUrl}/api/v1${path}`, { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } })).text();

/** What the bureau downloads when a report is issued, and keeps. */
interface Download {
  report: SignedReport;
  evidence: string;
  proofs: EvidenceProof[];
  chain: ChainLink[];
  keys: { keyId: string; publicKey: string }[];
}

async function download(runId: string): Promise<Download> {
  const report = (await api(`/certifications/${runId}`)) as SignedReport;
  const evidence = await text(`/certifications/${runId}/evidence`);
  const ids = evidence
    .trim()
    .split('\n')
    .map((l) => (JSON.parse(l) as DeviceEvidence).deviceId);
  const proofs = await Promise.all(ids.map((id) => api(`/certifications/${runId}/evidence/${id}`) as Promise<EvidenceProof>));
  return { report, evidence, proofs, chain: (await api('/certifications/chain')).links, keys: (await api('/signing-keys')).keys };
}

const certify = async () => {
  const run = await tp.api('POST', '/api/v1/certifications', { windowStart: WINDOW.start, windowEnd: WINDOW.end });
  expect(run.status).toBe(201);
  return run.body.id as string;
};
const asLink = (r: SignedReport): ChainLink => ({ attestation: r.attestation, signature: r.signature });
const db = () => tp.platform.context.db;
/** The database administrator's power: the immutability triggers off for one statement. */
async function asAdmin(statement: ReturnType<typeof sql>): Promise<void> {
  await db().execute(sql`alter table certification_runs disable trigger certification_runs_immutable`);
  try {
    await db().execute(statement);
  } finally {
    await db().execute(sql`alter table certification_runs enable trigger certification_runs_immutable`);
  }
}

function cli(args: Record<string, string | string[] | true>): { status: number; out: string } {
  const dir = mkdtempSync(join(tmpdir(), 'edgenet-insider-'));
  const argv: string[] = [SCRIPT];
  for (const [flag, value] of Object.entries(args)) {
    if (value === true) argv.push(`--${flag}`);
    else
      for (const [i, v] of (Array.isArray(value) ? value : [value]).entries()) {
        const file = join(dir, `${flag}-${i}`);
        writeFileSync(file, v);
        argv.push(`--${flag}`, file);
      }
  }
  try {
    return { status: 0, out: execFileSync(process.execPath, argv).toString() };
  } catch (err) {
    const e = err as { status: number; stdout: Buffer };
    return { status: e.status, out: e.stdout.toString() };
  }
}
const files = (x: Download) => ({
  report: JSON.stringify(x.report),
  keys: JSON.stringify({ keys: x.keys }),
  chain: JSON.stringify({ links: x.chain }),
  evidence: x.evidence,
  proofs: x.proofs.map((p) => JSON.stringify(p)).join('\n'),
});

beforeAll(async () => {
  tp = await startTestPlatform();
  const ent = await tp.api('POST', '/api/v1/enterprises', { name: '东莞四号智造', uscc: USCC[0], town: '长安' });
  for (const code of ['W01', 'W02', 'W03', 'W04', 'W05', 'W06']) await tp.api('POST', '/api/v1/workstations', { enterpriseId: ent.body.id, code });
  const p = await tp.api('POST', '/api/v1/projects', {
    enterpriseId: ent.body.id,
    name: '质检',
    totalInvestmentFen: 1_000_000 * YUAN,
    eligibleInvestmentFen: 800_000 * YUAN,
    windowStart: '2025-09-01',
    windowEnd: '2026-08-31',
  });
  const token = (await tp.api('POST', `/api/v1/projects/${p.body.id}/enrollment-tokens`, { maxUses: 10 })).body.token;
  for (const name of ['a', 'b', 'vm', 'weak']) d[name] = await enrollTestDevice(tp, token);
  const vmHello = edge.v1.Hello.encode({
    agentVersion: 'test',
    kind: edge.v1.DeviceKind.COMPUTE_BOX,
    fingerprint: 'e'.repeat(64),
    heartbeatIntervalMs: 300_000,
    deviceTimeMs: calendar.dayStartUtc('2025-08-31'),
    inventory: { systemManufacturer: 'QEMU', systemModel: 'Standard PC (Q35 + ICH9, 2009)', virtual: true },
  }).finish();
  await tp.platform.context.ingest.handle(d.vm!.deviceId, 'hello', sealEnvelope(vmHello, d.vm!.privateKey), new Date(calendar.dayStartUtc('2025-08-31')));
  await map(d.a!, ['W01', 'W02']);
  await map(d.b!, ['W03']);
  await map(d.vm!, ['W04', 'W05']);
  await map(d.weak!, ['W06']);
  await feed(d.a!, 12);
  await feed(d.b!, 12);
  await feed(d.vm!, 12);
  await feed(d.weak!, 8); // 8 buckets a day: below the 12 an active day needs
  await tp.platform.context.writer.flush();
}, 120_000);
afterAll(() => tp?.close());

describe('an insider with the database and the signing key', () => {
  it('an honest report passes the command line with everything the bureau downloads', async () => {
    const x = await download(await certify());
    expect(x.report.body.results.totals).toMatchObject({ devices: 4, verifiedDevices: 2, certifiedNodes: 3, awardFen: 15_000 * YUAN });
    const days = await Promise.all(DAYS.map((day) => text(`/devices/${d.a!.deviceId}/chain/${day}`)));
    const run = cli({ ...files(x), 'device-days': days.join('\n') });
    expect(run.out).toContain('ok    chain of');
    expect(run.out).toContain('ok    recount of every device, project and award with the published policy edgenet-counting-v4');
    expect(run.out).toContain('ok    online buckets against device-signed heartbeats for 2 device-day(s) of 1 device(s)');
    expect(run.out).not.toContain('FAIL');
    expect(run.status).toBe(0);
    const second = independentRecount(JSON.stringify(x.report), x.evidence);
    expect(second.out).toMatchObject({ problems: [], results: canonicalJson(x.report.body.results) });
  });

  it('without evidence the command line fails and says what it could not check, unless told --no-recount', async () => {
    const x = await download(await certify());
    const { evidence: _e, proofs: _p, ...rest } = files(x);
    const bare = cli(rest);
    expect(bare.status).toBe(1);
    expect(bare.out).toContain('NOT CHECKED  the evidence root and the recount (no evidence given)');
    expect(bare.out).toContain('report NOT verified: 1 check(s) not made');
    const accepted = cli({ ...rest, 'no-recount': true });
    expect(accepted.status).toBe(0);
    expect(accepted.out).toContain('NOT CHECKED  the evidence root and the recount');
    const noChain = cli({ report: rest.report, keys: rest.keys, evidence: x.evidence });
    expect(noChain.status).toBe(1);
    expect(noChain.out).toContain('NOT CHECKED  the chain of reports (no chain given)');
  });

  it('lowering the active-day threshold inside the body and re-signing is named against the published policy', async () => {
    // The operator runs its own platform with a changed policy that keeps the version string.
    const lowered = { ...COUNTING_POLICY, activeDay: { ...COUNTING_POLICY.activeDay, minOnlineBuckets: 6 } };
    const run = await startCertificationRun({ db: db(), signer: tp.platform.context.signer, policy: lowered, window: WINDOW, createdBy: null });
    const x = await download(run.id);
    expect(x.report.body.results.totals.certifiedNodes).toBe(4); // W06 counts
    const v = verifyReport(x.report, x.keys, x.evidence, { chain: x.chain, proofs: x.proofs });
    expect(v.ok).toBe(false);
    expect(v.problems).toContain('policy differs from the published one at body.policy.activeDay.minOnlineBuckets: published 12, report says 6');
    const weak = x.report.body.results.devices.findIndex((r) => r.deviceId === d.weak!.deviceId);
    expect(v.problems).toContain(`recount differs at body.results.devices[${weak}].verified: recomputed false, report says true`);
    expect(v.problems).toContain('recount differs at body.results.totals.certifiedNodes: recomputed 3, report says 4');
    const out = cli(files(x));
    expect(out.status).toBe(1);
    expect(out.out).toContain('FAIL  policy differs from the published one at body.policy.activeDay.minOnlineBuckets: published 12, report says 6');
  });

  it('withdrawing a report and re-signing the next one as its predecessor is named by the report the bureau kept', async () => {
    const kept = await download(await certify());
    const seq = kept.report.attestation.sequence;
    await asAdmin(sql`delete from certification_runs where id = ${kept.report.attestation.runId}`);
    const next = await download(await certify()); // the platform chains it to the one before the withdrawn run
    expect(next.report.attestation.sequence).toBe(seq);
    // The chain alone is consistent again: only the bureau's copy shows the rewrite.
    expect(verifyReport(next.report, next.keys, next.evidence, { chain: next.chain }).ok).toBe(true);
    const v = verifyReport(next.report, next.keys, next.evidence, { chain: next.chain, held: [asLink(kept.report)] });
    expect(v.ok).toBe(false);
    expect(v.problems.join('\n')).toContain(`held report #${seq} (run ${kept.report.attestation.runId}`);
    expect(v.problems.join('\n')).toContain('was replaced in the chain by report');
    expect(v.problems.join('\n')).toContain(`run ${kept.report.attestation.runId} is gone from the chain`);
    const out = cli({ ...files(next), held: JSON.stringify(kept.report) });
    expect(out.status).toBe(1);
    expect(out.out).toContain(`FAIL  held report #${seq}`);
  });

  it('dropping an open virtual-machine flag from a stored evidence row is named, row and field, by the held proofs', async () => {
    const x = await download(await certify());
    const runId = x.report.attestation.runId;
    const vmRow = x.evidence.split('\n').find((l) => l.includes(d.vm!.deviceId))!;
    const row = JSON.parse(vmRow) as DeviceEvidence;
    expect(row.flags.map((f) => f.kind)).toEqual(['virtual_machine']);
    const clean = canonicalJson({ ...row, flags: [] });
    await asAdmin(sql`update certification_runs set evidence = replace(evidence, ${vmRow}, ${clean}) where id = ${runId}`);
    const served = await text(`/certifications/${runId}/evidence`);
    expect(served).toContain(clean);
    const v = verifyReport(x.report, x.keys, served, { chain: x.chain, proofs: x.proofs });
    expect(v.ok).toBe(false);
    expect(v.problems).toContain(`changed row: evidence[${d.vm!.deviceId}].flags[0]: signed ${JSON.stringify(row.flags[0])}, evidence says undefined`);
    const vm = x.report.body.results.devices.findIndex((r) => r.deviceId === d.vm!.deviceId);
    expect(v.problems).toContain(`recount differs at body.results.devices[${vm}].verified: recomputed true, report says false`);
  });

  it('rewriting a run with the flag dropped, recounted and re-signed, is named by the held copy and the held proofs', async () => {
    const kept = await download(await certify());
    const att = kept.report.attestation;
    // The insider recounts without the flag (+2 nodes, +10,000 yuan), re-signs and overwrites the run.
    const devices = kept.evidence
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as DeviceEvidence)
      .map((r) => (r.deviceId === d.vm!.deviceId ? { ...r, flags: [] } : r));
    // Every input kept as it was (names, approved figures), only the evidence changed.
    const rebuilt = buildBody({ policy: COUNTING_POLICY, window: WINDOW, ...kept.report.body.inputs, devices });
    expect(rebuilt.body.results.totals).toMatchObject({ certifiedNodes: 5, awardFen: 25_000 * YUAN });
    const forged: Attestation = { ...att, format: ATTESTATION_FORMAT, bodyHash: rebuilt.bodyHash, evidenceRoot: rebuilt.body.evidence.merkleRoot };
    const forgedJson = canonicalJson(forged);
    const signature = tp.platform.context.signer.sign(forgedJson);
    await asAdmin(
      sql`update certification_runs set body = ${rebuilt.bodyJson}, body_hash = ${rebuilt.bodyHash}, evidence = ${rebuilt.lines.join('\n')},
                 attestation = ${forgedJson}, report_hash = ${sha256Hex(forgedJson)}, signature = ${signature} where id = ${att.runId}`,
    );
    const now = await download(att.runId);
    // Consistent and signed: only what the bureau kept tells.
    expect(verifyReport(now.report, now.keys, now.evidence, { chain: now.chain }).ok).toBe(true);
    const v = verifyReport(now.report, now.keys, now.evidence, { chain: now.chain, held: [asLink(kept.report)], proofs: kept.proofs });
    expect(v.ok).toBe(false);
    expect(v.problems.join('\n')).toContain(`held report #${att.sequence} (run ${att.runId}`);
    expect(v.problems).toContain(
      `inclusion proof for device ${d.vm!.deviceId} does not lead to attestation.evidenceRoot: it was issued for another tree (root ${att.evidenceRoot})`,
    );
  });

  it('removing or altering a stored heartbeat fails the device-day and the report check', async () => {
    const day = DAYS[0]!;
    const before = JSON.parse(await text(`/devices/${d.b!.deviceId}/chain/${day}`)) as DeviceDayEvidence;
    expect(verifyDeviceDay(before, calendar, COUNTING_POLICY.clock)).toMatchObject({ ok: true, backedHeartbeats: 12 });
    await db().execute(sql`delete from heartbeats where device_id = ${d.b!.deviceId} and seq = 5`);
    const removed = JSON.parse(await text(`/devices/${d.b!.deviceId}/chain/${day}`)) as DeviceDayEvidence;
    expect(verifyDeviceDay(removed, calendar)).toMatchObject({ ok: false, problems: ['heartbeat 5 is missing: heartbeat 6 signs the hash of it'] });
    await db().execute(sql`update heartbeats set body = overlay(body placing '\\x00'::bytea from 3 for 1) where device_id = ${d.b!.deviceId} and seq = 8`);
    const altered = JSON.parse(await text(`/devices/${d.b!.deviceId}/chain/${day}`)) as DeviceDayEvidence;
    // Caught twice: its own signature (kept on every row) and the chain the anchor signs.
    expect(verifyDeviceDay(altered, calendar).problems).toEqual([
      'heartbeat 8: its stored body does not verify with its own signature: it was altered',
      'heartbeat 8 is not the body whose hash heartbeat 9 signs: it was altered or replaced',
    ]);

    const x = await download(await certify());
    const v = verifyReport(x.report, x.keys, x.evidence, { chain: x.chain, deviceDays: [altered] });
    expect(v.ok).toBe(false);
    expect(v.problems).toContain(`device ${d.b!.deviceId} on ${day}: heartbeat 8 is not the body whose hash heartbeat 9 signs: it was altered or replaced`);
    expect(v.problems).toContain(`evidence[${d.b!.deviceId}] on ${day}: 12 online buckets, the device's signed heartbeats back 4`);
  });

  it('adding online buckets a device never sent is named by its signed heartbeats', async () => {
    const day = DAYS[1]!;
    // Every bucket of both days set for the weak device: it becomes active and W06 counts.
    await db().execute(sql`update device_days set buckets = ~(buckets & B'0'::bit(288)) where device_id = ${d.weak!.deviceId}`);
    const x = await download(await certify());
    expect(x.report.body.results.devices.find((r) => r.deviceId === d.weak!.deviceId)).toMatchObject({ verified: true, workstations: ['W06'] });
    const chainDay = JSON.parse(await text(`/devices/${d.weak!.deviceId}/chain/${day}`)) as DeviceDayEvidence;
    const v = verifyReport(x.report, x.keys, x.evidence, { chain: x.chain, deviceDays: [chainDay] });
    expect(v.ok).toBe(false);
    expect(v.problems).toEqual([`evidence[${d.weak!.deviceId}] on ${day}: 288 online buckets, the device's signed heartbeats back 8`]);
  });

  it("relabelling a day's live heartbeats as untrusted_clock is named by their signed clocks", async () => {
    const day = DAYS[1]!;
    const from = new Date(calendar.dayStartUtc(day));
    await db().execute(
      // 3 is untrusted_clock's code (FILING_CODES, db/schema/heartbeats.ts).
      sql`update heartbeats set filing = 3 where device_id = ${d.a!.deviceId} and filed_at >= ${from} and filed_at < ${new Date(from.getTime() + 86_400_000)}`,
    );
    const chainDay = JSON.parse(await text(`/devices/${d.a!.deviceId}/chain/${day}`)) as DeviceDayEvidence;
    const v = verifyDeviceDay(chainDay, calendar, COUNTING_POLICY.clock);
    expect(v.ok).toBe(false);
    expect(v.problems).toHaveLength(12);
    expect(v.problems[0]).toMatch(/^heartbeat \d+ \(filed untrusted_clock\): the device signed a trusted clock within 300000 ms of the receive time/);
  });

  it('the on-site sample is drawn only from the report hash and the value the bureau reveals after signing, and a replaced value is named', async () => {
    const runId = await certify();
    const before = (await api(`/certifications/${runId}`)) as SignedReport & { samplePending: { reportHash: string } };
    // Signed and committed first: no sample exists yet, only the hash it will be drawn from.
    expect(before.sample).toBeUndefined();
    const reportHash = sha256Hex(canonicalJson(before.attestation));
    expect(before.samplePending.reportHash).toBe(reportHash);
    const value = randomBytes(32).toString('hex');
    expect((await tp.api('POST', `/api/v1/certifications/${runId}/sample-value`, { value })).status).toBe(403); // not the operator's to give
    const bureau = (await tp.api('POST', '/api/v1/api-tokens', { name: '科技局', role: 'bureau' })).body.token;
    const drawn = await tp.api('POST', `/api/v1/certifications/${runId}/sample-value`, { value }, bureau);
    expect(drawn.status).toBe(201);
    expect(drawn.body.sample).toMatchObject({ reportHash, bureauValue: value, seed: sha256Hex(`${reportHash}:${value}`) });
    expect(drawn.body.sampleValue.submittedBy).toEqual(expect.any(String));
    const again = await tp.api('POST', `/api/v1/certifications/${runId}/sample-value`, { value: randomBytes(32).toString('hex') }, bureau);
    expect(again.status).toBe(409);
    const x = await download(runId);
    expect(verifyReport(x.report, x.keys, x.evidence, { chain: x.chain, bureauValue: value }).checked.join('\n')).toContain('on-site check sample');
    expect(verifyReport(x.report, x.keys, x.evidence, { chain: x.chain, bureauValue: value }).ok).toBe(true);

    // A database administrator swaps the value for one that spares a project; the bureau's own record names it.
    const other = randomBytes(32).toString('hex');
    await db().execute(sql`alter table certification_sample_seeds disable trigger certification_sample_seeds_immutable`);
    await db().execute(sql`update certification_sample_seeds set bureau_value = ${other} where run_id = ${runId}`);
    await db().execute(sql`alter table certification_sample_seeds enable trigger certification_sample_seeds_immutable`);
    const swapped = await download(runId);
    const v = verifyReport(swapped.report, swapped.keys, swapped.evidence, { chain: swapped.chain, bureauValue: value });
    expect(v.problems).toEqual([`sample.bureauValue ${other} is not the value the bureau submitted, ${value}`]);
    // And a sample edited after it was drawn fails its redraw.
    const edited = structuredClone(x.report);
    edited.sample!.projects = [];
    expect(verifyReport(edited, x.keys, x.evidence, { chain: x.chain }).problems.some((p) => p.startsWith('sample differs at sample.projects'))).toBe(true);
  });

  it('the sample depends on the bureau value: the operator, knowing the report hash, cannot know which projects', () => {
    // Ten projects with awards: k = ceil(30% × 10) = 3.
    const projects = Array.from({ length: 10 }, (_, i) => ({ projectId: `p${i}`, enterpriseId: 'e', awardFen: 1 }));
    const body = { policy: COUNTING_POLICY, results: { projects, devices: [] } } as unknown as ReportBody;
    const hash = 'a'.repeat(64);
    const picks = new Set(
      Array.from({ length: 20 }, (_, i) =>
        drawSample(body, hash, sha256Hex(`bureau ${i}`))
          .projects.map((p) => p.projectId)
          .join(','),
      ),
    );
    expect(drawSample(body, hash, 'b'.repeat(64)).projects).toHaveLength(3);
    expect(picks.size).toBeGreaterThan(10);
  });

  it("deleting the audit log's newest entries is named by the head a kept report anchored", async () => {
    const kept = await download(await certify());
    const head = kept.report.attestation.auditHead!;
    expect(head.seq).toBeGreaterThan(0);
    const audit = async () => ({
      verify: (await api('/audit/verify')) as { ok: boolean; entries: number; head: { seq: number; hash: string } | null },
      entries: (await api('/audit?limit=1000')).items as { seq: number; hash: string }[],
    });
    const before = await audit();
    const honest = verifyReport(kept.report, kept.keys, kept.evidence, { chain: kept.chain, audit: before });
    expect(honest.ok).toBe(true);
    expect(honest.checked).toContain(`audit entry #${head.seq} anchored by report #${kept.report.attestation.sequence} is still in the log, unchanged`);

    // The administrator deletes the tail, from the anchored entry on: the log's own check still passes.
    await db().execute(sql`alter table audit_log disable trigger audit_log_no_update_delete`);
    await db().execute(sql`delete from audit_log where seq >= ${head.seq}`);
    await db().execute(sql`alter table audit_log enable trigger audit_log_no_update_delete`);
    const after = await audit();
    expect(after.verify.ok).toBe(true);
    expect(after.verify.entries).toBeLessThan(before.verify.entries);
    const v = verifyReport(kept.report, kept.keys, kept.evidence, { chain: kept.chain, audit: after });
    expect(v.ok).toBe(false);
    expect(v.problems).toContain(
      `the audit log ends at entry #${head.seq - 1}, but report #${kept.report.attestation.sequence} anchored entry #${head.seq} (${head.hash.slice(0, 16)}…): its newest entries were deleted`,
    );
  });
});
