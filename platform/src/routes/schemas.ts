// JSON-schema pieces shared by the routes. Fastify validates every request against them and answers
// 400 naming the field (e.g. "body/uscc must NOT have fewer than 18 characters").
export const uuidString = { type: 'string', format: 'uuid' } as const;
export const isoTime = { type: 'string', format: 'date-time' } as const;
/** A value that may also be null (OpenAPI 3.1 / JSON Schema). */
export const nullable = (s: object) => ({ anyOf: [s, { type: 'null' }] });
export const nullableTime = { type: ['string', 'null'], format: 'date-time' } as const;

export const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: uuidString },
  additionalProperties: false,
} as const;

export const pageQueryProps = {
  limit: { type: 'integer', minimum: 1, maximum: 1000, default: 50 },
  offset: { type: 'integer', minimum: 0, maximum: 10_000_000, default: 0 },
} as const;

export function pageOf(item: object) {
  return {
    type: 'object',
    required: ['items', 'total', 'limit', 'offset'],
    properties: {
      items: { type: 'array', items: item },
      total: { type: 'integer' },
      limit: { type: 'integer' },
      offset: { type: 'integer' },
    },
  } as const;
}

/** A server text as a code and its values (flag reasons), beside its English wording. */
export const textCode = {
  reasonCode: { type: ['string', 'null'] },
  reasonParams: { type: ['object', 'null'], additionalProperties: true },
} as const;

export const errorResponse = {
  type: 'object',
  properties: {
    statusCode: { type: 'integer' },
    code: { type: 'string' },
    error: { type: 'string' },
    message: { type: 'string' },
    // The values of the message, for rendering it in the user's language (routes/error-answers.ts).
    params: { type: 'object', additionalProperties: true },
  },
} as const;

export type { PageQuery } from '../services/page.js';
