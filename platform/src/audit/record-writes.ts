// Records every write to the API in the audit log: POST, PUT, PATCH and DELETE, allowed
// or refused, with who (token id and role, or the enrollment token), what (method, route, target
// ids, status), when and from where. The entry is appended before the response leaves, so a client
// that saw a success can rely on the write being on record.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal.js';
import type { AuditLog, AuditInput } from './audit-log.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by routes that authenticate otherwise than by bearer token or cookie (enrollment, sign-in). */
    auditActor: { kind: 'enrollment_token'; id: string } | { kind: 'account'; id: string; name: string } | null;
  }
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const ID_KEYS = ['id', 'deviceId', 'toDeviceId'] as const;
const MAX_DETAIL = 500;

export function recordWrites(app: FastifyInstance, audit: AuditLog): void {
  app.decorateRequest('auditActor', null);
  app.addHook('onSend', async (request, reply, payload) => {
    // 429s are counted by the rate limiter, not logged one by one: a flood must not fill the log.
    if (!WRITES.has(request.method) || reply.statusCode === 429) return payload;
    await audit.append(entryFor(request, reply, payload)).catch(() => undefined); // logged by AuditLog
    return payload;
  });
}

function entryFor(request: FastifyRequest, reply: FastifyReply, payload: unknown): AuditInput {
  const p = request.principal;
  const actor = p ? principalActor(p) : request.auditActor ? otherActor(request.auditActor) : ANONYMOUS;
  const body = parseJson(payload);
  const target: Record<string, string> = {};
  for (const [k, v] of Object.entries((request.params ?? {}) as Record<string, unknown>)) {
    if (typeof v === 'string') target[`param.${k}`] = v.slice(0, 100);
  }
  // Ids only: response bodies also hold secrets (tokens, MQTT passwords) that must never be logged.
  if (reply.statusCode < 300 && body) {
    for (const k of ID_KEYS) if (typeof body[k] === 'string') target[k] = (body[k] as string).slice(0, 100);
  }
  const message = reply.statusCode >= 400 && body && typeof body.message === 'string' ? body.message.slice(0, MAX_DETAIL) : null;
  return {
    ...actor,
    ip: request.ip,
    method: request.method,
    route: request.routeOptions.url ?? request.url.split('?')[0]!.slice(0, 200),
    target,
    status: reply.statusCode,
    detail: message,
  };
}

const ANONYMOUS = { actorKind: 'anonymous', actorId: null, actorRole: null, actorName: null } as const;

// People are named by username: a session is its account; a token made for a person carries the
// person's name beside the token's id, so the log says who even when a script acted.
function principalActor(p: Principal): Pick<AuditInput, 'actorKind' | 'actorId' | 'actorRole' | 'actorName'> {
  if (p.sessionId) return { actorKind: 'account', actorId: p.accountId, actorRole: p.role, actorName: p.username };
  return { actorKind: 'api_token', actorId: p.tokenId, actorRole: p.role, actorName: p.username };
}

function otherActor(a: NonNullable<FastifyRequest['auditActor']>): Pick<AuditInput, 'actorKind' | 'actorId' | 'actorRole' | 'actorName'> {
  return a.kind === 'account'
    ? { actorKind: 'account', actorId: a.id, actorRole: null, actorName: a.name }
    : { actorKind: 'enrollment_token', actorId: a.id, actorRole: null, actorName: null };
}

function parseJson(payload: unknown): Record<string, unknown> | null {
  if (typeof payload !== 'string' || !payload.startsWith('{')) return null;
  try {
    const parsed: unknown = JSON.parse(payload);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
