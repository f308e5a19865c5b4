CREATE TYPE "public"."attestation_level" AS ENUM('tpm', 'software');--> statement-breakpoint
CREATE TABLE "tpm_challenges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"ek_issuer" text NOT NULL,
	"ek_serial" text NOT NULL,
	"ek_public_sha256" text NOT NULL,
	"ak_public" text NOT NULL,
	"nonce" text NOT NULL,
	"secret_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "attestation_level" "attestation_level" DEFAULT 'software' NOT NULL;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "ek_issuer" text;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "ek_serial" text;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "ek_public_sha256" text;--> statement-breakpoint
ALTER TABLE "devices" ADD COLUMN "ak_public" text;--> statement-breakpoint
CREATE INDEX "tpm_challenges_expires_idx" ON "tpm_challenges" USING btree ("expires_at");