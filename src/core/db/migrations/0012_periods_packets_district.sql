CREATE TABLE `change_log` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`tbl` text NOT NULL,
	`row_id` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `packets` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`seq` integer NOT NULL,
	`period` text NOT NULL,
	`close_no` integer NOT NULL,
	`sha256` text NOT NULL,
	`prev_sha256` text,
	`size` integer NOT NULL,
	`rows` integer NOT NULL,
	`sealed` integer NOT NULL,
	`recipient_key_id` text,
	`change_mark` integer NOT NULL,
	`filename` text NOT NULL,
	`bytes` blob NOT NULL,
	`created_by` text NOT NULL,
	`export_count` integer DEFAULT 0 NOT NULL,
	`last_exported_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `packets_seq` ON `packets` (`seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `packets_period_close` ON `packets` (`period`,`close_no`);--> statement-breakpoint
CREATE TABLE `periods` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`period` text NOT NULL,
	`status` text NOT NULL,
	`closed_at` text,
	`closed_by` text,
	`close_count` integer DEFAULT 0 NOT NULL,
	`reopened_at` text,
	`reopened_by` text,
	`reopen_reason` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `periods_period` ON `periods` (`period`);--> statement-breakpoint
CREATE TABLE `district_packets` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`station_code` text NOT NULL,
	`seq` integer NOT NULL,
	`period` text NOT NULL,
	`sha256` text NOT NULL,
	`prev_sha256` text,
	`size` integer NOT NULL,
	`rows` integer NOT NULL,
	`sealed` integer NOT NULL,
	`key_id` text NOT NULL,
	`built_at` text NOT NULL,
	`built_by` text NOT NULL,
	`file_name` text NOT NULL,
	`chain` text NOT NULL,
	`totals` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `district_packets_seq` ON `district_packets` (`station_code`,`seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `district_packets_sha` ON `district_packets` (`sha256`);--> statement-breakpoint
CREATE INDEX `district_packets_period` ON `district_packets` (`period`,`station_code`);--> statement-breakpoint
CREATE TABLE `district_reports` (
	`station_code` text NOT NULL,
	`period` text NOT NULL,
	`report` text NOT NULL,
	`packet_seq` integer NOT NULL,
	`data` text NOT NULL,
	PRIMARY KEY(`station_code`, `period`, `report`)
);
--> statement-breakpoint
CREATE INDEX `district_reports_period` ON `district_reports` (`period`);--> statement-breakpoint
CREATE TABLE `district_rows` (
	`station_code` text NOT NULL,
	`tbl` text NOT NULL,
	`id` text NOT NULL,
	`updated_at` text NOT NULL,
	`business_date` text,
	`data` text NOT NULL,
	`packet_seq` integer NOT NULL,
	PRIMARY KEY(`station_code`, `tbl`, `id`)
);
--> statement-breakpoint
CREATE INDEX `district_rows_date` ON `district_rows` (`tbl`,`business_date`);--> statement-breakpoint
CREATE TABLE `district_stations` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`key_id` text NOT NULL,
	`public_key` text NOT NULL,
	`status` text DEFAULT 'active' NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `district_stations_key` ON `district_stations` (`key_id`);--> statement-breakpoint
CREATE INDEX `district_stations_code` ON `district_stations` (`code`);