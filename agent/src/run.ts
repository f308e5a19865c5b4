// `edge-agent run`: the long-lived loop. Named steps, top to bottom (as aedes's connectActions):
// load config → load key → open seq store → open queue → read hardware → start sampler → start
// inference → connect; a heartbeat every interval, connected or not, into the on-disk queue; then on
// every connect: subscribe cmd → Hello → WorkstationMapping → drain the queue → Heartbeat.
import { createHash } from 'node:crypto';
import { uptime } from 'node:os';
import { join } from 'node:path';
import { commandTopic, deviceTopic, edge, MAX_PAYLOAD_BYTES } from '@edgenet/proto';
import { Backoff } from './backoff.js';
import { ClockJudge, measurePlatformClock } from './clock.js';
import { interpretCommand, type CommandAction } from './commands.js';
import { DiskQueue } from './disk-queue.js';
import { InferenceHost } from './inference-host.js';
import { Outbox } from './outbox.js';
import { RunLock } from './run-lock.js';
import { isTlsBrokerUrl, loadRunConfig, type Env, type RunConfig } from './config.js';
import { AgentError } from './errors.js';
import { keyId, loadIdentity, publicKeyBase64Url, type DeviceIdentity } from './identity.js';
import { zeroInferenceCounters, type InferenceCountersProvider } from './inference-counters.js';
import { readHardware, readHardwareFile, type HardwareReading, type SystemInfo } from './inventory.js';
import { createLogger, type Logger } from './log.js';
import { encodeHeartbeat, encodeHello, encodeStatus, encodeWorkstations, seal } from './messages.js';
import { MetricsSampler, type MetricsSystemInfo } from './metrics-sampler.js';
import { MqttSession, type OutgoingMessage } from './mqtt-session.js';
import {
  readJsonFile,
  readStatusFile,
  SeqStore,
  ChainStore,
  STATE_FILES,
  writeJsonFile,
  writeStatusFile,
  type ConnectionState,
} from './state-store.js';
import { AGENT_VERSION } from './version.js';

export interface RunOptions {
  stateDir: string;
  env?: Env;
  log?: Logger;
  sys?: SystemInfo;
  metricsSys?: MetricsSystemInfo;
  inference?: InferenceCountersProvider;
  /** Settings file; undefined: --config / EDGE_AGENT_CONFIG / /etc/edge-agent/config.json. */
  configFile?: string | null;
}

export interface RunningAgent {
  readonly config: Readonly<RunConfig>;
  /** Publishes Status{online:false}, disconnects and resolves within timeoutMs. */
  stop(timeoutMs?: number): Promise<void>;
}

export const SHUTDOWN_BUDGET_MS = 4_000; // 4 s: inside the 5 s a service manager is promised

