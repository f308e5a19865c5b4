// status.json: what the running agent last knew, for `edge-agent status` and `doctor`.
import { join } from 'node:path';
import type { QueueStats } from './disk-queue.js';
import { readJsonFile, writeSmallJsonFile } from './durable-file.js';
import type { InferenceCountersSnapshot } from './inference-counters.js';
import { STATE_FILES } from './state-files.js';

export type ConnectionState = 'starting' | 'connecting' | 'connected' | 'disconnected' | 'stopped';

/** status.json: what the running agent last knew, for `edge-agent status`. Not authoritative state. */
export interface AgentStatusFile {
  pid: number;
  agentVersion: string;
  state: ConnectionState;
  brokerUrl: string;
  heartbeatIntervalMs: number;
  connectedAt: string | null;
  lastHeartbeatAt: string | null;
  lastSeq: number | null;
  /** Store-and-forward queue at the last write (depth, bytes, oldest, dropped; spilled: held in memory). */
  queue?: QueueStats & { spilled?: number; diskRefused?: boolean };
  /** Seq of the last heartbeat the broker acknowledged. */
  lastSentSeq?: number | null;
  /** When the broker last acknowledged any queued message. */
  lastAckAt?: string | null;
  clock?: { untrusted: boolean; reason: string | null; offsetMs: number | null; measuredAt: string | null };
  /** Models loaded and their recent latency (inference-counters.ts). */
  inference?: InferenceCountersSnapshot;
  updatedAt: string;
}

export function writeStatusFile(stateDir: string, status: AgentStatusFile): void {
  writeSmallJsonFile(join(stateDir, STATE_FILES.status), status, 1024);
}

/** status.json as written, or undefined when absent; a damaged file reads as undefined (it is advisory). */
export function readStatusFile(stateDir: string): AgentStatusFile | undefined {
  try {
    const raw = readJsonFile(join(stateDir, STATE_FILES.status));
    return raw && typeof raw === 'object' ? (raw as AgentStatusFile) : undefined;
  } catch {
    return undefined;
  }
}
