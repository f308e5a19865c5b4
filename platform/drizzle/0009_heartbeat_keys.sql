CREATE TABLE "heartbeat_keys" (
	"device_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	CONSTRAINT "heartbeat_keys_pk" PRIMARY KEY("device_id","seq")
);
