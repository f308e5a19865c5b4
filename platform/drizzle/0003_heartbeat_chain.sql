CREATE TABLE "chain_anchors" (
	"device_id" uuid NOT NULL,
	"day" date NOT NULL,
	"seq" bigint NOT NULL,
	"body" "bytea" NOT NULL,
	"signature" "bytea" NOT NULL,
	"key_id" text NOT NULL,
	CONSTRAINT "chain_anchors_pk" PRIMARY KEY("device_id","day")
);
--> statement-breakpoint
ALTER TABLE "heartbeats" ADD COLUMN "body" "bytea";--> statement-breakpoint
ALTER TABLE "heartbeats" ADD COLUMN "prev_hash" "bytea";--> statement-breakpoint
ALTER TABLE "heartbeats" ADD COLUMN "chain_ok" boolean;--> statement-breakpoint
ALTER TABLE "chain_anchors" ADD CONSTRAINT "chain_anchors_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;