// TPM 2.0 device identity at enrollment (docs/tpm.md), with real parts: swtpm (libtpms) manufactured
// by swtpm_setup with EK certificates from CAs this test makes, the agent's tpm2-tools over the swtpm
// TCTI, real `edge-agent enroll` processes, and the platform on PGlite or PostgreSQL. A device with a
// certified TPM enrolls as `tpm`; the same chip from a second state directory is duplicate hardware;
// an EK from a root the operator did not configure, a quote over another nonce, a replayed or expired
// challenge are refused, and so is an AK riding on another chip's EK certificate; a device without a
// TPM, or a platform without roots, enrolls as `software` as before.
import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  encodeHeartbeat,
  quoteQualifyingData,
  sealEnvelope,
  tpmSealQualifyingData,
  type EnrollmentRequest,
  type TpmAttestation,
  type TpmChallenge,
} from '@edgenet/proto';
import { spawnAgent } from '../../agent/test/helpers/agent-process.js';
import { TpmSession } from '../../agent/src/tpm.js';
import { generateIdentity, loadIdentity, publicKeyBase64Url } from '../../agent/src/identity.js';
import { readStoredAk } from '../../agent/src/tpm-sealer.js';
import { enrollDevice } from '../../platform/src/enrollment/enroll-device.js';
import { issueChallenge } from '../../platform/src/enrollment/tpm-challenge.js';
import { seedEnterprise, type Seeded } from '../helpers/fixtures.js';
import { OPERATOR_TOKEN, startTestPlatform, waitFor, type TestPlatform } from '../helpers/platform.js';
import { sql } from 'drizzle-orm';
import { loadTpmRoots } from '../../platform/src/attestation/ek-chain.js';
import type { DeviceEvidence } from '../../platform/src/certification/count.js';
import { verifyDeviceDay, type DeviceDayEvidence } from '../../platform/src/certification/device-chain.js';
import { COUNTING_POLICY } from '../../platform/src/certification/policy.js';
import { verifyReport } from '../../platform/src/certification/verify.js';
import { queryRows } from '../../platform/src/db/index.js';
import { calendarOf } from '../../platform/src/domain/calendar.js';
import { createTpmCa, manufactureTpm, startTpm, swtpmMissing, type RunningTpm, type TpmCa } from '../helpers/swtpm.js';

const missing = swtpmMissing();
const dirs: string[] = [];
let trusted: TpmCa;
let untrusted: TpmCa;
let tpmA: RunningTpm;
let tpmB: RunningTpm;
let tp: TestPlatform;
let seeded: Seeded;
let tpmDevice: string | undefined;
let tpmDir: string | undefined;
let softwareDevice: string | undefined;

/** A state directory with its own board identity: two directories on one machine are two boxes to the fingerprint. */
function stateDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `edgenet-tpm-${name}-`));
  dirs.push(dir);
  writeFileSync(
    join(dir, 'hardware.json'),
    JSON.stringify({
      systemSerial: `SN-TPM-${name}-${process.pid}`,
      boardSerial: `BRD-TPM-${name}-${process.pid}`,
      systemUuid: `4c4c4544-0000-1000-8000-${Buffer.from(`${name}${process.pid}`).toString('hex').padStart(12, '0').slice(-12)}`,
      writtenAt: new Date().toISOString(),
    }),
  );
  return dir;
}

async function enrollCli(dir: string, tcti: string, extra: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string; deviceId?: string }> {
  const proc = spawnAgent(['enroll', '--platform', tp.baseUrl, '--token', seeded.token, '--state-dir', dir, ...extra], { EDGE_AGENT_TPM_TCTI: tcti });
  const { code } = await proc.exited;
  const agentFile = join(dir, 'agent.json');
  const deviceId = existsSync(agentFile) ? (JSON.parse(readFileSync(agentFile, 'utf8')) as { deviceId: string }).deviceId : undefined;
  return { code, stdout: proc.stdout(), stderr: proc.stderr(), ...(deviceId ? { deviceId } : {}) };
}

/** What `edge-agent doctor` says on its attestation line. */
async function doctorAttestation(dir: string, tcti: string): Promise<string> {
  const proc = spawnAgent(['doctor', '--state-dir', dir], { EDGE_AGENT_TPM_TCTI: tcti, LANG: 'C.UTF-8' });
  await proc.exited;
  const line = proc
    .stdout()
    .split('\n')
    .find((l) => l.includes('attestation'));
  return line ?? `no attestation line in: ${proc.stdout()}${proc.stderr()}`;
}

