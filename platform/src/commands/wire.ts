// A stored command as the device receives it on edge/v1/d/{id}/cmd (proto edge.v1.Command).
import { edge } from '@edgenet/proto';
import type { CommandRow } from './ledger.js';

export function commandPayload(row: Pick<CommandRow, 'id' | 'kind' | 'params' | 'createdAt' | 'deadlineAt'>): Buffer {
  const params = row.params as { intervalMs?: number; workstations?: string[] };
  const base = { id: row.id, issuedAtMs: row.createdAt.getTime(), deadlineMs: row.deadlineAt.getTime() };
  const action = (() => {
    switch (row.kind) {
      case 'ping':
        return { ping: {} };
      case 'request_hello':
        return { requestHello: {} };
      case 'set_heartbeat_interval':
        return { setHeartbeatInterval: { intervalMs: params.intervalMs ?? 0 } };
      case 'set_workstations':
        return { setWorkstations: { workstationCodes: params.workstations ?? [] } };
    }
  })();
  return Buffer.from(edge.v1.Command.encode({ ...base, ...action }).finish());
}
