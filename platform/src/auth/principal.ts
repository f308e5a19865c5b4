import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Database } from '../db/index.js';
import { accounts, apiTokens } from '../db/schema/index.js';
import { hashSecret } from './secrets.js';

export type Role = 'operator' | 'bureau' | 'enterprise';
/** What a route may require: a role, or `admin` (an operator who manages accounts and tokens). */
export type RouteRole = Role | 'admin';

/** Who is calling: resolved from the bearer token or the session cookie on every API request. */
export interface Principal {
  role: Role;
  /** Set for the enterprise role: the only enterprise this caller may see. */
  enterpriseId: string | null;
  admin: boolean;
  /** The bearer token used, or null for a browser session. */
  tokenId: string | null;
  /** The browser session used, or null for a bearer token. */
  sessionId: string | null;
  /** The person: the session's account, or the account a token was made for (null: none). */
  accountId: string | null;
  username: string | null;
}

/** A token's last use is written at most once per this interval, not once per request. */
export const LAST_USE_GRANULARITY_MS = 60_000; // 1 min

export async function principalForToken(db: Database, token: string, now: Date): Promise<Principal | null> {
  const [row] = await db
    .select({
      id: apiTokens.id,
      role: apiTokens.role,
      enterpriseId: apiTokens.enterpriseId,
      admin: apiTokens.admin,
      accountId: apiTokens.accountId,
      lastUsedAt: apiTokens.lastUsedAt,
      username: accounts.username,
    })
    .from(apiTokens)
    .leftJoin(accounts, eq(accounts.id, apiTokens.accountId))
    .where(and(eq(apiTokens.tokenHash, hashSecret(token)), isNull(apiTokens.revokedAt), gt(apiTokens.expiresAt, now)))
    .limit(1);
  if (!row) return null;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USE_GRANULARITY_MS) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id));
  }
  return {
    role: row.role,
    enterpriseId: row.enterpriseId,
    admin: row.admin,
    tokenId: row.id,
    sessionId: null,
    accountId: row.accountId,
    username: row.username,
  };
}

/** May this caller use a route that requires these roles? `admin` implies operator. */
export function mayUse(p: Principal, roles: readonly RouteRole[]): boolean {
  return roles.includes(p.role) || (p.admin && (roles.includes('admin') || roles.includes('operator')));
}

/** The enterprise a caller is confined to, or null when it may read every enterprise. */
export function enterpriseScope(p: Principal): string | null {
  return p.role === 'enterprise' ? p.enterpriseId : null;
}
