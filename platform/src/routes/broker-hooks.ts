// The external broker asks the platform who may connect and what they may do (issue 7): EMQX's
// HTTP authentication and authorisation backends call these on every CONNECT, PUBLISH and
// SUBSCRIBE (deploy/emqx/, docs/scale-out.md). The rules are the embedded broker's
// (broker/authenticate.ts, authorize-publish.ts, authorize-subscribe.ts), so a device sees the same
// platform whichever broker it reaches. Registered only when EDGENET_BROKER_HOOK_TOKEN is set; the
// broker sends that token as a bearer header, and nothing else may call these routes.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { commandTopic, parseDeviceTopic } from '@edgenet/proto';
import { deviceCredentialProblem } from '../broker/authenticate.js';
import type { PlatformContext } from '../context.js';
import { ERR_UNAUTHENTICATED } from '../errors.js';
import { errorResponse } from './schemas.js';

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
  action: 'publish' | 'subscribe' | 'all';
}

const str = (maxLength: number) => ({ type: 'string', maxLength }) as const;
const decision = {
  type: 'object',
  required: ['result'],
  properties: { result: { type: 'string', enum: ['allow', 'deny'] }, is_superuser: { type: 'boolean' } },
} as const;

const sha256 = (s: string) => createHash('sha256').update(s).digest();

export async function brokerHookRoutes(app: FastifyInstance, ctx: PlatformContext): Promise<void> {
  const { config, registry, rejects } = ctx;
  if (!config.brokerHookToken) return;
  const expected = sha256(`Bearer ${config.brokerHookToken}`);
  // The platform's own consumer (external.ts) logs in with these; it may use its shared subscription.
  const isPlatform = (username: string | undefined) => username !== undefined && username === config.brokerUsername;

  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization ?? '';
    // Compare digests: equal length, constant time, whatever the header holds.
    if (!timingSafeEqual(sha256(header), expected)) throw new ERR_UNAUTHENTICATED();
  });

  app.post<{ Body: AuthnBody }>('/authn', {
    schema: {
      tags: ['broker'],
      summary: 'EMQX HTTP authentication: may this client connect?',
      body: { type: 'object', required: ['clientid'], properties: { clientid: str(128), username: str(128), password: str(256), peerhost: str(64) } },
      response: { 200: decision, 401: errorResponse },
    },
    handler: async ({ body }) => {
      const { clientid, username, password } = body;
      if (isPlatform(username)) {
        const ok = config.brokerPassword !== undefined && password !== undefined && timingSafeEqual(sha256(password), sha256(config.brokerPassword));
        return ok ? { result: 'allow', is_superuser: false } : { result: 'deny' };
      }
      const problem = await deviceCredentialProblem(registry, clientid, username, password);
      if (!problem) return { result: 'allow', is_superuser: false };
      rejects.reject('auth_failed', clientid || username || 'anonymous', problem);
      return { result: 'deny' };
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
    handler: async ({ body }) => {
      const { clientid, username, topic, action } = body;
      if (isPlatform(username)) {
        // Only its shared subscription to the devices' topics, and commands to devices.
        const allowed = action === 'subscribe' ? /^\$share\/[A-Za-z0-9_-]+\/edge\/v1\/d\/\+\/\+$/.test(topic) : /^edge\/v1\/d\/[0-9a-f-]{36}\/cmd$/.test(topic);
        return { result: allowed ? 'allow' : 'deny' };
      }
      if (action === 'subscribe') {
        if (topic === commandTopic(clientid)) return { result: 'allow' };
        rejects.reject('subscribe_denied', clientid, `subscription to ${JSON.stringify(topic.slice(0, 140))} refused`);
        return { result: 'deny' };
      }
      const parsed = parseDeviceTopic(topic);
      if (action === 'publish' && parsed?.deviceId === clientid) return { result: 'allow' };
      rejects.reject('topic_denied', clientid, `publish to ${JSON.stringify(topic.slice(0, 140))} is outside the device's own topics`);
      return { result: 'deny' };
    },
  });
}
