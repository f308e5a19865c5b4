// Issuing tokens: each is a 256-bit secret shown once and stored only as its SHA-256
// (auth/secrets.ts), so the database never holds a token that works.
import { and, desc, eq, isNull, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Principal, Role } from '../auth/principal.js';
import { hashSecret, newSecret } from '../auth/secrets.js';
import type { Database } from '../db/index.js';
import { accounts, apiTokens, enrollmentTokens } from '../db/schema/index.js';
import { ERR_NOT_FOUND, ERR_TOKEN_SCOPE } from '../errors.js';
import { assertEnterpriseExists } from './enterprises.js';

export async function issueEnrollmentToken(
  db: Database,
  fields: { projectId: string; maxUses: number; expiresAt: Date; createdBy: string | null; createdByAccount: string | null },
): Promise<{ id: string; token: string }> {
  const token = newSecret('et');
  const [row] = await db
    .insert(enrollmentTokens)
    .values({ ...fields, tokenHash: hashSecret(token) })
    .returning({ id: enrollmentTokens.id });
  return { id: row!.id, token };
}

/**
 * A bearer token for a role; an enterprise token names its enterprise, which must exist. A token
 * made for a person (`accountId`) carries that account's role and enterprise, and the person may
 * list and revoke it.
 */
export async function createApiToken(
  db: Database,
  fields: { name: string; role: Role; enterpriseId: string | null; expiresAt: Date; accountId: string | null; createdBy: string | null },
): Promise<{ id: string; token: string }> {
  if (fields.accountId) {
    const [owner] = await db.select({ role: accounts.role, enterpriseId: accounts.enterpriseId }).from(accounts).where(eq(accounts.id, fields.accountId));
    if (!owner) throw new ERR_NOT_FOUND({ what: 'account' });
    if (owner.role !== fields.role || owner.enterpriseId !== fields.enterpriseId) {
      throw new ERR_TOKEN_SCOPE({ reason: 'token_for_account' });
    }
  }
  if (fields.enterpriseId) await assertEnterpriseExists(db, fields.enterpriseId);
  const token = newSecret(fields.role.slice(0, 2));
  const [row] = await db
    .insert(apiTokens)
    .values({ ...fields, tokenHash: hashSecret(token) })
    .returning({ id: apiTokens.id });
  return { id: row!.id, token };
}

const owner = alias(accounts, 'owner');
const creator = alias(accounts, 'creator');

export interface TokenView {
  id: string;
  name: string;
  role: Role;
  enterpriseId: string | null;
  admin: boolean;
  account: string | null;
  createdBy: string | null;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** What a caller may see of tokens: an admin every one, anybody else those made for them (and the one in use). */
function visibleTo(p: Principal): SQL | undefined {
  if (p.admin) return undefined;
  if (p.accountId) return eq(apiTokens.accountId, p.accountId);
  return p.tokenId ? eq(apiTokens.id, p.tokenId) : eq(apiTokens.id, '00000000-0000-0000-0000-000000000000');
}

export function listApiTokens(db: Database, p: Principal): Promise<TokenView[]> {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      role: apiTokens.role,
      enterpriseId: apiTokens.enterpriseId,
      admin: apiTokens.admin,
      account: owner.username,
      createdBy: creator.username,
      createdAt: apiTokens.createdAt,
      expiresAt: apiTokens.expiresAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .leftJoin(owner, eq(owner.id, apiTokens.accountId))
    .leftJoin(creator, eq(creator.id, apiTokens.createdBy))
    .where(visibleTo(p))
    .orderBy(desc(apiTokens.createdAt))
    .limit(1_000);
}

/** Revokes a token the caller may see; 404 for any other (its existence is not disclosed). */
export async function revokeApiToken(db: Database, p: Principal, id: string, now: Date): Promise<{ id: string; revokedAt: Date }> {
  const [row] = await db
    .select({ id: apiTokens.id, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.id, id), visibleTo(p)));
  if (!row) throw new ERR_NOT_FOUND({ what: 'api_token' });
  if (row.revokedAt) return { id: row.id, revokedAt: row.revokedAt };
  await db
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)));
  return { id: row.id, revokedAt: now };
}
