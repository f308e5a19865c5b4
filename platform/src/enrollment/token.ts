// Enrollment tokens at the moment of use: a token is claimed atomically, one use per device, inside
// the transaction that enrolls the devices, so a refused or failed enrollment spends no use.
import { and, eq, gt, gte, isNull, lt, sql } from 'drizzle-orm';
import { hashSecret } from '../auth/secrets.js';
import type { Database } from '../db/index.js';
import { enrollmentTokens, enterprises, projects } from '../db/schema/index.js';
import { ERR_ENROLL_TOKEN } from '../errors.js';

export interface ClaimedToken {
  id: string;
  projectId: string;
  enterpriseId: string;
}

/**
 * Takes `count` uses of the token, atomically: two devices racing for the last use cannot both win.
 * `seen` learns the token's id as soon as it is known, so a refused use is audited with its token.
 */
export async function claimToken(tx: Database, token: string, now: Date, ip: string, seen: (tokenId: string) => void, count = 1): Promise<ClaimedToken> {
  const [row] = await tx
    .select({
      id: enrollmentTokens.id,
      projectId: enrollmentTokens.projectId,
      enterpriseId: projects.enterpriseId,
      uses: enrollmentTokens.uses,
      maxUses: enrollmentTokens.maxUses,
      expiresAt: enrollmentTokens.expiresAt,
      revokedAt: enrollmentTokens.revokedAt,
      projectArchivedAt: projects.archivedAt,
      enterpriseArchivedAt: enterprises.archivedAt,
    })
    .from(enrollmentTokens)
    .innerJoin(projects, eq(projects.id, enrollmentTokens.projectId))
    .innerJoin(enterprises, eq(enterprises.id, projects.enterpriseId))
    .where(eq(enrollmentTokens.tokenHash, hashSecret(token)));
  if (!row) throw new ERR_ENROLL_TOKEN({ reason: 'token_unknown' });
  seen(row.id);
  if (row.revokedAt) throw new ERR_ENROLL_TOKEN({ reason: 'token_revoked', at: row.revokedAt.toISOString() });
  if (row.expiresAt <= now) throw new ERR_ENROLL_TOKEN({ reason: 'token_expired', at: row.expiresAt.toISOString() });
  // An archived project or enterprise takes no new devices (docs/records.md).
  if (row.enterpriseArchivedAt) throw new ERR_ENROLL_TOKEN({ reason: 'token_enterprise_archived' });
  if (row.projectArchivedAt) throw new ERR_ENROLL_TOKEN({ reason: 'token_project_archived' });
  const [claimed] = await tx
    .update(enrollmentTokens)
    .set({ uses: sql`${enrollmentTokens.uses} + ${count}` })
    .where(and(eq(enrollmentTokens.id, row.id), gte(enrollmentTokens.maxUses, sql`${enrollmentTokens.uses} + ${count}`)))
    .returning({ id: enrollmentTokens.id });
  if (!claimed) {
    throw new ERR_ENROLL_TOKEN({ reason: count > 1 ? 'token_used_up_asked' : 'token_used_up', uses: row.uses, maxUses: row.maxUses, ip, asked: count });
  }
  return { id: row.id, projectId: row.projectId, enterpriseId: row.enterpriseId };
}

/** Whether the token is an enrollment token that is neither expired, used up nor revoked (nothing is claimed). */
export async function isLiveToken(db: Database, token: string, now = new Date()): Promise<boolean> {
  const [live] = await db
    .select({ id: enrollmentTokens.id })
    .from(enrollmentTokens)
    .where(
      and(
        eq(enrollmentTokens.tokenHash, hashSecret(token)),
        isNull(enrollmentTokens.revokedAt),
        gt(enrollmentTokens.expiresAt, now),
        lt(enrollmentTokens.uses, enrollmentTokens.maxUses),
      ),
    )
    .limit(1);
  return live !== undefined;
}
