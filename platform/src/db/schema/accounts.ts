import { bigint, boolean, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { role } from './api-tokens.js';
import { enterprises } from './enterprises.js';

// People who sign in to the dashboard: operator, bureau and enterprise staff. `admin` is an
// operator who also manages accounts and tokens. The password is stored as an scrypt hash with its
// parameters (auth/password-hash.ts); failed sign-ins are counted here, per account, so a lockout
// follows the account whichever address the guesses come from. One writer: services/accounts.ts
// (and the recovery command, auth/reset-admin-cli.ts, through the same service).
export const accounts = pgTable('accounts', {
  id: uuid('id').primaryKey().defaultRandom(),
  username: text('username').notNull().unique(), // stored lower-case: sign-in ignores case
  role: role('role').notNull(),
  admin: boolean('admin').notNull().default(false), // only with role = operator
  enterpriseId: uuid('enterprise_id').references(() => enterprises.id), // set exactly when role = enterprise
  passwordHash: text('password_hash').notNull(),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
  failedSignIns: integer('failed_sign_ins').notNull().default(0), // consecutive; reset by a good sign-in
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  // The second factor (auth/totp.ts). The TOTP secret must be readable to check a code, so it is
  // kept as is, like the report signing key: whoever reads this table can also read every
  // heartbeat. A pending secret waits for its first code before it counts.
  totpSecret: text('totp_secret'),
  totpPending: text('totp_pending'),
  totpLastStep: bigint('totp_last_step', { mode: 'number' }), // the last step used: a code never signs in twice
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  createdBy: uuid('created_by'), // the admin account; null for the first admin
});
