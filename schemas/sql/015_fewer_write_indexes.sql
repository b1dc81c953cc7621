-- 015_fewer_write_indexes: two indexes that every action wrote to (a WAL page each at every
-- commit) and that their queries do without:
-- - history as of a time finds an organization's entries by a binary search of its chain,
--   which moves forward only in time (sqlite_store_history.cc);
-- - a listing by state reads its organization's items by items_org_workflow_created and
--   tests their state (0.5 ms for a school's 1,700 tasks, against 0.1 ms by the index).
DROP INDEX IF EXISTS audit_org_time;
DROP INDEX IF EXISTS items_org_workflow_state;
