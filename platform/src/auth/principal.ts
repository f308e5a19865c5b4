import { and, eq, isNull } from 'drizzle-orm';
import type { Database } from '../db/index.js';
import { apiTokens } from '../db/schema/index.js';
import { hashSecret } from './secrets.js';

export type Role = 'operator' | 'bureau' | 'enterprise';

/** Who is calling: resolved from the bearer token on every API request. */
export interface Principal {
  tokenId: string;
  role: Role;
  /** Set for the enterprise role: the only enterprise this caller may see. */
  enterpriseId: string | null;
}

export async function principalForToken(db: Database, token: string): Promise<Principal | null> {
  const [row] = await db
    .select({ id: apiTokens.id, role: apiTokens.role, enterpriseId: apiTokens.enterpriseId })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, hashSecret(token)), isNull(apiTokens.revokedAt)))
    .limit(1);
  return row ? { tokenId: row.id, role: row.role, enterpriseId: row.enterpriseId } : null;
}

/** The enterprise a caller is confined to, or null when it may read every enterprise. */
export function enterpriseScope(p: Principal): string | null {
  return p.role === 'enterprise' ? p.enterpriseId : null;
}
