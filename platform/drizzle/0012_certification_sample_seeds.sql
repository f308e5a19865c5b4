-- The bureau's random value for each run's on-site sample, submitted once after the report is
-- signed (docs/certification.md "On-site sample"). Immutable like the runs it belongs to.
CREATE TABLE "certification_sample_seeds" (
	"run_id" uuid PRIMARY KEY NOT NULL,
	"bureau_value" text NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "certification_sample_seeds" ADD CONSTRAINT "certification_sample_seeds_run_id_certification_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."certification_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certification_sample_seeds" ADD CONSTRAINT "certification_sample_seeds_submitted_by_api_tokens_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."api_tokens"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE TRIGGER certification_sample_seeds_immutable BEFORE UPDATE OR DELETE ON certification_sample_seeds FOR EACH ROW EXECUTE FUNCTION edgenet_immutable();
--> statement-breakpoint
CREATE TRIGGER certification_sample_seeds_no_truncate BEFORE TRUNCATE ON certification_sample_seeds FOR EACH STATEMENT EXECUTE FUNCTION edgenet_immutable();
