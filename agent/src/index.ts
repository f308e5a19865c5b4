// @edgenet/agent: the pieces of the edge agent, by name (HOUSE_STYLE: no `export *`). The CLI in
// cli.ts is the usual entry point; these are for tests, tools and a future model runner.
export { AGENT_ERROR_CODES, AgentError, isAgentError } from './errors.js';
export type { AgentErrorCode } from './errors.js';
export {
  HEARTBEAT_INTERVAL_BOUNDS,
  LOG_LEVELS,
  MAX_WORKSTATIONS,
  resolveStateDir,
  loadRunConfig,
  loadAgentFile,
  logLevelFromEnv,
} from './config.js';
export type { AgentFile, CredentialsFile, RunConfig, LogLevel, Env } from './config.js';
export { Backoff, DEFAULT_BACKOFF } from './backoff.js';
export type { BackoffOptions } from './backoff.js';
export {
  FINGERPRINT_FIELDS,
  FINGERPRINT_VERSION,
  IDENTIFYING_FIELDS,
  computeFingerprint,
  isPhysicalDisk,
  meaningful,
} from './fingerprint.js';
export type { Fingerprint, FingerprintDisk, FingerprintField, FingerprintSources } from './fingerprint.js';
export { readHardware, readHardwareFile, writeHardwareFile } from './inventory.js';
export type { HardwareFile, HardwareInventory, HardwareReading, SystemInfo } from './inventory.js';
export { generateIdentity, loadIdentity, saveIdentity, keyId, publicKeyBase64Url, publicKeyFromBase64Url } from './identity.js';
export type { DeviceIdentity } from './identity.js';
export { zeroInferenceCounters } from './inference-counters.js';
export type { InferenceCountersProvider, InferenceCountersSnapshot, ModelCountersSnapshot } from './inference-counters.js';
export { MetricsSampler, ZERO_METRICS, DEFAULT_SAMPLE_INTERVAL_MS } from './metrics-sampler.js';
export type { MetricsSnapshot, AcceleratorSnapshot, MetricsSystemInfo } from './metrics-sampler.js';
export {
  TRUSTED_CLOCK_FLOOR_MS,
  isClockUntrusted,
  encodeHello,
  encodeHeartbeat,
  encodeWorkstations,
  encodeStatus,
  seal,
} from './messages.js';
export { interpretCommand } from './commands.js';
export type { CommandAction } from './commands.js';
export { MqttSession } from './mqtt-session.js';
export type { MqttSessionOptions, OutgoingMessage, PublishResult } from './mqtt-session.js';
export { STATE_FILES } from './state-files.js';
export { SeqStore } from './seq-store.js';
export { atomicWriteFile, readJsonFile, writeJsonFile } from './durable-file.js';
export { readStatusFile, writeStatusFile } from './status-file.js';
export type { AgentStatusFile, ConnectionState } from './status-file.js';
export { enroll, postEnrollment } from './enroll.js';
export { CA_FILE, loadPinnedCa, normalizeCaFingerprint, parseCaCertificate, sameFingerprint } from './ca-pin.js';
export type { PinnedCa } from './ca-pin.js';
export { request } from './http-client.js';
export type { HttpRequest, HttpResult, HttpTrust } from './http-client.js';
export type { EnrollOptions, EnrollSummary, EnrollmentRequest, EnrollmentGrant, EnrollmentResponse } from './enroll.js';
export { startAgent, SHUTDOWN_BUDGET_MS } from './run.js';
export type { RunOptions, RunningAgent } from './run.js';
export { collectStatus, formatStatus } from './status.js';
export type { AgentStatusReport } from './status.js';
export { createLogger, REDACTED_PATHS } from './log.js';
export { AGENT_VERSION } from './version.js';
