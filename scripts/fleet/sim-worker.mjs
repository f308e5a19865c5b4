// One simulator process: thousands of devices, each its own TCP connection speaking MQTT 3.1.1 with
// mqtt-packet (the codec inside MQTT.js and aedes) — a full client per device costs too much memory at
// 100,000 — and the real edge.v1 protocol: signed hello, workstation mapping, chained heartbeats.
// Over TLS when given the platform's CA (config.ca): trusting exactly that CA, as an enrolled agent
// pins it, with the host name checked against the server certificate (RFC 6125).
// Started by fleet.mjs with fork(); takes its devices over IPC and reports over IPC.
import { connect } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { createPrivateKey } from 'node:crypto';
import mqttPacket from 'mqtt-packet';
import { chainLink, deviceTopic, edge, encodeHeartbeat, sealedPayload } from '../../proto/dist/index.js';

const RECONNECT_BASE_MS = 1_000;
const RECONNECT_CAP_MS = 30_000;

let cfg;
const devices = [];
// tlsHandshakes / tlsResumed: how many TLS handshakes completed, and how many of them resumed the
// device's previous session from its ticket (RFC 8446 §2.2) instead of a full handshake.
const stats = { connects: 0, connectFailures: 0, disconnects: 0, generated: 0, acked: 0, misbehaved: 0, tlsHandshakes: 0, tlsResumed: 0, connectedAt: [] };
let stopping = false; // no more reconnects
let generating = true; // heartbeats still being made
// While the benchmark measures connections, devices skip their heartbeats (as with a longer
// interval): the window's CPU is then the connections', not a share estimated from the hold.
let paused = false;

process.on('message', (msg) => {
  if (msg.type === 'start') start(msg);
  else if (msg.type === 'stop') stop();
  else if (msg.type === 'drain') drain().then((s) => process.send({ type: 'drained', stats: s }));
  else if (msg.type === 'stats') process.send({ type: 'stats', stats: snapshot() });
  else if (msg.type === 'reconnect') reconnect(msg.count);
  else if (msg.type === 'pause') paused = msg.paused;
});

function start(msg) {
  cfg = { ...msg.config, forgerKey: createPrivateKey({ key: msg.config.forgerJwk, format: 'jwk' }) };
  paused = Boolean(cfg.paused);
  for (const [i, d] of msg.devices.entries()) {
    const privateKey = createPrivateKey({ key: { kty: 'OKP', crv: 'Ed25519', d: d.d, x: d.x }, format: 'jwk' });
    devices.push({
      ...d,
      privateKey,
      source: cfg.sources[i % cfg.sources.length],
      misbehaves: d.misbehaves,
      seq: d.nextSeq - 1,
      prevHash: Buffer.alloc(0),
      pending: new Map(), // messageId -> payload (QoS 1 in flight or waiting for a connection)
      backlog: [], // heartbeats made while disconnected
      nextMessageId: 1,
      socket: null,
      connected: false,
      attempts: 0,
      tlsSession: undefined, // the ticket of the last connection, offered on the next, as the agent does
    });
  }
  // Spread the ramp: each device connects at a random moment within rampMs.
  for (const d of devices) setTimeout(() => open(d), Math.random() * cfg.rampMs);
  setInterval(() => process.send({ type: 'stats', stats: snapshot() }), 1_000).unref();
}

function open(d) {
  if (stopping) return;
  const socket = cfg.ca ? openTls(d) : connect({ host: cfg.host, port: cfg.port, localAddress: d.source });
  d.socket = socket;
  socket.setNoDelay(true);
  const parser = mqttPacket.parser({ protocolVersion: 4 });
  parser.on('packet', (p) => onPacket(d, p));
  parser.on('error', () => socket.destroy());
  socket.on('data', (buf) => parser.parse(buf));
  socket.on('error', () => undefined);
  socket.on('close', () => onClose(d, socket));
  socket.on(cfg.ca ? 'secureConnect' : 'connect', () => {
    const will = sealedPayload(edge.v1.Status.encode({ online: false, deviceTimeMs: Date.now() }).finish(), d.privateKey);
    socket.write(
      mqttPacket.generate({
        // A device speaks at least once per heartbeat interval, so a keep-alive of two intervals never
        // expires while it is up [MQTT-3.1.2-24]; with a fixed 120 s, devices on a 300 s interval were cut off.
        cmd: 'connect',
        protocolId: 'MQTT',
        protocolVersion: 4,
        clean: true,
        keepalive: Math.min(65_535, Math.max(120, Math.ceil((2 * cfg.intervalMs) / 1000))),
        clientId: d.deviceId,
        username: d.deviceId,
        password: Buffer.from(d.password),
        will: { topic: deviceTopic(d.deviceId, 'status'), payload: will, qos: 1, retain: false },
      }),
    );
  });
}

/** TLS to the platform, offering the device's last session (agent/src/mqtt-session.ts does the same). */
function openTls(d) {
  const socket = connectTls({
    host: cfg.host,
    port: cfg.port,
    localAddress: d.source,
    ca: cfg.ca,
    rejectUnauthorized: true,
    ...(d.tlsSession && cfg.resume !== false ? { session: d.tlsSession } : {}),
  });
  socket.on('session', (session) => (d.tlsSession = session));
  socket.once('secureConnect', () => {
    stats.tlsHandshakes += 1;
    if (socket.isSessionReused()) stats.tlsResumed += 1;
  });
  return socket;
}

