// The floor of one stored heartbeat on this machine, measured in the same run as the platform: what
// no implementation of "verify every message, acknowledge after commit" can avoid. Each item is the
// CPU of the process doing it over many repetitions, from /proc or process.cpuUsage():
//   verify    Ed25519 verify of a real signed heartbeat (RFC 8032) with the verifier the platform
//             uses (platform/src/ingest/ed25519.ts: libsodium, else OpenSSL); verifyOpensslUs is
//             node:crypto's for comparison, not part of the floor
//   decode    decodeDeviceMessage('heartbeat') of the sealed payload: envelope, body and range checks
//   sha256    SHA-256 of the body (the chain link, proto/src/chain.ts)
//   receive   a bare aedes (bare-broker.mjs) taking QoS 1 PUBLISHes from a real mqtt.js client, over
//             TLS when the run is MQTTS: that process's CPU per message, PUBACK included, one at a time
//   copyClient  formatting the rows as COPY text (what a COPY client does besides the socket)
//   copyServer  the PostgreSQL backend's CPU for COPY of the same rows into a scratch table shaped
//             like `heartbeats` (its indexes, no trigger), in transactions of COPY_BATCH rows
// The platform's floor is verify + decode + sha256 + receive + copyClient; the database's is copyServer.
import { fork } from 'node:child_process';
import { createHash, generateKeyPairSync, randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mqtt from 'mqtt';
import { chainLink, decodeDeviceMessage, edge, encodeHeartbeat, sealedPayload } from '../../proto/dist/index.js';
import { ed25519Verifier, opensslVerifier } from '../../platform/dist/ingest/ed25519.js';
import { treeUsage } from '../lib/proc-usage.mjs';

const BARE_BROKER = fileURLToPath(new URL('./bare-broker.mjs', import.meta.url));
const CPU_ROUNDS = 20_000; // in-process items: enough for process.cpuUsage() to be steady
const RECEIVES = 20_000; // 20,000 × ~40 µs ≈ 0.8 s of broker CPU: 80 ticks of /proc's 10 ms
// One message at a time: in the fleet each device's heartbeat arrives alone on its connection (its
// own read, its own PUBACK write); a pipelined publisher would batch reads the platform never gets.
const IN_FLIGHT = 1;
const COPY_ROWS = 40_000;
const COPY_BATCH = 500; // rows per COPY and transaction, about what the writer commits at 1,000/s
const DEVICES = 2_000;

/** Signed heartbeats as a device makes them: `count` of them, chained, for a few devices. */
function heartbeats(count) {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  let prevHash = Buffer.alloc(0);
  const out = [];
  for (let seq = 1; seq <= count; seq++) {
    const body = encodeHeartbeat({
      seq,
      deviceTimeMs: Date.now(),
      uptimeS: 3600 + seq,
      cpuPercent: 20 + (seq % 30),
      memoryUsedBytes: 3 * 2 ** 30,
      memoryTotalBytes: 8 * 2 ** 30,
      diskUsedBytes: 40 * 2 ** 30,
      diskTotalBytes: 120 * 2 ** 30,
      inference: { total: seq * 10, errors: 0 },
      prevHash,
    });
    const payload = sealedPayload(body, privateKey);
    out.push({ seq, body, prevHash, payload, signature: Buffer.from(edge.v1.Envelope.decode(payload).signature) });
    prevHash = chainLink(body);
  }
  return { publicKey, items: out };
}

/** CPU µs per call of fn over `rounds` calls, this process (single-threaded, synchronous work). */
function cpuPerCall(rounds, fn) {
  for (let i = 0; i < Math.min(rounds, 2_000); i++) fn(i); // warm the JIT first
  const t = process.cpuUsage();
  for (let i = 0; i < rounds; i++) fn(i);
  const d = process.cpuUsage(t);
  return (d.user + d.system) / rounds;
}

/** The bare aedes's CPU per QoS 1 message received and acknowledged. */
async function bareReceive({ tls, payloads }) {
  const env = { ...process.env, ...(tls ? { FLOOR_TLS_KEY: tls.key, FLOOR_TLS_CERT: tls.cert } : {}) };
  const child = fork(BARE_BROKER, [], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    const port = await new Promise((resolve, reject) => {
      child.once('message', (m) => resolve(m.port));
      child.once('exit', (code) => reject(new Error(`bare broker exited (${code})`)));
    });
    const url = `${tls ? 'mqtts' : 'mqtt'}://127.0.0.1:${port}`;
    const client = await mqtt.connectAsync(url, { clientId: 'floor-publisher', clean: true, reconnectPeriod: 0, ...(tls ? { ca: tls.ca } : {}) });
    const send = async (n) => {
      let next = 0;
      const lane = async () => {
        while (next < n) {
          const i = next++;
          await client.publishAsync(`edge/v1/devices/floor/heartbeat`, Buffer.from(payloads[i % payloads.length]), { qos: 1 });
        }
      };
      await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
    };
    await send(2_000); // warm the broker's JIT
    const before = treeUsage(child.pid).cpuS;
    await send(RECEIVES);
    const after = treeUsage(child.pid).cpuS;
    await client.endAsync();
    return ((after - before) / RECEIVES) * 1e6;
  } finally {
    child.send({ type: 'stop' });
    await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
  }
}

const hex = (b) => `\\\\x${Buffer.from(b).toString('hex')}`;

/** The heartbeats as COPY text rows (PostgreSQL docs, COPY "Text Format"), one line each. */
function copyText(items, deviceIds, from, to) {
  const now = new Date().toISOString();
  let text = '';
  for (let i = from; i < to; i++) {
    const h = items[i % items.length];
    text += `${deviceIds[i % deviceIds.length]}\t${i + 1}\t${now}\t${now}\t10\t1\tt\t0123456789abcdef\t${hex(h.body)}\t${hex(h.signature)}\n`;
  }
  return text;
}

// The stored row (platform/src/db/schema/heartbeats.ts): the signed body and signature, and what the
// platform decided; filing 1 is 'received'.
const COLUMNS = 'device_id, seq, received_at, filed_at, inference_delta, filing, chain_ok, key_id, body, signature';

/**
 * The server side of COPY: the backend reads a file on this machine (the server runs here; a
 * superuser may COPY FROM a file), so no client work is in its figure; its CPU is read from /proc.
 */
async function copyServer({ db, items }) {
  const session = await db.session();
  const dir = mkdtempSync(join(tmpdir(), 'edgenet-floor-'));
  chmodSync(dir, 0o755);
  try {
    await session.query('create table floor_heartbeats (like heartbeats including all)');
    const deviceIds = Array.from({ length: DEVICES }, () => randomUUID());
    const files = [];
    for (let from = 0; from < COPY_ROWS; from += COPY_BATCH) {
      const file = join(dir, `${from}.copy`);
      writeFileSync(file, copyText(items, deviceIds, from, from + COPY_BATCH), { mode: 0o644 });
      files.push(file);
    }
    const [{ pid }] = await session.query('select pg_backend_pid() as pid');
    const cpu = () => {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(stat[11]) + Number(stat[12])) / 100;
    };
    const before = cpu();
    for (const file of files) await session.query(`copy floor_heartbeats (${COLUMNS}) from '${file}'`);
    const after = cpu();
    await session.query('drop table floor_heartbeats');
    return ((after - before) / COPY_ROWS) * 1e6;
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await session.end();
  }
}