/** The EK certificate as the TPM holds it, read with tpm2-tools beside the agent. */
function ekCertificate(tpm: RunningTpm): X509Certificate {
  const out = join(mkdtempSync(join(tmpdir(), 'edgenet-ekcert-')), 'ek.der');
  dirs.push(join(out, '..'));
  execFileSync('tpm2_nvread', ['-T', tpm.tcti, '-C', 'o', '-o', out, '0x01c00002'], { stdio: 'pipe' });
  return new X509Certificate(readFileSync(out));
}

/** POST /enroll/challenge with an EK certificate and an AK (from one TPM, or not). */
async function askChallenge(ekCertificate: Buffer, akPublic: Buffer): Promise<TpmChallenge> {
  const res = await tp.api(
    'POST',
    '/api/v1/enroll/challenge',
    { token: seeded.token, ekCertificate: ekCertificate.toString('base64'), akPublic: akPublic.toString('base64') },
    null,
  );
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as TpmChallenge;
}

async function challenge(session: TpmSession): Promise<TpmChallenge> {
  const e = await session.endorse();
  return askChallenge(e.ekCertificate, e.akPublic);
}

function enrollBody(name: string, publicKey: string, tpm: TpmAttestation): EnrollmentRequest {
  return {
    token: seeded.token,
    kind: 'compute_box',
    fingerprint: createHash('sha256').update(`${name}-${process.pid}`).digest('hex'),
    publicKey,
    agentVersion: 'test',
    inventory: {},
    tpm,
  };
}

