// Read-only routes the dashboard needs besides the resource routes: who is calling, devices
// online over time, the fleet by town / enterprise / project, and the alerts. Every one is scoped:
// an enterprise token sees its own enterprise only, whatever it asks for.
import type { FastifyInstance } from 'fastify';
import { fleetAlerts } from '../dashboard/alerts.js';
import { fleetBreakdown, type BreakdownBy } from '../dashboard/breakdown.js';
import { lastDayByBucket, lastDaysByDay } from '../dashboard/history.js';
import { calendarOf } from '../domain/calendar.js';
import type { PlatformContext } from '../context.js';
import { enterpriseCard } from '../services/enterprises.js';
import { ALL_ROLES, principalOf } from './access.js';
import { isoTime, textCode, uuidString } from './schemas.js';

const nullableString = { type: ['string', 'null'] } as const;
const day = { type: 'string', format: 'date' } as const;

export async function dashboardRoutes(app: FastifyInstance, { db, config, policy }: PlatformContext): Promise<void> {
  const calendar = calendarOf(policy);
  app.get('/whoami', {
    config: { roles: ALL_ROLES },
    schema: {
      tags: ['dashboard'],
      summary: "The caller's role and, for an enterprise token, its enterprise (the dashboard hides what the role may not see)",
      response: {
        200: {
          type: 'object',
          required: ['role'],
          properties: {
            role: { type: 'string', enum: ['operator', 'bureau', 'enterprise'] },
            admin: { type: 'boolean' },
            username: { type: ['string', 'null'], description: 'the signed-in person, or the person a token was made for' },
            accountId: { type: ['string', 'null'], description: "that person's account" },
            enterprise: { anyOf: [{ type: 'null' }, { type: 'object', properties: { id: uuidString, name: { type: 'string' }, town: { type: 'string' } } }] },
          },
        },
      },
    },
    handler: async (request) => {
      const p = principalOf(request);
      const who = { role: p.role, admin: p.admin, username: p.username, accountId: p.accountId };
      if (!p.enterpriseId) return { ...who, enterprise: null };
      return { ...who, enterprise: await enterpriseCard(db, p.enterpriseId) };
    },
  });

  app.get<{ Querystring: { range: '24h' | '30d' } }>('/fleet/history', {
    config: { roles: ALL_ROLES },
    schema: {
      tags: ['fleet'],
      summary: 'Devices online over the last 24 h (per 5-minute bucket) or 30 days (per Asia/Shanghai day), from the daily rollups',
      querystring: { type: 'object', additionalProperties: false, properties: { range: { type: 'string', enum: ['24h', '30d'], default: '24h' } } },
      response: {
        200: {
          type: 'object',
          properties: {
            range: { type: 'string' },
            buckets: { type: 'array', items: { type: 'object', properties: { at: isoTime, online: { type: 'integer' } } } },
            days: {
              type: 'array',
              items: {
                type: 'object',
                properties: { day, devices: { type: 'integer' }, onlineBuckets: { type: 'integer' }, bucketsElapsed: { type: 'integer' } },
              },
            },
          },
        },
      },
    },
    handler: async (request) => {
      const scope = request.scope;
      return request.query.range === '30d'
        ? { range: '30d', days: await lastDaysByDay(db, calendar, scope, 30) }
        : { range: '24h', buckets: await lastDayByBucket(db, calendar, scope) };
    },
  });

  app.get<{ Querystring: { by: BreakdownBy; enterpriseId?: string; town?: string } }>('/fleet/breakdown', {
    config: { roles: ALL_ROLES },
    schema: {
      tags: ['fleet'],
      summary: 'The fleet by town (镇街), enterprise or project: enterprises, projects, devices, online, workstations served',
      querystring: {
        type: 'object',
        additionalProperties: false,
        properties: {
          by: { type: 'string', enum: ['town', 'enterprise', 'project'], default: 'town' },
          enterpriseId: uuidString,
          town: { type: 'string', minLength: 1, maxLength: 100 },
        },
      },
      response: {
        200: {
          type: 'object',
          properties: {
            by: { type: 'string' },
            items: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  key: { type: 'string' },
                  label: { type: 'string' },
                  town: { type: 'string' },
                  enterpriseId: nullableString,
                  enterpriseName: nullableString,
                  enterprises: { type: 'integer' },
                  enterprisesConnected: { type: 'integer' },
                  projects: { type: 'integer' },
                  devices: { type: 'integer' },
                  online: { type: 'integer' },
                  workstations: { type: 'integer' },
                },
              },
            },
          },
        },
      },
    },
    handler: async (request) => {
      const { by, enterpriseId, town } = request.query;
      return { by, items: await fleetBreakdown(db, by, { scope: request.scope, enterpriseId, town }) };
    },
  });

  app.get<{ Querystring: { limit: number } }>('/alerts', {
    config: { roles: ALL_ROLES },
    schema: {
      tags: ['fleet'],
      summary: 'Devices offline longer than EDGENET_ALERT_OFFLINE_MINUTES, devices with open flags, enterprises whose online share dropped',
      querystring: { type: 'object', additionalProperties: false, properties: { limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } } },
      response: {
        200: {
          type: 'object',
          properties: {
            settings: { type: 'object', properties: { offlineMinutes: { type: 'integer' }, shareDropPercent: { type: 'integer' } } },
            offline: {
              type: 'object',
              properties: {
                total: { type: 'integer' },
                items: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      deviceId: uuidString,
                      enterpriseId: uuidString,
                      enterpriseName: { type: 'string' },
                      town: { type: 'string' },
                      projectName: { type: 'string' },
                      kind: { type: 'string' },
                      lastSeenAt: { type: ['string', 'null'], format: 'date-time' },
                      enrolledAt: isoTime,
                    },
                  },
                },
              },
            },
            flagged: {
              type: 'object',
              properties: {
                total: { type: 'integer' },
                items: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      flagId: uuidString,
                      deviceId: uuidString,
                      enterpriseId: uuidString,
                      enterpriseName: { type: 'string' },
                      kind: { type: 'string' },
                      reason: { type: 'string' },
                      ...textCode,
                      createdAt: isoTime,
                    },
                  },
                },
              },
            },
            shareDrops: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  enterpriseId: uuidString,
                  enterpriseName: { type: 'string' },
                  town: { type: 'string' },
                  devices: { type: 'integer' },
                  todayShareBp: { type: 'integer' },
                  averageShareBp: { type: 'integer' },
                  baselineDays: { type: 'integer' },
                },
              },
            },
          },
        },
      },
    },
    handler: async (request) =>
      fleetAlerts(
        db,
        calendar,
        request.scope,
        { offlineMinutes: config.alertOfflineMinutes, shareDropPercent: config.alertShareDropPercent },
        request.query.limit,
      ),
  });
}
