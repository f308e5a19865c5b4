-- The audit log is append-only, enforced by the database itself (issue #3): UPDATE, DELETE and
-- TRUNCATE on audit_log raise an error whoever runs them. An administrator who owns the table can
-- still disable the triggers; the hash chain (platform/src/audit/chain.ts) is what then detects
-- the edit, and GET /api/v1/audit/verify names the first broken entry.
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
