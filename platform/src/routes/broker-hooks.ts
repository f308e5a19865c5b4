// The external broker asks the platform who may connect and what they may do: EMQX's HTTP
// authentication and authorisation backends call these on every CONNECT, PUBLISH and SUBSCRIBE
// (deploy/emqx/, docs/scale-out.md). The decisions are the embedded broker's own
// (broker-auth/hooks.ts), so a device sees the same platform whichever broker it reaches.
// Registered only when EDGENET_BROKER_HOOK_TOKEN is set; the broker sends that token as a bearer
// header (EMQX) or as the password of Basic authorisation (RabbitMQ, whose HTTP backend sends no
// headers of its own: the token is the user info of its URLs, broker-hooks-rabbitmq.ts), and
// nothing else may call these routes.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { BrokerHooks, type HookAction } from '../broker-auth/hooks.js';
import type { PlatformContext } from '../context.js';
import { ERR_UNAUTHENTICATED } from '../errors.js';
import { rabbitmqHookRoutes } from './broker-hooks-rabbitmq.js';
import { errorResponse } from './schemas.js';

/** The user name of the RabbitMQ backend's URLs (http://rabbitmq:{token}@host/broker/rabbitmq/user). */
export const RABBITMQ_HOOK_USER = 'rabbitmq';

interface AuthnBody {
  clientid: string;
  username?: string;
  password?: string;
  peerhost?: string;
}

interface AuthzBody {
  clientid: string;
  username?: string;
  topic: string;
  action: HookAction;
}

const str = (maxLength: number) => ({ type: 'string', maxLength }) as const;
const decision = {
  type: 'object',
  required: ['result'],
  properties: { result: { type: 'string', enum: ['allow', 'deny'] }, is_superuser: { type: 'boolean' } },
} as const;

const sha256 = (s: string) => createHash('sha256').update(s).digest();

export async function brokerHookRoutes(app: FastifyInstance, ctx: PlatformContext): Promise<void> {
  const { config } = ctx;
  if (!config.brokerHookToken) return;
  const bearer = sha256(`Bearer ${config.brokerHookToken}`);
  const basic = sha256(`Basic ${Buffer.from(`${RABBITMQ_HOOK_USER}:${config.brokerHookToken}`).toString('base64')}`);
  const hooks = new BrokerHooks(ctx);

  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization ?? '';
    // Compare digests: equal length, constant time, whatever the header holds.
    const got = sha256(header);
    // Both compared every time: which form a caller used is not timed either.
    const ok = [timingSafeEqual(got, bearer), timingSafeEqual(got, basic)];
    if (!ok.includes(true)) throw new ERR_UNAUTHENTICATED();
  });

  app.post<{ Body: AuthnBody }>('/authn', {
    schema: {
      tags: ['broker'],
      summary: 'EMQX HTTP authentication: may this client connect?',
      body: { type: 'object', required: ['clientid'], properties: { clientid: str(128), username: str(128), password: str(256), peerhost: str(64) } },
      response: { 200: decision, 401: errorResponse },
    },
    handler: async ({ body }) => {
      const result = await hooks.authenticate(body.clientid, body.username, body.password);
      // Nobody is a superuser: the platform's consumer too is held to its topics.
      return result === 'allow' ? { result, is_superuser: false } : { result };
    },
  });

  app.post<{ Body: AuthzBody }>('/authz', {
    schema: {
      tags: ['broker'],
      summary: 'EMQX HTTP authorisation: may this client publish or subscribe to this topic?',
      body: {
        type: 'object',
        required: ['clientid', 'topic', 'action'],
        properties: { clientid: str(128), username: str(128), topic: str(65_535), action: { type: 'string', enum: ['publish', 'subscribe', 'all'] } },
      },
      response: { 200: decision, 401: errorResponse },
    },
    handler: async ({ body }) => ({ result: hooks.authorize(body.clientid, body.username, body.topic, body.action) }),
  });

  await app.register(async (scope) => rabbitmqHookRoutes(scope, hooks), { prefix: '/rabbitmq' });
}
