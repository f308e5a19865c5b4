ALTER TABLE "device_flags" ADD COLUMN "reason_code" text;--> statement-breakpoint
ALTER TABLE "device_flags" ADD COLUMN "reason_params" jsonb;