-- Every heartbeat already stored gets its key, so a redelivery of it is recognised after the
-- upgrade as before (platform/src/db/schema/heartbeat-keys.ts). On a TimescaleDB database that
-- already holds the same (device_id, seq) twice (the hypertable key includes received_at), the key
-- is kept once; the rows stay as stored.
INSERT INTO "heartbeat_keys" ("device_id", "seq") SELECT "device_id", "seq" FROM "heartbeats" ON CONFLICT DO NOTHING;
