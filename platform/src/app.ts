// Builds the HTTP API without listening (fastify's testing guide: tests call app.inject()).
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyRequest } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import rateLimit from '@fastify/rate-limit';
import { recordWrites } from './audit/record-writes.js';
import { limitPerIp, limitPerToken, limitPublicPerIp } from './routes/limits.js';
import { ConnectionGuard } from './net/connection-guard.js';
import { limitJsonDepth } from './net/json-body.js';
import { bounded } from './net/bounded.js';
import { TLS_POLICY, ticketOptions } from './tls/policy.js';
import { collectRoutes } from './routes/inventory.js';
import { auditRoutes } from './routes/audit.js';
import { witnessLogRoutes } from './routes/witness-logs.js';
import { tlsRoutes } from './routes/tls.js';
import { enterpriseScope } from './auth/principal.js';
import { authenticate } from './auth/authenticate.js';
import { principalOf } from './routes/access.js';
import type { PlatformContext } from './context.js';
import { certificationRoutes } from './routes/certifications.js';
import { deviceRoutes } from './routes/devices.js';
import { deviceCommandRoutes } from './routes/device-commands.js';
import { deviceLifecycleRoutes } from './routes/device-lifecycle.js';
import { enrollmentTokenRoutes } from './routes/enrollment-tokens.js';
import { flagRoutes } from './routes/flags.js';
import { performanceRoutes } from './routes/performance.js';
import { enrollRoutes } from './routes/enroll.js';
import { enrollBulkRoutes } from './routes/enroll-bulk.js';
import { enterpriseRoutes } from './routes/enterprises.js';
import { fleetRoutes } from './routes/fleet.js';
import { healthRoutes } from './routes/health.js';
import { projectRoutes } from './routes/projects.js';
import { tokenRoutes } from './routes/tokens.js';
import { sessionRoutes } from './routes/session.js';
import { accountRoutes } from './routes/accounts.js';
import { workstationRoutes } from './routes/workstations.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { fleetStreamRoutes } from './routes/fleet-stream.js';
import { DOCS_CONTENT_SECURITY_POLICY, webRoutes } from './routes/web.js';
import { brokerHookRoutes } from './routes/broker-hooks.js';
import { alarmRoutes } from './routes/alarms.js';
import { notificationRoutes } from './routes/notifications.js';
import { answerErrors } from './routes/error-answers.js';

export const API_PREFIX = '/api/v1';

const MAX_LOGGED_URL = 256; // characters of a request URL kept in a log line; the rest is counted
const HSTS = 'max-age=31536000'; // one year (RFC 6797 §6.1.1); no includeSubDomains: the host may share a domain

// HTTP timeouts: a request's headers within 10 s, the whole request within 30 s (an 8 MiB bulk
// enrollment on a slow factory uplink), an idle keep-alive socket closed after 5 s. Node checks
// the first two every connectionsCheckingInterval.
const HTTP_TIMEOUTS = { headersTimeout: 10_000, requestTimeout: 30_000, keepAliveTimeout: 5_000, connectionsCheckingInterval: 1_000 } as const;

