import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// One TPM enrollment challenge (docs/tpm.md): issued by POST /api/v1/enroll/challenge, answered once
// by POST /api/v1/enroll before expires_at. Its one writer is enrollment/tpm-challenge.ts: it inserts
// the row and sets used_at when the answer is accepted, so a nonce is never quoted twice.
export const tpmChallenges = pgTable(
  'tpm_challenges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // SHA-256 of the enrollment token it was issued under: the answer must come with the same token.
    tokenHash: text('token_hash').notNull(),
    ekIssuer: text('ek_issuer').notNull(),
    ekSerial: text('ek_serial').notNull(),
    ekPublicSha256: text('ek_public_sha256').notNull(),
    akPublic: text('ak_public').notNull(), // TPM2B_PUBLIC, base64
    // The EK certificate (DER, base64) as shown: kept with the device so a verifier can check its chain.
    ekCertificate: text('ek_certificate'),
    nonce: text('nonce').notNull(), // 32 random bytes, base64
    secretHash: text('secret_hash').notNull(), // SHA-256 hex of the credential's secret
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('tpm_challenges_expires_idx').on(t.expiresAt)],
);
