CREATE TABLE `person_events` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`type` text NOT NULL,
	`date` text NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`changes` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `person_events_person_date` ON `person_events` (`person_id`,`date`);--> statement-breakpoint
CREATE TABLE `persons` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`id_number` text NOT NULL,
	`id_tail` text GENERATED ALWAYS AS (substr(id_number, 18, 1) || substr(id_number, 17, 1) || substr(id_number, 16, 1) || substr(id_number, 15, 1) || substr(id_number, 14, 1) || substr(id_number, 13, 1)) VIRTUAL,
	`name` text NOT NULL,
	`pinyin` text NOT NULL,
	`initials` text NOT NULL,
	`sex` text NOT NULL,
	`birth_date` text NOT NULL,
	`phone` text DEFAULT '' NOT NULL,
	`hukou_region` text DEFAULT '' NOT NULL,
	`hukou_address` text DEFAULT '' NOT NULL,
	`service_point_id` text,
	`residence_address` text DEFAULT '' NOT NULL,
	`marital_status` text NOT NULL,
	`marital_date` text,
	`spouse_name` text DEFAULT '' NOT NULL,
	`spouse_id_number` text DEFAULT '' NOT NULL,
	`boys` integer DEFAULT 0 NOT NULL,
	`girls` integer DEFAULT 0 NOT NULL,
	`contraception` text DEFAULT 'none' NOT NULL,
	`contraception_since` text,
	`migrant_status` text DEFAULT 'local' NOT NULL,
	`migrant_place` text DEFAULT '' NOT NULL,
	`migrant_since` text,
	`state` text DEFAULT 'active' NOT NULL,
	`exit_reason` text,
	`exit_date` text,
	FOREIGN KEY (`service_point_id`) REFERENCES `service_points`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `persons_id_number` ON `persons` (`id_number`);--> statement-breakpoint
CREATE INDEX `persons_id_tail` ON `persons` (`id_tail`);--> statement-breakpoint
CREATE INDEX `persons_name` ON `persons` (`name`);--> statement-breakpoint
CREATE INDEX `persons_pinyin` ON `persons` (`pinyin`);--> statement-breakpoint
CREATE INDEX `persons_initials` ON `persons` (`initials`);--> statement-breakpoint
CREATE INDEX `persons_phone` ON `persons` (`phone`);--> statement-breakpoint
CREATE INDEX `persons_service_point` ON `persons` (`service_point_id`,`state`,`marital_status`,`birth_date`);--> statement-breakpoint
CREATE INDEX `persons_birth_date` ON `persons` (`birth_date`);