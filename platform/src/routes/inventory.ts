// Every route the app registers, with the roles it allows, collected as fastify registers them
// (onRoute hook). The roles test (platform/test/roles-matrix.test.ts) walks this list, so a new
// route cannot be added without deciding, and testing, who may call it.
import type { FastifyInstance } from 'fastify';
import type { RouteRole } from '../auth/principal.js';

export interface RouteSummary {
  method: string;
  url: string;
  /** undefined: public (health, documentation, enrollment with its own token, the CA certificate). */
  roles: readonly RouteRole[] | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeSummaries: readonly RouteSummary[];
  }
}

export function collectRoutes(app: FastifyInstance): void {
  const routes: RouteSummary[] = [];
  app.decorate('routeSummaries', routes);
  app.addHook('onRoute', (route) => {
    const roles = (route.config as { roles?: readonly RouteRole[] } | undefined)?.roles;
    for (const method of [route.method].flat()) routes.push({ method, url: route.url, roles });
  });
}
