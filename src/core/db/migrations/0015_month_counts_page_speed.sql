ALTER TABLE `periods` ADD `records` integer;--> statement-breakpoint
-- Every page at full load (tests/bench/pages.ts: 200,000 people, 1,000,000 stock moves, ten years
-- of closed months and packets). The indexes below are written by hand (as 0011's): their tables
-- are other domains' schema files, and drizzle's snapshot does not list them, so a later generate
-- leaves them alone.
-- person_events_date: a month's registrations and other events (the close preview, the periods
-- list's open months, the earliest dated month) without scanning every event (~300 ms each).
CREATE INDEX `person_events_date` ON `person_events` (`date`,`type`);--> statement-breakpoint
-- screening_records_exam_date: a month's exams and referrals read from the index alone.
CREATE INDEX `screening_records_exam_date` ON `screening_records` (`exam_date`,`referral_destination`);--> statement-breakpoint
-- certificates_issued: a month's certificates, and the certificate list's order (newest first)
-- so a page of it reads 50 rows, not every certificate sorted.
CREATE INDEX `certificates_issued` ON `certificates` (`issue_date`,`year`,`serial`);--> statement-breakpoint
-- packets_info: the packets list (newest first) and the periods list read the packets' rows
-- without their bytes. created_by, export_count and last_exported_at come after the `bytes` blob
-- in the row, so reading them from the table walks each blob's overflow pages (~50 ms for ten
-- years of packets); this index holds every column those lists read, in seq order.
CREATE INDEX `packets_info` ON `packets` (`seq`,`period`,`close_no`,`sha256`,`prev_sha256`,`size`,`rows`,`sealed`,`recipient_key_id`,`filename`,`created_at`,`created_by`,`export_count`,`last_exported_at`);
