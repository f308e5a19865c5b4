// People's accounts: creation and password resets by an admin, sign-in with its lockout, the
// first admin and the offline recovery. Every password passes auth/password-rules.ts and is
// stored as an scrypt hash (auth/password-hash.ts).
import { randomBytes } from 'node:crypto';
import { and, asc, eq, isNull, ne, sql } from 'drizzle-orm';
import { lockoutMs } from '../auth/lockout.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../auth/password-hash.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, passwordProblems } from '../auth/password-rules.js';
import { newTotpSecret, otpauthUri, verifyTotp } from '../auth/totp.js';
import type { Role } from '../auth/principal.js';
import { FIRST_ADMIN_USERNAME } from '../config.js';
import type { Database } from '../db/index.js';
import { accounts, sessions } from '../db/schema/index.js';
import { ERR_ACCOUNT_SCOPE, ERR_CONFLICT, ERR_CURRENT_PASSWORD, ERR_NOT_FOUND, ERR_PASSWORD_RULES, ERR_TOTP_CODE } from '../errors.js';
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
  /** A second factor (TOTP) is required at sign-in. */
  totp: boolean;
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
  totp: sql<boolean>`${accounts.totpSecret} is not null`.mapWith(Boolean),
};

/** A password for someone to change: 128 random bits, base64url (22 characters). */
export function generatedPassword(): string {
  return randomBytes(16).toString('base64url');
}

function assertPassword(username: string, password: string): void {
  const [first] = passwordProblems(username, password);
  if (first) throw new ERR_PASSWORD_RULES({ reason: first, min: PASSWORD_MIN_LENGTH, max: PASSWORD_MAX_LENGTH });
}

export async function createAccount(
  db: Database,
  fields: { username: string; role: Role; admin: boolean; enterpriseId: string | null; password: string; createdBy: string | null },
): Promise<AccountView> {
  const username = fields.username.toLowerCase();
  if ((fields.role === 'enterprise') !== (fields.enterpriseId !== null)) {
    throw new ERR_ACCOUNT_SCOPE({ reason: 'account_enterprise' });
  }
  if (fields.admin && fields.role !== 'operator') throw new ERR_ACCOUNT_SCOPE({ reason: 'account_admin_role' });
  if (fields.enterpriseId) await assertEnterpriseExists(db, fields.enterpriseId);
  assertPassword(username, fields.password);
  const passwordHash = await hashPassword(fields.password);
  const [row] = await db
    .insert(accounts)
    .values({ username, role: fields.role, admin: fields.admin, enterpriseId: fields.enterpriseId, passwordHash, createdBy: fields.createdBy })
    .onConflictDoNothing()
    .returning(VIEW);
  if (!row) throw new ERR_CONFLICT({ reason: 'account_exists', username });
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
  if (!account) throw new ERR_NOT_FOUND({ what: 'account' });
  assertPassword(account.username, password);
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(accounts)
      // A reset also drops the second factor: it is the way back for a person who lost the phone.
      .set({ passwordHash, passwordChangedAt: now, failedSignIns: 0, lockedUntil: null, totpSecret: null, totpPending: null, totpLastStep: null })
      .where(eq(accounts.id, accountId))
      .returning(VIEW);
    await tx.update(sessions).set({ revokedAt: now }).where(eq(sessions.accountId, accountId));
    return row!;
  });
}

export type SignInResult =
  | { outcome: 'ok'; account: AccountView }
  | { outcome: 'wrong'; accountId: string | null }
  | { outcome: 'code-required'; accountId: string }
  | { outcome: 'locked'; accountId: string; retryAfterMs: number };

/**
 * Checks a username and password. An unknown name costs the same scrypt as a known one, so timing
 * does not tell which names exist. Failures are counted on the account; from the fifth on it is
 * locked for a doubling time (auth/lockout.ts), and while locked no password is even checked.
 */
