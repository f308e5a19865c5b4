// Issuing tokens: each is a 256-bit secret shown once and stored only as its SHA-256
// (auth/secrets.ts), so the database never holds a token that works.
import type { Role } from '../auth/principal.js';
import { hashSecret, newSecret } from '../auth/secrets.js';
import type { Database } from '../db/index.js';
import { apiTokens, enrollmentTokens } from '../db/schema/index.js';
import { assertEnterpriseExists } from './enterprises.js';

export async function issueEnrollmentToken(
  db: Database,
  fields: { projectId: string; maxUses: number; expiresAt: Date; createdBy: string },
): Promise<{ id: string; token: string }> {
  const token = newSecret('et');
  const [row] = await db
    .insert(enrollmentTokens)
    .values({ ...fields, tokenHash: hashSecret(token) })
    .returning({ id: enrollmentTokens.id });
  return { id: row!.id, token };
}

/** A bearer token for a role; an enterprise token names its enterprise, which must exist. */
export async function createApiToken(db: Database, fields: { name: string; role: Role; enterpriseId: string | null }): Promise<{ id: string; token: string }> {
  if (fields.enterpriseId) await assertEnterpriseExists(db, fields.enterpriseId);
  const token = newSecret(fields.role.slice(0, 2));
  const [row] = await db
    .insert(apiTokens)
    .values({ ...fields, tokenHash: hashSecret(token) })
    .returning({ id: apiTokens.id });
  return { id: row!.id, token };
}
