// Certification scenario (docs/certification.md): a fleet with fixed, known heartbeats fed through the
// real ingest path (decode, signature check, filing, rollup) at chosen receive times, then a real
// certification run; every count, flag and award is checked against values worked out by hand below.
// Then: the verifier accepts the report and rejects one changed number and one changed evidence row;
// a second run gives a byte-identical body; key rotation keeps old reports verifiable.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edge, encodeHeartbeat, sealEnvelope } from '@edgenet/proto';
import { COUNTING_POLICY } from '../src/certification/policy.js';
import { calendarOf } from '../src/domain/calendar.js';
import { verifyReport, type SignedReport } from '../src/certification/verify.js';
import { verifyInclusion } from '../src/certification/merkle.js';
import { canonicalJson } from '../src/certification/canonical-json.js';
import { independentRecount } from './independent-recount.js';
import { startTestPlatform, type TestPlatform } from '../../test/helpers/platform.js';
import { enrollTestDevice, type TestDevice } from '../../test/helpers/device.js';
import { USCC } from '../../test/helpers/fixtures.js';

const { dayStartUtc } = calendarOf(COUNTING_POLICY);

const WINDOW = { windowStart: '2025-07-01', windowEnd: '2025-07-10' }; // 10 days
const DAYS = Array.from({ length: 10 }, (_, i) => `2025-07-${String(i + 1).padStart(2, '0')}`);
const ALL = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
const YUAN = 100; // fen

let tp: TestPlatform;
const d: Record<string, TestDevice> = {};
const project: Record<string, string> = {};

interface Feed {
  days: number[];
  inference?: boolean;
  seqStep?: number;
}

/** Sends a device's heartbeats through ingest at 09:00, 09:05, … 09:55 Shanghai time: 12 buckets a day. */
async function feed(dev: TestDevice, { days, inference = true, seqStep = 1 }: Feed): Promise<Uint8Array[]> {
  const sent: Uint8Array[] = [];
  let seq = 1;
  let total = 0;
  for (const i of days) {
    for (let k = 0; k < 12; k++) {
      const at = dayStartUtc(DAYS[i]!) + 9 * 3_600_000 + k * 300_000;
      total += inference ? 5 : 0;
      const body = encodeHeartbeat({ seq, deviceTimeMs: at, uptimeS: 100, cpuPercent: 10, inference: { total, errors: 0 } });
      const envelope = sealEnvelope(body, dev.privateKey);
      sent.push(envelope);
      expect((await tp.platform.context.ingest.handle(dev.deviceId, 'heartbeat', envelope, new Date(at))).outcome).toBe('accepted');
      seq += seqStep;
    }
  }
  return sent;
}

/** Maps workstations from the day before the window, so the mapping holds on every window day. */
async function map(dev: TestDevice, codes: string[]): Promise<void> {
  const body = edge.v1.WorkstationMapping.encode({ workstationCodes: codes, revision: 1 }).finish();
  const at = new Date(dayStartUtc('2025-06-30') + 12 * 3_600_000);
  expect((await tp.platform.context.ingest.handle(dev.deviceId, 'workstations', sealEnvelope(body, dev.privateKey), at)).outcome).toBe('accepted');
}

async function setup(name: string, uscc: string, projects: Record<string, [number, number]>, codes: string[]) {
  const ent = await tp.api('POST', '/api/v1/enterprises', { name, uscc, town: '松山湖' });
  for (const code of codes) expect((await tp.api('POST', '/api/v1/workstations', { enterpriseId: ent.body.id, code })).status).toBe(201);
  const tokens: Record<string, string> = {};
  for (const [key, [total, eligible]] of Object.entries(projects)) {
    const p = await tp.api('POST', '/api/v1/projects', {
      enterpriseId: ent.body.id,
      name: key,
      totalInvestmentFen: total,
      eligibleInvestmentFen: eligible,
      windowStart: '2025-07-01',
      windowEnd: '2026-06-30',
    });
    project[key] = p.body.id;
    tokens[key] = (await tp.api('POST', `/api/v1/projects/${p.body.id}/enrollment-tokens`, { maxUses: 20 })).body.token;
  }
  return tokens;
}

