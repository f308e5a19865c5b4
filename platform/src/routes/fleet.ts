import type { FastifyInstance } from 'fastify';
import { fleetSummary, fleetSummarySchema } from '../dashboard/summary.js';
import type { PlatformContext } from '../context.js';
import { ALL_ROLES } from './access.js';
import { ownFigures, sumFigures } from '../ingest/figures.js';

export async function fleetRoutes(app: FastifyInstance, { db, writer, rejects, ingest, cluster }: PlatformContext): Promise<void> {
  app.get('/fleet/summary', {
    config: { roles: ALL_ROLES },
    schema: {
      tags: ['fleet'],
      summary: 'Fleet summary: enterprises, devices online/offline, workstations served',
      description:
        '`workstations` counts distinct registered workstations (enterprise + code) currently mapped to an online device; ' +
        '`workstationsMapped` counts those mapped to any device. An enterprise token sees its own figures only.',
      response: { 200: fleetSummarySchema },
    },
    handler: async (request) => fleetSummary(db, request.scope),
  });

  app.get('/ingest/stats', {
    config: { roles: ['operator', 'bureau'] },
    schema: {
      tags: ['fleet'],
      summary: "Messages accepted and dropped (by reason) since the platform started (all workers of a cluster, the others' figures at most a second old)",
      querystring: { type: 'object', additionalProperties: false, properties: { reset: { type: 'boolean', description: 'start a new latency window' } } },
      response: {
        200: {
          type: 'object',
          properties: {
            accepted: { type: 'object', additionalProperties: { type: 'integer' } },
            rejected: { type: 'object', additionalProperties: { type: 'integer' } },
            heartbeatsWritten: { type: 'integer' },
            heartbeatsPending: { type: 'integer' },
            commitLatencyMs: {
              type: 'object',
              description: 'device time to row committed, since the last reset (?reset=true); device clocks may differ from the platform',
              properties: { count: { type: 'integer' }, p50Ms: { type: 'integer' }, p99Ms: { type: 'integer' }, maxMs: { type: 'integer' } },
            },
          },
        },
      },
    },
    handler: async (request) => {
      const stats = sumFigures([ownFigures(ingest, rejects, writer), ...cluster.others()]);
      if ((request.query as { reset?: boolean }).reset) {
        writer.commitLatency.reset();
        cluster.resetLatency();
      }
      return stats;
    },
  });
}
