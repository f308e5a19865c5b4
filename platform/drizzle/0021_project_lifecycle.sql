CREATE TABLE "project_approvals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"project_id" uuid NOT NULL,
	"total_investment_fen" bigint NOT NULL,
	"eligible_investment_fen" bigint NOT NULL,
	"window_start" date NOT NULL,
	"window_end" date NOT NULL,
	"approved_role" text NOT NULL,
	"approved_by_id" uuid,
	"approved_by_name" text,
	"approved_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"project_id" uuid NOT NULL,
	"field" text NOT NULL,
	"old_value" text,
	"new_value" text NOT NULL,
	"actor_role" text NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "enterprises" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "workstations" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "project_approvals" ADD CONSTRAINT "project_approvals_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_changes" ADD CONSTRAINT "project_changes_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "project_approvals_project_idx" ON "project_approvals" USING btree ("project_id","approved_at");--> statement-breakpoint
CREATE INDEX "project_changes_project_idx" ON "project_changes" USING btree ("project_id","at");--> statement-breakpoint
-- hand edit: project_changes and project_approvals are append-only, enforced by the database with
-- edgenet_immutable() of 0004: UPDATE, DELETE and TRUNCATE raise whoever runs them.
CREATE TRIGGER project_changes_immutable BEFORE UPDATE OR DELETE ON project_changes FOR EACH ROW EXECUTE FUNCTION edgenet_immutable();
--> statement-breakpoint
-- hand edit: (as above)
CREATE TRIGGER project_changes_no_truncate BEFORE TRUNCATE ON project_changes FOR EACH STATEMENT EXECUTE FUNCTION edgenet_immutable();
--> statement-breakpoint
-- hand edit: (as above)
CREATE TRIGGER project_approvals_immutable BEFORE UPDATE OR DELETE ON project_approvals FOR EACH ROW EXECUTE FUNCTION edgenet_immutable();
--> statement-breakpoint
-- hand edit: (as above)
CREATE TRIGGER project_approvals_no_truncate BEFORE TRUNCATE ON project_approvals FOR EACH STATEMENT EXECUTE FUNCTION edgenet_immutable();
