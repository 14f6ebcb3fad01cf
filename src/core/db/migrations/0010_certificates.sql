CREATE TABLE `certificate_gaps` (
	`id` text PRIMARY KEY NOT NULL,
	`year` integer NOT NULL,
	`from_serial` integer NOT NULL,
	`to_serial` integer NOT NULL,
	`reason` text NOT NULL,
	`noticed_at` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `certificate_gaps_year` ON `certificate_gaps` (`year`,`from_serial`);--> statement-breakpoint
CREATE TABLE `certificates` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`number` text NOT NULL,
	`year` integer NOT NULL,
	`serial` integer NOT NULL,
	`person_id` text NOT NULL,
	`status` text DEFAULT 'valid' NOT NULL,
	`facts` text NOT NULL,
	`issuing_authority` text NOT NULL,
	`station_code` text NOT NULL,
	`issue_date` text NOT NULL,
	`valid_until` text NOT NULL,
	`qr` text NOT NULL,
	`key_id` text NOT NULL,
	`supersedes_id` text,
	`superseded_by_id` text,
	`ended_on` text,
	`void_reason` text,
	`voided_at` text,
	`voided_by` text,
	`print_count` integer DEFAULT 0 NOT NULL,
	`last_printed_at` text,
	`created_by` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_number` ON `certificates` (`number`);--> statement-breakpoint
CREATE UNIQUE INDEX `certificates_serial` ON `certificates` (`year`,`serial`);--> statement-breakpoint
CREATE INDEX `certificates_person` ON `certificates` (`person_id`,`issue_date`);--> statement-breakpoint
CREATE INDEX `certificates_status` ON `certificates` (`status`,`valid_until`);--> statement-breakpoint
CREATE TABLE `trusted_keys` (
	`key_id` text PRIMARY KEY NOT NULL,
	`station_code` text NOT NULL,
	`name` text NOT NULL,
	`public_key` text NOT NULL,
	`imported_at` text NOT NULL,
	`signed_by` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `trusted_keys_station` ON `trusted_keys` (`station_code`);--> statement-breakpoint
CREATE TABLE `verifications` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`person_id` text NOT NULL,
	`method` text NOT NULL,
	`result` text NOT NULL,
	`certificate_number` text NOT NULL,
	`issuer_station_code` text DEFAULT '' NOT NULL,
	`issuer_name` text DEFAULT '' NOT NULL,
	`issuer_key_id` text,
	`issue_date` text,
	`valid_until` text,
	`verified_on` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_by` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `verifications_person` ON `verifications` (`person_id`,`verified_on`);--> statement-breakpoint
CREATE INDEX `verifications_number` ON `verifications` (`certificate_number`);--> statement-breakpoint
CREATE INDEX `verifications_date` ON `verifications` (`verified_on`);