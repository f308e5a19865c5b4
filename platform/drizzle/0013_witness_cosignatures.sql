-- Cosignatures of the platform's logs by the bureau's witness (docs/witness.md). Immutable like the
-- reports they are handed out with.
CREATE TABLE "witness_cosignatures" (
	"key_id" text NOT NULL,
	"log" text NOT NULL,
	"size" bigint NOT NULL,
	"root" text NOT NULL,
	"signed_at" text NOT NULL,
	"signature" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "witness_cosignatures_key_id_log_size_pk" PRIMARY KEY("key_id","log","size")
);
--> statement-breakpoint
CREATE TRIGGER witness_cosignatures_immutable BEFORE UPDATE OR DELETE ON witness_cosignatures FOR EACH ROW EXECUTE FUNCTION edgenet_immutable();
--> statement-breakpoint
CREATE TRIGGER witness_cosignatures_no_truncate BEFORE TRUNCATE ON witness_cosignatures FOR EACH STATEMENT EXECUTE FUNCTION edgenet_immutable();
