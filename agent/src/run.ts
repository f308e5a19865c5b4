// `edge-agent run`: the long-lived loop. Start-up is a list of named steps, top to bottom:
//   load config → load key → take the state directory's lock → open seq, queue and chain → read
//   hardware → assemble (sampler, inference, clock, session, outbox, status) → start.
// A heartbeat every interval, connected or not, into the on-disk queue (heartbeat-tick.ts); on every
// connect the steps of connect-actions.ts; commands from the platform in command-handler.ts; status.json
// in status-writer.ts.
import { join } from 'node:path';
import { commandTopic, deviceTopic, edge } from '@edgenet/proto';
import { Backoff } from './backoff.js';
import { ChainStore } from './chain-store.js';
import { ClockJudge, measurePlatformClock } from './clock.js';
import { applyCommand, type CommandTarget, type ServedMapping } from './command-handler.js';
import { interpretCommand } from './commands.js';
import { isTlsBrokerUrl, loadRunConfig, resolveTpm, type Env, type RunConfig } from './config.js';
import { CONNECT_ACTIONS, type ConnectedAgent } from './connect-actions.js';
import { DiskQueue } from './disk-queue.js';
import { AgentError } from './errors.js';
import { HeartbeatTick } from './heartbeat-tick.js';
import { keyId, loadIdentity, publicKeyBase64Url, type DeviceIdentity } from './identity.js';
import { zeroInferenceCounters, type InferenceCountersProvider } from './inference-counters.js';
import { InferenceHost } from './inference-host.js';
import { readHardware, readHardwareFile, type HardwareReading, type SystemInfo } from './inventory.js';
import { createLogger, type Logger } from './log.js';
import { encodeCommandResult, encodeHello, encodeStatus, encodeWorkstations, seal } from './messages.js';
import { MetricsSampler, type MetricsSystemInfo } from './metrics-sampler.js';
import { MqttSession, type OutgoingMessage } from './mqtt-session.js';
import { Outbox } from './outbox.js';
import { RunLock } from './run-lock.js';
import { SeqStore } from './seq-store.js';
import { STATE_FILES } from './state-files.js';
import { readStatusFile } from './status-file.js';
import { StatusWriter } from './status-writer.js';
import { readStoredAk, TpmSealer } from './tpm-sealer.js';
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
  const stores = openStores(config);
  let hardware: HardwareReading;
  try {
    hardware = await readHardwareFor(config, options.sys, log);
  } catch (err) {
    stores.close();
    throw err;
  }
  const agent = new Agent(config, log, identity, stores, hardware, options);
  agent.start();
  return { config, stop: (timeoutMs) => agent.stop(timeoutMs) };
}

/**
 * A device the platform recorded as `tpm` seals its chain with the AK kept at enrollment, through
 * the TPM resolveTpm finds now. Without either it runs unsealed and says so: its days then rest on
 * the Ed25519 key alone, and the count shows it (docs/tpm.md "Sealed days").
 */
function tpmSealerFor(config: Readonly<RunConfig>, log: Logger): { tpm?: TpmSealer } {
  if (config.agent.attestation !== 'tpm') return {};
  const ak = readStoredAk(config.stateDir);
  const presence = resolveTpm();
  const unsealed = !ak ? `no ${STATE_FILES.tpmAk} (enrolled before sealing): enroll again` : !presence.present ? presence.reason : null;
  if (!ak || !presence.present) {
    log.warn({ reason: unsealed }, 'enrolled as tpm, but heartbeats go unsealed');
    return {};
  }
  return { tpm: new TpmSealer({ tcti: presence.tcti, ak, deviceId: config.agent.deviceId, intervalMs: config.tpm.sealIntervalMs, log }) };
}

interface Stores {
  lock: RunLock;
  seq: SeqStore;
  queue: DiskQueue;
  chain: ChainStore;
  /** Releases what was opened (start-up failed). */
  close(): void;
}