/**
 * Every floor item in µs per heartbeat. `db` is the run's scratch database (null on PGlite: no
 * server backend to measure), `tls` the platform's certificate, key and CA (null over plain TCP).
 */
export async function measureFloor({ db, tls }) {
  const { publicKey, items } = heartbeats(1_000);
  const envelopes = items.map((h) => edge.v1.Envelope.decode(h.payload));
  const verifyWith = (verifier) =>
    cpuPerCall(CPU_ROUNDS, (i) => {
      const e = envelopes[i % envelopes.length];
      if (!verifier.verify(e.body, e.signature, publicKey)) throw new Error('floor: a real heartbeat did not verify');
    });
  const verifier = ed25519Verifier();
  const floor = {
    verifyUs: verifyWith(verifier),
    decodeUs: cpuPerCall(CPU_ROUNDS, (i) => {
      if (!decodeDeviceMessage('heartbeat', items[i % items.length].payload).ok) throw new Error('floor: a real heartbeat did not decode');
    }),
    sha256Us: cpuPerCall(CPU_ROUNDS, (i) =>
      createHash('sha256')
        .update(envelopes[i % envelopes.length].body)
        .digest(),
    ),
    receiveUs: await bareReceive({ tls, payloads: items.map((h) => h.payload) }),
    copyClientUs: cpuPerCall(20, () => copyText(items, ['00000000-0000-4000-8000-000000000000'], 0, COPY_BATCH)) / COPY_BATCH,
    copyServerUs: db ? await copyServer({ db, items }) : null,
  };
  const platformUs = floor.verifyUs + floor.decodeUs + floor.sha256Us + floor.receiveUs + floor.copyClientUs;
  const round = (n) => (n === null ? null : Math.round(n * 10) / 10);
  return {
    ...Object.fromEntries(Object.entries(floor).map(([k, v]) => [k, round(v)])),
    verifier: verifier.backend,
    verifyOpensslUs: round(verifier === opensslVerifier ? floor.verifyUs : verifyWith(opensslVerifier)),
    platformUs: round(platformUs),
    dbUs: round(floor.copyServerUs),
    totalUs: round(platformUs + (floor.copyServerUs ?? 0)),
  };
}
