// `edge-agent status`: what this device's state directory says, for an operator at the console or a
// script (--json). Reads files only; it never talks to the platform or the broker.
import { loadPinnedCa } from './ca-pin.js';
import { chooseBrokerUrl, isTlsBrokerUrl, loadAgentFile, splitBrokerUrls, type Env } from './config.js';
import { keyId } from './identity.js';
import { readStatusFile, type AgentStatusFile } from './status-file.js';

export interface AgentStatusReport {
  stateDir: string;
  deviceId: string;
  enterpriseId: string;
  projectId: string;
  platformUrl: string;
  mqttUrl: string;
  mqttUrlOverridden: boolean;
  /** Whether the broker URL `run` uses speaks TLS. */
  tls: boolean;
  /** SHA-256 of the pinned platform CA (ca.pem), or null when none is pinned. */
  caFingerprint: string | null;
  /** Why the pinned CA cannot be used (ca.pem missing or not the recorded one); `run` refuses to start. */
  caProblem: string | null;
  kind: string;
  workstations: string[];
  workstationsRevision: number;
  heartbeatIntervalMs: number;
  fingerprint: string;
  fingerprintFields: string[];
  keyId: string;
  enrolledAt: string;
  /** Whether the process that wrote status.json is still alive. */
  running: boolean;
  /**
   * Set when a running agent has not rewritten status.json for three heartbeat intervals (a full or
   * read-only state directory, or a wedged process): what it says is old.
   */
  stale: string | null;
  /**
   * Set when a running agent says it is connected but the broker acknowledged nothing for three
   * heartbeat intervals: connected in name only.
   */
  silent: string | null;
  lastStatus: AgentStatusFile | null;
}

/** Three intervals, as the platform's offline rule: one missed heartbeat is not yet news. */
const STALE_AFTER_INTERVALS = 3;

function ageProblem(at: string | null | undefined, intervalMs: number, nowMs: number, what: string): string | null {
  const atMs = at ? Date.parse(at) : Number.NaN;
  const limitMs = STALE_AFTER_INTERVALS * intervalMs;
  if (!Number.isFinite(atMs) || nowMs - atMs <= limitMs) return null;
  return `${what} ${Math.round((nowMs - atMs) / 1000)} s ago (more than ${STALE_AFTER_INTERVALS} heartbeat intervals)`;
}

export function collectStatus(stateDir: string, env: Env = process.env, nowMs = Date.now()): AgentStatusReport {
  const agent = loadAgentFile(stateDir);
  const lastStatus = readStatusFile(stateDir) ?? null;
  const running = lastStatus !== null && lastStatus.state !== 'stopped' && isAlive(lastStatus.pid);
  const intervalMs = lastStatus?.heartbeatIntervalMs ?? agent.heartbeatIntervalMs;
  const stale = running ? ageProblem(lastStatus.updatedAt, intervalMs, nowMs, 'status.json was last written') : null;
  // Connected since before the window, yet nothing acknowledged within it.
  const silent =
    running && lastStatus.state === 'connected' && ageProblem(lastStatus.connectedAt, intervalMs, nowMs, 'connected')
      ? ageProblem(lastStatus.lastAckAt ?? lastStatus.connectedAt, intervalMs, nowMs, 'the broker last acknowledged a message')
      : null;
  const pinned = loadPinnedCa(stateDir, agent.caFingerprint);
  const mqttUrl = chooseBrokerUrl(agent, pinned.ca !== undefined, env.EDGE_AGENT_MQTT_URL || undefined);
  return {
    stateDir,
    deviceId: agent.deviceId,
    enterpriseId: agent.enterpriseId,
    projectId: agent.projectId,
    platformUrl: agent.platformUrl,
    mqttUrl,
    mqttUrlOverridden: Boolean(env.EDGE_AGENT_MQTT_URL),
    tls: isTlsBrokerUrl(splitBrokerUrls(mqttUrl)[0]!), // a cluster's nodes (a,b,c) share one scheme
    caFingerprint: pinned.ca?.fingerprint ?? agent.caFingerprint ?? null,
    caProblem: pinned.problem ?? null,
    kind: agent.kind,
    workstations: agent.workstations,
    workstationsRevision: agent.workstationsRevision,
    heartbeatIntervalMs: agent.heartbeatIntervalMs,
    fingerprint: agent.fingerprint,
    fingerprintFields: agent.fingerprintFields,
    keyId: keyId(agent.publicKey),
    enrolledAt: agent.enrolledAt,
    running,
    stale,
    silent,
    lastStatus,
  };
}

