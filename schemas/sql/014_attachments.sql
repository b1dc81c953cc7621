-- 014_attachments: files attached to items (docs/GUIDE.md, "Attachments"; docs/AUDIT.md,
-- "Attachment entries"). The bytes once per SHA-256, however many items link them; each
-- link names the "$attach" entry of the item's organization's chain that recorded it, which
-- holds the same hash, name, type and size: `audit verify` checks each link against its
-- entry and each file's bytes against their hash.
CREATE TABLE attachment_bytes (
  hash  TEXT PRIMARY KEY,       -- SHA-256 hex of bytes
  bytes BLOB NOT NULL
);

CREATE TABLE attachments (
  item        INTEGER NOT NULL REFERENCES items(id),
  hash        TEXT NOT NULL REFERENCES attachment_bytes(hash),
  org         TEXT NOT NULL,    -- the item's organization, whose chain holds the entry
  name        TEXT NOT NULL,    -- the file's name, sanitized
  type        TEXT NOT NULL,    -- the media type found in the bytes
  size        INTEGER NOT NULL,
  seq         INTEGER NOT NULL, -- the "$attach" entry
  attached_at TEXT NOT NULL,
  actor       TEXT NOT NULL,
  PRIMARY KEY (item, hash)
) WITHOUT ROWID;
CREATE INDEX attachments_org ON attachments(org, seq);
