// The leaves of the witnessed logs of what happened to devices (docs/witness.md "Verifying"): a
// verifier recomputes each tree from them and compares it with the heads it asks of the bureau's
// witness, so what it reads here is checked, not trusted. Read-only, operator and bureau.
import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../context.js';
import { heartbeatLogEntries } from '../certification/heartbeat-log.js';
import { deviceEventLeaf } from '../certification/log-leaves.js';
import { deviceLogEntries } from '../services/device-log.js';

const READERS = ['operator', 'bureau'] as const;
const MAX_LIMIT = 10_000; // entries a page

export async function witnessLogRoutes(app: FastifyInstance, { db }: PlatformContext): Promise<void> {
  app.get<{ Params: { log: 'devices' | 'heartbeats' }; Querystring: { from: number; limit: number } }>('/witness/logs/:log/leaves', {
    config: { roles: READERS },
    schema: {
      tags: ['certification'],
      summary: 'Entries of the devices or heartbeats log from seq `from` on, each with its leaf text (docs/witness.md)',
      params: { type: 'object', required: ['log'], properties: { log: { type: 'string', enum: ['devices', 'heartbeats'] } } },
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: { from: { type: 'integer', minimum: 1, default: 1 }, limit: { type: 'integer', minimum: 1, maximum: MAX_LIMIT, default: MAX_LIMIT } },
      },
    },
    handler: async (request) => {
      const { from, limit } = request.query;
      const items =
        request.params.log === 'devices'
          ? (await deviceLogEntries(db, from, limit)).map((e) => ({ ...e, leaf: deviceEventLeaf(e) }))
          : await heartbeatLogEntries(db, from, limit);
      return { log: request.params.log, from, items };
    },
  });
}
