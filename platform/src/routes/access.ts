// Role checks shared by the routes. The roles: operator does everything but manage accounts (admin);
// bureau reads everything and changes nothing but its approval of award figures; enterprise sees and manages only its own.
import type { FastifyRequest } from 'fastify';
import type { Principal, Role, RouteRole } from '../auth/principal.js';
import { ERR_FORBIDDEN, ERR_UNAUTHENTICATED } from '../errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    /**
     * The enterprise the caller is confined to, or null when it may read every enterprise
     * (auth/principal.ts enterpriseScope), decorated once in app.ts. Read on a request without a
     * principal it throws 401: a public route can never be mistaken for one that sees everything.
     */
    readonly scope: string | null;
  }
  interface FastifyContextConfig {
    /** Roles allowed on this route (`admin` implies operator); absent on public routes (health, enrollment, docs, sign-in). */
    roles?: readonly RouteRole[];
  }
}

export const ALL_ROLES: readonly Role[] = ['operator', 'bureau', 'enterprise'];
export const WRITERS: readonly Role[] = ['operator', 'enterprise'];
export const OPERATOR_ONLY: readonly Role[] = ['operator'];
/** Approving the figures an award is computed from: the operator or the bureau, never the enterprise that declared them. */
export const APPROVERS: readonly Role[] = ['operator', 'bureau'];
/** Managing accounts and every token: an operator with the admin flag (auth/principal.ts mayUse). */
export const ADMIN_ONLY: readonly RouteRole[] = ['admin'];

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new ERR_UNAUTHENTICATED();
  return request.principal;
}

/** Throws 403 unless the caller may act on this enterprise. */
export function assertEnterprise(p: Principal, enterpriseId: string, action: string): void {
  if (p.role === 'enterprise' && p.enterpriseId !== enterpriseId) {
    throw new ERR_FORBIDDEN({ role: 'enterprise', action: `${action} of another enterprise` });
  }
}
