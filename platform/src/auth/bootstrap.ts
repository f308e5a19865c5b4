import { eq } from 'drizzle-orm';
import type { Database } from '../db/index.js';
import { apiTokens } from '../db/schema/index.js';
import { hashSecret, newSecret } from './secrets.js';

/**
 * On a first start (no operator token yet) creates one: EDGENET_OPERATOR_TOKEN when set, for
 * automated set-ups, else a random one. Returns the clear token only when it was just created, so
 * the caller can show it once; it is stored hashed and can never be shown again.
 */
export async function ensureOperatorToken(db: Database, configured: string | undefined): Promise<string | null> {
  const existing = await db.select({ id: apiTokens.id }).from(apiTokens).where(eq(apiTokens.role, 'operator')).limit(1);
  if (existing.length > 0) return null;
  const token = configured ?? newSecret('op');
  await db.insert(apiTokens).values({ name: 'initial operator', role: 'operator', tokenHash: hashSecret(token) });
  return token;
}
