import { pgTable, text, timestamp } from 'drizzle-orm/pg-core';

// Every Ed25519 key the platform has signed reports with. Public keys are kept for ever (published
// at GET /api/v1/signing-keys) so a report stays verifiable after rotation; the private key lives
// in a 0600 file on the platform host, never in the database.
export const signingKeys = pgTable('signing_keys', {
  keyId: text('key_id').primaryKey(), // first 16 hex of SHA-256(raw public key)
  publicKey: text('public_key').notNull(), // raw Ed25519, base64url
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  retiredAt: timestamp('retired_at', { withTimezone: true }),
});