function onPacket(d, p) {
  if (p.cmd === 'connack') {
    if (p.returnCode !== 0) {
      stats.connectFailures += 1;
      d.socket.destroy();
      return;
    }
    d.connected = true;
    d.attempts = 0;
    stats.connects += 1;
    stats.connectedAt.push(Date.now());
    publish(
      d,
      'hello',
      edge.v1.Hello.encode({
        agentVersion: 'fleet-sim',
        kind: edge.v1.DeviceKind.COMPUTE_BOX,
        fingerprint: d.fingerprint,
        heartbeatIntervalMs: cfg.intervalMs,
        deviceTimeMs: Date.now(),
        inventory: { cpuBrand: 'simulated', cpuCores: 4, memoryBytes: 8 * 2 ** 30 },
      }).finish(),
    );
    publish(d, 'workstations', edge.v1.WorkstationMapping.encode({ workstationCodes: d.workstations, revision: 1 }).finish());
    // Resend what was in flight when the connection dropped, then the backlog, in seq order.
    for (const [id, payload] of d.pending)
      d.socket.write(mqttPacket.generate({ cmd: 'publish', topic: deviceTopic(d.deviceId, 'heartbeat'), payload, qos: 1, messageId: id, dup: true }));
    for (const payload of d.backlog.splice(0)) send(d, 'heartbeat', payload);
    if (!d.timer && generating) schedule(d, Math.random() * cfg.intervalMs);
  } else if (p.cmd === 'puback') {
    if (d.pending.delete(p.messageId)) stats.acked += 1;
  }
}

function onClose(d, socket) {
  if (d.socket !== socket) return;
  if (d.connected) stats.disconnects += 1;
  d.connected = false;
  d.socket = null;
  if (stopping) return;
  // Full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"): a restarted platform
  // sees the fleet come back spread out, not as one wave.
  const delay = Math.random() * Math.min(RECONNECT_CAP_MS, RECONNECT_BASE_MS * 2 ** d.attempts++);
  setTimeout(() => open(d), delay);
}

/**
 * Drops `count` connected devices' connections at once, as a network blip does; each comes back
 * through onClose's backoff (first attempt within a second) with a TLS handshake (resumed from its
 * ticket unless --full-handshakes), CONNECT, hello and mapping. The benchmark measures what that
 * costs the platform per reconnect.
 */
function reconnect(count) {
  for (const d of devices.filter((x) => x.connected).slice(0, count)) d.socket.destroy();
}

function schedule(d, delayMs) {
  d.timer = setTimeout(() => {
    heartbeat(d);
    // Jitter of ±5% keeps devices from falling into step.
    if (generating) schedule(d, cfg.intervalMs * (0.95 + Math.random() * 0.1));
  }, delayMs);
}

function heartbeat(d) {
  if (!generating || paused) return;
  d.seq += 1;
  stats.generated += 1;
  const body = encodeHeartbeat({
    seq: d.seq,
    deviceTimeMs: Date.now(),
    uptimeS: Math.floor(process.uptime()),
    cpuPercent: 20 + Math.random() * 30,
    memoryUsedBytes: 3 * 2 ** 30,
    memoryTotalBytes: 8 * 2 ** 30,
    diskUsedBytes: 40 * 2 ** 30,
    diskTotalBytes: 120 * 2 ** 30,
    inference: { total: d.seq * 10, errors: 0 },
    prevHash: d.prevHash,
  });
  d.prevHash = chainLink(body);
  const payload = sealedPayload(body, d.privateKey);
  if (d.connected) send(d, 'heartbeat', payload);
  else d.backlog.push(payload);
  if (d.misbehaves && d.connected && Math.random() < 0.2) misbehave(d, payload);
  // Random disconnects: the network of a factory is not perfect.
  if (d.connected && Math.random() < cfg.disconnectChance) d.socket.destroy();
}

/** The misbehaving share sends garbage, replays and forged signatures; the platform must drop them. */
function misbehave(d, lastPayload) {
  stats.misbehaved += 1;
  const kind = Math.floor(Math.random() * 3);
  const topic = deviceTopic(d.deviceId, 'heartbeat');
  const payload =
    kind === 0
      ? Buffer.from('not protobuf at all')
      : kind === 1
        ? lastPayload // a replay of the heartbeat just sent
        : sealedPayload(encodeHeartbeat({ seq: d.seq + 1_000_000, deviceTimeMs: Date.now() }), cfg.forgerKey);
  d.socket.write(mqttPacket.generate({ cmd: 'publish', topic, payload, qos: 0 }));
}

function publish(d, kind, body) {
  send(d, kind, sealedPayload(body, d.privateKey));
}

function send(d, kind, payload) {
  const messageId = d.nextMessageId;
  d.nextMessageId = (d.nextMessageId % 65_535) + 1;
  if (kind === 'heartbeat') d.pending.set(messageId, payload);
  d.socket.write(mqttPacket.generate({ cmd: 'publish', topic: deviceTopic(d.deviceId, kind), payload, qos: 1, messageId }));
}

function snapshot() {
  const connected = devices.filter((d) => d.connected).length;
  const connectedAt = stats.connectedAt.splice(0);
  return { ...stats, connectedAt, connected, devices: devices.length, inFlight: devices.reduce((n, d) => n + d.pending.size + d.backlog.length, 0) };
}

/** Stops making heartbeats and waits until everything made is acknowledged (or 60 s pass). */
async function drain() {
  generating = false;
  for (const d of devices) clearTimeout(d.timer);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && devices.some((d) => d.pending.size + d.backlog.length > 0)) await new Promise((r) => setTimeout(r, 200));
  return { ...snapshot(), lastSeqs: Object.fromEntries(devices.map((d) => [d.deviceId, d.seq])) };
}

function stop() {
  stopping = true;
  for (const d of devices) {
    clearTimeout(d.timer);
    d.socket?.destroy();
  }
  setTimeout(() => process.exit(0), 100);
}