/** The lock first: two processes on one directory would reuse seqs and corrupt the queue. */
function openStores(config: Readonly<RunConfig>): Stores {
  const lock = RunLock.acquire(config.stateDir);
  try {
    const seq = openSeqStore(config.stateDir);
    const queue = DiskQueue.open({ dir: join(config.stateDir, 'queue'), ...config.queue });
    const chain = ChainStore.open(config.stateDir);
    return {
      lock,
      seq,
      queue,
      chain,
      close: () => {
        queue.close();
        lock.release();
      },
    };
  } catch (err) {
    lock.release();
    throw err;
  }
}

class Agent implements ConnectedAgent {
  readonly #config: Readonly<RunConfig>;
  readonly #log: Logger;
  readonly #identity: DeviceIdentity;
  readonly #stores: Stores;
  readonly #hardware: HardwareReading;
  readonly #deviceId: string;
  readonly #sampler: MetricsSampler;
  readonly #inferenceHost: InferenceHost | undefined;
  readonly #inference: InferenceCountersProvider;
  readonly #clock: ClockJudge;
  readonly #session: MqttSession;
  readonly #outbox: Outbox;
  readonly #status: StatusWriter;
  readonly #tick: HeartbeatTick;
  #heartbeatIntervalMs: number;
  /** What the device serves: agent.json's at start, then what the platform's set_workstations made it. */
  #workstations: ServedMapping;
  #heartbeatTimer: NodeJS.Timeout | undefined;
  #clockTimer: NodeJS.Timeout | undefined;
  #stopping: Promise<void> | undefined;

