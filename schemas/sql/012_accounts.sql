-- 012_accounts: who may sign in (docs/IDENTITY.md). Nothing here is a fact of the record:
-- the audit chain records what people did; these tables record how they prove who they are.
-- Every secret is kept only as the SHA-256 of a random value (invitations, sessions, API
-- tokens) or as an Argon2id string (passwords).

-- One row per person who has set a password.
CREATE TABLE accounts (
  person        TEXT PRIMARY KEY,
  password_hash TEXT NOT NULL,   -- libsodium crypto_pwhash_str (Argon2id)
  set_at        TEXT NOT NULL
) WITHOUT ROWID;

-- Invitations, sessions and API tokens: a secret handed out once, kept hashed.
-- kind: invitation | session | token. `key`: SHA-256 hex of the secret (invitation,
-- session), or the token's public id (token; its secret's hash is in secret_hash).
CREATE TABLE credentials (
  kind        TEXT NOT NULL,
  key         TEXT NOT NULL,
  person      TEXT NOT NULL,
  secret_hash TEXT NOT NULL DEFAULT '',
  org         TEXT NOT NULL DEFAULT '',   -- a token's organization
  scope       TEXT NOT NULL DEFAULT '',   -- a token's scope: read | act
  created_by  TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL,
  expires_at  TEXT NOT NULL,              -- absolute expiry
  last_seen   TEXT NOT NULL DEFAULT '',   -- a session's last request (idle expiry)
  ended_at    TEXT NOT NULL DEFAULT '',   -- used (invitation), signed out, revoked
  PRIMARY KEY (kind, key)
) WITHOUT ROWID;
CREATE INDEX credentials_person ON credentials(person, kind);

-- Every sign-in attempt: outcome ok | failed | locked (refused while locked out).
CREATE TABLE sign_ins (
  id      INTEGER PRIMARY KEY AUTOINCREMENT,
  time    TEXT NOT NULL,
  person  TEXT NOT NULL,
  address TEXT NOT NULL,
  outcome TEXT NOT NULL
);
CREATE INDEX sign_ins_person ON sign_ins(person, time);
CREATE INDEX sign_ins_address ON sign_ins(address, time);
