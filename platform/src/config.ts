// Every setting the platform reads, in one place (HOUSE_STYLE: one config module). Values come from
// the environment; a JSON file named by EDGENET_CONFIG may set the same names, and the environment
// wins. Problems are collected and reported together, so an operator fixes them in one pass.
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { PlatformError } from './errors.js';
import { passwordProblems, passwordProblemTexts } from './auth/password-rules.js';

/** The account the first start creates (services/accounts.ts). */
export const FIRST_ADMIN_USERNAME = 'admin';

export interface PlatformConfig {
  httpHost: string;
  httpPort: number; // 0: pick a free port
  mqttHost: string;
  mqttPort: number; // 0: pick a free port
  /** What enrollment tells devices to connect to; unset: the API's host name and the MQTT port. */
  mqttPublicUrl: string | undefined;
  dataDir: string;
  databaseUrl: string | undefined;
  dbPoolSize: number;
  operatorToken: string | undefined;
  /** The first admin's password (account `admin`); unset: generated and printed once at the first start. */
  adminPassword: string | undefined;
  /** A browser session ends after this long without a request, and this long after sign-in whatever happens. */
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  /** Bearer tokens' lifetime when none is asked for, and the longest one may ask for. */
  tokenDefaultDays: number;
  tokenMaxDays: number;
  logLevel: string;
  defaultHeartbeatIntervalMs: number;
  /** A device is offline after this many heartbeat intervals without one. */
  offlineAfterIntervals: number;
  heartbeatBatchSize: number;
  heartbeatFlushMs: number;
  /**
   * How long device_days, chain_anchors and the devices' last seen wait in memory before they are
   * folded into the database (ingest/rollup/): longer folds fewer rewrites per heartbeat, and the
   * dashboard's last seen and the shared presence sweep lag by up to this much.
   */
  rollupFlushMs: number;
  presenceSweepMs: number;
  /**
   * How often this process reads the device status log for changes made by other processes
   * (ingest/status-follower.ts); 0: never. Defaults to 1 s when several processes split the devices
   * (EDGENET_BROKER_URL or EDGENET_WORKERS > 1), 0 otherwise (one process learns at once).
   */
  deviceStatusFollowMs: number;
  /** MQTT over TLS; always on. */
  mqttsPort: number; // 0: pick a free port
  /** Plain-TCP MQTT on mqttPort, only when explicitly enabled (tests, a closed lab). */
  mqttPlain: boolean;
  /** What enrollment gives devices as the TLS broker address; unset: the API's host name and mqttsPort. */
  mqttsPublicUrl: string | undefined;
  /** Serve the API over HTTPS with the same certificate as MQTT. */
  https: boolean;
  /** PEM files; all three or none (none: a self-signed CA is created in dataDir/tls). */
  tlsCert: string | undefined;
  tlsKey: string | undefined;
  tlsCa: string | undefined;
  /** Extra names for the generated server certificate (host names or IP addresses). */
  tlsSan: readonly string[];
  /** API rate limits per client IP and per bearer token, requests per minute. */
  rateLimitPerIpPerMin: number;
  rateLimitPerTokenPerMin: number;
  /** Per-device MQTT publish rate: sustained messages per second and burst size. */
  mqttRatePerS: number;
  mqttBurst: number;
  /** Dashboard alerts: a device silent longer than this is listed as offline. */
  alertOfflineMinutes: number;
  /** Dashboard alerts: an enterprise whose online share today is this many percent below its 7-day average. */
  alertShareDropPercent: number;
  /** How often GET /api/v1/fleet/stream pushes the fleet summary. */
  fleetStreamMs: number;
  /** Alarms (docs/alarms.md): how often the evaluator looks; offline and share thresholds are the alert ones above. */
  alarmEvaluateMs: number;
  /** Alarms: dropped device messages within one evaluation that raise the ingest-errors alarm. */
  alarmIngestErrors: number;
  /** Alarms: the served TLS certificate expires within this many days. */
  alarmCertExpiryDays: number;
  /** Notifications: attempts per delivery, the first retry's delay (doubled each time, at most an hour), and the throttle window. */
  notifyMaxAttempts: number;
  notifyBackoffMs: number;
  notifyThrottleMinutes: number;
  /** Notifications by e-mail: the SMTP server (smtp:// or smtps://, credentials in the URL) and the sender. */
  smtpUrl: string | undefined;
  smtpFrom: string;
  /**
   * External broker mode: consume device traffic from this broker (mqtt:// or mqtts://,
   * EMQX in production) through a shared subscription instead of running the embedded one.
   */
  brokerUrl: string | undefined;
  brokerUsername: string | undefined;
  brokerPassword: string | undefined;
  /** PEM file of the CA that signed the external broker's certificate (mqtts://). */
  brokerCa: string | undefined;
  /** Shared-subscription group: every instance in it gets a share of the devices' messages. */
  brokerShareGroup: string;
  /**
   * False for a broker without shared subscriptions (RabbitMQ 3.10's MQTT plugin, docs/scale-out.md):
   * the instance then subscribes to the plain filter and receives every device message itself.
   */
  brokerSharedSubscription: boolean;
  /** Names this instance's persistent MQTT session; a restarted instance must keep its name. */
  instanceId: string;
  /** Bearer secret the broker sends with its HTTP authentication and authorisation calls. */
  brokerHookToken: string | undefined;
  /** The bureau's witness (docs/witness.md): its URL, and the token it gave the operator to submit with. */
  witnessUrl: string | undefined;
  witnessToken: string | undefined;
  /**
   * Processes serving the embedded broker and the API (node:cluster): 1 runs everything in this
   * process; more use more cores and spread the connections' file descriptors (docs/scale-out.md).
   */
  workers: number;

