CREATE TYPE "public"."device_status" AS ENUM('active', 'disabled', 'decommissioned');--> statement-breakpoint
CREATE TABLE "device_status_events" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"device_id" uuid NOT NULL,
	"action" text NOT NULL,
	"from_status" "device_status" NOT NULL,
	"to_status" "device_status" NOT NULL,
	"reason" text NOT NULL,
	"related_device_id" uuid,
	"from_project_id" uuid,
	"to_project_id" uuid,
	"actor_account_id" uuid,
	"actor_name" text,
	"actor_token_id" uuid,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "status" "device_status" DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "status_changed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "replaced_by" uuid;--> statement-breakpoint
ALTER TABLE "enrollment_tokens" ADD COLUMN "created_by_account" uuid;--> statement-breakpoint
ALTER TABLE "enrollment_tokens" ADD COLUMN "revoked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "enrollment_tokens" ADD COLUMN "revoked_by" uuid;--> statement-breakpoint
ALTER TABLE "device_status_events" ADD CONSTRAINT "device_status_events_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "device_status_events_device_idx" ON "device_status_events" USING btree ("device_id","seq");--> statement-breakpoint
ALTER TABLE "enrollment_tokens" ADD CONSTRAINT "enrollment_tokens_created_by_account_accounts_id_fk" FOREIGN KEY ("created_by_account") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrollment_tokens" ADD CONSTRAINT "enrollment_tokens_revoked_by_accounts_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- hand edit: device_status_events is append-only, enforced by the database with edgenet_immutable()
-- of 0004 (as certification runs and project approvals): UPDATE, DELETE and TRUNCATE raise.
CREATE TRIGGER device_status_events_immutable BEFORE UPDATE OR DELETE ON device_status_events FOR EACH ROW EXECUTE FUNCTION edgenet_immutable();
--> statement-breakpoint
-- hand edit: (as above)
CREATE TRIGGER device_status_events_no_truncate BEFORE TRUNCATE ON device_status_events FOR EACH STATEMENT EXECUTE FUNCTION edgenet_immutable();
