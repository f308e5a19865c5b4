// Composes the whole platform, then runs it, as two steps (fastify's "build, then listen"):
//   createPlatform  database → migrations → operator token → ingest → device transport → HTTP app;
//                   every implementation is chosen here, once, and no socket is opened
//   start()         the device transport, then HTTP; close() undoes it all in reverse
// server.ts, cluster/worker.ts and the tests call createPlatform; startPlatform does both at once.
import type { FastifyInstance } from 'fastify';
import { loadTpmRoots, type TpmRoots } from './attestation/ek-chain.js';
import type { BrokerPeers } from './broker/index.js';
import { embeddedTransport } from './broker/embedded.js';
import { ExternalBroker } from './broker/external.js';
import { CommandDelivery } from './commands/delivery.js';
import { OpenCommandDevices } from './commands/open-devices.js';
import { explainListen } from './broker/listen-error.js';
import type { DeviceTransport } from './broker/transport.js';
import { LISTEN_BACKLOG } from './net/connection-guard.js';
import { buildApp } from './app.js';
import { ensureOperatorToken } from './auth/bootstrap.js';
import { ensureAdminAccount } from './services/accounts.js';
import type { PlatformConfig } from './config.js';
import { NO_CLUSTER, type ClusterLink, type PlatformContext } from './context.js';
import { openDatabase, type Backend, type DatabaseHandle } from './db/index.js';
import { migrateDatabase, type HeartbeatStorage } from './db/migrate.js';
import { PlatformError } from './errors.js';
import { DeviceRegistry } from './ingest/device-registry.js';
import { HeartbeatWriter } from './ingest/heartbeat-writer.js';
import { Ingest } from './ingest/ingest.js';
import { ed25519Verifier } from './ingest/ed25519.js';
import { markAllOffline, type Presence } from './ingest/presence.js';
import { LocalPresence } from './ingest/presence/local.js';
import { SharedPresence } from './ingest/presence/shared.js';
import { StatusFollower } from './ingest/status-follower.js';
import { HeartbeatRate } from './ingest/heartbeat-rate.js';
import { RejectCounter } from './ingest/reject-counter.js';
import { FlagRecorder } from './ingest/flags.js';
import { UptimeMarker } from './ingest/uptime.js';
import { COUNTING_POLICY } from './certification/policy.js';
import { calendarOf } from './domain/calendar.js';
import { ReportSigner } from './certification/signing-keys.js';
import { WitnessClient } from './certification/witness-client.js';
import { AlarmEvaluator, droppedMessages } from './alarms/evaluator.js';
import { Dispatcher } from './notifications/dispatcher.js';
import { Senders } from './notifications/senders.js';
import { createLogger } from './log.js';
import { AuditLog } from './audit/audit-log.js';
import { loadTlsMaterial, type TlsMaterial } from './tls/material.js';
import type { TicketKeyHolder } from './tls/ticket-keys.js';
import type { Logger } from 'pino';

export interface RunningPlatform {
  httpPort: number;
  /** 'https' unless EDGENET_HTTPS=false. */
  httpScheme: 'http' | 'https';
  /** Plain MQTT port, null unless EDGENET_MQTT_PLAIN=true. */
  mqttPort: number | null;
  mqttsPort: number;
  backend: Backend;
  heartbeatStorage: HeartbeatStorage;
  /** The operator token when this start created it (first start), else null. */
  createdOperatorToken: string | null;
  /** The first admin's password when this start generated it, else null. */
  createdAdminPassword: string | null;
  context: PlatformContext;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Set in a cluster's worker (cluster/worker.ts): the other workers' brokers, and their figures. */
  peers?: BrokerPeers;
  cluster?: ClusterLink;
  /** False in all workers of a cluster but the first: the shared timeout sweep reads every device. */
  sweepsPresence?: boolean;
  /** False in all workers of a cluster but the first: one evaluator raises alarms and sends notifications. */
  evaluatesAlarms?: boolean;
  /** The time as accounts, sessions, tokens and alarms see it; a test injects its own. */
  clock?: () => Date;
  /** Every statement sent to the database (db/index.ts DatabaseOptions.onStatement). */
  onStatement?: (text: string) => void;
}

interface Prepared {
  tls: TlsMaterial;
  handle: DatabaseHandle;
  heartbeatStorage: HeartbeatStorage;
  createdOperatorToken: string | null;
  createdAdminPassword: string | null;
}

/**
 * What must happen once before anything listens: certificates (a platform that cannot serve TLS must
 * not start at all: it would serve tokens and passwords in clear), the database and its migrations, the operator token. A cluster's
 * primary runs it before forking, so workers find everything made and never race to make it.
 */