  // The network edge under hostile load: caps, rates and deadlines per socket
  // (net/connection-guard.ts, app.ts, docs/threat-model.md).
  /** Milliseconds from accept until TLS is done and MQTT CONNECT (or HTTP request headers) arrived. */
  connectDeadlineMs: number;
  /** Device connections of both MQTT listeners together; 0: the open-file limit less a reserve. */
  mqttMaxConnections: number;
  /** MQTT connections from one address; a factory NAT puts hundreds of devices behind one. */
  mqttMaxConnectionsPerAddress: number;
  httpMaxConnections: number;
  httpMaxConnectionsPerAddress: number;
  /** New connections per second from one address, and the burst, on each of MQTT and the API. */
  connectRatePerAddressPerS: number;
  connectBurstPerAddress: number;
  /** A socket of the API that neither sends nor receives for this long is closed. */
  httpIdleTimeoutMs: number;
  /** Requests per minute per address outside /api/v1 (/docs, the dashboard, /ca.pem), and for probes. */
  rateLimitPublicPerIpPerMin: number;
  rateLimitProbePerIpPerMin: number;

  /**
   * A folder of PEM files: the TPM manufacturers' EK root CAs (and their intermediates) an EK
   * certificate must chain to (docs/tpm.md). Unset: TPM attestation is off and devices enroll as software.
   */
  tpmRootsDir: string | undefined;
  /** How long a TPM enrollment challenge may be answered. */
  tpmChallengeTtlMs: number;
  /** A device command's deadline when the sender names none, and the longest one may ask (docs/commands.md). */
  commandDefaultTtlS: number;
  commandMaxTtlS: number;
}

