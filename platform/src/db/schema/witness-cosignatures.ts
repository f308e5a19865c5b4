import { bigint, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

// Cosignatures the bureau's witness gave the platform's logs (docs/witness.md): one per witness key,
// log and tree size. They are the witness's signatures, checkable by anyone with its public key, so
// the platform keeps them only to hand them out with its reports. Written once (migration 0013's
// trigger).
export const witnessCosignatures = pgTable(
  'witness_cosignatures',
  {
    keyId: text('key_id').notNull(),
    log: text('log').notNull(), // 'reports' or 'audit'
    size: bigint('size', { mode: 'number' }).notNull(),
    root: text('root').notNull(), // RFC 6962 root, hex
    signedAt: text('signed_at').notNull(), // the witness's own timestamp, as it signed it
    signature: text('signature').notNull(), // base64url Ed25519
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.keyId, t.log, t.size] })],
);
