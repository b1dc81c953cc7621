-- 004_audit_time: history as of a time (`docket item list --as-of`) reads one
-- organization's entries recorded up to that time; this index finds them without reading
-- the rest of the chain. (One item's entries are found by audit_item.)
CREATE INDEX audit_org_time ON audit(org, time);