type Source = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadConfig(env: Source = process.env): Readonly<PlatformConfig> {
  const problems: string[] = [];
  const source = { ...readConfigFile(env.EDGENET_CONFIG, problems), ...definedOnly(env) };

  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = source[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
      return fallback;
    }
    return value;
  };
  const str = (name: string, fallback: string): string => source[name] || fallback;
  const optional = (name: string): string | undefined => source[name] || undefined;
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = source[name];
    if (raw === undefined || raw === '') return fallback;
    if (raw === 'true' || raw === 'false') return raw === 'true';
    problems.push(`${name} must be true or false, got ${JSON.stringify(raw)}`);
    return fallback;
  };

  const config: PlatformConfig = {
    httpHost: str('EDGENET_HTTP_HOST', '0.0.0.0'),
    httpPort: int('EDGENET_HTTP_PORT', 8080, 0, 65535),
    mqttHost: str('EDGENET_MQTT_HOST', '0.0.0.0'),
    mqttPort: int('EDGENET_MQTT_PORT', 1883, 0, 65535),
    mqttPublicUrl: optional('EDGENET_MQTT_PUBLIC_URL'),
    dataDir: resolve(str('EDGENET_DATA_DIR', './data')),
    databaseUrl: optional('DATABASE_URL'),
    dbPoolSize: int('EDGENET_DB_POOL_SIZE', 10, 1, 1000),
    operatorToken: optional('EDGENET_OPERATOR_TOKEN'),
    adminPassword: optional('EDGENET_ADMIN_PASSWORD'),
    sessionIdleMinutes: int('EDGENET_SESSION_IDLE_MINUTES', 30, 1, 1_440), // 30 min; at most a day
    sessionMaxHours: int('EDGENET_SESSION_MAX_HOURS', 12, 1, 720), // 12 h: a working day; at most 30 days
    tokenDefaultDays: int('EDGENET_TOKEN_DEFAULT_DAYS', 90, 1, 3_650), // 90 days
    tokenMaxDays: int('EDGENET_TOKEN_MAX_DAYS', 365, 1, 3_650), // a year; at most ten
    logLevel: str('EDGENET_LOG_LEVEL', 'info'),
    defaultHeartbeatIntervalMs: int('EDGENET_HEARTBEAT_INTERVAL_MS', 10_000, 1_000, 3_600_000), // 10 s
    offlineAfterIntervals: int('EDGENET_OFFLINE_AFTER_INTERVALS', 3, 1, 100),
    heartbeatBatchSize: int('EDGENET_HEARTBEAT_BATCH_SIZE', 1_000, 1, 50_000),
    heartbeatFlushMs: int('EDGENET_HEARTBEAT_FLUSH_MS', 200, 10, 60_000), // 200 ms
    rollupFlushMs: int('EDGENET_ROLLUP_FLUSH_MS', 30_000, 10, 600_000), // 30 s; at most 10 min
    presenceSweepMs: int('EDGENET_PRESENCE_SWEEP_MS', 1_000, 50, 60_000), // 1 s
    deviceStatusFollowMs: int(
      'EDGENET_DEVICE_STATUS_FOLLOW_MS',
      source.EDGENET_BROKER_URL || Number(source.EDGENET_WORKERS ?? 1) > 1 ? 1_000 : 0, // 1 s when processes split the devices
      0,
      60_000,
    ),
    mqttsPort: int('EDGENET_MQTTS_PORT', 8883, 0, 65535),
    mqttPlain: bool('EDGENET_MQTT_PLAIN', false),
    mqttsPublicUrl: optional('EDGENET_MQTTS_PUBLIC_URL'),
    https: bool('EDGENET_HTTPS', true),
    tlsCert: optional('EDGENET_TLS_CERT'),
    tlsKey: optional('EDGENET_TLS_KEY'),
    tlsCa: optional('EDGENET_TLS_CA'),
    tlsSan: (source.EDGENET_TLS_SAN ?? '')
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean),
    rateLimitPerIpPerMin: int('EDGENET_RATE_LIMIT_PER_IP', 600, 1, 1_000_000), // 10 per second on average
    rateLimitPerTokenPerMin: int('EDGENET_RATE_LIMIT_PER_TOKEN', 1_200, 1, 1_000_000), // 20 per second on average
    mqttRatePerS: int('EDGENET_MQTT_RATE_PER_S', 10, 1, 10_000), // 100x a 10 s heartbeat
    mqttBurst: int('EDGENET_MQTT_BURST', 100, 1, 100_000), // a reconnecting device's backlog
    alertOfflineMinutes: int('EDGENET_ALERT_OFFLINE_MINUTES', 30, 1, 525_600), // 30 min; at most a year
    alertShareDropPercent: int('EDGENET_ALERT_SHARE_DROP_PERCENT', 30, 1, 100), // today below 70% of the 7-day average
    fleetStreamMs: int('EDGENET_FLEET_STREAM_MS', 1_000, 100, 60_000), // 1 s
    alarmEvaluateMs: int('EDGENET_ALARM_EVALUATE_MS', 60_000, 1_000, 3_600_000), // 1 min
    alarmIngestErrors: int('EDGENET_ALARM_INGEST_ERRORS', 100, 1, 1_000_000_000), // dropped messages per evaluation
    alarmCertExpiryDays: int('EDGENET_ALARM_CERT_EXPIRY_DAYS', 30, 1, 3_650), // 30 days
    notifyMaxAttempts: int('EDGENET_NOTIFY_MAX_ATTEMPTS', 6, 1, 50),
    notifyBackoffMs: int('EDGENET_NOTIFY_BACKOFF_MS', 30_000, 1_000, 3_600_000), // 30 s, then 1, 2, 4, 8 min
    notifyThrottleMinutes: int('EDGENET_NOTIFY_THROTTLE_MINUTES', 60, 0, 10_080), // 1 h; at most a week; 0: off
    smtpUrl: optional('EDGENET_SMTP_URL'),
    smtpFrom: str('EDGENET_SMTP_FROM', 'edgenet <alarms@localhost>'),
    brokerUrl: optional('EDGENET_BROKER_URL'),
    brokerUsername: optional('EDGENET_BROKER_USERNAME'),
    brokerPassword: optional('EDGENET_BROKER_PASSWORD'),
    brokerCa: optional('EDGENET_BROKER_CA'),
    brokerShareGroup: str('EDGENET_BROKER_SHARE_GROUP', 'edgenet'),
    brokerSharedSubscription: bool('EDGENET_BROKER_SHARED_SUBSCRIPTION', true),
    instanceId: str('EDGENET_INSTANCE_ID', hostname()),
    brokerHookToken: optional('EDGENET_BROKER_HOOK_TOKEN'),
    witnessUrl: optional('EDGENET_WITNESS_URL'),
    witnessToken: optional('EDGENET_WITNESS_TOKEN'),
    workers: int('EDGENET_WORKERS', 1, 1, 64),

    connectDeadlineMs: int('EDGENET_CONNECT_DEADLINE_MS', 5_000, 500, 120_000), // 5 s
    mqttMaxConnections: int('EDGENET_MQTT_MAX_CONNECTIONS', 0, 0, 10_000_000), // 0: from the open-file limit
    mqttMaxConnectionsPerAddress: int('EDGENET_MQTT_MAX_CONNECTIONS_PER_ADDRESS', 1_000, 1, 10_000_000),
    httpMaxConnections: int('EDGENET_HTTP_MAX_CONNECTIONS', 512, 1, 1_000_000), // inside the 1,000 descriptors kept from devices
    httpMaxConnectionsPerAddress: int('EDGENET_HTTP_MAX_CONNECTIONS_PER_ADDRESS', 128, 1, 1_000_000),
    connectRatePerAddressPerS: int('EDGENET_CONNECT_RATE_PER_ADDRESS', 100, 1, 1_000_000), // per second
    connectBurstPerAddress: int('EDGENET_CONNECT_BURST_PER_ADDRESS', 1_000, 1, 10_000_000), // a NAT's devices reconnecting at once
    httpIdleTimeoutMs: int('EDGENET_HTTP_IDLE_TIMEOUT_MS', 120_000, 1_000, 3_600_000), // 2 min
    rateLimitPublicPerIpPerMin: int('EDGENET_RATE_LIMIT_PUBLIC_PER_IP', 600, 1, 1_000_000), // 10 per second on average
    rateLimitProbePerIpPerMin: int('EDGENET_RATE_LIMIT_PROBE_PER_IP', 6_000, 1, 1_000_000), // 100 per second on average
    tpmRootsDir: optional('EDGENET_TPM_ROOTS_DIR') === undefined ? undefined : resolve(optional('EDGENET_TPM_ROOTS_DIR')!),
    // 5 min: a TPM answers in seconds; a nonce that lives longer only widens the replay window.
    tpmChallengeTtlMs: int('EDGENET_TPM_CHALLENGE_TTL_MS', 300_000, 1_000, 3_600_000),
    // 1 day: a box switched off overnight still gets the morning's remap; 30 days at most, after
    // which an operator should look at the device rather than wait for it.
    commandDefaultTtlS: int('EDGENET_COMMAND_DEFAULT_TTL_S', 86_400, 1, 2_592_000),
    commandMaxTtlS: int('EDGENET_COMMAND_MAX_TTL_S', 604_800, 1, 2_592_000), // 7 days
  };

  if (config.commandDefaultTtlS > config.commandMaxTtlS) problems.push('EDGENET_COMMAND_DEFAULT_TTL_S must not exceed EDGENET_COMMAND_MAX_TTL_S');
  if (!LOG_LEVELS.includes(config.logLevel)) problems.push(`EDGENET_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  if (config.databaseUrl && !/^postgres(ql)?:\/\//.test(config.databaseUrl)) {
    problems.push('DATABASE_URL must start with postgres:// or postgresql://');
  }
  if (config.mqttPublicUrl && !/^mqtts?:\/\/[^/]+$/.test(config.mqttPublicUrl)) {
    problems.push('EDGENET_MQTT_PUBLIC_URL must look like mqtt://host:port or mqtts://host:port');
  }
  if (config.mqttsPublicUrl && !/^mqtts:\/\/[^/]+$/.test(config.mqttsPublicUrl)) {
    problems.push('EDGENET_MQTTS_PUBLIC_URL must look like mqtts://host:port');
  }
  const tlsFiles = [config.tlsCert, config.tlsKey, config.tlsCa].filter((f) => f !== undefined).length;
  if (tlsFiles !== 0 && tlsFiles !== 3) {
    problems.push('EDGENET_TLS_CERT, EDGENET_TLS_KEY and EDGENET_TLS_CA must be set together (or none, for a generated CA)');
  }
  for (const name of config.tlsSan) {
    if (!/^[A-Za-z0-9.:*-]{1,253}$/.test(name)) problems.push(`EDGENET_TLS_SAN: ${JSON.stringify(name.slice(0, 80))} is not a host name or IP address`);
  }
  if (config.brokerUrl !== undefined) {
    if (!/^mqtts?:\/\/[^/]+$/.test(config.brokerUrl)) problems.push('EDGENET_BROKER_URL must look like mqtt://host:port or mqtts://host:port');
    // Enrollment must tell devices where the broker is: the platform cannot guess the cluster's address.
    if (!config.mqttPublicUrl && !config.mqttsPublicUrl)
      problems.push('EDGENET_BROKER_URL needs EDGENET_MQTTS_PUBLIC_URL (or EDGENET_MQTT_PUBLIC_URL): the address devices connect to');
  }
  if (config.workers > 1) {
    // One PGlite folder belongs to one process; workers share the database through a server.
    if (!config.databaseUrl) problems.push('EDGENET_WORKERS above 1 needs DATABASE_URL: PGlite cannot be shared by several processes');
    // Consumers of an external broker are instances of their own, each with its session name.
    if (config.brokerUrl)
      problems.push(
        'EDGENET_WORKERS above 1 is for the embedded broker; with EDGENET_BROKER_URL run one instance per core, each with its own EDGENET_INSTANCE_ID',
      );
  }
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(config.instanceId)) problems.push('EDGENET_INSTANCE_ID must be 1-64 letters, digits, _ . or -');
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(config.brokerShareGroup)) problems.push('EDGENET_BROKER_SHARE_GROUP must be 1-64 letters, digits, _ or -');
  if (config.brokerHookToken !== undefined && config.brokerHookToken.length < 32) {
    problems.push('EDGENET_BROKER_HOOK_TOKEN must be at least 32 characters (it is a bearer secret)');
  }
  if (config.witnessUrl !== undefined && !/^https?:\/\/[^/]+\/?$/.test(config.witnessUrl))
    problems.push('EDGENET_WITNESS_URL must look like https://host:port');
  if ((config.witnessUrl === undefined) !== (config.witnessToken === undefined))
    problems.push('EDGENET_WITNESS_URL and EDGENET_WITNESS_TOKEN must be set together');
  // The live fleet stream writes once per fleetStreamMs: an idle timeout shorter would cut it.
  if (config.httpIdleTimeoutMs <= config.fleetStreamMs) problems.push('EDGENET_HTTP_IDLE_TIMEOUT_MS must be longer than EDGENET_FLEET_STREAM_MS');
  if (config.operatorToken !== undefined && config.operatorToken.length < 32) {
    problems.push('EDGENET_OPERATOR_TOKEN must be at least 32 characters (it is a bearer secret)');
  }
  if (config.tokenDefaultDays > config.tokenMaxDays) problems.push('EDGENET_TOKEN_DEFAULT_DAYS must not exceed EDGENET_TOKEN_MAX_DAYS');
  if (config.sessionIdleMinutes > config.sessionMaxHours * 60) problems.push('EDGENET_SESSION_IDLE_MINUTES must not exceed EDGENET_SESSION_MAX_HOURS');
  if (config.adminPassword !== undefined) {
    for (const p of passwordProblemTexts(passwordProblems(FIRST_ADMIN_USERNAME, config.adminPassword))) problems.push(`EDGENET_ADMIN_PASSWORD ${p}`);
  }
  if (problems.length > 0) {
    throw new PlatformError('EDGENET_ERR_CONFIG', `invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return Object.freeze(config);
}

function readConfigFile(path: string | undefined, problems: string[]): Source {
  if (!path) return {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      problems.push(`EDGENET_CONFIG ${path}: must hold a JSON object of setting names to values`);
      return {};
    }
    return Object.fromEntries(Object.entries(parsed).map(([k, v]) => [k, v === null ? undefined : String(v)]));
  } catch (err) {
    problems.push(`EDGENET_CONFIG ${path}: ${(err as Error).message}`);
    return {};
  }
}

function definedOnly(env: Source): Source {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined));
}
