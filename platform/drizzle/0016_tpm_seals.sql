ALTER TABLE "device_days" ADD COLUMN "tpm_seals" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "ek_certificate" text;--> statement-breakpoint
ALTER TABLE "tpm_challenges" ADD COLUMN "ek_certificate" text;