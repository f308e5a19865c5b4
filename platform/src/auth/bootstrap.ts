import { eq } from 'drizzle-orm';
import type { Database } from '../db/index.js';
import { apiTokens } from '../db/schema/index.js';
import { hashSecret, newSecret } from './secrets.js';

const DAY_MS = 86_400_000;

/**
 * On a first start (no operator token yet) creates one: EDGENET_OPERATOR_TOKEN when set, for
 * automated set-ups, else a random one. It is an admin token (it may manage accounts and tokens)
 * and expires like any other, after `lifetimeDays`. Returns the clear token only when it was just
 * created, so the caller can show it once; it is stored hashed and can never be shown again.
 */
export async function ensureOperatorToken(db: Database, configured: string | undefined, lifetimeDays: number, now: Date): Promise<string | null> {
  const existing = await db.select({ id: apiTokens.id }).from(apiTokens).where(eq(apiTokens.role, 'operator')).limit(1);
  if (existing.length > 0) return null;
  const token = configured ?? newSecret('op');
  await db.insert(apiTokens).values({
    name: 'initial operator',
    role: 'operator',
    admin: true,
    tokenHash: hashSecret(token),
    expiresAt: new Date(now.getTime() + lifetimeDays * DAY_MS),
  });
  return token;
}
