-- 003_bodies: the deciding bodies of each organization, and named lookup tables.
-- A body (a Party organization meeting, an office meeting, a staff congress) has voting
-- members and non-voting attendees; quorum and majority conditions count its members.
-- A lookup table maps keys to values (a decision-matter list: category -> deciding body);
-- lookup conditions read it. Both are replaced whole when their file is loaded again.

CREATE TABLE bodies (
  org       TEXT NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
  id        TEXT NOT NULL,
  position  INTEGER NOT NULL,             -- the order the org file lists the bodies in
  name_zh   TEXT NOT NULL DEFAULT '',
  name_en   TEXT NOT NULL DEFAULT '',
  members   TEXT NOT NULL DEFAULT '[]',   -- JSON array of person ids, in file order
  attendees TEXT NOT NULL DEFAULT '[]',   -- JSON array of person ids (non-voting)
  PRIMARY KEY (org, id)
) WITHOUT ROWID;

CREATE TABLE lookup_tables (
  name  TEXT NOT NULL,
  key   TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (name, key)
) WITHOUT ROWID;
