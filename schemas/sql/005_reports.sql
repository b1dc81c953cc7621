-- 005_reports: what the semester report and the supervisor's roll-up keep and read
-- (docs/REPORTS.md).

-- Report definitions loaded with `docket report load` (workflows/reports/*.yaml); every
-- version is kept, as for workflows. Without one loaded, the shipped definition is used.
CREATE TABLE report_definitions (
  report       TEXT NOT NULL,
  version      INTEGER NOT NULL,
  content_hash TEXT NOT NULL,             -- SHA-256 hex of source
  source       TEXT NOT NULL,
  loaded_at    TEXT NOT NULL,
  PRIMARY KEY (report, version)
) WITHOUT ROWID;

-- Documents kept under the SHA-256 hex of their content: the json form of every submitted
-- report, whose hash the submission's audit entry records. A changed row no longer matches
-- its key, and the chain says which hash was submitted.
CREATE TABLE documents (
  hash      TEXT PRIMARY KEY,
  content   TEXT NOT NULL,
  stored_at TEXT NOT NULL
) WITHOUT ROWID;
