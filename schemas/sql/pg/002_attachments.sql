-- 002_attachments (PostgreSQL): schemas/sql/014_attachments.sql in PostgreSQL's dialect.
-- The bytes are bytea: a file holds NUL bytes, which TEXT cannot.
CREATE TABLE attachment_bytes (
  hash  TEXT PRIMARY KEY,
  bytes BYTEA NOT NULL
);

CREATE TABLE attachments (
  item        BIGINT NOT NULL REFERENCES items(id),
  hash        TEXT NOT NULL REFERENCES attachment_bytes(hash),
  org         TEXT NOT NULL,
  name        TEXT NOT NULL,
  type        TEXT NOT NULL,
  size        BIGINT NOT NULL,
  seq         BIGINT NOT NULL,
  attached_at TEXT NOT NULL,
  actor       TEXT NOT NULL,
  PRIMARY KEY (item, hash)
);
CREATE INDEX attachments_org ON attachments(org, seq);
