-- 013_outbox: delivering notifications (docs/DEPLOY.md, "Delivery"). Where a person is
-- reached (their e-mail, their organizations' group robots), and the outbox: one row per
-- notification and channel, written in the transaction that wrote the notification, so a
-- notification stored is a notification that will be delivered.
ALTER TABLE people ADD COLUMN email TEXT NOT NULL DEFAULT '';
-- {"wecom": URL, "dingtalk": URL}: the organization's group robots (each optional).
ALTER TABLE orgs ADD COLUMN notify TEXT NOT NULL DEFAULT '{}';

CREATE TABLE outbox (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  notification INTEGER NOT NULL REFERENCES notifications(id),
  channel      TEXT NOT NULL,                    -- email, wecom, dingtalk
  address      TEXT NOT NULL,                    -- the e-mail address or the robot's URL
  status       TEXT NOT NULL DEFAULT 'pending',  -- pending, retrying, sent, dead
  attempts     INTEGER NOT NULL DEFAULT 0,
  last_error   TEXT NOT NULL DEFAULT '',
  next_at      TEXT NOT NULL,                    -- when it is due (pending, retrying); while a
                                                 -- worker holds it, when its hold ends
  done_at      TEXT NOT NULL DEFAULT ''          -- when it was sent or given up
);
CREATE INDEX outbox_due ON outbox(status, next_at);
CREATE INDEX outbox_notification ON outbox(notification);
