// Browser sessions: opened by a good sign-in, ended by expiry, sign-out or a password reset. The
// secret lives only in the cookie; the table keeps its SHA-256 (auth/secrets.ts).
import { and, eq, gt, isNull } from 'drizzle-orm';
import { LAST_USE_GRANULARITY_MS, type Principal } from '../auth/principal.js';
import { hashSecret, newSecret } from '../auth/secrets.js';
import type { Database } from '../db/index.js';
import { accounts, sessions } from '../db/schema/index.js';

export interface SessionLimits {
  idleMs: number;
  maxMs: number;
}

export async function openSession(
  db: Database,
  accountId: string,
  ip: string,
  now: Date,
  limits: SessionLimits,
): Promise<{ id: string; secret: string; expiresAt: Date }> {
  const secret = newSecret('ses');
  const expiresAt = new Date(now.getTime() + limits.maxMs);
  const [row] = await db
    .insert(sessions)
    .values({ accountId, secretHash: hashSecret(secret), createdAt: now, lastSeenAt: now, expiresAt, ip: ip.slice(0, 100) })
    .returning({ id: sessions.id });
  return { id: row!.id, secret, expiresAt };
}

/** The caller behind a session secret, or null when it is unknown, revoked, idle too long or expired. */
export async function principalForSession(db: Database, secret: string, now: Date, limits: SessionLimits): Promise<Principal | null> {
  const [row] = await db
    .select({
      id: sessions.id,
      lastSeenAt: sessions.lastSeenAt,
      accountId: accounts.id,
      username: accounts.username,
      role: accounts.role,
      admin: accounts.admin,
      enterpriseId: accounts.enterpriseId,
    })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(and(eq(sessions.secretHash, hashSecret(secret)), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
    .limit(1);
  if (!row) return null;
  const idle = now.getTime() - row.lastSeenAt.getTime();
  if (idle >= limits.idleMs) return null;
  // The idle clock is kept to the minute: a dashboard polling every second writes once a minute.
  if (idle >= LAST_USE_GRANULARITY_MS) await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.id));
  return {
    role: row.role,
    enterpriseId: row.enterpriseId,
    admin: row.admin,
    tokenId: null,
    sessionId: row.id,
    accountId: row.accountId,
    username: row.username,
  };
}

export async function revokeSession(db: Database, sessionId: string, now: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

/** Sign out everywhere: every open session of the account. Returns how many were open. */
export async function revokeAllSessions(db: Database, accountId: string, now: Date): Promise<number> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.accountId, accountId), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
    .returning({ id: sessions.id });
  return rows.length;
}
