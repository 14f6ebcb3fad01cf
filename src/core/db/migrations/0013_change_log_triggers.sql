-- Every row a monthly packet carries is noted in change_log when written (DESIGN.md §4: a packet
-- holds every row created or changed since the previous one). Campaign service points and
-- stocktake lines travel inside their campaign's or stocktake's row, so a change to them notes
-- the campaign or the stocktake.
CREATE TRIGGER `persons_changed_insert` AFTER INSERT ON `persons`
BEGIN
  INSERT INTO change_log (tbl, row_id) VALUES ('persons', NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `persons_changed_update` AFTER UPDATE ON `persons`
BEGIN
  INSERT INTO change_log (tbl, row_id) VALUES ('persons', NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `person_events_changed_insert` AFTER INSERT ON `person_events`
BEGIN
  INSERT INTO change_log (tbl, row_id) VALUES ('person_events', NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `person_events_changed_update` AFTER UPDATE ON `person_events`
BEGIN
  INSERT INTO change_log (tbl, row_id) VALUES ('person_events', NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `screening_campaigns_changed_insert` AFTER INSERT ON `screening_campaigns`
BEGIN
  INSERT INTO change_log (tbl, row_id) VALUES ('screening_campaigns', NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `screening_campaigns_changed_update` AFTER UPDATE ON `screening_campaigns`
BEGIN
  INSERT INTO change_log (tbl, row_id) VALUES ('screening_campaigns', NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `screening_records_changed_insert` AFTER INSERT ON `screening_records`
BEGIN
  INSERT INTO change_log (tbl, row_id) VALUES ('screening_records', NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `screening_records_changed_update` AFTER UPDATE ON `screening_records`
BEGIN
  INSERT INTO change_log (tbl, row_id) VALUES ('screening_records', NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `inv_products_changed_insert` AFTER INSERT ON `inv_products`
BEGIN
  INSERT INTO change_log (tbl, row_id) VALUES ('inv_products', NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `inv_products_changed_update` AFTER UPDATE ON `inv_products`
BEGIN
  INSERT INTO change_log (tbl, row_id) VALUES ('inv_products', NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `inv_lots_changed_insert` AFTER INSERT ON `inv_lots`
BEGIN
  INSERT INTO change_log (tbl, row_id) VALUES ('inv_lots', NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `inv_lots_changed_update` AFTER UPDATE ON `inv_lots`
BEGIN
  INSERT INTO change_log (tbl, row_id) VALUES ('inv_lots', NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `inv_moves_changed_insert` AFTER INSERT ON `inv_moves`
BEGIN
  INSERT INTO change_log (tbl, row_id) VALUES ('inv_moves', NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `inv_moves_changed_update` AFTER UPDATE ON `inv_moves`
BEGIN
  INSERT INTO change_log (tbl, row_id) VALUES ('inv_moves', NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `inv_stocktakes_changed_insert` AFTER INSERT ON `inv_stocktakes`
BEGIN
  INSERT INTO change_log (tbl, row_id) VALUES ('inv_stocktakes', NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `inv_stocktakes_changed_update` AFTER UPDATE ON `inv_stocktakes`
BEGIN
  INSERT INTO change_log (tbl, row_id) VALUES ('inv_stocktakes', NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `inv_stocktake_lines_changed_insert` AFTER INSERT ON `inv_stocktake_lines`
BEGIN
  INSERT INTO change_log (tbl, row_id) VALUES ('inv_stocktakes', NEW.stocktake_id);
END;
--> statement-breakpoint
CREATE TRIGGER `inv_stocktake_lines_changed_update` AFTER UPDATE ON `inv_stocktake_lines`
BEGIN
  INSERT INTO change_log (tbl, row_id) VALUES ('inv_stocktakes', NEW.stocktake_id);
END;
--> statement-breakpoint
CREATE TRIGGER `certificates_changed_insert` AFTER INSERT ON `certificates`
BEGIN
  INSERT INTO change_log (tbl, row_id) VALUES ('certificates', NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `certificates_changed_update` AFTER UPDATE ON `certificates`
BEGIN
  INSERT INTO change_log (tbl, row_id) VALUES ('certificates', NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `certificate_gaps_changed_insert` AFTER INSERT ON `certificate_gaps`
BEGIN
  INSERT INTO change_log (tbl, row_id) VALUES ('certificate_gaps', NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `certificate_gaps_changed_update` AFTER UPDATE ON `certificate_gaps`
BEGIN
  INSERT INTO change_log (tbl, row_id) VALUES ('certificate_gaps', NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `verifications_changed_insert` AFTER INSERT ON `verifications`
BEGIN
  INSERT INTO change_log (tbl, row_id) VALUES ('verifications', NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `verifications_changed_update` AFTER UPDATE ON `verifications`
BEGIN
  INSERT INTO change_log (tbl, row_id) VALUES ('verifications', NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `station_changed_insert` AFTER INSERT ON `station`
BEGIN
  INSERT INTO change_log (tbl, row_id) VALUES ('station', NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `station_changed_update` AFTER UPDATE ON `station`
BEGIN
  INSERT INTO change_log (tbl, row_id) VALUES ('station', NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `staff_changed_insert` AFTER INSERT ON `staff`
BEGIN
  INSERT INTO change_log (tbl, row_id) VALUES ('staff', NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `staff_changed_update` AFTER UPDATE ON `staff`
BEGIN
  INSERT INTO change_log (tbl, row_id) VALUES ('staff', NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `equipment_changed_insert` AFTER INSERT ON `equipment`
BEGIN
  INSERT INTO change_log (tbl, row_id) VALUES ('equipment', NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `equipment_changed_update` AFTER UPDATE ON `equipment`
BEGIN
  INSERT INTO change_log (tbl, row_id) VALUES ('equipment', NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `service_points_changed_insert` AFTER INSERT ON `service_points`
BEGIN
  INSERT INTO change_log (tbl, row_id) VALUES ('service_points', NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `service_points_changed_update` AFTER UPDATE ON `service_points`
BEGIN
  INSERT INTO change_log (tbl, row_id) VALUES ('service_points', NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `periods_changed_insert` AFTER INSERT ON `periods`
BEGIN
  INSERT INTO change_log (tbl, row_id) VALUES ('periods', NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `periods_changed_update` AFTER UPDATE ON `periods`
BEGIN
  INSERT INTO change_log (tbl, row_id) VALUES ('periods', NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `screening_campaign_points_changed_insert` AFTER INSERT ON `screening_campaign_points`
BEGIN
  INSERT INTO change_log (tbl, row_id) VALUES ('screening_campaigns', NEW.campaign_id);
END;
--> statement-breakpoint
CREATE TRIGGER `screening_campaign_points_changed_delete` AFTER DELETE ON `screening_campaign_points`
BEGIN
  INSERT INTO change_log (tbl, row_id) VALUES ('screening_campaigns', OLD.campaign_id);
END;
