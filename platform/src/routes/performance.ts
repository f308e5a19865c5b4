import type { FastifyInstance } from 'fastify';
import { operatorPayment } from '../certification/payment.js';
import { performanceFigures } from '../certification/performance.js';
import { calendarOf } from '../domain/calendar.js';
import { ERR_WINDOW_INVALID } from '../errors.js';
import type { PlatformContext } from '../context.js';

const day = { type: 'string', format: 'date' } as const;

export async function performanceRoutes(app: FastifyInstance, { db, policy }: PlatformContext): Promise<void> {
  const calendar = calendarOf(policy);
  app.get<{ Querystring: { from: string; to: string; budgetFen?: number } }>('/performance', {
    config: { roles: ['operator', 'bureau'] },
    schema: {
      tags: ['certification'],
      summary: 'Operator performance figures for a period, and the payment they set (实施细则 art. 23)',
      description: 'Shares are in basis points (1/10,000); money in integer fen. The payment formula is docs/certification.md "Operator payment".',
      querystring: {
        type: 'object',
        additionalProperties: false,
        required: ['from', 'to'],
        properties: { from: day, to: day, budgetFen: { type: 'integer', minimum: 0, maximum: 1e13 } },
      },
    },
    handler: async (request) => {
      const { from, to, budgetFen } = request.query;
      if (to < from) throw new ERR_WINDOW_INVALID({ reason: 'window_query_order' });
      const figures = await performanceFigures(db, calendar, from, to);
      return { ...figures, payment: budgetFen === undefined ? null : { budgetFen, ...operatorPayment(budgetFen, figures) } };
    },
  });
}
