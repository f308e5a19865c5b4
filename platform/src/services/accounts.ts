// People's accounts: creation and password resets by an admin, sign-in with its lockout, the
// first admin and the offline recovery. Every password passes auth/password-rules.ts and is
// stored as an scrypt hash (auth/password-hash.ts).
import { randomBytes } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { lockoutMs } from '../auth/lockout.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../auth/password-hash.js';
import { passwordProblems } from '../auth/password-rules.js';
import type { Role } from '../auth/principal.js';
import { FIRST_ADMIN_USERNAME } from '../config.js';
import type { Database } from '../db/index.js';
import { accounts, sessions } from '../db/schema/index.js';
import { ERR_ACCOUNT_SCOPE, ERR_CONFLICT, ERR_NOT_FOUND, ERR_PASSWORD_RULES } from '../errors.js';
import { assertEnterpriseExists } from './enterprises.js';

export interface AccountView {
  id: string;
  username: string;
  role: Role;
  admin: boolean;
  enterpriseId: string | null;
  createdAt: Date;
  passwordChangedAt: Date;
  lockedUntil: Date | null;
  failedSignIns: number;
}

const VIEW = {
  id: accounts.id,
  username: accounts.username,
  role: accounts.role,
  admin: accounts.admin,
  enterpriseId: accounts.enterpriseId,
  createdAt: accounts.createdAt,
  passwordChangedAt: accounts.passwordChangedAt,
  lockedUntil: accounts.lockedUntil,
  failedSignIns: accounts.failedSignIns,
};

/** A password for someone to change: 128 random bits, base64url (22 characters). */
export function generatedPassword(): string {
  return randomBytes(16).toString('base64url');
}

function assertPassword(username: string, password: string): void {
  const problems = passwordProblems(username, password);
  if (problems.length > 0) throw new ERR_PASSWORD_RULES(`the password ${problems.join('; ')}`);
}

export async function createAccount(
  db: Database,
  fields: { username: string; role: Role; admin: boolean; enterpriseId: string | null; password: string; createdBy: string | null },
): Promise<AccountView> {
  const username = fields.username.toLowerCase();
  if ((fields.role === 'enterprise') !== (fields.enterpriseId !== null)) {
    throw new ERR_ACCOUNT_SCOPE('enterpriseId is required for the enterprise role and not allowed for others');
  }
  if (fields.admin && fields.role !== 'operator') throw new ERR_ACCOUNT_SCOPE('only an operator account can be an admin');
  if (fields.enterpriseId) await assertEnterpriseExists(db, fields.enterpriseId);
  assertPassword(username, fields.password);
  const passwordHash = await hashPassword(fields.password);
  const [row] = await db
    .insert(accounts)
    .values({ username, role: fields.role, admin: fields.admin, enterpriseId: fields.enterpriseId, passwordHash, createdBy: fields.createdBy })
    .onConflictDoNothing()
    .returning(VIEW);
  if (!row) throw new ERR_CONFLICT(`an account named ${username} already exists`);
  return row;
}

export function listAccounts(db: Database): Promise<AccountView[]> {
  return db.select(VIEW).from(accounts).orderBy(asc(accounts.username));
}

/**
 * An admin's reset (or the recovery command's): a new password, the lockout lifted, and every
 * session of the account ended, so whoever knew the old password is signed out.
 */
export async function resetPassword(db: Database, accountId: string, password: string, now: Date): Promise<AccountView> {
  const [account] = await db.select({ username: accounts.username }).from(accounts).where(eq(accounts.id, accountId));
  if (!account) throw new ERR_NOT_FOUND('account');
  assertPassword(account.username, password);
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(accounts)
      .set({ passwordHash, passwordChangedAt: now, failedSignIns: 0, lockedUntil: null })
      .where(eq(accounts.id, accountId))
      .returning(VIEW);
    await tx.update(sessions).set({ revokedAt: now }).where(eq(sessions.accountId, accountId));
    return row!;
  });
}

export type SignInResult =
  | { outcome: 'ok'; account: AccountView }
  | { outcome: 'wrong'; accountId: string | null }
  | { outcome: 'locked'; accountId: string; retryAfterMs: number };

/**
 * Checks a username and password. An unknown name costs the same scrypt as a known one, so timing
 * does not tell which names exist. Failures are counted on the account; from the fifth on it is
 * locked for a doubling time (auth/lockout.ts), and while locked no password is even checked.
 */
export async function signIn(db: Database, username: string, password: string, now: Date): Promise<SignInResult> {
  const [row] = await db
    .select({ ...VIEW, passwordHash: accounts.passwordHash })
    .from(accounts)
    .where(eq(accounts.username, username.toLowerCase()));
  if (!row) {
    await verifyPassword(password, DUMMY_HASH);
    return { outcome: 'wrong', accountId: null };
  }
  if (row.lockedUntil && row.lockedUntil > now) return { outcome: 'locked', accountId: row.id, retryAfterMs: row.lockedUntil.getTime() - now.getTime() };
  const { passwordHash, ...account } = row;
  if (await verifyPassword(password, passwordHash)) {
    if (row.failedSignIns > 0 || row.lockedUntil) await db.update(accounts).set({ failedSignIns: 0, lockedUntil: null }).where(eq(accounts.id, row.id));
    return { outcome: 'ok', account: { ...account, failedSignIns: 0, lockedUntil: null } };
  }
  const failures = row.failedSignIns + 1;
  const lock = lockoutMs(failures);
  await db
    .update(accounts)
    .set({ failedSignIns: failures, lockedUntil: lock > 0 ? new Date(now.getTime() + lock) : null })
    .where(eq(accounts.id, row.id));
  return { outcome: 'wrong', accountId: row.id };
}

/**
 * The first start: when no admin account exists, creates `admin` with EDGENET_ADMIN_PASSWORD or a
 * generated password. Returns the password only when it was generated, to be shown once.
 */
export async function ensureAdminAccount(db: Database, configured: string | undefined): Promise<string | null> {
  const [existing] = await db.select({ id: accounts.id }).from(accounts).where(eq(accounts.admin, true)).limit(1);
  if (existing) return null;
  const password = configured ?? generatedPassword();
  await createAccount(db, { username: FIRST_ADMIN_USERNAME, role: 'operator', admin: true, enterpriseId: null, password, createdBy: null });
  return configured === undefined ? password : null;
}

/**
 * The recovery command: a new generated password for an admin account (created when missing),
 * its lockout lifted and its sessions ended. Returns the password, to be shown once.
 */
export async function recoverAdmin(db: Database, username: string, now: Date): Promise<{ username: string; password: string; created: boolean }> {
  const name = username.toLowerCase();
  const password = generatedPassword();
  const [row] = await db.select({ id: accounts.id, admin: accounts.admin }).from(accounts).where(eq(accounts.username, name));
  if (!row) {
    await createAccount(db, { username: name, role: 'operator', admin: true, enterpriseId: null, password, createdBy: null });
    return { username: name, password, created: true };
  }
  if (!row.admin) throw new ERR_ACCOUNT_SCOPE(`${name} is not an admin account; reset it from the dashboard instead`);
  await resetPassword(db, row.id, password, now);
  return { username: name, password, created: false };
}
