-- The certificate rates (src/core/certificates/rateBase.ts), kept under ~50 ms at 200,000 people.
-- Written by hand (drizzle-kit generate --custom): the persons schema is another domain's file, and
-- drizzle's snapshot does not list these indexes, so a later generate leaves them alone.
-- persons_rates: the women of migrant status in an age window, read from the index alone
-- (persons_migrant lacks sex and the dates: one table row per migrant of either sex, 2-3x slower).
CREATE INDEX `persons_rates` ON `persons` (`migrant_status`,`sex`,`birth_date`,`state`,`exit_date`,`migrant_since`,`service_point_id`,`id`);
--> statement-breakpoint
-- person_events_migration: the migration events after a day, without scanning every event (the
-- registrations are most of them: ~100 ms at 200,000 people).
CREATE INDEX `person_events_migration` ON `person_events` (`date`,`created_at`,`id`) WHERE `type` IN ('migration_out', 'migration_in');
