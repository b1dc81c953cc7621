-- 002_timers: timer firings (what makes `docket tick` exactly-once), notifications (the
-- inbox) and the school calendar.

-- One row per thing the engine did on its own: a ladder step of a timer
-- ("item:ID:vENTRY_VERSION:TIMER:STEP") or an item opened at a semester's end
-- ("semester-end:SEMESTER:WORKFLOW:ORG"). The primary key is the exactly-once guarantee:
-- a firing claims its key in the same transaction as its audit entry.
CREATE TABLE timer_firings (
  key      TEXT PRIMARY KEY,
  org      TEXT NOT NULL,
  item_id  INTEGER NOT NULL,   -- the item acted on or opened
  kind     TEXT NOT NULL,      -- notify, escalate, transition, open
  due_at   TEXT NOT NULL,      -- when the step was due
  fired_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE notifications (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  person     TEXT NOT NULL,
  org        TEXT NOT NULL,      -- the item's organization
  item_id    INTEGER NOT NULL,
  time       TEXT NOT NULL,
  kind       TEXT NOT NULL,      -- notify, escalate, transition
  firing     TEXT NOT NULL,      -- the timer_firings key that sent it
  message_zh TEXT NOT NULL DEFAULT '',
  message_en TEXT NOT NULL DEFAULT '',
  read       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX notifications_person ON notifications(person, id);

-- The calendar file as loaded (one row); the application parses it.
CREATE TABLE calendar (
  id        INTEGER PRIMARY KEY CHECK (id = 1),
  source    TEXT NOT NULL,
  loaded_at TEXT NOT NULL
);