  constructor(config: Readonly<RunConfig>, log: Logger, identity: DeviceIdentity, stores: Stores, hardware: HardwareReading, options: RunOptions) {
    this.#config = config;
    this.#log = log;
    this.#identity = identity;
    this.#stores = stores;
    this.#hardware = hardware;
    this.#deviceId = config.agent.deviceId;
    this.#heartbeatIntervalMs = config.heartbeatIntervalMs;
    this.#workstations = { codes: config.agent.workstations, revision: config.agent.workstationsRevision };
    this.#sampler = new MetricsSampler({
      intervalMs: config.sampleIntervalMs,
      ...(options.metricsSys ? { sys: options.metricsSys } : {}),
      onError: (source, err) => log.debug({ source, err }, 'metrics sample failed'),
    });
    this.#inferenceHost =
      !options.inference && config.inference.models.length > 0
        ? new InferenceHost({ ...config.inference, models: [...config.inference.models], log })
        : undefined;
    this.#inference = options.inference ?? this.#inferenceHost ?? zeroInferenceCounters;
    this.#clock = new ClockJudge(config.clock.maxSkewMs);
    this.#session = new MqttSession({
      url: config.mqtt.url,
      fallbackUrls: config.mqtt.fallbackUrls,
      clientId: config.mqtt.clientId,
      username: config.mqtt.username,
      password: config.mqtt.password,
      ...(config.pinnedCa ? { ca: config.pinnedCa.pem } : {}),
      will: () => this.#offlineStatus(),
      ackTimeoutMs: config.send.ackTimeoutMs,
      backoff: new Backoff(config.reconnect),
      log,
      onConnect: () => this.#onConnect(),
      onMessage: (topic, payload) => {
        if (topic === commandTopic(this.#deviceId)) this.#onCommand(payload);
      },
      onStateChange: (state) => {
        this.#status.state = state;
        this.#status.write();
      },
    });
    this.#outbox = new Outbox({
      queue: stores.queue,
      session: this.#session,
      window: config.send.window,
      topicFor: (kind) => deviceTopic(this.#deviceId, kind),
      log,
      onSent: (kind, payload) => {
        this.#status.lastAckAt = new Date().toISOString();
        if (kind !== 'heartbeat') return;
        const sent = sentSeq(payload);
        this.#status.lastSentSeq = sent;
        log.debug({ kind, seq: sent }, 'published');
      },
      onIdle: () => this.#status.write(),
    });
    this.#status = new StatusWriter({
      stateDir: config.stateDir,
      brokerUrl: config.mqtt.url,
      log,
      outbox: () => this.#outbox,
      clock: this.#clock,
      inference: this.#inference,
      heartbeatIntervalMs: () => this.#heartbeatIntervalMs,
    });
    this.#tick = new HeartbeatTick({
      seq: stores.seq,
      chain: stores.chain,
      clock: this.#clock,
      sampler: this.#sampler,
      inference: this.#inference,
      outbox: this.#outbox,
      status: this.#status,
      log,
      seal: (body) => seal(body, identity.privateKey),
      measureClock: () => this.#measureClock(),
      ...tpmSealerFor(config, log),
    });
  }

  start(): void {
    this.#logStart();
    this.#sampler.start();
    this.#inferenceHost?.start();
    this.#measureClock();
    this.#session.start();
    this.#scheduleHeartbeats(); // also while the broker cannot be reached: they queue
  }

  // --- ConnectedAgent: the steps of CONNECT_ACTIONS

  subscribeCommands(): void {
    const cmd = commandTopic(this.#deviceId);
    void this.#session.subscribe(cmd).then((ok) => {
      if (!ok) this.#log.warn({ topic: cmd }, 'command subscription refused');
    });
  }

  sendHello(): void {
    const body = encodeHello({
      agentVersion: AGENT_VERSION,
      kind: this.#config.agent.kind,
      inventory: this.#hardware.inventory,
      fingerprint: this.#hardware.fingerprint.value,
      heartbeatIntervalMs: this.#heartbeatIntervalMs,
      nowMs: Date.now(),
    });
    this.#publish('hello', this.#message('hello', body));
  }

  sendWorkstations(): void {
    const { codes, revision } = this.#workstations;
    this.#publish('workstations', this.#message('workstations', encodeWorkstations(codes, revision)), { revision });
  }

  drainQueue(): void {
    this.#outbox.kick();
  }

  heartbeatNow(): void {
    this.#tick.run();
    this.#scheduleHeartbeats();
  }

  // ---

  #onConnect(): void {
    this.#status.connectedAt = new Date().toISOString();
    for (const action of CONNECT_ACTIONS) action(this);
  }

  /** Applies the command, then answers it signed on …/result, after what the command itself sent. */
  #onCommand(payload: Uint8Array): void {
    const outcome = applyCommand(interpretCommand(payload), this.#commandTarget());
    if (!outcome) return;
    const body = encodeCommandResult({ ...outcome, nowMs: Date.now() });
    this.#publish('result', this.#message('result', body), { commandId: outcome.id, ok: outcome.ok });
  }

  #commandTarget(): CommandTarget {
    return {
      workstations: () => this.#workstations,
      serveWorkstations: (mapping) => {
        this.#workstations = mapping;
        this.sendWorkstations();
      },
      stateDir: this.#config.stateDir,
      log: this.#log,
      heartbeatIntervalMs: () => this.#heartbeatIntervalMs,
      setHeartbeatInterval: (intervalMs: number) => {
        this.#heartbeatIntervalMs = intervalMs;
        this.#scheduleHeartbeats();
      },
      sendHello: () => this.sendHello(),
    };
  }

  #message(kind: 'hello' | 'heartbeat' | 'workstations' | 'status' | 'result', body: Uint8Array): OutgoingMessage {
    return { topic: deviceTopic(this.#deviceId, kind), payload: seal(body, this.#identity.privateKey) };
  }

  #offlineStatus(): OutgoingMessage {
    return this.#message('status', encodeStatus(false, Date.now()));
  }

  /** Hello and WorkstationMapping go straight out: every connect repeats them, so none is queued. */
  #publish(kind: string, outgoing: OutgoingMessage, fields: Record<string, unknown> = {}): void {
    void this.#session.publish(outgoing).then((result) => {
      if (result === 'sent') this.#log.debug({ kind, ...fields }, 'published');
      else this.#log.warn({ kind, result, ...fields }, 'publish not acknowledged');
    });
  }

  #scheduleHeartbeats(): void {
    clearTimeout(this.#heartbeatTimer);
    if (this.#stopping) return;
    this.#heartbeatTimer = setTimeout(() => this.heartbeatNow(), this.#heartbeatIntervalMs);
  }

  #measureClock(): void {
    clearTimeout(this.#clockTimer);
    const { agent, pinnedCa, clock } = this.#config;
    void measurePlatformClock(agent.platformUrl, pinnedCa ? { ca: pinnedCa.pem } : {}).then((result) => {
      if (result.ok) {
        this.#clock.observe(result.measurement);
        this.#log.debug({ offsetMs: result.measurement.offsetMs, rttMs: result.measurement.rttMs }, 'platform clock measured');
      } else {
        this.#log.debug({ reason: result.reason }, 'cannot measure the platform clock');
      }
    });
    this.#clockTimer = setTimeout(() => this.#measureClock(), clock.checkEveryMs);
    this.#clockTimer.unref();
  }

  #logStart(): void {
    const config = this.#config;
    this.#log.info(
      {
        deviceId: this.#deviceId,
        broker: config.mqtt.url,
        tls: isTlsBrokerUrl(config.mqtt.url),
        caFingerprint: config.pinnedCa?.fingerprint ?? null,
        kind: config.agent.kind,
        workstations: this.#workstations.codes,
        heartbeatIntervalMs: this.#heartbeatIntervalMs,
        nextSeq: this.#stores.seq.peek(),
        queued: this.#stores.queue.stats().depth,
        configFile: config.configFile,
        models: config.inference.models.map((m) => ({ name: m.name, workstation: m.workstation, path: m.path, input: m.input.type })),
        keyId: keyId(config.agent.publicKey),
        fingerprintFields: this.#hardware.fingerprint.fields,
        agentVersion: AGENT_VERSION,
      },
      'edge agent starting',
    );
    if (!isTlsBrokerUrl(config.mqtt.url)) {
      this.#log.warn(
        { broker: config.mqtt.url, caPinned: config.pinnedCa !== null },
        "plain MQTT: the login and every message travel unencrypted (use the platform's mqtts:// address outside a closed lab)",
      );
    }
  }

  stop(timeoutMs = SHUTDOWN_BUDGET_MS): Promise<void> {
    this.#stopping ??= (async () => {
      const deadline = Date.now() + timeoutMs;
      clearTimeout(this.#heartbeatTimer);
      clearTimeout(this.#clockTimer);
      this.#sampler.stop();
      // Flush: send what the broker will take in the first half of the budget; the rest stays
      // queued on disk (fsynced) for the next start. Models stop meanwhile.
      await Promise.all([this.#outbox.flush(Date.now() + Math.floor(timeoutMs / 2)), this.#inferenceHost?.stop(Math.floor(timeoutMs / 2))]);
      try {
        this.#stores.queue.close();
      } catch (err) {
        this.#log.warn({ err }, 'cannot close the queue cleanly; it recovers at the next start');
      }
      const result = await this.#session.stop(this.#offlineStatus(), Math.max(0, deadline - Date.now()));
      this.#status.state = 'stopped';
      this.#status.write();
      this.#stores.lock.release();
      this.#log.info({ offlineStatus: result, queued: this.#stores.queue.stats().depth }, 'edge agent stopped');
    })();
    return this.#stopping;
  }
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
    throw new AgentError('EDGE_AGENT_ERR_KEY_INVALID', `${path} is not the key enrolled for this device (agent.json publicKey); re-enroll`);
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
