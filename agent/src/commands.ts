// Platform-to-device commands (docs/protocol.md §3), turned from bytes into one action the run loop
// applies. Decoding and bounds live here so they can be tested without a broker.
import { decodeCommand, HEARTBEAT_INTERVAL_BOUNDS, isHeartbeatInterval } from '@edgenet/proto';

export type CommandAction =
  | { type: 'ping'; id: string }
  | { type: 'set-heartbeat-interval'; id: string; intervalMs: number }
  | { type: 'request-hello'; id: string }
  | { type: 'set-workstations'; id: string; codes: string[] }
  | { type: 'invalid'; id: string | null; reason: string };

export function interpretCommand(payload: Uint8Array): CommandAction {
  const decoded = decodeCommand(payload);
  if (!decoded.ok) return { type: 'invalid', id: null, reason: decoded.reason };
  const { command } = decoded;
  switch (command.action) {
    case 'ping':
      return { type: 'ping', id: command.id };
    case 'requestHello':
      return { type: 'request-hello', id: command.id };
    case 'setWorkstations':
      // decodeCommand has checked the codes (pattern, count, no repeats).
      return { type: 'set-workstations', id: command.id, codes: [...(command.setWorkstations?.workstationCodes ?? [])] };
    case 'setHeartbeatInterval': {
      const intervalMs = command.setHeartbeatInterval?.intervalMs ?? 0;
      const { minMs, maxMs } = HEARTBEAT_INTERVAL_BOUNDS;
      if (!isHeartbeatInterval(intervalMs)) {
        return { type: 'invalid', id: command.id, reason: `interval ${intervalMs} ms is outside ${minMs}..${maxMs} ms` };
      }
      return { type: 'set-heartbeat-interval', id: command.id, intervalMs };
    }
    default:
      return { type: 'invalid', id: command.id, reason: `unknown action ${String(command.action)}` };
  }
}
