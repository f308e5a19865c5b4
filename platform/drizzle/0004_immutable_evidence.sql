-- Certification runs and device-signed anchors are written once and never changed (issue #4: "the
-- run is stored and immutable"). The database refuses UPDATE, DELETE and TRUNCATE whoever asks; an
-- administrator who disables the triggers is still caught by the report chain (each attestation holds
-- the previous report's hash) and by the device signatures on the anchors (docs/evidence.md).
-- An anchor may only move forward to a later heartbeat of the same day.
CREATE OR REPLACE FUNCTION edgenet_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is immutable: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER certification_runs_immutable BEFORE UPDATE OR DELETE ON certification_runs FOR EACH ROW EXECUTE FUNCTION edgenet_immutable();
--> statement-breakpoint
CREATE TRIGGER certification_runs_no_truncate BEFORE TRUNCATE ON certification_runs FOR EACH STATEMENT EXECUTE FUNCTION edgenet_immutable();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION chain_anchor_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR NEW.seq <= OLD.seq OR NEW.device_id <> OLD.device_id OR NEW.day <> OLD.day THEN
    RAISE EXCEPTION 'chain_anchors only move forward: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER chain_anchors_forward_only BEFORE UPDATE OR DELETE ON chain_anchors FOR EACH ROW EXECUTE FUNCTION chain_anchor_forward_only();