const range = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(2, '0')}`);
const CLONE_FP = 'c'.repeat(64);

beforeAll(async () => {
  tp = await startTestPlatform();
  // E1: P1 (500,000 yuan, 400,000 eligible) and P2 (150,000 yuan: under the 200,000 floor).
  const t1 = await setup('东莞一号精密', USCC[0], { P1: [500_000 * YUAN, 400_000 * YUAN], P2: [150_000 * YUAN, 150_000 * YUAN] }, range('W', 7));
  // E2: P3 (5,000,000 yuan, 4,000,000 eligible): four servers with 50 workstations each and an over-claiming box.
  const t2 = await setup('东莞二号电子', USCC[1], { P3: [5_000_000 * YUAN, 4_000_000 * YUAN] }, [
    ...[1, 2, 3, 4].flatMap((s) => range(`S${s}-`, 50)),
    ...range('X', 10),
  ]);
  // E3: P4 (1,000,000 yuan, only 100,000 eligible).
  const t3 = await setup('东莞三号机械', USCC[2], { P4: [1_000_000 * YUAN, 100_000 * YUAN] }, range('Y', 13));

  d.normal = await enrollTestDevice(tp, t1.P1!);
  d.halfOffline = await enrollTestDevice(tp, t1.P1!);
  d.noInference = await enrollTestDevice(tp, t1.P1!);
  d.sharesW1 = await enrollTestDevice(tp, t1.P1!);
  d.cloneA = await enrollTestDevice(tp, t1.P1!, { fingerprint: CLONE_FP });
  d.underFloor = await enrollTestDevice(tp, t1.P2!);
  for (const s of [1, 2, 3, 4]) d[`server${s}`] = await enrollTestDevice(tp, t2.P3!, { kind: 'server' });
  d.overClaim = await enrollTestDevice(tp, t2.P3!);
  d.cloneB = await enrollTestDevice(tp, t3.P4!, { fingerprint: CLONE_FP });
  d.vm = await enrollTestDevice(tp, t3.P4!);
  d.replayer = await enrollTestDevice(tp, t3.P4!);
  d.e3 = await enrollTestDevice(tp, t3.P4!, { kind: 'industrial_pc' });

  await map(d.normal!, ['W01', 'W02', 'ZZ-99']);
  await feed(d.normal!, { days: ALL });
  await map(d.halfOffline!, ['W03']);
  await feed(d.halfOffline!, { days: [0, 2, 4, 6, 8] }); // exactly half the window
  await map(d.noInference!, ['W04']);
  await feed(d.noInference!, { days: ALL, inference: false });
  await map(d.sharesW1!, ['W01', 'W05']);
  await feed(d.sharesW1!, { days: ALL });
  await map(d.cloneA!, ['W07']);
  await feed(d.cloneA!, { days: ALL });
  await map(d.underFloor!, ['W06']);
  await feed(d.underFloor!, { days: ALL });
  for (const s of [1, 2, 3, 4]) {
    await map(d[`server${s}`]!, range(`S${s}-`, 50));
    await feed(d[`server${s}`]!, { days: ALL });
  }
  await map(d.overClaim!, range('X', 10)); // compute box: cap 8
  await feed(d.overClaim!, { days: ALL });
  await map(d.cloneB!, ['Y01']);
  await feed(d.cloneB!, { days: ALL });
  const vmHello = edge.v1.Hello.encode({
    agentVersion: 'test',
    kind: edge.v1.DeviceKind.COMPUTE_BOX,
    fingerprint: 'e'.repeat(64),
    heartbeatIntervalMs: 10_000,
    deviceTimeMs: dayStartUtc('2025-06-30'),
    inventory: { systemManufacturer: 'QEMU', systemModel: 'Standard PC (Q35 + ICH9, 2009)', virtual: true },
  }).finish();
  await tp.platform.context.ingest.handle(d.vm!.deviceId, 'hello', sealEnvelope(vmHello, d.vm!.privateKey), new Date(dayStartUtc('2025-06-30')));
  await map(d.vm!, ['Y02']);
  await feed(d.vm!, { days: ALL });
  await map(d.replayer!, ['Y03']);
  const sent = await feed(d.replayer!, { days: ALL, seqStep: 100 }); // seq 1, 101, …, 11901
  expect((await tp.platform.context.ingest.handle(d.replayer!.deviceId, 'heartbeat', sent[0]!, new Date(dayStartUtc(DAYS[9]!) + 11 * 3_600_000))).outcome).toBe(
    'rejected',
  );
  await map(d.e3!, range('Y', 13).slice(3)); // Y04..Y13
  await feed(d.e3!, { days: ALL });
  await tp.platform.context.writer.flush();
}, 240_000);
afterAll(() => tp?.close());

const certify = async () => {
  const run = await tp.api('POST', '/api/v1/certifications', WINDOW);
  expect(run.status).toBe(201);
  return run.body as { id: string; certifiedNodes: number };
};
const report = async (id: string) => (await tp.api('GET', `/api/v1/certifications/${id}`)).body as SignedReport;
const evidence = async (id: string) =>
  (
    await fetch(`${tp.baseUrl}/api/v1/certifications/${id}/evidence`, {
      headers: { authorization: `Bearer ${(await import('../../test/helpers/platform.js')).OPERATOR_TOKEN}` },
    })
  ).text();
const keys = async () => (await tp.api('GET', '/api/v1/signing-keys', undefined, null)).body.keys;

describe('certification of a known fleet', () => {
  let first: SignedReport;
  let firstId: string;

  it('counts every device, workstation, flag and award as worked out by hand', async () => {
    const run = await certify();
    firstId = run.id;
    first = await report(run.id);
    const r = first.body.results;
    const dev = (name: string) => r.devices.find((x) => x.deviceId === d[name]!.deviceId)!;
    const proj = (key: string) => r.projects.find((p) => p.projectId === project[key])!;

    expect(r.windowDays).toBe(10);
    expect(dev('normal')).toMatchObject({ activeDays: 10, verified: true, workstations: ['W01', 'W02'], unregistered: ['ZZ-99'], overClaimed: [] });
    expect(dev('halfOffline')).toMatchObject({ activeDays: 5, verified: true, workstations: ['W03'] }); // 5 of 10 meets the 50% share
    expect(dev('noInference')).toMatchObject({ activeDays: 0, verified: false, workstations: [] });
    expect(dev('sharesW1')).toMatchObject({ verified: true, workstations: ['W01', 'W05'] });
    expect(dev('overClaim')).toMatchObject({ verified: true, workstations: range('X', 8), overClaimed: ['X09', 'X10'] });
    // cloneB enrolled second with cloneA's fingerprint: the newcomer is flagged, the established
    // device keeps counting until the operator decides (a claimant cannot disqualify another's box).
    expect(dev('cloneA')).toMatchObject({ verified: true, workstations: ['W07'] });
    expect(dev('cloneB').verified).toBe(false);
    expect(dev('cloneB').reasons).toEqual(['flag duplicate_hardware: claims hardware 1 earlier enrolled device(s) already claim (fingerprint)']);
    expect(dev('vm').reasons).toEqual(['flag virtual_machine: the agent reports a virtual machine']);
    expect(dev('replayer').reasons).toEqual(['flag replay: heartbeat seq 1 arrived after seq 11901']);
    expect(dev('e3')).toMatchObject({ activeDays: 10, verified: true });
    expect(dev('e3').workstations).toHaveLength(10);

    // P1: W01 (claimed by two devices, counted once), W02, W03, W05, W07 → 5 nodes;
    // award = min(30% × 400,000 = 120,000; 1,000,000; 5,000 × 5 = 25,000) = 25,000 yuan (per-node cap).
    expect(proj('P1')).toMatchObject({
      devices: 5,
      certifiedNodes: 5,
      certifiedWorkstations: ['W01', 'W02', 'W03', 'W05', 'W07'],
      awardFen: 25_000 * YUAN,
      awardLimitedBy: 'per_node_cap',
    });
    expect(proj('P1').verifiedDevices.sort()).toEqual([d.normal, d.halfOffline, d.sharesW1, d.cloneA].map((x) => x!.deviceId).sort());
    expect(proj('P1').flaggedDevices).toEqual([]);
    // P2: 1 node, but 150,000 yuan total is under the 200,000 floor → 0.
    expect(proj('P2')).toMatchObject({ certifiedNodes: 1, awardFen: 0, awardLimitedBy: 'minimum_investment' });
    // P3: 4 × 50 + 8 = 208 nodes; min(1,200,000; 1,000,000; 1,040,000) = 1,000,000 yuan (per-project cap).
    expect(proj('P3')).toMatchObject({ devices: 5, certifiedNodes: 208, awardFen: 1_000_000 * YUAN, awardLimitedBy: 'per_project_cap' });
    // P4: 10 nodes; min(30% × 100,000 = 30,000; 1,000,000; 50,000) = 30,000 yuan (share of eligible).
    expect(proj('P4')).toMatchObject({ devices: 4, certifiedNodes: 10, awardFen: 30_000 * YUAN, awardLimitedBy: 'share_of_eligible' });
    expect(
      proj('P4')
        .flaggedDevices.map((f) => f.flags[0]!.kind)
        .sort(),
    ).toEqual(['duplicate_hardware', 'replay', 'virtual_machine']);

    expect(r.totals).toEqual({
      projects: 4,
      devices: 15,
      verifiedDevices: 11,
      certifiedNodes: 224,
      awardFen: (25_000 + 1_000_000 + 30_000) * YUAN,
      // Every device of this fleet enrolled without a TPM.
      certifiedNodesByAttestation: { tpm: 0, software: 224 },
    });
    const e1 = r.enterprises.find((e) => e.enterpriseId === proj('P1').enterpriseId)!;
    expect(e1).toMatchObject({ projects: 2, certifiedNodes: 6, awardFen: 25_000 * YUAN });

    // Evidence per device: online buckets and inferences per day, as fed.
    const rows = (await evidence(run.id))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const half = rows.find((x) => x.deviceId === d.halfOffline!.deviceId);
    expect(half.days).toEqual([0, 2, 4, 6, 8].map((i) => [DAYS[i], 12, 60, 0, 0]));
    // On-site sample: drawn once the bureau reveals its value (commit then reveal); then
    // ceil(30% of the 3 projects with an award) = 1.
    expect(first.sample).toBeUndefined();
    const bureau = (await tp.api('POST', '/api/v1/api-tokens', { name: '科技局 抽查', role: 'bureau' })).body.token;
    const drawn = await tp.api('POST', `/api/v1/certifications/${run.id}/sample-value`, { value: 'ab'.repeat(32) }, bureau);
    expect(drawn.status).toBe(201);
    const sampled = await report(run.id);
    expect(sampled.sample!.projects).toHaveLength(1);
    expect(sampled.sample).toEqual(drawn.body.sample);
  });

  it('is verified by the standalone verifier, which names a changed number or evidence row', async () => {
    const ev = await evidence(firstId);
    const published = await keys();
    expect(verifyReport(first, published, ev)).toMatchObject({ ok: true, problems: [] });
    // A second implementation, written from docs/certification.md alone, gives the same bytes.
    const second = independentRecount(JSON.stringify(first), ev);
    expect(second.out.problems).toEqual([]);
    expect(second.out.results).toBe(canonicalJson(first.body.results));

    const tampered = structuredClone(first);
    const p = tampered.body.results.projects.findIndex((x) => x.projectId === project.P1);
    tampered.body.results.projects[p]!.certifiedNodes = 6;
    const v1 = verifyReport(tampered, published, ev);
    expect(v1.ok).toBe(false);
    expect(v1.problems).toContain(`recount differs at body.results.projects[${p}].certifiedNodes: recomputed 5, report says 6`);
    expect(v1.problems.some((x) => x.startsWith('body hash'))).toBe(true);

    const lines = ev.trim().split('\n');
    const i = lines.findIndex((l) => l.includes(d.halfOffline!.deviceId));
    lines[i] = lines[i]!.replace(`["${DAYS[0]}",12,`, `["${DAYS[0]}",11,`);
    const v2 = verifyReport(first, published, lines.join('\n'));
    expect(v2.ok).toBe(false);
    expect(v2.problems.some((x) => x.startsWith('evidence root'))).toBe(true);
    expect(v2.problems.some((x) => x.includes('.verified: recomputed false, report says true'))).toBe(true);

    // The command line, as the bureau would run it, on files.
    const dir = mkdtempSync(join(tmpdir(), 'edgenet-verify-'));
    writeFileSync(join(dir, 'report.json'), JSON.stringify(first));
    writeFileSync(join(dir, 'tampered.json'), JSON.stringify(tampered));
    writeFileSync(join(dir, 'keys.json'), JSON.stringify({ keys: published }));
    writeFileSync(join(dir, 'evidence.ndjson'), ev);
    // The verifier checks the whole chain of reports; without one it fails unless told --no-chain.
    writeFileSync(join(dir, 'chain.json'), JSON.stringify((await tp.api('GET', '/api/v1/certifications/chain')).body));
    const script = join(import.meta.dirname, '../../scripts/verify-report.mjs');
    const ok = execFileSync(process.execPath, [
      script,
      '--report',
      join(dir, 'report.json'),
      '--keys',
      join(dir, 'keys.json'),
      '--evidence',
      join(dir, 'evidence.ndjson'),
      '--chain',
      join(dir, 'chain.json'),
    ]).toString();
    expect(ok).toMatch(/report verified/);
    let failed = '';
    try {
      execFileSync(process.execPath, [
        script,
        '--report',
        join(dir, 'tampered.json'),
        '--keys',
        join(dir, 'keys.json'),
        '--evidence',
        join(dir, 'evidence.ndjson'),
        '--chain',
        join(dir, 'chain.json'),
      ]);
    } catch (err) {
      failed = (err as { stdout: Buffer; status: number }).stdout.toString();
      expect((err as { status: number }).status).toBe(1);
    }
    expect(failed).toContain('FAIL  recount differs at body.results.projects');
  });

  it("proves one device's evidence against the signed root", async () => {
    const proof = (await tp.api('GET', `/api/v1/certifications/${firstId}/evidence/${d.e3!.deviceId}`)).body;
    expect(proof.merkleRoot).toBe(first.attestation.evidenceRoot);
    expect(verifyInclusion(proof.leaf, proof.index, proof.treeSize, proof.proof, proof.merkleRoot)).toBe(true);
    expect(verifyInclusion(proof.leaf.replace('"verified"', '"x"').replace('10', '11'), proof.index, proof.treeSize, proof.proof, proof.merkleRoot)).toBe(
      false,
    );
  });

  it('gives a byte-identical body when run again, chained to the previous report', async () => {
    const second = await report((await certify()).id);
    expect(second.attestation.bodyHash).toBe(first.attestation.bodyHash);
    expect(JSON.stringify(second.body)).toBe(JSON.stringify(first.body));
    expect(second.attestation.runId).not.toBe(first.attestation.runId);
    expect(second.attestation.sequence).toBe(first.attestation.sequence + 1);
    const runs = (await tp.api('GET', '/api/v1/certifications')).body.items;
    expect(second.attestation.previousReportHash).toBe(runs.find((x: { id: string }) => x.id === firstId).reportHash);
  });

  it('keeps old reports verifiable after key rotation, and counts a device again once its flag is resolved', async () => {
    expect((await tp.api('POST', '/api/v1/signing-keys/rotate')).status).toBe(201);
    const flags = (await tp.api('GET', `/api/v1/flags?open=true&deviceId=${d.cloneB!.deviceId}`)).body.items;
    expect(flags).toHaveLength(1);
    const bureau = (await tp.api('POST', '/api/v1/api-tokens', { name: '科技局', role: 'bureau' })).body.token;
    expect((await tp.api('POST', `/api/v1/flags/${flags[0].id}/resolve`, { resolution: 'on-site check: the other unit is a spare' }, bureau)).status).toBe(403);
    const resolved = await tp.api('POST', `/api/v1/flags/${flags[0].id}/resolve`, { resolution: 'on-site check: the other unit is a spare' });
    expect(resolved.body).toMatchObject({ resolution: 'on-site check: the other unit is a spare', resolvedBy: expect.any(String) });

    const third = await report((await certify()).id);
    const published = await keys();
    expect(published).toHaveLength(2);
    expect(third.attestation.keyId).not.toBe(first.attestation.keyId);
    expect(verifyReport(first, published).ok).toBe(true);
    expect(verifyReport(third, published).ok).toBe(true);
    // cloneB now counts: Y01 joins P4 → 11 nodes; the award stays at 30% of eligible, 30,000 yuan.
    const p4 = third.body.results.projects.find((p) => p.projectId === project.P4)!;
    expect(p4).toMatchObject({ certifiedNodes: 11, awardFen: 30_000 * YUAN, awardLimitedBy: 'share_of_eligible' });
    expect(third.body.results.totals.certifiedNodes).toBe(225);
  });

  it('reports the operator performance figures for the window from its own records', async () => {
    const runs = (await tp.api('GET', '/api/v1/certifications')).body.items;
    const perf = await tp.api('GET', '/api/v1/performance?from=2025-07-01&to=2025-07-10&budgetFen=100000000');
    expect(perf.status).toBe(200);
    // 14 devices × 10 days × 12 + the half-offline one's 5 days × 12; the replay was dropped.
    expect(perf.body).toMatchObject({
      period: { from: '2025-07-01', to: '2025-07-10', minutes: 14_400 },
      enterprisesConnected: 3,
      devicesOnline: 15,
      heartbeatsReceived: 14 * 120 + 60,
      nodesCertified: runs[0].certifiedNodes,
      certificationRunId: runs[0].id,
      uptimeMinutes: 0, // the platform did not run in July 2025: availability is not assumed
      availabilityBp: 0,
    });
    expect(perf.body.payment).toMatchObject({ budgetFen: 100_000_000, paymentFen: 0, serviceFactorBp: 0 });
  });

  it('refuses to change a stored run in the database', async () => {
    const { sql } = await import('drizzle-orm');
    const db = tp.platform.context.db;
    // drizzle wraps the driver's error; the database's own message is the cause.
    const refused = (e: { cause?: { message?: string } }) => /certification_runs is immutable/.test(e.cause?.message ?? '');
    await expect(db.execute(sql`update certification_runs set certified_nodes = certified_nodes + 1`)).rejects.toSatisfy(refused);
    await expect(db.execute(sql`delete from certification_runs`)).rejects.toSatisfy(refused);
  });

  it("names each enterprise and project in the bureau's CSV: Chinese headers, UTF-8 BOM, USCC and town", async () => {
    const run = (await tp.api('GET', '/api/v1/certifications')).body.items[0];
    const res = await fetch(`${tp.baseUrl}/api/v1/certifications/${run.id}/report.csv`, {
      headers: { authorization: `Bearer ${(await import('../../test/helpers/platform.js')).OPERATOR_TOKEN}` },
    });
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe(
      '认证编号,认证期起,认证期止,项目编号,项目名称,企业编号,企业名称,统一社会信用代码,所在镇街,项目总投资（元）,新增投资额（元）,设备数,核验通过设备数,存疑设备数,认定节点数,奖励金额（元）,奖励限定依据,数据批准人,批准时间',
    );
    const p1 = lines.find((l) => l.includes(project.P1!))!.split(',');
    expect(p1.slice(4, 9)).toEqual(['P1', p1[5], '东莞一号精密', USCC[0], '松山湖']);
    expect(p1.slice(9, 11)).toEqual(['500000.00', '400000.00']);
    expect(p1[16]).toBe('每节点平均不超过5000元');
    // Entered by the first operator token (no person): approved by that act, named by the role.
    expect(p1[17]).toBe('operator');
    expect(p1[18]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(lines.at(-1)).toBe('');
    expect(lines).toHaveLength(4 + 2); // header, 4 projects, the empty string after the last CRLF
  });

  it('answers 404 with a typed error for a device in a run that has no devices', async () => {
    const empty = await tp.api('POST', '/api/v1/certifications', { windowStart: '2020-01-01', windowEnd: '2020-01-02' });
    expect(empty.body.devices).toBe(0);
    const res = await tp.api('GET', `/api/v1/certifications/${empty.body.id}/evidence/${d.normal!.deviceId}`);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('EDGENET_ERR_NOT_FOUND');
  });
});