export async function startAgent(options: RunOptions): Promise<RunningAgent> {
  const config = loadRunConfig(options.stateDir, options.env ?? process.env, options.configFile === undefined ? {} : { configFile: options.configFile });
  const log = options.log ?? createLogger(config.logLevel);
  const identity = loadEnrolledIdentity(config);
  const lock = RunLock.acquire(config.stateDir);
  let seq: SeqStore;
  let queue: DiskQueue;
  try {
    seq = openSeqStore(config.stateDir);
    queue = DiskQueue.open({ dir: join(config.stateDir, 'queue'), ...config.queue });
  } catch (err) {
    lock.release();
    throw err;
  }
  const chain = ChainStore.open(config.stateDir);
  const previous = readStatusFile(config.stateDir);
  const hardware = await readHardwareFor(config, options.sys, log);
  const sampler = new MetricsSampler({
    intervalMs: config.sampleIntervalMs,
    ...(options.metricsSys ? { sys: options.metricsSys } : {}),
    onError: (source, err) => log.debug({ source, err }, 'metrics sample failed'),
  });
  const inferenceHost = !options.inference && config.inference.models.length > 0
    ? new InferenceHost({ ...config.inference, models: [...config.inference.models], log })
    : undefined;
  const inference = options.inference ?? inferenceHost ?? zeroInferenceCounters;
  const clock = new ClockJudge(config.clock.maxSkewMs);
  const { deviceId } = config.agent;
  let clockTimer: NodeJS.Timeout | undefined;
  let clockWarned = false;

  let heartbeatIntervalMs = config.heartbeatIntervalMs;
  let heartbeatTimer: NodeJS.Timeout | undefined;
  let stopping: Promise<void> | undefined;
  // What the last run knew stays true until this run knows better: `status` must not show a device
  // that sent seq 41 as one that never sent anything.
  const status = {
    state: 'starting' as ConnectionState,
    connectedAt: null as string | null,
    lastHeartbeatAt: previous?.lastHeartbeatAt ?? null,
    lastSeq: previous?.lastSeq ?? null,
    lastSentSeq: previous?.lastSentSeq ?? null,
    lastAckAt: previous?.lastAckAt ?? null,
  };
  let statusWriteFailed = false;

  const writeStatus = (): void => {
    try {
      writeStatusFile(config.stateDir, {
        pid: process.pid,
        agentVersion: AGENT_VERSION,
        state: status.state,
        brokerUrl: config.mqtt.url,
        heartbeatIntervalMs,
        connectedAt: status.connectedAt,
        lastHeartbeatAt: status.lastHeartbeatAt,
        lastSeq: status.lastSeq,
        queue: outbox.stats(),
        lastSentSeq: status.lastSentSeq,
        lastAckAt: status.lastAckAt,
        clock: {
          untrusted: clock.untrusted(Date.now()),
          reason: clock.distrust(Date.now()),
          offsetMs: clock.offsetMs(),
          measuredAt: clock.lastMeasurement ? new Date(clock.lastMeasurement.at).toISOString() : null,
        },
        inference: inference.snapshot(),
        updatedAt: new Date().toISOString(),
      });
      if (statusWriteFailed) log.info('status.json written again');
      statusWriteFailed = false;
    } catch (err) {
      // Once per episode: a full disk would otherwise log this at every heartbeat.
      if (!statusWriteFailed) log.warn({ err }, 'cannot write status.json; `edge-agent status` shows stale data until it can');
      statusWriteFailed = true;
    }
  };

  const message = (kind: 'hello' | 'heartbeat' | 'workstations' | 'status', body: Uint8Array): OutgoingMessage => ({
    topic: deviceTopic(deviceId, kind),
    payload: seal(body, identity.privateKey),
  });
  const offlineStatus = (): OutgoingMessage => message('status', encodeStatus(false, Date.now()));

  const publish = (kind: string, outgoing: OutgoingMessage, fields: Record<string, unknown> = {}): void => {
    void session.publish(outgoing).then((result) => {
      if (result === 'sent') log.debug({ kind, ...fields }, 'published');
      else log.warn({ kind, result, ...fields }, 'publish not acknowledged');
    });
  };

  const sendHello = (): void => {
    const body = encodeHello({
      agentVersion: AGENT_VERSION,
      kind: config.agent.kind,
      inventory: hardware.inventory,
      fingerprint: hardware.fingerprint.value,
      heartbeatIntervalMs,
      nowMs: Date.now(),
    });
    publish('hello', message('hello', body));
  };

  const sendWorkstations = (): void => {
    const { workstations, workstationsRevision } = config.agent;
    publish('workstations', message('workstations', encodeWorkstations(workstations, workstationsRevision)), {
      revision: workstationsRevision,
    });
  };

  const sendHeartbeat = (): void => {
    // Made whether or not the broker is reachable: it goes to the on-disk queue and is sent, with
    // this device time and seq, when the connection returns (issue 5, store-and-forward).
    let n: number;
    try {
      n = seq.take(); // on disk before it is queued: a crash can skip a seq, never reuse one
    } catch (err) {
      log.error({ err }, 'cannot persist heartbeat seq; heartbeat skipped');
      return;
    }
    const nowMs = Date.now();
    const step = clock.track(nowMs);
    if (Math.abs(step) > 1_000) {
      // A stepped clock (by hand, a bad NTP source, a VM resumed): compare with the platform now
      // rather than at the next scheduled check, up to ten minutes away.
      log.warn({ stepMs: step }, 'device clock was stepped; measuring the platform clock again');
      checkClock();
    }
    const distrust = clock.distrust(nowMs);
    if (distrust && !clockWarned) log.warn({ reason: distrust }, 'device clock untrusted: heartbeats say so and the platform files them by receive time');
    clockWarned = distrust !== null;
    const queued = outbox.stats();
    const snapshot = inference.snapshot();
    const encode = (models: typeof snapshot.models): Uint8Array =>
      encodeHeartbeat({
        seq: n,
        nowMs,
        uptimeS: uptime(),
        metrics: sampler.snapshot(),
        inference: { ...snapshot, models },
        clockUntrusted: distrust !== null,
        queueDepth: queued.depth,
        queueDropped: queued.dropped,
        ...(clock.lastMeasurement ? { clockOffsetMs: clock.lastMeasurement.offsetMs } : {}),
        prevHash: chain.prevHashFor(n),
      });
    let body = encode(snapshot.models);
    let sealed = message('heartbeat', body);
    // docs/protocol.md §4: 8 KiB per heartbeat. Sixteen models with long errors can pass it; the
    // errors are shortened rather than the heartbeat dropped by the platform.
    if (sealed.payload.length > MAX_PAYLOAD_BYTES.heartbeat) {
      body = encode(snapshot.models.map((m) => ({ ...m, lastError: m.lastError.slice(0, 40) })));
      sealed = message('heartbeat', body);
    }
    outbox.put('heartbeat', sealed.payload);
    try {
      chain.record(n, createHash('sha256').update(body).digest());
    } catch (err) {
      // The heartbeat is queued; the next one restarts the chain (an empty prev_hash) instead.
      log.warn({ err, seq: n }, 'cannot record the heartbeat chain link');
    }
    status.lastSeq = n;
    status.lastHeartbeatAt = new Date(nowMs).toISOString();
    writeStatus();
  };

  const scheduleHeartbeats = (): void => {
    clearTimeout(heartbeatTimer);
    if (stopping) return;
    heartbeatTimer = setTimeout(() => {
      sendHeartbeat();
      scheduleHeartbeats();
    }, heartbeatIntervalMs);
  };

  const onConnect = (): void => {
    status.connectedAt = new Date().toISOString();
    const cmd = commandTopic(deviceId);
    void session.subscribe(cmd).then((ok) => {
      if (!ok) log.warn({ topic: cmd }, 'command subscription refused');
    });
    // docs/protocol.md §2: after every connect, Hello, then WorkstationMapping, then heartbeats.
    // mqtt.js writes packets in call order, so the broker receives them in this order.
    sendHello();
    sendWorkstations();
    // The backlog first, in order, then a fresh heartbeat behind it: nothing overtakes older data.
    outbox.kick();
    sendHeartbeat();
    scheduleHeartbeats();
  };

  const apply = (action: CommandAction): void => {
    switch (action.type) {
      case 'ping':
        log.info({ commandId: action.id }, 'ping from platform');
        return;
      case 'request-hello':
        log.info({ commandId: action.id }, 'platform asked for hello');
        sendHello();
        return;
      case 'set-heartbeat-interval':
        log.info({ commandId: action.id, from: heartbeatIntervalMs, to: action.intervalMs }, 'heartbeat interval changed');
        heartbeatIntervalMs = action.intervalMs;
        persistHeartbeatInterval(config.stateDir, action.intervalMs, log);
        scheduleHeartbeats();
        // The platform judges "offline" by the interval in the latest Hello, so it hears the new one.
        sendHello();
        return;
      case 'invalid':
        log.warn({ commandId: action.id, reason: action.reason }, 'command ignored');
        return;
    }
  };

  const session: MqttSession = new MqttSession({
    url: config.mqtt.url,
    clientId: config.mqtt.clientId,
    username: config.mqtt.username,
    password: config.mqtt.password,
    ...(config.pinnedCa ? { ca: config.pinnedCa.pem } : {}),
    will: offlineStatus,
    ackTimeoutMs: config.send.ackTimeoutMs,
    backoff: new Backoff(config.reconnect),
    log,
    onConnect,
    onMessage: (topic, payload) => {
      if (topic === commandTopic(deviceId)) apply(interpretCommand(payload));
    },
    onStateChange: (state) => {
      status.state = state;
      writeStatus();
    },
  });

  const outbox = new Outbox({
    queue,
    session,
    window: config.send.window,
    topicFor: (kind) => deviceTopic(deviceId, kind),
    log,
    onSent: (kind, payload) => {
      status.lastAckAt = new Date().toISOString();
      if (kind !== 'heartbeat') return;
      const sent = sentSeq(payload);
      status.lastSentSeq = sent;
      log.debug({ kind, seq: sent }, 'published');
    },
    onIdle: () => writeStatus(),
  });

  const checkClock = (): void => {
    clearTimeout(clockTimer);
    void measurePlatformClock(config.agent.platformUrl, config.pinnedCa ? { ca: config.pinnedCa.pem } : {}).then((result) => {
      if (result.ok) {
        clock.observe(result.measurement);
        log.debug({ offsetMs: result.measurement.offsetMs, rttMs: result.measurement.rttMs }, 'platform clock measured');
      } else {
        log.debug({ reason: result.reason }, 'cannot measure the platform clock');
      }
    });
    clockTimer = setTimeout(checkClock, config.clock.checkEveryMs);
    clockTimer.unref();
  };

  log.info(
    {
      deviceId,
      broker: config.mqtt.url,
      tls: isTlsBrokerUrl(config.mqtt.url),
      caFingerprint: config.pinnedCa?.fingerprint ?? null,
      kind: config.agent.kind,
      workstations: config.agent.workstations,
      heartbeatIntervalMs,
      nextSeq: seq.peek(),
      queued: queue.stats().depth,
      configFile: config.configFile,
      models: config.inference.models.map((m) => ({ name: m.name, workstation: m.workstation, path: m.path, input: m.input.type })),
      keyId: keyId(config.agent.publicKey),
      fingerprintFields: hardware.fingerprint.fields,
      agentVersion: AGENT_VERSION,
    },
    'edge agent starting',
  );
  if (!isTlsBrokerUrl(config.mqtt.url)) {
    log.warn(
      { broker: config.mqtt.url, caPinned: config.pinnedCa !== null },
      'plain MQTT: the login and every message travel unencrypted (use the platform\'s mqtts:// address outside a closed lab)',
    );
  }
  sampler.start();
  inferenceHost?.start();
  checkClock();
  session.start();
  scheduleHeartbeats(); // also while the broker cannot be reached: they queue

  const stop = (timeoutMs = SHUTDOWN_BUDGET_MS): Promise<void> => {
    stopping ??= (async () => {
      const deadline = Date.now() + timeoutMs;
      clearTimeout(heartbeatTimer);
      clearTimeout(clockTimer);
      sampler.stop();
      // Flush: send what the broker will take in the first half of the budget; the rest stays
      // queued on disk (fsynced) for the next start. Models stop meanwhile.
      await Promise.all([
        outbox.flush(Date.now() + Math.floor(timeoutMs / 2)),
        inferenceHost?.stop(Math.floor(timeoutMs / 2)),
      ]);
      try {
        queue.close();
      } catch (err) {
        log.warn({ err }, 'cannot close the queue cleanly; it recovers at the next start');
      }
      const result = await session.stop(offlineStatus(), Math.max(0, deadline - Date.now()));
      status.state = 'stopped';
      writeStatus();
      lock.release();
      log.info({ offlineStatus: result, queued: queue.stats().depth }, 'edge agent stopped');
    })();
    return stopping;
  };
  return { config, stop };
}

