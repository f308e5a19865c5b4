// Every coded error of the platform (HOUSE_STYLE: one errors module, fastify lib/errors.js pattern).
// HTTP errors carry their status code; codes are never reused once retired. docs/errors.md lists
// each one and a test keeps the two in step.
import createError from '@fastify/error';

export const ERR_NOT_FOUND = createError('EDGENET_ERR_NOT_FOUND', '%s not found', 404);
export const ERR_UNAUTHENTICATED = createError(
  'EDGENET_ERR_UNAUTHENTICATED',
  'a valid bearer token is required (Authorization: Bearer <token>)',
  401,
);
export const ERR_FORBIDDEN = createError('EDGENET_ERR_FORBIDDEN', 'the %s role may not %s', 403);
export const ERR_CONFLICT = createError('EDGENET_ERR_CONFLICT', '%s', 409);
export const ERR_INVALID = createError('EDGENET_ERR_INVALID', '%s', 400);
export const ERR_ENROLL_TOKEN = createError('EDGENET_ERR_ENROLL_TOKEN', 'enrollment token refused: %s', 403);
export const ERR_RATE_LIMITED = createError('EDGENET_ERR_RATE_LIMITED', 'too many requests from this %s; retry in %d s', 429);
// Counted before parsing: storing a body nested thousands deep runs out of stack (a 500 otherwise).
export const ERR_BODY_TOO_DEEP = createError('EDGENET_ERR_BODY_TOO_DEEP', 'the JSON body nests objects or arrays deeper than %d levels', 400);
// 503, not 500: the platform is healthy but cannot check the caller's token (tokens and their
// revocation live only in the database), so it answers "retry later" (RFC 9110 §15.6.4).
export const ERR_DATABASE_UNAVAILABLE = createError('EDGENET_ERR_DATABASE_UNAVAILABLE', 'the database is unreachable; retry later', 503);

/** Errors outside HTTP (start-up, configuration, storage) keep a code and their cause. */
export class PlatformError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PlatformError';
  }
}

export const ERROR_CODES = [
  'EDGENET_ERR_NOT_FOUND',
  'EDGENET_ERR_UNAUTHENTICATED',
  'EDGENET_ERR_FORBIDDEN',
  'EDGENET_ERR_CONFLICT',
  'EDGENET_ERR_INVALID',
  'EDGENET_ERR_ENROLL_TOKEN',
  'EDGENET_ERR_CONFIG',
  'EDGENET_ERR_STARTUP',
  'EDGENET_ERR_TLS',
  'EDGENET_ERR_RATE_LIMITED',
  'EDGENET_ERR_BODY_TOO_DEEP',
  'EDGENET_ERR_DATABASE_UNAVAILABLE',
] as const;
