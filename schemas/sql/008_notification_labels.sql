-- 008_notification_labels: a notification's message as one JSON object of its labels,
-- {"zh": ..., "en": ..., CODE: ...}, so that a message in another language needs no new
-- column. The notifications already stored keep their Chinese and English.
ALTER TABLE notifications ADD COLUMN message TEXT NOT NULL DEFAULT '{"zh":"","en":""}';
UPDATE notifications SET message = json_object('zh', message_zh, 'en', message_en);
ALTER TABLE notifications DROP COLUMN message_zh;
ALTER TABLE notifications DROP COLUMN message_en;
