// Error answers with their values: besides fastify's {statusCode, code, error, message}, an error
// of the registry (errors.ts) and a schema validation error carry `params`, the values its message
// is made of, so that the dashboard says it in its user's language (web/src/error-text.ts) while
// the English message stays for logs and scripts. Every other error keeps fastify's own answer.
import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance } from 'fastify';
import { type ErrorParams, HttpError } from '../errors.js';

export function answerErrors(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const params = err instanceof HttpError ? err.params : validationParams(err);
    if (params === undefined) return reply.send(err); // to fastify's default handler
    const statusCode = err.statusCode ?? 400;
    // As fastify's default handler logs a client error: at info, with the error.
    request.log.info({ res: reply, err }, err.message);
    return reply.code(statusCode).send({ statusCode, code: err.code, error: STATUS_CODES[statusCode], message: err.message, params });
  });
}

/** The field and the rule of the first failed check (fastify stops at the first, allErrors: false). */
function validationParams(err: FastifyError): ErrorParams | undefined {
  const first = err.validation?.[0];
  if (!first) return undefined;
  const missing = first.keyword === 'required' ? (first.params as { missingProperty?: string }).missingProperty : undefined;
  const field = `${err.validationContext ?? 'body'}${first.instancePath}${missing ? `/${missing}` : ''}`;
  const params: Record<string, string | number> = { field, rule: first.keyword };
  const { limit, format, allowedValues } = first.params as { limit?: number; format?: string; allowedValues?: unknown[] };
  if (typeof limit === 'number') params.limit = limit;
  if (typeof format === 'string') params.format = format;
  if (Array.isArray(allowedValues)) params.allowed = allowedValues.join(', ');
  return params;
}