async function prepare(config: Readonly<PlatformConfig>, log: Logger, onStatement?: (text: string) => void): Promise<Prepared> {
  const tls = await loadTlsMaterial(config);
  const handle = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.dbPoolSize,
    ...(onStatement ? { onStatement } : {}),
    onIdleError: (err) => log.warn({ err }, 'idle database connection lost; the pool replaces it'),
  }).catch((err: unknown) => {
    throw new PlatformError('EDGENET_ERR_STARTUP', `cannot open the ${config.databaseUrl ? 'PostgreSQL' : 'PGlite'} database: ${(err as Error).message}`, {
      cause: err,
    });
  });
  const heartbeatStorage = await migrateDatabase(handle, log);
  const createdOperatorToken = await ensureOperatorToken(handle.db, config.operatorToken, config.tokenDefaultDays, new Date());
  const createdAdminPassword = await ensureAdminAccount(handle.db, config.adminPassword);
  return { tls, handle, heartbeatStorage, createdOperatorToken, createdAdminPassword };
}

/** A cluster primary's start (cluster/primary.ts): prepares, then leaves the serving to workers. */
export async function prepareCluster(config: Readonly<PlatformConfig>, log: Logger): Promise<Omit<Prepared, 'handle'>> {
  const { handle, ...prepared } = await prepare(config, log);
  try {
    await new ReportSigner(handle.db, config.dataDir).load();
    // No worker has a connection yet: whatever the database says, every device starts offline.
    await markAllOffline(handle.db, 'platform restart');
  } finally {
    await handle.close();
  }
  return prepared;
}

/** A composed platform: nothing listens until start(). */
export interface Platform {
  app: FastifyInstance;
  /** How device traffic reaches ingest: the embedded broker or an external broker's consumer. */
  transport: DeviceTransport;
  context: PlatformContext;
  /** Listens: the device transport first, then HTTP. On failure everything is closed again. */
  start(): Promise<RunningPlatform>;
  close(): Promise<void>;
}

function tpmRootsOf(config: Readonly<PlatformConfig>): TpmRoots | null {
  if (config.tpmRootsDir === undefined) return null;
  try {
    return loadTpmRoots(config.tpmRootsDir);
  } catch (err) {
    throw new PlatformError('EDGENET_ERR_CONFIG', `EDGENET_TPM_ROOTS_DIR: ${(err as Error).message}`, { cause: err });
  }
}