export async function buildApp(ctx: PlatformContext): Promise<FastifyInstance> {
  // HTTPS with the same certificate as MQTTS, unless EDGENET_HTTPS=false. Fastify's
  // type for an HTTPS instance differs only in the raw server type, which nothing here touches.
  const { config } = ctx;
  const nodeServer = { headersTimeout: HTTP_TIMEOUTS.headersTimeout, connectionsCheckingInterval: HTTP_TIMEOUTS.connectionsCheckingInterval };
  const app = Fastify({
    // The TLS handshake has the same deadline as MQTT's; the guard's deadline covers it too.
    ...(config.https
      ? {
          https: {
            key: ctx.tls.key,
            cert: ctx.tls.cert,
            ...TLS_POLICY,
            ...ticketOptions(ctx.tls, 'edgenet-https'),
            handshakeTimeout: config.connectDeadlineMs,
            ...nodeServer,
          },
        }
      : { http: nodeServer }),
    requestTimeout: HTTP_TIMEOUTS.requestTimeout,
    keepAliveTimeout: HTTP_TIMEOUTS.keepAliveTimeout,
    connectionTimeout: config.httpIdleTimeoutMs, // a socket silent both ways this long is closed
    // URLs and Host headers are the caller's to choose: a log line keeps a bounded part of them.
    loggerInstance: ctx.log.child({}, { serializers: { req: requestForLog } }) as FastifyBaseLogger,
    bodyLimit: 256 * 1024, // 256 KiB: no API body is larger; enrollment sets its own, smaller limit
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
  }) as unknown as FastifyInstance;
  collectRoutes(app);
  answerErrors(app);
  guardConnections(app, ctx);
  limitJsonDepth(app);
  securityHeaders(app, config.https);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'edgenet platform API (东莞市边端智算网络平台)',
        version: '1',
        description: 'Devices, enterprises, projects and workstations of the Dongguan edge-compute network.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'edgenet_session' },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: DOCS_CONTENT_SECURITY_POLICY });

  // Limits are counted in this process's memory; several instances behind a balancer each count
  // their own share (a shared store, such as Redis, would make them global). The per-IP limit runs
  // before authentication, so a flood of bad tokens costs no database lookups.
  await app.register(rateLimit, { global: false });
  limitPerIp(app, API_PREFIX, ctx.config.rateLimitPerIpPerMin);
  limitPublicPerIp(app, [API_PREFIX, '/broker'], config.rateLimitPublicPerIpPerMin, config.rateLimitProbePerIpPerMin);

  app.decorateRequest('principal', null);
  app.decorateRequest('scope', {
    getter(this: FastifyRequest) {
      return enterpriseScope(principalOf(this));
    },
  });
  app.addHook('onRequest', authenticate(ctx));

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
      for (const routes of [
        auditRoutes,
        enterpriseRoutes,
        projectRoutes,
        workstationRoutes,
        tokenRoutes,
        sessionRoutes,
        accountRoutes,
        enrollRoutes,
        enrollBulkRoutes,
        deviceRoutes,
        deviceCommandRoutes,
        deviceLifecycleRoutes,
        enrollmentTokenRoutes,
        fleetRoutes,
        certificationRoutes,
        witnessLogRoutes,
        flagRoutes,
        performanceRoutes,
        dashboardRoutes,
        fleetStreamRoutes,
        alarmRoutes,
        notificationRoutes,
      ]) {
        await api.register(routes, ctx);
      }
    },
    { prefix: API_PREFIX },
  );
  return app;
}

/**
 * The API's sockets pass the same admission as the broker's (net/connection-guard.ts), with caps
 * of their own: the API must not take the descriptors kept for devices, and a browser or script
 * needs a handful of connections, not a thousand. A socket must bring its request headers (TLS
 * first) within the connect deadline.
 */
function guardConnections(app: FastifyInstance, ctx: PlatformContext): void {
  const { config } = ctx;
  const guard = new ConnectionGuard(
    {
      name: 'api',
      maxTotal: config.httpMaxConnections,
      maxPerAddress: config.httpMaxConnectionsPerAddress,
      ratePerS: config.connectRatePerAddressPerS,
      burst: config.connectBurstPerAddress,
      deadlineMs: config.connectDeadlineMs,
    },
    ctx.log,
  );
  guard.attach(app.server);
  app.server.on('request', (req: { socket: { remoteAddress?: string; remotePort?: number } }) => guard.settle(req.socket));
  // With a listener, Node leaves a socket whose handshake failed or timed out open: close it.
  app.server.on('tlsClientError', (_err: Error, socket: { destroy(): void }) => socket.destroy());
}

/** HSTS on every HTTPS answer (RFC 6797 §7.2: never over plain HTTP); /docs may not be framed. */
function securityHeaders(app: FastifyInstance, https: boolean): void {
  app.addHook('onSend', async (request, reply) => {
    if (https) reply.header('strict-transport-security', HSTS);
    if (request.url === '/docs' || request.url.startsWith('/docs/')) reply.header('x-frame-options', 'DENY');
  });
}

function requestForLog(req: FastifyRequest): Record<string, unknown> {
  return {
    method: req.method,
    url: bounded(req.url, MAX_LOGGED_URL),
    host: typeof req.host === 'string' ? bounded(req.host, 128) : undefined,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}
