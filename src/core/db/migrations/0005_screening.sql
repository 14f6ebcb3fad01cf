CREATE TABLE `screening_campaign_points` (
	`campaign_id` text NOT NULL,
	`service_point_id` text NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `screening_campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`service_point_id`) REFERENCES `service_points`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `screening_campaign_points_pk` ON `screening_campaign_points` (`campaign_id`,`service_point_id`);--> statement-breakpoint
CREATE TABLE `screening_campaigns` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`sex` text NOT NULL,
	`age_from` integer NOT NULL,
	`age_to` integer NOT NULL,
	`target_count` integer DEFAULT 0 NOT NULL,
	`partner` text DEFAULT '' NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'planned' NOT NULL,
	`closed_at` text
);
--> statement-breakpoint
CREATE INDEX `screening_campaigns_start` ON `screening_campaigns` (`start_date`);--> statement-breakpoint
CREATE TABLE `screening_invitations` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`campaign_id` text NOT NULL,
	`person_id` text NOT NULL,
	`invited_on` text,
	`attended_on` text,
	FOREIGN KEY (`campaign_id`) REFERENCES `screening_campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `screening_invitations_person` ON `screening_invitations` (`campaign_id`,`person_id`);--> statement-breakpoint
CREATE TABLE `screening_records` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`campaign_id` text NOT NULL,
	`person_id` text NOT NULL,
	`exam_date` text NOT NULL,
	`examiner` text NOT NULL,
	`findings` text NOT NULL,
	`conclusion` text NOT NULL,
	`referral_destination` text,
	`referral_due` text,
	`referral_note` text DEFAULT '' NOT NULL,
	`follow_up_state` text DEFAULT 'none' NOT NULL,
	`follow_up_outcome` text,
	`follow_up_date` text,
	`service_point_id` text,
	FOREIGN KEY (`campaign_id`) REFERENCES `screening_campaigns`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`service_point_id`) REFERENCES `service_points`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `screening_records_person` ON `screening_records` (`campaign_id`,`person_id`);--> statement-breakpoint
CREATE INDEX `screening_records_campaign_date` ON `screening_records` (`campaign_id`,`exam_date`);--> statement-breakpoint
CREATE INDEX `screening_records_follow_up` ON `screening_records` (`follow_up_state`,`referral_due`);--> statement-breakpoint
CREATE INDEX `screening_records_person_id` ON `screening_records` (`person_id`);