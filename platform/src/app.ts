// Builds the HTTP API without listening (fastify's testing guide: tests call app.inject()).
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import rateLimit from '@fastify/rate-limit';
import { recordWrites } from './audit/record-writes.js';
import { limitPerIp, limitPerToken } from './routes/limits.js';
import { collectRoutes } from './routes/inventory.js';
import { auditRoutes } from './routes/audit.js';
import { tlsRoutes } from './routes/tls.js';
import { principalForToken } from './auth/principal.js';
import type { PlatformContext } from './context.js';
import { ERR_DATABASE_UNAVAILABLE, ERR_FORBIDDEN, ERR_UNAUTHENTICATED } from './errors.js';
import { certificationRoutes } from './routes/certifications.js';
import { deviceRoutes } from './routes/devices.js';
import { flagRoutes } from './routes/flags.js';
import { performanceRoutes } from './routes/performance.js';
import { enrollRoutes } from './routes/enroll.js';
import { enrollBulkRoutes } from './routes/enroll-bulk.js';
import { enterpriseRoutes } from './routes/enterprises.js';
import { fleetRoutes } from './routes/fleet.js';
import { healthRoutes } from './routes/health.js';
import { projectRoutes } from './routes/projects.js';
import { tokenRoutes } from './routes/tokens.js';
import { workstationRoutes } from './routes/workstations.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { fleetStreamRoutes } from './routes/fleet-stream.js';
import { webRoutes } from './routes/web.js';
import { brokerHookRoutes } from './routes/broker-hooks.js';

export const API_PREFIX = '/api/v1';

export async function buildApp(ctx: PlatformContext): Promise<FastifyInstance> {
  // HTTPS with the same certificate as MQTTS (issue #3), unless EDGENET_HTTPS=false. Fastify's
  // type for an HTTPS instance differs only in the raw server type, which nothing here touches.
  const app = Fastify({
    ...(ctx.config.https ? { https: { key: ctx.tls.key, cert: ctx.tls.cert, minVersion: 'TLSv1.2' as const } } : {}),
    loggerInstance: ctx.log as FastifyBaseLogger,
    bodyLimit: 256 * 1024, // 256 KiB: no API body is larger; enrollment sets its own, smaller limit
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
  }) as unknown as FastifyInstance;
  collectRoutes(app);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'edgenet platform API (东莞市边端智算网络平台)',
        version: '1',
        description: 'Devices, enterprises, projects and workstations of the Dongguan edge-compute network.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  // Limits are counted in this process's memory; several instances behind a balancer each count
  // their own share (a shared store, such as Redis, would make them global). The per-IP limit runs
  // before authentication, so a flood of bad tokens costs no database lookups.
  await app.register(rateLimit, { global: false });
  limitPerIp(app, API_PREFIX, ctx.config.rateLimitPerIpPerMin);

  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request) => {
    const roles = request.routeOptions.config.roles;
    if (!roles) return; // public route: health, docs, enrollment (which has its own token)
    const header = request.headers.authorization;
    const match = header ? /^Bearer (\S{16,200})$/.exec(header) : null;
    // A lookup the database cannot answer is not a bad token: 503 with its code, not 401 or 500.
    const principal = match
      ? await principalForToken(ctx.db, match[1]!).catch((err: unknown) => {
        throw new ERR_DATABASE_UNAVAILABLE({ cause: err });
      })
      : null;
    if (!principal) throw new ERR_UNAUTHENTICATED();
    request.principal = principal; // known even when refused: the audit log records who was refused
    if (!roles.includes(principal.role)) throw new ERR_FORBIDDEN(principal.role, `${request.method} ${request.routeOptions.url}`);
  });

  await app.register(healthRoutes, ctx);
  await app.register(tlsRoutes, ctx);
  await app.register(webRoutes, ctx);
  // Outside /api/v1 and its per-address limit: a reconnect storm is one authentication call per
  // device, all from the broker's few addresses.
  await app.register(async (scope) => scope.register(brokerHookRoutes, ctx), { prefix: '/broker' });
  await app.register(
    async (api) => {
      limitPerToken(api, ctx.config.rateLimitPerTokenPerMin);
      recordWrites(api, ctx.audit);
      for (const routes of [auditRoutes, enterpriseRoutes, projectRoutes, workstationRoutes, tokenRoutes, enrollRoutes, enrollBulkRoutes, deviceRoutes, fleetRoutes, certificationRoutes, flagRoutes, performanceRoutes, dashboardRoutes, fleetStreamRoutes]) {
        await api.register(routes, ctx);
      }
    },
    { prefix: API_PREFIX },
  );
  return app;
}
