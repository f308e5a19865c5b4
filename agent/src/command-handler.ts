// Applies a platform command (commands.ts turns its bytes into an action) to the running agent, and
// says what came of it: the run loop sends that back signed as a CommandResult (docs/protocol.md §3).
// The platform sends a command again when it has no result (a dropped connection), so each action is
// idempotent: the same set_workstations twice changes the mapping once.
import { join } from 'node:path';
import type { CommandAction } from './commands.js';
import { readJsonFile, writeJsonFile } from './durable-file.js';
import type { Logger } from './log.js';
import { STATE_FILES } from './state-files.js';

/** The workstations the device serves and the revision that set them (WorkstationMapping). */
export interface ServedMapping {
  codes: readonly string[];
  revision: number;
}

export interface CommandTarget {
  stateDir: string;
  log: Logger;
  heartbeatIntervalMs(): number;
  /** Changes the interval from the next heartbeat on. */
  setHeartbeatInterval(intervalMs: number): void;
  sendHello(): void;
  workstations(): ServedMapping;
  /** Serves this mapping from now on and reports it (WorkstationMapping); it is already saved. */
  serveWorkstations(mapping: ServedMapping): void;
}

/** What the device answers; null for a command without an id (nothing to answer to). */
export interface CommandOutcome {
  id: string;
  ok: boolean;
  detail: string;
  workstations?: ServedMapping;
}

export function applyCommand(action: CommandAction, agent: CommandTarget): CommandOutcome | null {
  const { log } = agent;
  switch (action.type) {
    case 'ping':
      log.info({ commandId: action.id }, 'ping from platform');
      return { id: action.id, ok: true, detail: 'pong' };
    case 'request-hello':
      log.info({ commandId: action.id }, 'platform asked for hello');
      agent.sendHello();
      return { id: action.id, ok: true, detail: 'hello sent' };
    case 'set-heartbeat-interval':
      log.info({ commandId: action.id, from: agent.heartbeatIntervalMs(), to: action.intervalMs }, 'heartbeat interval changed');
      agent.setHeartbeatInterval(action.intervalMs);
      persistSettings(agent.stateDir, { heartbeatIntervalMs: action.intervalMs }, log);
      // The platform judges "offline" by the interval in the latest Hello, so it hears the new one.
      agent.sendHello();
      return { id: action.id, ok: true, detail: `heartbeat every ${action.intervalMs} ms` };
    case 'set-workstations':
      return setWorkstations(action.id, action.codes, agent);
    case 'invalid':
      log.warn({ commandId: action.id, reason: action.reason }, 'command ignored');
      return action.id === null ? null : { id: action.id, ok: false, detail: action.reason.slice(0, 256) };
  }
}

function setWorkstations(id: string, codes: readonly string[], agent: CommandTarget): CommandOutcome {
  const current = agent.workstations();
  const same = current.codes.length === codes.length && codes.every((c) => current.codes.includes(c));
  if (same) {
    agent.serveWorkstations(current); // reported again, so the platform sees the mapping it asked for
    return { id, ok: true, detail: `already serving ${codes.length} workstations`, workstations: current };
  }
  const next: ServedMapping = { codes: [...codes], revision: current.revision + 1 };
  // Saved before it is served: a restart keeps what the platform was told, never less.
  if (!persistSettings(agent.stateDir, { workstations: next.codes, workstationsRevision: next.revision }, agent.log)) {
    return { id, ok: false, detail: 'cannot save the new workstations to agent.json; still serving the old ones' };
  }
  agent.log.info({ commandId: id, from: current, to: next }, 'workstations changed');
  agent.serveWorkstations(next);
  return { id, ok: true, detail: `serving ${codes.length} workstations`, workstations: next };
}

/** Writes settings into agent.json beside the rest; false when the file cannot be written. */
function persistSettings(stateDir: string, settings: Record<string, unknown>, log: Logger): boolean {
  // So a restart keeps the platform's setting; EDGE_AGENT_HEARTBEAT_INTERVAL_MS still wins if set.
  const path = join(stateDir, STATE_FILES.config);
  try {
    const current = readJsonFile(path) as Record<string, unknown>;
    writeJsonFile(path, { ...current, ...settings });
    return true;
  } catch (err) {
    log.warn({ err, settings: Object.keys(settings) }, 'cannot save the platform setting to agent.json');
    return false;
  }
}