export function formatStatus(r: AgentStatusReport): string {
  const rows: [string, string][] = [
    ['device id', r.deviceId],
    ['platform', r.platformUrl],
    ['mqtt url', r.mqttUrl + (r.mqttUrlOverridden ? ' (from EDGE_AGENT_MQTT_URL)' : '')],
    ['tls', r.tls ? (r.caFingerprint ? 'yes, verified against the pinned CA' : "yes, verified against the system's CAs") : 'NO: plain MQTT'],
    ['pinned ca', r.caProblem ? `PROBLEM: ${r.caProblem}` : r.caFingerprint ? `SHA-256 ${r.caFingerprint}` : '(none)'],
    ['kind', r.kind],
    ['workstations', `${r.workstations.length > 0 ? r.workstations.join(', ') : '(none)'} (revision ${r.workstationsRevision})`],
    ['heartbeat', `every ${r.heartbeatIntervalMs} ms`],
    ['fingerprint', r.fingerprint],
    ['  from fields', r.fingerprintFields.join(', ')],
    ['key id', r.keyId],
    ['enrolled at', r.enrolledAt],
    ['enterprise', r.enterpriseId],
    ['project', r.projectId],
  ];
  const s = r.lastStatus;
  const agentRows: [string, string][] = s
    ? [
        ['process', r.running ? `running (pid ${s.pid})` : `not running (last pid ${s.pid})`],
        ...(r.stale ? [['STALE', `${r.stale}: the state directory may be full or read-only; what follows is old`] as [string, string]] : []),
        ['connection', r.silent ? `${s.state}, but SILENT: ${r.silent}` : s.state],
        ['broker', s.brokerUrl],
        ['connected at', s.connectedAt ?? '-'],
        ['last heartbeat', s.lastHeartbeatAt ?? '-'],
        ['last seq', s.lastSeq === null ? '-' : String(s.lastSeq)],
        ['last sent seq', s.lastSentSeq == null ? '-' : String(s.lastSentSeq)],
        ['last ack at', s.lastAckAt ?? '-'],
        [
          'queue',
          s.queue
            ? `${s.queue.depth} waiting, ${s.queue.bytes} bytes on disk, ${s.queue.dropped} dropped${s.queue.diskRefused ? `, DISK REFUSES WRITES: ${s.queue.spilled ?? 0} held in memory` : ''}${s.queue.oldestAppendedAtMs ? `, oldest ${new Date(s.queue.oldestAppendedAtMs).toISOString()}` : ''}`
            : '-',
        ],
        [
          'clock',
          s.clock
            ? s.clock.untrusted
              ? `UNTRUSTED: ${s.clock.reason}`
              : `trusted${s.clock.offsetMs === null ? ' (not yet compared with the platform)' : ` (${s.clock.offsetMs} ms from the platform)`}`
            : '-',
        ],
        ...(s.inference?.models ?? []).map((m): [string, string] => [
          `model ${m.name}${m.workstationCode ? `@${m.workstationCode}` : ''}`,
          `${m.loaded ? 'loaded' : 'NOT LOADED'}, ${m.count} runs, ${m.errors} errors, p50 ${m.p50Ms.toFixed(2)} ms, p99 ${m.p99Ms.toFixed(2)} ms${m.sha256 ? `, sha256 ${m.sha256.slice(0, 16)}…` : ''}${m.lastError ? `; last error: ${m.lastError}` : ''}`,
        ]),
        ['agent version', s.agentVersion],
        ['updated at', s.updatedAt],
      ]
    : [['process', 'has not run yet (no status.json)']];
  const width = Math.max(...[...rows, ...agentRows].map(([k]) => k.length)) + 2;
  const render = (list: [string, string][]): string => list.map(([k, v]) => `  ${k.padEnd(width)}${v}`).join('\n');
  return `edge-agent (state dir ${r.stateDir})\n${render(rows)}\nagent\n${render(agentRows)}\n`;
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to another user (the service user); that still means alive.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
