-- The role audit is append-only: rows can be inserted, never changed or removed.
CREATE FUNCTION role_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'role_audit is append-only';
END;
$$;

CREATE TRIGGER role_audit_no_update_or_delete
  BEFORE UPDATE OR DELETE ON role_audit
  FOR EACH ROW EXECUTE FUNCTION role_audit_append_only();
