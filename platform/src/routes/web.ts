// The dashboard: static files built from platform/web by `npm run build` into
// platform/web/dist and served by the platform itself at /, so a factory or government intranet
// with no internet needs nothing else (no CDN, no runtime download). Public like /docs: the page
// holds no data; every figure comes from /api/v1 with the user's bearer token.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { PlatformContext } from '../context.js';

// Same relative path from src/routes (tests) and dist/routes (built).
export const WEB_ROOT = fileURLToPath(new URL('../../web/dist', import.meta.url));

// Scripts and styles only from this origin, no framing, no plug-ins: a stolen page cannot load code
// from elsewhere, and the token in sessionStorage is read only by our own script (CSP Level 3).
const SAME_ORIGIN_ONLY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'", // uPlot and Swagger UI set element styles
  "img-src 'self' data:", // Swagger UI's icons are data: URLs
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
];
const CONTENT_SECURITY_POLICY = SAME_ORIGIN_ONLY.join('; ');

// The Swagger UI at /docs (@fastify/swagger-ui's staticCSP): its page loads only its own scripts
// and styles, fetches the OpenAPI document from /docs/json, and may not be framed (clickjacking:
// frame-ancestors, CSP Level 2, with X-Frame-Options DENY set in app.ts for older browsers). It
// also loads its fonts as data: URLs.
export const DOCS_CONTENT_SECURITY_POLICY = [...SAME_ORIGIN_ONLY, "font-src 'self' data:"].join('; ');

export async function webRoutes(app: FastifyInstance, { log }: PlatformContext): Promise<void> {
  if (!existsSync(join(WEB_ROOT, 'index.html'))) log.warn({ webRoot: WEB_ROOT }, 'dashboard not built: run `npm run build` to serve it at /');
  await app.register(fastifyStatic, {
    root: WEB_ROOT,
    prefix: '/',
    index: 'index.html',
    wildcard: true,
    preCompressed: false,
    setHeaders(res) {
      res.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
      res.setHeader('x-content-type-options', 'nosniff');
      res.setHeader('x-frame-options', 'DENY'); // frame-ancestors for browsers without CSP Level 2
      res.setHeader('referrer-policy', 'no-referrer');
      res.setHeader('cache-control', 'no-cache'); // revalidate by ETag: an upgrade shows at once
    },
  });
}
