CREATE TABLE "device_log" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"device_id" uuid NOT NULL,
	"event" text NOT NULL,
	"status" "device_status" NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"project_id" uuid NOT NULL,
	"public_key" text,
	"at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "heartbeat_log" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"device_id" uuid NOT NULL,
	"day" date NOT NULL,
	"leaf" text NOT NULL,
	"appended_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "device_log_device_idx" ON "device_log" USING btree ("device_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "heartbeat_log_device_day" ON "heartbeat_log" USING btree ("device_id","day");--> statement-breakpoint
-- hand edit: both logs are append-only, enforced by the database with edgenet_immutable() of 0004:
-- UPDATE, DELETE and TRUNCATE raise (a database administrator who disables the trigger is caught by
-- the witness instead: docs/witness.md).
CREATE TRIGGER device_log_immutable BEFORE UPDATE OR DELETE ON device_log FOR EACH ROW EXECUTE FUNCTION edgenet_immutable();
--> statement-breakpoint
-- hand edit: (as above)
CREATE TRIGGER device_log_no_truncate BEFORE TRUNCATE ON device_log FOR EACH STATEMENT EXECUTE FUNCTION edgenet_immutable();
--> statement-breakpoint
-- hand edit: (as above)
CREATE TRIGGER heartbeat_log_immutable BEFORE UPDATE OR DELETE ON heartbeat_log FOR EACH ROW EXECUTE FUNCTION edgenet_immutable();
--> statement-breakpoint
-- hand edit: (as above)
CREATE TRIGGER heartbeat_log_no_truncate BEFORE TRUNCATE ON heartbeat_log FOR EACH STATEMENT EXECUTE FUNCTION edgenet_immutable();
--> statement-breakpoint
-- hand edit: the devices enrolled before this migration, and their status changes so far, become the
-- first leaves of the devices log, by time (an enrollment before a status change of the same
-- instant, then by device id and event seq), so any two platforms migrating the same rows write the
-- same log. An enrollment records the device's first key and its project before any move; a status
-- change the project it left the device in (a move's target, else the device's project now).
INSERT INTO device_log (device_id, event, status, enterprise_id, project_id, public_key, at)
SELECT device_id, event, status, enterprise_id, project_id, public_key, at FROM (
  SELECT d.id AS device_id, 'enroll' AS event, 'active'::device_status AS status, d.enterprise_id,
         coalesce((SELECT e.from_project_id FROM device_status_events e WHERE e.device_id = d.id AND e.from_project_id IS NOT NULL ORDER BY e.seq LIMIT 1), d.project_id) AS project_id,
         coalesce((SELECT k.public_key FROM device_keys k WHERE k.device_id = d.id ORDER BY k.created_at, k.id LIMIT 1), d.public_key) AS public_key,
         date_trunc('milliseconds', d.enrolled_at) AS at, 0 AS kind, 0::bigint AS event_seq
    FROM devices d
  UNION ALL
  SELECT e.device_id, e.action, e.to_status, d.enterprise_id, coalesce(e.to_project_id, d.project_id), NULL,
         date_trunc('milliseconds', e.at), 1, e.seq
    FROM device_status_events e JOIN devices d ON d.id = e.device_id
) backfill
ORDER BY at, kind, device_id, event_seq;
