DROP INDEX `inv_lots_product_expiry`;--> statement-breakpoint
CREATE INDEX `inv_lots_fefo` ON `inv_lots` (`product_id`,`expiry`,`lot_number`,`id`);