// Applies a platform command (commands.ts turns its bytes into an action) to the running agent.
import { join } from 'node:path';
import type { CommandAction } from './commands.js';
import { readJsonFile, writeJsonFile } from './durable-file.js';
import type { Logger } from './log.js';
import { STATE_FILES } from './state-files.js';

export interface CommandTarget {
  stateDir: string;
  log: Logger;
  heartbeatIntervalMs(): number;
  /** Changes the interval from the next heartbeat on. */
  setHeartbeatInterval(intervalMs: number): void;
  sendHello(): void;
}

export function applyCommand(action: CommandAction, agent: CommandTarget): void {
  const { log } = agent;
  switch (action.type) {
    case 'ping':
      log.info({ commandId: action.id }, 'ping from platform');
      return;
    case 'request-hello':
      log.info({ commandId: action.id }, 'platform asked for hello');
      agent.sendHello();
      return;
    case 'set-heartbeat-interval':
      log.info({ commandId: action.id, from: agent.heartbeatIntervalMs(), to: action.intervalMs }, 'heartbeat interval changed');
      agent.setHeartbeatInterval(action.intervalMs);
      persistHeartbeatInterval(agent.stateDir, action.intervalMs, log);
      // The platform judges "offline" by the interval in the latest Hello, so it hears the new one.
      agent.sendHello();
      return;
    case 'invalid':
      log.warn({ commandId: action.id, reason: action.reason }, 'command ignored');
      return;
  }
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