export async function createPlatform(
  config: Readonly<PlatformConfig>,
  log: Logger = createLogger(config.logLevel),
  options: StartOptions = {},
): Promise<Platform> {
  // Before anything is opened: a roots folder that cannot be read fails the start, not an enrollment.
  const tpmRoots = tpmRootsOf(config);
  const { tls, handle, heartbeatStorage, createdOperatorToken, createdAdminPassword } = await prepare(config, log, options.onStatement);
  const { db } = handle;
  const rejects = new RejectCounter(log);
  const registry = new DeviceRegistry(db);
  // External broker mode, or several workers: more than one process splits the devices' traffic
  // (docs/scale-out.md).
  const shared = config.brokerUrl !== undefined || config.workers > 1;
  const presence: Presence = shared
    ? new SharedPresence(db, log, config.offlineAfterIntervals, config.rollupFlushMs)
    : new LocalPresence(db, log, config.offlineAfterIntervals);
  const policy = COUNTING_POLICY;
  const writer = new HeartbeatWriter(db, log, {
    batchSize: config.heartbeatBatchSize,
    flushMs: config.heartbeatFlushMs,
    calendar: calendarOf(policy),
    storage: heartbeatStorage,
    instanceId: config.instanceId,
    rollupFlushMs: config.rollupFlushMs,
  });
  // Before any heartbeat: what a crash of this instance left unfolded is folded from the rows.
  await writer.start();
  const flags = new FlagRecorder(db, log);
  const signer = new ReportSigner(db, config.dataDir);
  await signer.load();
  const rate = new HeartbeatRate();
  const clock = options.clock ?? (() => new Date());
  // The transport is composed after ingest, which it feeds; commands reach it through this late binding.
  let commandPath: DeviceTransport | undefined;
  // One process sending every command and holding every session: which devices have one open is
  // known here. Several: another process may send one, so each return reads the ledger.
  const open = shared ? undefined : new OpenCommandDevices();
  await open?.load(db);
  const commands = new CommandDelivery({
    db,
    log,
    clock,
    publish: (deviceId, payload) => commandPath?.publishCommand(deviceId, payload) ?? Promise.resolve(false),
    publishKnowsConnections: config.brokerUrl === undefined,
    notHere: (deviceId) => options.cluster?.commandsWaiting(deviceId),
    open,
  });
  const verifier = ed25519Verifier();
  if (verifier.backend !== 'libsodium')
    log.warn({ backend: verifier.backend }, 'sodium-native did not load here: Ed25519 checks at ingest use OpenSSL, about twice the CPU');
  const ingest = new Ingest({ db, log, registry, writer, presence, rejects, flags, policy, rate, shared, commands, verifier });
  await presence.start(config.presenceSweepMs, options.sweepsPresence ?? true);

  const transport: DeviceTransport = config.brokerUrl
    ? new ExternalBroker(
        {
          url: config.brokerUrl,
          username: config.brokerUsername,
          password: config.brokerPassword,
          caFile: config.brokerCa,
          shareGroup: config.brokerSharedSubscription ? config.brokerShareGroup : null,
          instanceId: config.instanceId,
        },
        ingest,
        () => writer.flush(),
        log,
      )
    : await embeddedTransport(
        {
          log,
          ingest,
          registry,
          presence,
          rejects,
          flags,
          rateLimit: { ratePerS: config.mqttRatePerS, burst: config.mqttBurst },
          peers: options.peers,
          edge: {
            deadlineMs: config.connectDeadlineMs,
            maxConnections: config.mqttMaxConnections,
            maxPerAddress: config.mqttMaxConnectionsPerAddress,
            ratePerS: config.connectRatePerAddressPerS,
            burst: config.connectBurstPerAddress,
          },
        },
        { host: config.mqttHost, mqttsPort: config.mqttsPort, mqttPort: config.mqttPlain ? config.mqttPort : null, tls },
      );
  commandPath = transport;
  const audit = new AuditLog(db, log);
  const cluster = options.cluster ?? NO_CLUSTER;
  const senders = new Senders({ url: config.smtpUrl, from: config.smtpFrom });
  const alarms = new AlarmEvaluator({
    db,
    log,
    calendar: calendarOf(policy),
    clock,
    dispatcher: new Dispatcher(
      db,
      senders,
      { maxAttempts: config.notifyMaxAttempts, backoffMs: config.notifyBackoffMs, throttleMinutes: config.notifyThrottleMinutes },
      log,
    ),
    droppedTotal: () => droppedMessages([rejects.snapshot(), ...cluster.others().map((f) => f.rejected)]),
    certificatePem: tls.cert,
    settings: {
      offlineMinutes: config.alertOfflineMinutes,
      shareDropPercent: config.alertShareDropPercent,
      ingestErrors: config.alarmIngestErrors,
      certExpiryDays: config.alarmCertExpiryDays,
      evaluateMs: config.alarmEvaluateMs,
    },
  });
  const witness = config.witnessUrl && config.witnessToken ? new WitnessClient(db, { url: config.witnessUrl, token: config.witnessToken }, log) : null;
  const context: PlatformContext = {
    config,
    log,
    db,
    backend: handle.backend,
    registry,
    presence,
    rejects,
    writer,
    ingest,
    flags,
    policy,
    signer,
    witness,
    audit,
    commands,
    tls,
    tpmRoots,
    rate,
    mqttPort: () => transport.mqttPort(),
    mqttsPort: () => transport.mqttsPort(),
    brokerReady: () => transport.ready(),
    alarms,
    cluster,
    clock,
    async applyDeviceStatus(deviceId, status) {
      await registry.setStatus(deviceId, status);
      if (status !== 'active') transport.closeSession(deviceId, `device ${status}`);
    },
  };
  // Other processes' status changes, from the database (several instances or workers).
  const follower = new StatusFollower(db, log, context.applyDeviceStatus);
  if (config.deviceStatusFollowMs > 0) await follower.start(config.deviceStatusFollowMs);
  const app = await buildApp(context);
  const uptime = new UptimeMarker(db, log, context.brokerReady);

  /** Everything composed here, closed in reverse; what ingest has taken is committed first. */
  async function closeAll(): Promise<void> {
    await follower.stop();
    await transport.close();
    await app.close();
    await ingest.idle();
    await writer.close();
    await presence.stop();
    await handle.close();
  }

  const platform: Platform = {
    app,
    transport,
    context,
    async start() {
      try {
        // External mode: the instance serves its API while it (re)connects; /readyz says when it consumes.
        await transport.start();
        await app
          .listen({ port: config.httpPort, host: config.httpHost, backlog: LISTEN_BACKLOG })
          .catch(explainListen('HTTP', 'EDGENET_HTTP_PORT', config.httpPort));
      } catch (err) {
        await closeAll();
        throw err;
      }
      const httpPort = (app.server.address() as { port: number }).port;
      // The HTTPS server follows the ticket key's daily rotation as the MQTTS listener does.
      if (config.https) tls.ticketKeys.serve(app.server as unknown as TicketKeyHolder);
      uptime.start();
      witness?.start();
      if (options.evaluatesAlarms ?? true) alarms.start();
      log.info(
        {
          httpPort,
          https: config.https,
          mqttPort: transport.mqttPort(),
          mqttsPort: transport.mqttsPort(),
          externalBroker: config.brokerUrl,
          caFingerprint: tls.caFingerprint,
          backend: handle.backend,
          heartbeatStorage,
        },
        'platform listening',
      );
      return {
        httpPort,
        httpScheme: config.https ? 'https' : 'http',
        mqttPort: transport.mqttPort(),
        mqttsPort: transport.mqttsPort(),
        backend: handle.backend,
        heartbeatStorage,
        createdOperatorToken,
        createdAdminPassword,
        context,
        close: () => platform.close(),
      };
    },
    async close() {
      uptime.stop();
      witness?.stop();
      alarms.stop();
      await alarms.idle();
      senders.close();
      await closeAll();
      log.info('platform stopped');
    },
  };
  return platform;
}

/** Composes and starts in one call (scripts, and tests that need nothing in between). */
export async function startPlatform(
  config: Readonly<PlatformConfig>,
  log: Logger = createLogger(config.logLevel),
  options: StartOptions = {},
): Promise<RunningPlatform> {
  return (await createPlatform(config, log, options)).start();
}
