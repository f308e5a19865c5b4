// Commands to one device (docs/commands.md): send, list, show with its history and the device's
// signed result, cancel while queued. The route validates and shapes; services/device-commands.ts
// decides who may send which kind; every write is in the audit log like any other (audit/record-writes.ts).
import type { FastifyInstance } from 'fastify';
import { HEARTBEAT_INTERVAL_SCHEMA, MAX_WORKSTATIONS, WORKSTATION_CODE_PATTERN } from '@edgenet/proto';
import type { PlatformContext } from '../context.js';
import { COMMAND_KINDS, COMMAND_STATES } from '../commands/kinds.js';
import { cancelCommand, listCommands, sendCommand, showCommand, type CommandRequest } from '../services/device-commands.js';
import { ALL_ROLES, principalOf, WRITERS } from './access.js';
import { errorResponse, idParams, isoTime, pageOf, pageQueryProps, uuidString, type PageQuery } from './schemas.js';

const nullableTime = { type: ['string', 'null'], format: 'date-time' } as const;

const command = {
  type: 'object',
  required: ['id', 'deviceId', 'kind', 'params', 'state', 'createdAt', 'deadlineAt', 'requestedBy'],
  properties: {
    id: uuidString,
    deviceId: uuidString,
    kind: { type: 'string', enum: [...COMMAND_KINDS] },
    params: { type: 'object', additionalProperties: true },
    state: { type: 'string', enum: [...COMMAND_STATES] },
    createdAt: isoTime,
    deadlineAt: isoTime,
    requestedBy: { type: 'string' },
    deliveredAt: nullableTime,
    finishedAt: nullableTime,
    resultDetail: { type: ['string', 'null'], description: "the device's one-line answer in its signed result" },
  },
} as const;

const commandDetail = {
  ...command,
  required: [...command.required, 'history', 'result'],
  properties: {
    ...command.properties,
    history: {
      type: 'array',
      items: {
        type: 'object',
        required: ['state', 'at'],
        properties: { state: { type: 'string', enum: [...COMMAND_STATES] }, at: isoTime, detail: { type: ['string', 'null'] } },
      },
    },
    result: {
      type: ['object', 'null'],
      description: "The device's result: body and signature (base64) are its edge.v1 CommandResult Envelope, verifiable with the device's key",
      properties: {
        detail: { type: 'string' },
        workstations: {
          type: ['object', 'null'],
          properties: { codes: { type: 'array', items: { type: 'string' } }, revision: { type: 'integer' } },
        },
        receivedAt: isoTime,
        body: { type: 'string' },
        signature: { type: 'string' },
      },
    },
  },
} as const;

const commandParams = {
  type: 'object',
  required: ['id', 'commandId'],
  additionalProperties: false,
  properties: { id: uuidString, commandId: uuidString },
} as const;

export async function deviceCommandRoutes(app: FastifyInstance, ctx: PlatformContext): Promise<void> {
  const services = { db: ctx.db, clock: ctx.clock, commands: ctx.commands, config: ctx.config };

  app.post<{ Params: { id: string }; Body: CommandRequest }>('/devices/:id/commands', {
    config: { roles: WRITERS },
    schema: {
      tags: ['devices'],
      summary: 'Send a command to a device: at once when it is connected, else when it returns, until its deadline',
      description:
        'An enterprise may send ping, request_hello and set_workstations to its own devices; the operator every kind. ' +
        'set_workstations names codes the enterprise has registered (else 400 EDGENET_ERR_WORKSTATION_UNREGISTERED).',
      params: idParams,
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['kind'],
        properties: {
          kind: { type: 'string', enum: [...COMMAND_KINDS] },
          intervalMs: HEARTBEAT_INTERVAL_SCHEMA,
          workstations: {
            type: 'array',
            maxItems: MAX_WORKSTATIONS,
            uniqueItems: true,
            items: { type: 'string', pattern: WORKSTATION_CODE_PATTERN.source },
          },
          ttlSeconds: { type: 'integer', minimum: 1, maximum: ctx.config.commandMaxTtlS, description: 'deadline, seconds from now' },
        },
        // The parameters each kind needs (anyOf rather than if/then: same meaning, and no `then` key).
        anyOf: [
          { properties: { kind: { enum: ['ping', 'request_hello'] } } },
          { required: ['intervalMs'], properties: { kind: { const: 'set_heartbeat_interval' } } },
          { required: ['workstations'], properties: { kind: { const: 'set_workstations' } } },
        ],
      },
      response: { 201: commandDetail, 400: errorResponse, 403: errorResponse, 404: errorResponse },
    },
    handler: async (request, reply) => {
      const sent = await sendCommand(services, request.params.id, principalOf(request), request.scope, request.body);
      return reply.code(201).send(sent);
    },
  });

  app.get<{ Params: { id: string }; Querystring: PageQuery }>('/devices/:id/commands', {
    config: { roles: ALL_ROLES },
    schema: {
      tags: ['devices'],
      summary: "One device's commands with their states, newest first",
      params: idParams,
      querystring: { type: 'object', additionalProperties: false, properties: pageQueryProps },
      response: { 200: pageOf(command), 404: errorResponse },
    },
    handler: (request) => listCommands(services, request.params.id, request.scope, request.query),
  });

  app.get<{ Params: { id: string; commandId: string } }>('/devices/:id/commands/:commandId', {
    config: { roles: ALL_ROLES },
    schema: {
      tags: ['devices'],
      summary: 'One command: its states with when and why, and the device-signed result',
      params: commandParams,
      response: { 200: commandDetail, 404: errorResponse },
    },
    handler: (request) => showCommand(services, request.params.id, request.params.commandId, request.scope),
  });

  app.post<{ Params: { id: string; commandId: string } }>('/devices/:id/commands/:commandId/cancel', {
    config: { roles: WRITERS },
    schema: {
      tags: ['devices'],
      summary: 'Cancel a command the device has not been sent yet',
      params: commandParams,
      response: { 200: commandDetail, 403: errorResponse, 404: errorResponse, 409: errorResponse },
    },
    handler: (request) => cancelCommand(services, request.params.id, request.params.commandId, principalOf(request), request.scope),
  });
}
