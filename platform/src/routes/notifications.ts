// Notification channels and per-enterprise contacts, configured by the operator, and the delivery
// log of every attempt (docs/alarms.md). Only the operator: a channel's target is a URL the platform
// will call, and its log shows every enterprise's alarms.
import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../context.js';
import { CHANNEL_KINDS, type ChannelKind } from '../notifications/formats.js';
import { LANGUAGES, type Language } from '../notifications/messages.js';
import { createChannel, disableChannel, listChannels, listDeliveries, type DeliveryFilter } from '../services/notification-channels.js';
import { OPERATOR_ONLY, principalOf } from './access.js';
import { errorResponse, idParams, isoTime, nullable, pageOf, pageQueryProps, uuidString, type PageQuery } from './schemas.js';

const channel = {
  type: 'object',
  required: ['id', 'kind', 'name', 'target', 'enterpriseId', 'language', 'enabled', 'hasSecret'],
  properties: {
    id: uuidString,
    kind: { type: 'string', enum: CHANNEL_KINDS },
    name: { type: 'string' },
    target: { type: 'string' },
    enterpriseId: nullable(uuidString),
    language: { type: 'string', enum: LANGUAGES },
    enabled: { type: 'boolean' },
    hasSecret: { type: 'boolean', description: 'a signing secret is set (never answered)' },
    createdAt: isoTime,
    createdBy: nullable(uuidString),
  },
} as const;
const delivery = {
  type: 'object',
  properties: {
    id: uuidString,
    alarmId: uuidString,
    alarmKind: { type: 'string' },
    deviceId: nullable(uuidString),
    enterpriseId: nullable(uuidString),
    channelId: uuidString,
    channelName: { type: 'string' },
    channelKind: { type: 'string' },
    state: { type: 'string', enum: ['pending', 'sending', 'sent', 'failed', 'throttled'] },
    attempts: { type: 'integer' },
    nextAttemptAt: nullable(isoTime),
    createdAt: isoTime,
    sentAt: nullable(isoTime),
    log: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          attempt: { type: 'integer' },
          at: isoTime,
          ok: { type: 'boolean' },
          status: nullable({ type: 'string' }),
          error: nullable({ type: 'string' }),
        },
      },
    },
  },
} as const;

interface ChannelBody {
  kind: ChannelKind;
  name: string;
  target: string;
  secret?: string;
  enterpriseId?: string;
  language?: Language;
}

export async function notificationRoutes(app: FastifyInstance, ctx: PlatformContext): Promise<void> {
  const { db } = ctx;

  app.get('/notification-channels', {
    config: { roles: OPERATOR_ONLY },
    schema: {
      tags: ['notifications'],
      summary: "Every channel: the operator's (no enterprise: every alarm) and enterprises' contacts (their own alarms)",
      response: { 200: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: channel } } } },
    },
    handler: async () => ({ items: await listChannels(db) }),
  });

  app.post<{ Body: ChannelBody }>('/notification-channels', {
    config: { roles: OPERATOR_ONLY },
    schema: {
      tags: ['notifications'],
      summary: "Add a channel; with enterpriseId it is that enterprise's contact and hears only its alarms",
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['kind', 'name', 'target'],
        properties: {
          kind: { type: 'string', enum: CHANNEL_KINDS },
          name: { type: 'string', minLength: 1, maxLength: 200 },
          target: { type: 'string', minLength: 1, maxLength: 2000, description: 'an e-mail address (email), else an http(s) URL' },
          secret: { type: 'string', minLength: 8, maxLength: 500, description: 'webhook: signs the body; dingtalk: the robot’s 加签 secret' },
          enterpriseId: uuidString,
          language: { type: 'string', enum: LANGUAGES, default: 'zh-CN' },
        },
        // An e-mail channel names an address; the others a URL the platform posts to.
        anyOf: [
          { properties: { kind: { const: 'email' }, target: { type: 'string', format: 'email' } } },
          { properties: { kind: { enum: ['webhook', 'wecom', 'dingtalk'] }, target: { type: 'string', pattern: '^https?://[^\\s]+$' } } },
        ],
      },
      response: { 201: channel, 400: errorResponse, 404: errorResponse },
    },
    handler: async (request, reply) => {
      const b = request.body;
      const created = await createChannel(db, {
        kind: b.kind,
        name: b.name,
        target: b.target,
        secret: b.secret ?? null,
        enterpriseId: b.enterpriseId ?? null,
        language: b.language ?? 'zh-CN',
        createdBy: principalOf(request).accountId,
      });
      return reply.code(201).send(created);
    },
  });

  app.delete<{ Params: { id: string } }>('/notification-channels/:id', {
    config: { roles: OPERATOR_ONLY },
    schema: {
      tags: ['notifications'],
      summary: 'Take a channel out of use (kept for the delivery log)',
      params: idParams,
      response: { 200: channel, 404: errorResponse },
    },
    handler: (request) => disableChannel(db, request.params.id),
  });

  app.get<{ Querystring: PageQuery & DeliveryFilter }>('/notification-deliveries', {
    config: { roles: OPERATOR_ONLY },
    schema: {
      tags: ['notifications'],
      summary: 'The delivery log: each notification, its state and every attempt (status, error)',
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          ...pageQueryProps,
          alarmId: uuidString,
          channelId: uuidString,
          state: { type: 'string', enum: ['pending', 'sending', 'sent', 'failed', 'throttled'] },
        },
      },
      response: { 200: pageOf(delivery) },
    },
    handler: (request) => {
      const { limit, offset, ...filter } = request.query;
      return listDeliveries(db, filter, { limit, offset });
    },
  });
}
