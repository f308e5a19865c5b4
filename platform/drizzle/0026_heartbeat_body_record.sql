CREATE TABLE "heartbeats_prechain" (
	"device_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"device_time" timestamp with time zone NOT NULL,
	"clock_untrusted" boolean NOT NULL,
	"uptime_s" bigint NOT NULL,
	"cpu_percent" real NOT NULL,
	"memory_used_bytes" bigint NOT NULL,
	"memory_total_bytes" bigint NOT NULL,
	"disk_used_bytes" bigint NOT NULL,
	"disk_total_bytes" bigint NOT NULL,
	"temperature_c" real,
	"accelerator" jsonb,
	"inference_total" bigint NOT NULL,
	"inference_errors" bigint NOT NULL,
	"inference_models" jsonb,
	"queue_depth" bigint,
	"queue_dropped" bigint,
	CONSTRAINT "heartbeats_prechain_pk" PRIMARY KEY("device_id","seq")
);
--> statement-breakpoint
-- hand edit: the signed body is the record (platform/src/db/schema/heartbeats.ts). drizzle-kit
-- would drop the decoded columns in place, but PostgreSQL keeps a dropped column's slot in every
-- later row (a null-bitmap bit each: 25 attributes make a 4-byte bitmap) and never reorders
-- columns, so the table is rebuilt in alignment order instead (PostgreSQL docs, "Database Page
-- Layout"). First the decoded figures of rows that have no signed body to decode them from (stored
-- before the chain existed, migration 0003) are kept as they were, and can never change after.
INSERT INTO "heartbeats_prechain"
SELECT "device_id", "seq", "device_time", "clock_untrusted", "uptime_s", "cpu_percent", "memory_used_bytes", "memory_total_bytes",
       "disk_used_bytes", "disk_total_bytes", "temperature_c", "accelerator", "inference_total", "inference_errors", "inference_models",
       "queue_depth", "queue_dropped"
  FROM "heartbeats" WHERE "body" IS NULL
    ON CONFLICT DO NOTHING;--> statement-breakpoint
CREATE TRIGGER heartbeats_prechain_immutable BEFORE UPDATE OR DELETE ON heartbeats_prechain FOR EACH ROW EXECUTE FUNCTION edgenet_immutable();--> statement-breakpoint
CREATE TRIGGER heartbeats_prechain_no_truncate BEFORE TRUNCATE ON heartbeats_prechain FOR EACH STATEMENT EXECUTE FUNCTION edgenet_immutable();--> statement-breakpoint
CREATE TABLE "heartbeats_rebuilt" (
	"device_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"filed_at" timestamp with time zone NOT NULL,
	"inference_delta" bigint NOT NULL,
	"batch_id" bigint,
	"filing" smallint NOT NULL,
	"chain_ok" boolean,
	"key_id" text,
	"body" "bytea",
	"signature" "bytea"
);
--> statement-breakpoint
-- The filing codes are those of platform/src/db/schema/heartbeats.ts (FILING_CODES). Rows stored
-- before 0026 have no signature or key id of their own: the day's anchor (chain_anchors) vouches
-- for them through the chain, as before.
INSERT INTO "heartbeats_rebuilt" ("device_id", "seq", "received_at", "filed_at", "inference_delta", "batch_id", "filing", "chain_ok", "body")
SELECT "device_id", "seq", "received_at", "filed_at", "inference_delta", "batch_id",
       CASE "filing" WHEN 'received' THEN 1 WHEN 'device_time' THEN 2 WHEN 'untrusted_clock' THEN 3 WHEN 'before_enrollment' THEN 4 END,
       "chain_ok", "body"
  FROM "heartbeats" ORDER BY "device_id", "seq";--> statement-breakpoint
-- A TimescaleDB hypertable's unique keys include received_at (platform/src/db/migrate.ts), and it
-- may hold one (device_id, seq) twice; the rebuilt table keeps that key until migrate.ts makes it a
-- hypertable again. Elsewhere (device_id, seq) is the key, as before.
DO $$
DECLARE
  hyper boolean := false;
BEGIN
  IF to_regclass('timescaledb_information.hypertables') IS NOT NULL THEN
    EXECUTE 'SELECT EXISTS (SELECT 1 FROM timescaledb_information.hypertables WHERE hypertable_name = ''heartbeats'')' INTO hyper;
  END IF;
  DROP TABLE "heartbeats";
  ALTER TABLE "heartbeats_rebuilt" RENAME TO "heartbeats";
  IF hyper THEN
    ALTER TABLE "heartbeats" ADD CONSTRAINT "heartbeats_pk" PRIMARY KEY ("device_id", "seq", "received_at");
  ELSE
    ALTER TABLE "heartbeats" ADD CONSTRAINT "heartbeats_pk" PRIMARY KEY ("device_id", "seq");
  END IF;
END $$;--> statement-breakpoint
ALTER TABLE "heartbeats" ADD CONSTRAINT "heartbeats_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "heartbeats_batch_brin" ON "heartbeats" USING brin ("batch_id");
