import { bigint, boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { enterprises } from './enterprises.js';
import { projects } from './projects.js';

export const deviceKind = pgEnum('device_kind', ['compute_box', 'industrial_pc', 'server']);

// How the device proved it is a distinct box (docs/tpm.md): `tpm`, its TPM 2.0's endorsement key was
// certified by a configured manufacturer root and its attestation key activated beside it; `software`,
// every claim is the device's own word.
export const attestationLevel = pgEnum('attestation_level', ['tpm', 'software']);

// Where the device is in its life (docs/devices.md): `active` connects and counts; `disabled` is
// refused at CONNECT and its heartbeats stop counting until it is re-enabled; `decommissioned` is
// kept for history, serves no workstation and never connects again. Every change is a row of
// device_status_events.
export const deviceStatus = pgEnum('device_status', ['active', 'disabled', 'decommissioned']);

// One writer per column: every UPDATE of this table sets only the columns of the module that owns
// them (platform/test/column-owners.test.ts reads every statement of platform/src to hold it so).
//   enrollment (routes/enroll*.ts and the enrollment/ services) inserts the row: the hardware's identity,
//     enterprise and project, its key and MQTT credentials, and the declared profile below;
//     re-enrolling the same hardware updates project, key and credentials, and the attestation
//     (attestation_level, ek_*, ak_public, ek_certificate) the device proved this time;
//   the device profile (ingest/device-profile.ts): kind, inventory, agent_version,
//     heartbeat_interval_ms, hello_offset_ms, declared_sha256, as the device declares them at
//     re-enrollment and at every hello;
//   the heartbeat writer's rollup fold (ingest/rollup/fold.ts): last_seq, first_seen_at,
//     last_seen_at, in the transaction that marks the heartbeats they come from folded (they trail
//     the stored heartbeats by up to EDGENET_ROLLUP_FLUSH_MS);
//   presence (ingest/presence.ts): online, came_online_at;
//   the lifecycle (services/device-lifecycle.ts): status, status_changed_at, replaced_by, and
//     project_id when the device moves to another project of its enterprise.
export const devices = pgTable(
  'devices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    enterpriseId: uuid('enterprise_id')
      .notNull()
      .references(() => enterprises.id),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    kind: deviceKind('kind').notNull(),
    fingerprint: text('fingerprint').notNull(),
    publicKey: text('public_key').notNull(), // raw Ed25519 key, base64url
    keyId: text('key_id').notNull(), // first 16 hex of SHA-256(raw public key)
    mqttPasswordHash: text('mqtt_password_hash').notNull(), // SHA-256 hex of a 256-bit secret
    inventory: jsonb('inventory').notNull(),
    agentVersion: text('agent_version').notNull(),
    heartbeatIntervalMs: integer('heartbeat_interval_ms').notNull(),
    online: boolean('online').notNull().default(false),
    // When presence last set the device online. The shared timeout sweep reads it beside
    // last_seen_at: a device that has just come online is not timed out before its first heartbeat
    // is stored, yet last_seen_at stays the receive time of a stored heartbeat in every mode.
    cameOnlineAt: timestamp('came_online_at', { withTimezone: true }),
    // The highest seq stored for the device (heartbeat writer); what a restarted or another
    // instance resumes the device's sequence check from (ingest/device-registry.ts).
    lastSeq: bigint('last_seq', { mode: 'number' }).notNull().default(0),
    // Device clock minus platform clock at the latest hello (ms). Kept here, not only in memory, so
    // any platform instance can file the device's queued heartbeats (filing.ts) whichever got the hello.
    helloOffsetMs: bigint('hello_offset_ms', { mode: 'number' }),
    // SHA-256 (hex) of the declaring part of the last hello written (ingest/device-profile.ts): a
    // platform restarted, or another instance, skips the write for a hello that repeats it. Null
    // after enrollment: the next hello is written.
    declaredSha256: text('declared_sha256'),
    attestationLevel: attestationLevel('attestation_level').notNull().default('software'),
    // The EK certificate's issuer (RFC 4514-ish, as node:crypto prints it) and serial (hex), and
    // SHA-256 of the EK's SubjectPublicKeyInfo: the chip, whatever certificate names it. Null at software.
    ekIssuer: text('ek_issuer'),
    ekSerial: text('ek_serial'),
    ekPublicSha256: text('ek_public_sha256'),
    // The attestation key as TPM2B_PUBLIC, base64: what the device's TPM signs with from now on.
    akPublic: text('ak_public'),
    // The EK certificate (DER, base64), for a verifier's own check of its chain (docs/tpm.md).
    ekCertificate: text('ek_certificate'),
    enrolledAt: timestamp('enrolled_at', { withTimezone: true }).notNull().defaultNow(),
    status: deviceStatus('status').notNull().default('active'),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }),
    // The device that took over this one's workstations (replace); the newcomer's own row says which
    // it replaced in device_status_events (replaced_device_id).
    replacedBy: uuid('replaced_by'),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
  },
  (t) => [index('devices_enterprise_idx').on(t.enterpriseId), index('devices_project_idx').on(t.projectId), index('devices_fingerprint_idx').on(t.fingerprint)],
);

// Each key a device has held: re-enrolling the same hardware with a new key is recorded, not hidden.
export const deviceKeys = pgTable('device_keys', {
  id: uuid('id').primaryKey().defaultRandom(),
  deviceId: uuid('device_id')
    .notNull()
    .references(() => devices.id),
  publicKey: text('public_key').notNull(),
  keyId: text('key_id').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
