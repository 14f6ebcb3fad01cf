DROP INDEX `persons_eligibility`;--> statement-breakpoint
CREATE INDEX `persons_eligibility` ON `persons` (`service_point_id`,`state`,`sex`,`birth_date`,`pinyin`,`id_number`,`id`);