describe.skipIf(missing !== null)(`TPM 2.0 attestation at enrollment${missing ? ` (skipped: ${missing})` : ''}`, () => {
  beforeAll(async () => {
    trusted = createTpmCa('trusted');
    untrusted = createTpmCa('untrusted');
    tpmA = await startTpm(manufactureTpm(trusted, 'a'));
    tpmB = await startTpm(manufactureTpm(untrusted, 'b'));
    dirs.push(trusted.dir, untrusted.dir);
    tp = await startTestPlatform({ EDGENET_TPM_ROOTS_DIR: trusted.rootsDir });
    // The assessment window runs past today: the sealing test certifies the day it runs on.
    seeded = await seedEnterprise(tp, { maxUses: 20, windowEnd: '2099-12-31', workstations: ['TPM-01'] });
  });
  afterAll(async () => {
    await tp?.close();
    await tpmA?.stop();
    await tpmB?.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('an agent with a certified TPM enrolls as tpm, with the EK certificate its issuer and serial', async () => {
    const dir = stateDir('first');
    const result = await enrollCli(dir, tpmA.tcti, ['--workstations', 'TPM-01']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('attestation    tpm');
    tpmDevice = result.deviceId;
    tpmDir = dir;
    expect(await doctorAttestation(dir, tpmA.tcti)).toContain(`Enrolled as tpm: the platform verified this device's TPM 2.0 (${tpmA.tcti})`);
    expect(await doctorAttestation(dir, 'none')).toContain('Enrolled as tpm, but no TPM is found now (EDGE_AGENT_TPM_TCTI=none');
    const ek = ekCertificate(tpmA);
    const { body } = await tp.api('GET', `/api/v1/devices/${result.deviceId}`);
    expect(body.attestationLevel).toBe('tpm');
    expect(body.ekIssuer).toBe(ek.issuer.replace(/\n/g, ', '));
    expect(body.ekSerial).toBe(ek.serialNumber.toLowerCase());
    const flags = await tp.api('GET', `/api/v1/flags?deviceId=${result.deviceId}`);
    expect(flags.body.items).toEqual([]);
  });

  it('a running tpm agent seals its chain with its AK: the platform counts the seals and a verifier checks them, and the EK chain', async () => {
    expect(tpmDevice && tpmDir).toBeTruthy();
    const deviceId = tpmDevice!;
    const agent = spawnAgent(['run', '--state-dir', tpmDir!], {
      EDGE_AGENT_TPM_TCTI: tpmA.tcti,
      EDGE_AGENT_HEARTBEAT_INTERVAL_MS: '1000',
      EDGE_AGENT_TPM_SEAL_INTERVAL_MS: '1000',
      EDGE_AGENT_LOG_LEVEL: 'info',
    });
    const calendar = calendarOf(COUNTING_POLICY);
    const day = calendar.dayAndBucket(Date.now()).day;
    const chainDay = async () => (await tp.api('GET', `/api/v1/devices/${deviceId}/chain/${day}`)).body as DeviceDayEvidence;
    // Counts, not a rate: each seal takes several tpm2-tools runs, however long they take here.
    await waitFor(
      'three sealed heartbeats stored',
      async () => {
        await tp.platform.context.writer.flush();
        return verifyDeviceDay(await chainDay(), calendar).sealedHeartbeats >= 3;
      },
      60_000,
    );
    agent.child.kill('SIGTERM');
    await agent.exited;
    await tp.platform.context.writer.flush();
    await tp.platform.context.writer.flushRollups(); // device_days is read below, not only through the API
    const evidence = await chainDay();
    expect(evidence.tpm?.ekCertificate).toBe(ekCertificate(tpmA).raw.toString('base64'));
    const verdict = verifyDeviceDay(evidence, calendar);
    expect(verdict.problems).toEqual([]);
    // The platform verified the same seals at ingest: its rollup counts exactly those.
    const [rollup] = await queryRows<{ tpm_seals: number }>(
      tp.platform.context.db,
      sql`select tpm_seals from device_days where device_id = ${deviceId}::uuid and day = ${day}::date`,
    );
    expect(rollup!.tpm_seals).toBe(verdict.sealedHeartbeats);

    // Another chip's AK does not verify the seals: each is named, none counts.
    const other = TpmSession.open(tpmB.tcti);
    const otherAk = (await other.endorse().finally(() => other.close())).akPublic.toString('base64');
    const swapped = verifyDeviceDay({ ...evidence, tpm: { ...evidence.tpm!, akPublic: otherAk } }, calendar);
    expect(swapped.sealedHeartbeats).toBe(0);
    expect(swapped.problems.length).toBe(verdict.sealedHeartbeats);
    expect(swapped.problems[0]).toMatch(/TPM seal: the quote's signature is not the attestation key's/);

    // The report names the AK and the day's seals; the verifier checks both, and the EK against the roots.
    const run = await tp.api('POST', '/api/v1/certifications', { windowStart: day, windowEnd: day });
    expect(run.status, JSON.stringify(run.body)).toBe(201);
    const report = (await tp.api('GET', `/api/v1/certifications/${run.body.id}`)).body;
    const keys = (await tp.api('GET', '/api/v1/signing-keys')).body.keys;
    const rows = await (
      await fetch(`${tp.baseUrl}/api/v1/certifications/${run.body.id}/evidence`, { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } })
    ).text();
    const row = rows
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as DeviceEvidence)
      .find((r) => r.deviceId === deviceId)!;
    expect(row.akSha256).toBe(createHash('sha256').update(Buffer.from(evidence.tpm!.akPublic, 'base64')).digest('hex'));
    expect(row.days.find(([d]) => d === day)?.[4]).toBe(verdict.sealedHeartbeats);
    const honest = verifyReport(report, keys, rows, { deviceDays: [evidence], tpmRoots: loadTpmRoots(trusted.rootsDir) });
    expect(honest.problems).toEqual([]);
    expect(honest.checked).toContain('TPM seals of 1 device-day(s) against the attestation keys the report names');
    expect(honest.checked).toContain('EK certificates of 1 tpm device(s) against the TPM roots given');
    expect(verifyReport(report, keys, rows, { deviceDays: [evidence] }).unchecked.map((u) => u.check)).toContain('tpm');
    // A day whose seals were taken away (the AK shown is another chip's) claims seals it cannot back.
    const stripped = verifyReport(report, keys, rows, { deviceDays: [{ ...evidence, tpm: { ...evidence.tpm!, akPublic: otherAk } }] });
    expect(stripped.problems.join('\n')).toMatch(/the attestation key given \(.*\) is not the one the report names/);
    const noKey = verifyReport(report, keys, rows, { deviceDays: [{ ...evidence, tpm: undefined }] as DeviceDayEvidence[] });
    expect(noKey.problems.join('\n')).toMatch(/TPM seal\(s\) claimed, but the device-day carries no attestation key/);
    // An EK certificate from a root the bureau does not trust.
    const foreign = verifyReport(report, keys, rows, { deviceDays: [evidence], tpmRoots: loadTpmRoots(untrusted.rootsDir) });
    expect(foreign.problems.join('\n')).toMatch(new RegExp(`device ${deviceId}: its EK certificate`));
  }, 120_000);

  it('sealed days certify the node at level tpm; a day whose only seal is lifted from another device leaves it software', async () => {
    // A whole day's evidence takes an hour of heartbeats, so the days here are sent through ingest at
    // their own times (tomorrow and the day after, Asia/Shanghai), signed with the agent's own key
    // and sealed by its own AK in the same TPM, as the agent's sealer does.
    const deviceId = tpmDevice!;
    const { dayStartUtc, dayAndBucket } = calendarOf(COUNTING_POLICY);
    const identity = loadIdentity(join(tpmDir!, 'device-key.pem'));
    const session = TpmSession.open(tpmA.tcti);
    await session.loadAk(readStoredAk(tpmDir!)!);
    let seq = (await tp.api('GET', `/api/v1/devices/${deviceId}`)).body.lastSeq as number;
    /** `sealedFor`: the device id the day's seal names (another's: a seal lifted from its chain). */
    const sendDay = async (day: string, sealedFor: string): Promise<void> => {
      let prev = new Uint8Array();
      for (let k = 0; k < 13; k++) {
        const at = dayStartUtc(day) + 8 * 3_600_000 + k * 300_000;
        seq += 1;
        const tpmSeal = k === 1 ? await session.quote(tpmSealQualifyingData(sealedFor, prev)) : null;
        const body = encodeHeartbeat({ seq, deviceTimeMs: at, inference: { total: k + 1 }, prevHash: prev, tpmSeal });
        const handled = await tp.platform.context.ingest.handle(deviceId, 'heartbeat', sealEnvelope(body, identity.privateKey), new Date(at));
        expect(handled.outcome).toBe('accepted');
        prev = createHash('sha256').update(body).digest();
      }
      await tp.platform.context.writer.flush();
      await tp.platform.context.writer.flushRollups(); // device_days is read directly below
    };
    const day1 = dayAndBucket(Date.now() + 86_400_000).day;
    const day2 = dayAndBucket(Date.now() + 2 * 86_400_000).day;
    try {
      await sendDay(day1, deviceId);
      await sendDay(day2, seeded.projectId); // any other id: the quote is genuine, but not over this chain
    } finally {
      session.close();
    }
    // The agent ran on this machine, a virtual one where CI runs: the operator resolves that flag, as
    // for a box judged on site, so the count turns on the seals alone.
    for (const f of (await tp.api('GET', `/api/v1/flags?deviceId=${deviceId}`)).body.items as { id: string; kind: string }[]) {
      expect(f.kind).toBe('virtual_machine');
      expect((await tp.api('POST', `/api/v1/flags/${f.id}/resolve`, { resolution: 'test machine' })).status).toBe(200);
    }
    const seals = await queryRows<{ day: string; tpm_seals: number }>(
      tp.platform.context.db,
      sql`select to_char(day, 'YYYY-MM-DD') as day, tpm_seals from device_days where device_id = ${deviceId}::uuid and day >= ${day1}::date order by day`,
    );
    expect(seals).toEqual([
      { day: day1, tpm_seals: 1 },
      { day: day2, tpm_seals: 0 },
    ]);
    const certify = async (windowEnd: string) => {
      const run = await tp.api('POST', '/api/v1/certifications', { windowStart: day1, windowEnd });
      expect(run.status, JSON.stringify(run.body)).toBe(201);
      return (await tp.api('GET', `/api/v1/certifications/${run.body.id}`)).body.body.results;
    };
    const sealedOnly = await certify(day1);
    expect(sealedOnly.devices.find((d: { deviceId: string }) => d.deviceId === deviceId)).toMatchObject({
      reasons: [],
      verified: true,
      activeDays: 1,
      sealedActiveDays: 1,
      attestation: 'tpm',
      workstations: ['TPM-01'],
    });
    expect(sealedOnly.totals.certifiedNodesByAttestation).toEqual({ tpm: 1, software: 0 });
    const withUnsealed = await certify(day2);
    expect(withUnsealed.devices.find((d: { deviceId: string }) => d.deviceId === deviceId)).toMatchObject({
      verified: true,
      activeDays: 2,
      sealedActiveDays: 1,
    });
    expect(withUnsealed.totals.certifiedNodesByAttestation).toEqual({ tpm: 0, software: 1 });
  });

  it('the same EK enrolled from a second state directory is flagged duplicate hardware', async () => {
    const result = await enrollCli(stateDir('second'), tpmA.tcti);
    expect(result.code, result.stderr).toBe(0);
    const flags = await tp.api('GET', `/api/v1/flags?deviceId=${result.deviceId}`);
    const duplicate = (flags.body.items as { kind: string; evidence: { shared: string[] } }[]).find((f) => f.kind === 'duplicate_hardware');
    expect(duplicate?.evidence.shared).toEqual(['tpm_ek']);
  });

  it('an EK certificate from a root the operator did not configure is refused, and nothing is written', async () => {
    const dir = stateDir('untrusted');
    const result = await enrollCli(dir, tpmB.tcti);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('EDGE_AGENT_ERR_ENROLL_REJECTED');
    expect(result.stderr).toContain('does not chain to a root');
    expect(existsSync(join(dir, 'agent.json'))).toBe(false);
  });

  it('a quote over another challenge’s nonce is refused; the right one enrolls once, and its replay is refused', async () => {
    const session = TpmSession.open(tpmA.tcti);
    try {
      const stale = await challenge(session);
      const fresh = await challenge(session); // a new AK: the one `fresh`'s credential names
      const secret = (await session.activate(Buffer.from(fresh.credential, 'base64'))).toString('base64');
      const publicKey = publicKeyBase64Url(generateIdentity().publicKey);
      const quoteOver = async (nonce: string) => {
        const q = await session.quote(quoteQualifyingData(Buffer.from(nonce, 'base64'), Buffer.from(publicKey, 'base64url')));
        return { challengeId: fresh.challengeId, secret, quote: q.quote.toString('base64'), signature: q.signature.toString('base64') };
      };
      const refused = await tp.api('POST', '/api/v1/enroll', enrollBody('stale', publicKey, await quoteOver(stale.nonce)), null);
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe('EDGENET_ERR_TPM_ATTESTATION');
      expect(refused.body.message).toContain('qualifying data');

      const good = await quoteOver(fresh.nonce);
      const wrongSecret = await tp.api(
        'POST',
        '/api/v1/enroll',
        enrollBody('secret', publicKey, { ...good, secret: Buffer.alloc(32).toString('base64') }),
        null,
      );
      expect(wrongSecret.status).toBe(400);
      expect(wrongSecret.body.message).toContain('activated secret is wrong');

      const enrolled = await tp.api('POST', '/api/v1/enroll', enrollBody('fresh', publicKey, good), null);
      expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(201);
      expect(enrolled.body.attestation).toBe('tpm');
      const replay = await tp.api('POST', '/api/v1/enroll', enrollBody('replay', publicKey, good), null);
      expect(replay.status).toBe(400);
      expect(replay.body.message).toContain('answered already');
    } finally {
      session.close();
    }
  });

  it('a challenge answered after it expired is refused (the clock is the enrollment’s own)', async () => {
    const session = TpmSession.open(tpmA.tcti);
    try {
      const e = await session.endorse();
      const ctx = tp.platform.context;
      const issuedAt = new Date();
      const c = await issueChallenge(
        ctx.db,
        ctx.tpmRoots,
        ctx.config.tpmChallengeTtlMs,
        { token: seeded.token, ekCertificate: e.ekCertificate.toString('base64'), akPublic: e.akPublic.toString('base64') },
        issuedAt,
      );
      const secret = await session.activate(Buffer.from(c.credential, 'base64'));
      const publicKey = publicKeyBase64Url(generateIdentity().publicKey);
      const q = await session.quote(quoteQualifyingData(Buffer.from(c.nonce, 'base64'), Buffer.from(publicKey, 'base64url')));
      const { tpm, ...device } = enrollBody('expired', publicKey, {
        challengeId: c.challengeId,
        secret: secret.toString('base64'),
        quote: q.quote.toString('base64'),
        signature: q.signature.toString('base64'),
      });
      const late = new Date(issuedAt.getTime() + ctx.config.tpmChallengeTtlMs);
      await expect(
        enrollDevice(ctx, { token: seeded.token, remoteAddress: '127.0.0.1', at: late, onTokenSeen: () => undefined }, device, 10_000, tpm),
      ).rejects.toThrow(/expired .*stale nonce/);
    } finally {
      session.close();
    }
  });

  it('a device without a TPM enrolls as software, as before', async () => {
    const dir = stateDir('notpm');
    const result = await enrollCli(dir, 'none');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('attestation    software');
    softwareDevice = result.deviceId;
    expect(await doctorAttestation(dir, 'none')).toContain('Enrolled as software: EDGE_AGENT_TPM_TCTI=none turns the TPM off');
    expect(await doctorAttestation(dir, tpmA.tcti)).toContain(`Enrolled as software although a TPM 2.0 is at ${tpmA.tcti}`);
    const { body } = await tp.api('GET', `/api/v1/devices/${result.deviceId}`);
    expect(body.attestationLevel).toBe('software');
    expect(body.ekIssuer).toBeNull();
  });

  it('each evidence row and the report name the level; the published policy requires no TPM', async () => {
    const run = await tp.api('POST', '/api/v1/certifications', { windowStart: '2025-07-01', windowEnd: '2025-07-10' });
    expect(run.status, JSON.stringify(run.body)).toBe(201);
    const res = await fetch(`${tp.baseUrl}/api/v1/certifications/${run.body.id}/evidence`, { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } });
    const rows = (await res.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { deviceId: string; attestation: string });
    const level = new Map(rows.map((r) => [r.deviceId, r.attestation]));
    expect(level.get(tpmDevice!)).toBe('tpm');
    expect(level.get(softwareDevice!)).toBe('software');
    const { body } = await tp.api('GET', `/api/v1/certifications/${run.body.id}`);
    expect(body.body.policy.requireTpm).toEqual({ compute_box: false, industrial_pc: false, server: false });
    const results = body.body.results as { devices: { deviceId: string; attestation: string; reasons: string[] }[]; totals: Record<string, unknown> };
    expect(results.devices.find((d) => d.deviceId === tpmDevice)?.attestation).toBe('tpm');
    const software = results.devices.find((d) => d.deviceId === softwareDevice);
    expect(software?.attestation).toBe('software');
    // Not verified for want of active days (no heartbeats here), never for its level.
    expect(software?.reasons.some((r) => r.includes('attestation'))).toBe(false);
    expect(results.totals.certifiedNodesByAttestation).toEqual({ tpm: 0, software: 0 });
  });

  it('an EK certificate shown with another TPM’s AK yields a credential neither TPM can activate', async () => {
    const owner = TpmSession.open(tpmA.tcti); // holds the certified EK
    const other = TpmSession.open(tpmB.tcti); // a second chip whose AK would ride on that certificate
    try {
      const ek = await owner.endorse();
      const ak = await other.endorse();
      const credential = Buffer.from((await askChallenge(ek.ekCertificate, ak.akPublic)).credential, 'base64');
      // tpmB lacks the EK's private key; tpmA lacks the AK the credential names.
      await expect(other.activate(credential)).rejects.toMatchObject({ code: 'EDGE_AGENT_ERR_TPM' });
      await expect(owner.activate(credential)).rejects.toMatchObject({ code: 'EDGE_AGENT_ERR_TPM' });
    } finally {
      owner.close();
      other.close();
    }
  });

  it('a platform without manufacturer roots enrolls a device with a TPM as software, and says so', async () => {
    const plain = await startTestPlatform();
    try {
      const token = (await seedEnterprise(plain, { maxUses: 2 })).token;
      const dir = stateDir('noroots');
      const proc = spawnAgent(['enroll', '--platform', plain.baseUrl, '--token', token, '--state-dir', dir], { EDGE_AGENT_TPM_TCTI: tpmA.tcti });
      const { code } = await proc.exited;
      expect(code, proc.stderr()).toBe(0);
      expect(proc.stderr()).toContain('the platform does not attest TPMs (501');
      expect(proc.stdout()).toContain('attestation    software');
      const { deviceId } = JSON.parse(readFileSync(join(dir, 'agent.json'), 'utf8')) as { deviceId: string };
      expect((await plain.api('GET', `/api/v1/devices/${deviceId}`)).body.attestationLevel).toBe('software');
    } finally {
      await plain.close();
    }
  });

  it('an attestation key that is not restricted (it could sign a forged quote) is refused at the challenge', async () => {
    const session = TpmSession.open(tpmA.tcti);
    try {
      const e = await session.endorse();
      const unrestricted = Buffer.from(e.akPublic);
      // TPM2B_PUBLIC: size (2), type (2), nameAlg (2), then objectAttributes (4): clear restricted (bit 16).
      unrestricted.writeUInt32BE(unrestricted.readUInt32BE(6) & ~(1 << 16), 6);
      const res = await tp.api(
        'POST',
        '/api/v1/enroll/challenge',
        { token: seeded.token, ekCertificate: e.ekCertificate.toString('base64'), akPublic: unrestricted.toString('base64') },
        null,
      );
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('EDGENET_ERR_TPM_ATTESTATION');
      expect(res.body.message).toContain('not a restricted signing key');
    } finally {
      session.close();
    }
  });
});
