-- 010_settings: facts about the database itself, one row per key. `mode` is "simulation"
-- (made by `docket init --simulation`: the clock may be fixed with --now for writes) or
-- "real" (made by `docket init`: every write happens at the time it is made). A database
-- without a `mode` row is real.
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
