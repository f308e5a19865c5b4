CREATE TABLE "heartbeat_batches" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "heartbeat_batches_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"instance_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sealed" "bytea" NOT NULL
);
--> statement-breakpoint
ALTER TABLE "heartbeats" ADD COLUMN "batch_id" bigint;--> statement-breakpoint
CREATE INDEX "heartbeats_batch_brin" ON "heartbeats" USING brin ("batch_id");