export async function signIn(db: Database, username: string, password: string, now: Date, code?: string): Promise<SignInResult> {
  const [row] = await db
    .select({ ...VIEW, passwordHash: accounts.passwordHash, totpSecret: accounts.totpSecret, totpLastStep: accounts.totpLastStep })
    .from(accounts)
    .where(eq(accounts.username, username.toLowerCase()));
  if (!row) {
    await verifyPassword(password, DUMMY_HASH);
    return { outcome: 'wrong', accountId: null };
  }
  if (row.lockedUntil && row.lockedUntil > now) return { outcome: 'locked', accountId: row.id, retryAfterMs: row.lockedUntil.getTime() - now.getTime() };
  const { passwordHash, totpSecret, totpLastStep, ...account } = row;
  const passwordOk = await verifyPassword(password, passwordHash);
  // With a second factor, the right password alone asks for the code (not a failure: nobody
  // guessed); a wrong code counts as a failure like a wrong password, so codes cannot be guessed
  // faster than passwords.
  if (passwordOk && totpSecret && code === undefined) return { outcome: 'code-required', accountId: row.id };
  const step = passwordOk && totpSecret ? verifyTotp(totpSecret, code ?? '', now.getTime(), totpLastStep) : null;
  if (passwordOk && (!totpSecret || step !== null)) {
    await db
      .update(accounts)
      .set({ failedSignIns: 0, lockedUntil: null, ...(step !== null ? { totpLastStep: step } : {}) })
      .where(eq(accounts.id, row.id));
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
 * A person changes their own password: the current one is checked as a sign-in is (a wrong one
 * counts towards the lockout, so a borrowed session cannot guess it), and every other session of
 * the account ends; the one in use (`keepSessionId`) stays.
 */
export async function changeOwnPassword(
  db: Database,
  accountId: string,
  current: string,
  next: string,
  now: Date,
  keepSessionId: string | null,
): Promise<{ retryAfterMs: number } | null> {
  const [row] = await db.select({ username: accounts.username }).from(accounts).where(eq(accounts.id, accountId));
  if (!row) throw new ERR_NOT_FOUND({ what: 'account' });
  const check = await signIn(db, row.username, current, now);
  if (check.outcome === 'locked') return { retryAfterMs: check.retryAfterMs };
  if (check.outcome === 'wrong') throw new ERR_CURRENT_PASSWORD();
  assertPassword(row.username, next);
  const passwordHash = await hashPassword(next);
  await db.transaction(async (tx) => {
    await tx.update(accounts).set({ passwordHash, passwordChangedAt: now }).where(eq(accounts.id, accountId));
    const others = keepSessionId ? and(eq(sessions.accountId, accountId), ne(sessions.id, keepSessionId)) : eq(sessions.accountId, accountId);
    await tx
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(others, isNull(sessions.revokedAt)));
  });
  return null;
}

/** Starts enrolling a second factor: a new secret, pending until a code from it is confirmed. */
export async function startTotp(db: Database, accountId: string): Promise<{ secret: string; uri: string }> {
  const secret = newTotpSecret();
  const [row] = await db.update(accounts).set({ totpPending: secret }).where(eq(accounts.id, accountId)).returning({ username: accounts.username });
  if (!row) throw new ERR_NOT_FOUND({ what: 'account' });
  return { secret, uri: otpauthUri(row.username, secret) };
}

/** The first code from the pending secret turns the second factor on; a wrong one changes nothing. */
export async function confirmTotp(db: Database, accountId: string, code: string, now: Date): Promise<void> {
  const [row] = await db.select({ pending: accounts.totpPending }).from(accounts).where(eq(accounts.id, accountId));
  if (!row) throw new ERR_NOT_FOUND({ what: 'account' });
  const step = row.pending ? verifyTotp(row.pending, code, now.getTime(), null) : null;
  if (step === null) throw new ERR_TOTP_CODE({ reason: row.pending ? 'totp_mismatch' : 'totp_not_pending' });
  await db.update(accounts).set({ totpSecret: row.pending, totpPending: null, totpLastStep: step }).where(eq(accounts.id, accountId));
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
  if (!row.admin) throw new ERR_ACCOUNT_SCOPE({ reason: 'account_not_admin', username: name });
  await resetPassword(db, row.id, password, now);
  return { username: name, password, created: false };
}
