// Enrollment tokens after they are issued (services/tokens.ts issues them): who issued each, its
// uses left, revoking it, and every use with the device it enrolled and where from. The secret
// itself is never shown again: only its SHA-256 is stored.
import { and, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Database } from '../db/index.js';
import { accounts, apiTokens, enrollmentTokens, enrollmentTokenUses, projects } from '../db/schema/index.js';
import { ERR_CONFLICT, ERR_NOT_FOUND } from '../errors.js';
import { listPage, type PageQuery } from './page.js';

const issuer = alias(accounts, 'issuer');
const tokenOwner = alias(accounts, 'token_owner');
const revoker = alias(accounts, 'revoker');

export type EnrollmentTokenState = 'live' | 'expired' | 'used_up' | 'revoked';

/** Revoked before expired before used up: the operator's act is what they need to read first. */
export function tokenState(t: { revokedAt: Date | null; expiresAt: Date; uses: number; maxUses: number }, now: Date): EnrollmentTokenState {
  if (t.revokedAt) return 'revoked';
  if (t.expiresAt <= now) return 'expired';
  return t.uses >= t.maxUses ? 'used_up' : 'live';
}

const columns = {
  id: enrollmentTokens.id,
  projectId: enrollmentTokens.projectId,
  projectName: projects.name,
  enterpriseId: projects.enterpriseId,
  maxUses: enrollmentTokens.maxUses,
  uses: enrollmentTokens.uses,
  expiresAt: enrollmentTokens.expiresAt,
  createdAt: enrollmentTokens.createdAt,
  // The person: the session's account, else the account the bearer token was made for.
  createdBy: sql<string | null>`coalesce(${issuer.username}, ${tokenOwner.username})`,
  revokedAt: enrollmentTokens.revokedAt,
  revokedBy: revoker.username,
};

function selectTokens(db: Database, where: SQL | undefined) {
  return db
    .select(columns)
    .from(enrollmentTokens)
    .innerJoin(projects, eq(projects.id, enrollmentTokens.projectId))
    .leftJoin(issuer, eq(issuer.id, enrollmentTokens.createdByAccount))
    .leftJoin(apiTokens, eq(apiTokens.id, enrollmentTokens.createdBy))
    .leftJoin(tokenOwner, eq(tokenOwner.id, apiTokens.accountId))
    .leftJoin(revoker, eq(revoker.id, enrollmentTokens.revokedBy))
    .where(where)
    .$dynamic();
}

type TokenRow = Awaited<ReturnType<typeof selectTokens>>[number];
const withState = (now: Date) => (t: TokenRow) => ({ ...t, usesLeft: Math.max(0, t.maxUses - t.uses), state: tokenState(t, now) });

export interface TokenListQuery extends PageQuery {
  scope: string | null;
  projectId?: string;
}

/** The tokens the caller may see, newest first. */
export async function listEnrollmentTokens(db: Database, query: TokenListQuery, now: Date) {
  const filters = [
    query.scope ? eq(projects.enterpriseId, query.scope) : undefined,
    query.projectId ? eq(enrollmentTokens.projectId, query.projectId) : undefined,
  ];
  const page = await listPage(db, query, () => selectTokens(db, and(...filters)), [desc(enrollmentTokens.createdAt), desc(enrollmentTokens.id)]);
  return { ...page, items: page.items.map(withState(now)) };
}

async function visibleToken(db: Database, id: string, scope: string | null, now: Date) {
  const [row] = await selectTokens(db, eq(enrollmentTokens.id, id));
  if (!row || (scope && scope !== row.enterpriseId)) throw new ERR_NOT_FOUND({ what: 'enrollment_token' });
  return withState(now)(row);
}

/** Revokes a token once; the next enrollment with it is refused (enrollment/token.ts). */
export async function revokeEnrollmentToken(db: Database, id: string, scope: string | null, by: string | null, now: Date) {
  await visibleToken(db, id, scope, now);
  const [revoked] = await db
    .update(enrollmentTokens)
    .set({ revokedAt: now, revokedBy: by })
    .where(and(eq(enrollmentTokens.id, id), isNull(enrollmentTokens.revokedAt)))
    .returning({ id: enrollmentTokens.id });
  if (!revoked) throw new ERR_CONFLICT({ reason: 'enrollment_token_revoked' });
  return visibleToken(db, id, scope, now);
}

/** Each use of a token, newest first: the device it enrolled (null: the enrollment failed) and from where. */
export async function enrollmentTokenUsesOf(db: Database, id: string, scope: string | null, page: PageQuery, now: Date) {
  const token = await visibleToken(db, id, scope, now);
  return listPage(
    db,
    page,
    () =>
      db
        .select({
          deviceId: enrollmentTokenUses.deviceId,
          remoteAddress: sql<string | null>`host(${enrollmentTokenUses.remoteAddress})`,
          usedAt: enrollmentTokenUses.usedAt,
        })
        .from(enrollmentTokenUses)
        .where(eq(enrollmentTokenUses.tokenId, token.id))
        .$dynamic(),
    [desc(enrollmentTokenUses.usedAt), desc(enrollmentTokenUses.id)],
  );
}
