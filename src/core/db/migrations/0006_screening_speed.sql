CREATE TABLE `screening_finding_keys` (
	`record_id` text NOT NULL,
	`campaign_id` text NOT NULL,
	`key` text NOT NULL,
	FOREIGN KEY (`record_id`) REFERENCES `screening_records`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `screening_finding_keys_campaign` ON `screening_finding_keys` (`campaign_id`,`key`);--> statement-breakpoint
CREATE INDEX `screening_finding_keys_record` ON `screening_finding_keys` (`record_id`);--> statement-breakpoint
CREATE INDEX `persons_eligibility` ON `persons` (`service_point_id`,`state`,`sex`,`birth_date`,`pinyin`,`id_number`);--> statement-breakpoint
CREATE INDEX `screening_records_dashboard` ON `screening_records` (`campaign_id`,`service_point_id`,`conclusion`,`follow_up_state`,`referral_due`);