import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../context.js';
import { databaseAnswers } from '../services/health.js';

// Liveness says the process answers; readiness says it can do its job: database reachable and the
// broker accepting devices (a load balancer should only send traffic when both hold).
export async function healthRoutes(app: FastifyInstance, { db, backend, brokerReady }: PlatformContext): Promise<void> {
  app.get('/healthz', { schema: { tags: ['health'], hide: true } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { tags: ['health'], hide: true } }, async (_request, reply) => {
    const checks = { database: await databaseAnswers(db), broker: brokerReady() };
    const ready = checks.database && checks.broker;
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', backend, checks });
  });
}
