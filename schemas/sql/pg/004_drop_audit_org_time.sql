-- 004_drop_audit_org_time: no query reads the audit log by organization and time (history as
-- of a time reads the organization's chain in order), so the index is not kept up at every
-- append.
DROP INDEX IF EXISTS audit_org_time;
