-- 011_org_time_zone: each organization's time zone (an IANA name, core/time_zone.h): times
-- typed without an offset are local to it and times are shown in it. Stored times stay
-- instants (UTC).
ALTER TABLE orgs ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'Asia/Shanghai';
