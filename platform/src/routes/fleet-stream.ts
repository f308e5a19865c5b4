// GET /fleet/stream: the fleet summary and heartbeats per second as server-sent events (WHATWG HTML
// "Server-sent events": text/event-stream, one `data:` line of JSON per event, a blank line after).
// The dashboard reads it with fetch() streaming because EventSource cannot send the Authorization
// header. Open streams end when the app closes (preClose), so shutdown never waits on a browser.
import type { FastifyInstance } from 'fastify';
import { FleetFeed, type FleetEvent } from '../dashboard/fleet-feed.js';
import type { PlatformContext } from '../context.js';
import { ALL_ROLES } from './access.js';

const KEEPALIVE_MS = 15_000; // a comment line every 15 s keeps proxies from closing an idle stream

export async function fleetStreamRoutes(app: FastifyInstance, { db, rate, log, config }: PlatformContext): Promise<void> {
  const feed = new FleetFeed(db, rate, log, config.fleetStreamMs);
  app.addHook('preClose', (done) => {
    feed.close();
    done();
  });

  app.get<{ Querystring: { events?: number } }>('/fleet/stream', {
    config: { roles: ALL_ROLES },
    schema: {
      tags: ['fleet'],
      summary: 'Live fleet summary and heartbeats per second (text/event-stream)',
      description:
        `An event at once, then every ${config.fleetStreamMs} ms while the figures change: \`event: fleet\`, ` +
        '`data: {"at", "summary": <GET /fleet/summary>, "heartbeatsPerSecond"}`. `events` closes the stream after that many. ' +
        'Scoped like /fleet/summary.',
      querystring: { type: 'object', additionalProperties: false, properties: { events: { type: 'integer', minimum: 1, maximum: 1_000_000 } } },
    },
    handler: async (request, reply) => {
      const scope = request.scope;
      const limit = request.query.events ?? Infinity;
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        'x-accel-buffering': 'no', // nginx: do not buffer the stream
      });
      res.write(': edgenet fleet stream\n\n');
      let sent = 0;
      let last = '';
      let lastWriteMs = Date.now();
      let unsubscribe = (): void => undefined;
      const finish = () => {
        unsubscribe();
        clearInterval(keepalive);
        if (!res.writableEnded) res.end();
      };
      const keepalive = setInterval(() => {
        if (Date.now() - lastWriteMs >= KEEPALIVE_MS) {
          res.write(': keepalive\n\n');
          lastWriteMs = Date.now();
        }
      }, KEEPALIVE_MS);
      keepalive.unref();
      unsubscribe = feed.subscribe({
        scope,
        send(event: FleetEvent) {
          const figures = JSON.stringify([event.summary, event.heartbeatsPerSecond]);
          if (figures === last) return; // "on change": unchanged figures are not repeated
          last = figures;
          sent += 1;
          res.write(`id: ${sent}\nevent: fleet\ndata: ${JSON.stringify(event)}\n\n`);
          lastWriteMs = Date.now();
          if (sent >= limit) finish();
        },
        end: finish,
      });
      request.raw.on('close', finish);
    },
  });
}