/** The seq of a sealed heartbeat (for logs and status only). */
function sentSeq(envelope: Buffer): number | null {
  try {
    return edge.v1.Heartbeat.decode(edge.v1.Envelope.decode(envelope).body).seq;
  } catch {
    return null;
  }
}

function loadEnrolledIdentity(config: Readonly<RunConfig>): DeviceIdentity {
  const path = join(config.stateDir, STATE_FILES.privateKey);
  const identity = loadIdentity(path);
  // Signing with a key the platform does not hold would get every message dropped; say so at start.
  if (publicKeyBase64Url(identity.publicKey) !== config.agent.publicKey) {
    throw new AgentError(
      'EDGE_AGENT_ERR_KEY_INVALID',
      `${path} is not the key enrolled for this device (agent.json publicKey); re-enroll`,
    );
  }
  return identity;
}

function openSeqStore(stateDir: string): SeqStore {
  // status.json is a second witness of the last seq sent, in case seq.json was restored from a backup.
  const lastSeq = readStatusFile(stateDir)?.lastSeq;
  return SeqStore.open(stateDir, typeof lastSeq === 'number' && Number.isSafeInteger(lastSeq) ? lastSeq + 1 : 1);
}

async function readHardwareFor(config: Readonly<RunConfig>, sys: SystemInfo | undefined, log: Logger): Promise<HardwareReading> {
  const hardwareFile = readHardwareFile(config.stateDir);
  const hardware = await readHardware({ ...(sys ? { sys } : {}), ...(hardwareFile ? { hardwareFile } : {}) });
  if (!hardware.fingerprint.identifying) {
    log.warn(
      { fingerprintFields: hardware.fingerprint.fields },
      'no serial, UUID or disk serial readable: the fingerprint cannot tell this machine from others of its model; run `edge-agent inventory --write` as root',
    );
  }
  if (hardware.fingerprint.value !== config.agent.fingerprint) {
    log.warn(
      {
        enrolled: { fingerprint: config.agent.fingerprint, fields: config.agent.fingerprintFields },
        current: { fingerprint: hardware.fingerprint.value, fields: hardware.fingerprint.fields },
      },
      'hardware fingerprint differs from the one enrolled (hardware changed, or serials readable then but not now)',
    );
  }
  return hardware;
}

function persistHeartbeatInterval(stateDir: string, intervalMs: number, log: Logger): void {
  // So a restart keeps the platform's setting; EDGE_AGENT_HEARTBEAT_INTERVAL_MS still wins if set.
  const path = join(stateDir, STATE_FILES.config);
  try {
    const current = readJsonFile(path) as Record<string, unknown>;
    writeJsonFile(path, { ...current, heartbeatIntervalMs: intervalMs });
  } catch (err) {
    log.warn({ err }, 'cannot save the new heartbeat interval to agent.json');
  }
}
