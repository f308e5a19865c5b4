ALTER TABLE "heartbeats" ADD COLUMN "queue_depth" bigint;--> statement-breakpoint
ALTER TABLE "heartbeats" ADD COLUMN "queue_dropped" bigint;