ALTER TABLE `district_packets` ADD `skipped_from` integer;--> statement-breakpoint
ALTER TABLE `district_packets` ADD `skipped_to` integer;--> statement-breakpoint
ALTER TABLE `district_packets` ADD `skipped_reason` text;