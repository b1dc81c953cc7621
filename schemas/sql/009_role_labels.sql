-- 009_role_labels: the names organization files give roles (`roles:`), shown wherever a
-- message names a role. One JSON object of labels per role, {"zh": ..., "en": ..., CODE: ...},
-- as notifications keep theirs (008). A role without a row is shown by its id.
CREATE TABLE role_labels (
  role   TEXT PRIMARY KEY,
  labels TEXT NOT NULL
) WITHOUT ROWID;
