-- 007_items_org_index: drop the index on items(org) alone. The indexes on (org, workflow,
-- state) and (org, workflow, created_at) serve every query by organization, and without
-- statistics SQLite preferred items_org for "org=? AND workflow=? ORDER BY id" (its rows
-- come in id order), reading every item of the organization to find the few of one
-- workflow: 4,000 rows per school for its 10 semester reports in bench_supervision.
DROP INDEX IF EXISTS items_org;
