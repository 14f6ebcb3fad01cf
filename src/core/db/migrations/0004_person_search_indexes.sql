DROP INDEX `persons_name`;--> statement-breakpoint
DROP INDEX `persons_pinyin`;--> statement-breakpoint
DROP INDEX `persons_initials`;--> statement-breakpoint
DROP INDEX `persons_service_point`;--> statement-breakpoint
CREATE INDEX `persons_migrant` ON `persons` (`migrant_status`,`state`,`pinyin`,`id_number`);--> statement-breakpoint
CREATE INDEX `persons_state` ON `persons` (`state`,`pinyin`,`id_number`);--> statement-breakpoint
CREATE INDEX `persons_name` ON `persons` (`name`,`state`,`pinyin`,`id_number`);--> statement-breakpoint
CREATE INDEX `persons_pinyin` ON `persons` (`pinyin`,`state`,`id_number`);--> statement-breakpoint
CREATE INDEX `persons_initials` ON `persons` (`initials`,`state`,`pinyin`,`id_number`);--> statement-breakpoint
CREATE INDEX `persons_service_point` ON `persons` (`service_point_id`,`state`,`marital_status`,`birth_date`,`pinyin`,`id_number`);