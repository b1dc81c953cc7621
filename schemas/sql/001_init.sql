-- 001_init: organizations, people, workflow definitions, items and the audit chain.
-- Applied once, inside a transaction, by SqliteStore::Open; recorded in schema_migrations.
-- Times are ISO 8601 UTC text ("2026-03-01T09:00:00Z"), which sorts as text.

CREATE TABLE orgs (
  id      TEXT PRIMARY KEY,
  parent  TEXT,                           -- the supervising organization, if any
  name_zh TEXT NOT NULL DEFAULT '',
  name_en TEXT NOT NULL DEFAULT '',
  kind    TEXT NOT NULL DEFAULT '',
  attrs   TEXT NOT NULL DEFAULT '{}'      -- JSON object of text settings
);

CREATE TABLE people (
  id      TEXT PRIMARY KEY,
  name_zh TEXT NOT NULL DEFAULT '',
  name_en TEXT NOT NULL DEFAULT ''
);

CREATE TABLE person_roles (
  person TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
  org    TEXT NOT NULL,
  role   TEXT NOT NULL,
  PRIMARY KEY (person, org, role)
) WITHOUT ROWID;
CREATE INDEX person_roles_org ON person_roles(org);

-- Every version of every workflow is kept: items keep running on the version they began on.
CREATE TABLE definitions (
  workflow     TEXT NOT NULL,
  version      INTEGER NOT NULL,
  content_hash TEXT NOT NULL,             -- SHA-256 hex of source
  source       TEXT NOT NULL,             -- the YAML as loaded
  loaded_at    TEXT NOT NULL,
  PRIMARY KEY (workflow, version)
) WITHOUT ROWID;

-- AUTOINCREMENT: an item id is never reused, so an audit entry names one item forever.
CREATE TABLE items (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  org              TEXT NOT NULL,
  workflow         TEXT NOT NULL,
  workflow_version INTEGER NOT NULL,
  state            TEXT NOT NULL,
  fields           TEXT NOT NULL DEFAULT '{}',  -- JSON object, field name -> value
  parent           INTEGER REFERENCES items(id),
  version          INTEGER NOT NULL,            -- 1 after creation, +1 per change
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
);
CREATE INDEX items_org ON items(org);
CREATE INDEX items_org_workflow_state ON items(org, workflow, state);
CREATE INDEX items_parent ON items(parent);

-- One hash chain per organization; docs/AUDIT.md defines the hashed form of a row.
CREATE TABLE audit (
  org              TEXT NOT NULL,
  seq              INTEGER NOT NULL,          -- 1, 2, 3 ... within org
  time             TEXT NOT NULL,
  actor            TEXT NOT NULL,
  role             TEXT NOT NULL,
  action           TEXT NOT NULL,
  outcome          TEXT NOT NULL,             -- 'ok' or 'refused'
  item_id          INTEGER NOT NULL,          -- 0 when a refused create made no item
  workflow         TEXT NOT NULL,
  workflow_version INTEGER NOT NULL,
  from_state       TEXT NOT NULL,
  to_state         TEXT NOT NULL,
  changes          TEXT NOT NULL,             -- JSON {"field": [before, after], ...}
  item_version     INTEGER NOT NULL,
  reason           TEXT NOT NULL,
  prev_hash        TEXT NOT NULL,
  hash             TEXT NOT NULL,
  PRIMARY KEY (org, seq)
) WITHOUT ROWID;
CREATE INDEX audit_item ON audit(item_id);

-- Append-only: rows may be inserted, never changed or removed. (A tamperer with the file
-- can drop these triggers; the hash chain is what detects that.)
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only: entries cannot be updated');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only: entries cannot be deleted');
END;
