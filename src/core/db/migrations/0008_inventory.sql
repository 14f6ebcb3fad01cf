CREATE TABLE `inv_lots` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`product_id` text NOT NULL,
	`lot_number` text NOT NULL,
	`expiry` text NOT NULL,
	`maker` text DEFAULT '' NOT NULL,
	`balance` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `inv_products`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inv_lots_number` ON `inv_lots` (`product_id`,`lot_number`);--> statement-breakpoint
CREATE INDEX `inv_lots_product_expiry` ON `inv_lots` (`product_id`,`expiry`);--> statement-breakpoint
CREATE TABLE `inv_month_totals` (
	`product_id` text NOT NULL,
	`month` text NOT NULL,
	`kind` text NOT NULL,
	`quantity` integer DEFAULT 0 NOT NULL,
	`consumed` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`product_id`, `month`, `kind`)
);
--> statement-breakpoint
CREATE INDEX `inv_month_totals_month` ON `inv_month_totals` (`month`);--> statement-breakpoint
CREATE TABLE `inv_moves` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`seq` integer NOT NULL,
	`kind` text NOT NULL,
	`date` text NOT NULL,
	`product_id` text NOT NULL,
	`lot_id` text NOT NULL,
	`quantity` integer NOT NULL,
	`batch_id` text NOT NULL,
	`document_no` text DEFAULT '' NOT NULL,
	`supplier` text DEFAULT '' NOT NULL,
	`service_point_id` text,
	`person_id` text,
	`reason` text DEFAULT '' NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`witness` text DEFAULT '' NOT NULL,
	`reverses_id` text,
	`consumed` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`product_id`) REFERENCES `inv_products`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lot_id`) REFERENCES `inv_lots`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`service_point_id`) REFERENCES `service_points`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inv_moves_seq` ON `inv_moves` (`seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `inv_moves_reverses` ON `inv_moves` (`reverses_id`) WHERE "inv_moves"."reverses_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `inv_moves_lot` ON `inv_moves` (`lot_id`,`date`,`seq`,`quantity`);--> statement-breakpoint
CREATE INDEX `inv_moves_product` ON `inv_moves` (`product_id`,`date`,`seq`,`quantity`);--> statement-breakpoint
CREATE INDEX `inv_moves_person` ON `inv_moves` (`person_id`,`product_id`,`date`) WHERE "inv_moves"."person_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `inv_moves_point` ON `inv_moves` (`service_point_id`,`lot_id`) WHERE "inv_moves"."service_point_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `inv_moves_batch` ON `inv_moves` (`batch_id`);--> statement-breakpoint
CREATE INDEX `inv_moves_document` ON `inv_moves` (`document_no`) WHERE "inv_moves"."document_no" <> '';--> statement-breakpoint
CREATE TABLE `inv_products` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`name_en` text DEFAULT '' NOT NULL,
	`category` text NOT NULL,
	`unit` text NOT NULL,
	`pack_size` integer DEFAULT 1 NOT NULL,
	`pack_unit` text DEFAULT 'box' NOT NULL,
	`yearly_limit` integer,
	`min_months` real DEFAULT 2 NOT NULL,
	`max_months` real DEFAULT 6 NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`sort` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `inv_products_code` ON `inv_products` (`code`);--> statement-breakpoint
CREATE TABLE `inv_stocktake_lines` (
	`stocktake_id` text NOT NULL,
	`lot_id` text NOT NULL,
	`product_id` text NOT NULL,
	`expected` integer NOT NULL,
	`counted` integer,
	`reason` text DEFAULT '' NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	PRIMARY KEY(`stocktake_id`, `lot_id`),
	FOREIGN KEY (`stocktake_id`) REFERENCES `inv_stocktakes`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`lot_id`) REFERENCES `inv_lots`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `inv_stocktakes` (
	`id` text PRIMARY KEY NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL,
	`date` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`closed_at` text,
	`closed_by` text
);
--> statement-breakpoint
CREATE INDEX `inv_stocktakes_status` ON `inv_stocktakes` (`status`,`date`);
--> statement-breakpoint
-- The ledger is append-only: a mistake is undone by a reversal move, never by an edit.
CREATE TRIGGER `inv_moves_no_update` BEFORE UPDATE ON `inv_moves`
BEGIN
  SELECT RAISE(ABORT, 'inv_moves is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `inv_moves_no_delete` BEFORE DELETE ON `inv_moves`
BEGIN
  SELECT RAISE(ABORT, 'inv_moves is append-only');
END;
--> statement-breakpoint
-- The national catalogue of free contraceptives (src/core/inventory/products.ts CATALOGUE)
INSERT INTO `inv_products` (id, created_at, updated_at, updated_by, code, name, name_en, category, unit, pack_size, pack_unit, yearly_limit, min_months, max_months, active, sort) VALUES ('01a22624-64fe-76c9-9341-61c38ab21039', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'system', 'CONDOM_M_49', '男用避孕套（天然胶乳，49 mm）', 'Male condom (latex, 49 mm)', 'condom_male', 'piece', 10, 'box', NULL, 2, 6, 1, 1);
--> statement-breakpoint
INSERT INTO `inv_products` (id, created_at, updated_at, updated_by, code, name, name_en, category, unit, pack_size, pack_unit, yearly_limit, min_months, max_months, active, sort) VALUES ('01a22624-6501-71d9-8bb1-276c38bbfc6f', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'system', 'CONDOM_M_52', '男用避孕套（天然胶乳，52 mm）', 'Male condom (latex, 52 mm)', 'condom_male', 'piece', 10, 'box', NULL, 2, 6, 1, 2);
--> statement-breakpoint
INSERT INTO `inv_products` (id, created_at, updated_at, updated_by, code, name, name_en, category, unit, pack_size, pack_unit, yearly_limit, min_months, max_months, active, sort) VALUES ('01a22624-6501-71d9-8bb1-280a3f96e37f', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'system', 'CONDOM_M_56', '男用避孕套（天然胶乳，56 mm）', 'Male condom (latex, 56 mm)', 'condom_male', 'piece', 10, 'box', NULL, 2, 6, 1, 3);
--> statement-breakpoint
INSERT INTO `inv_products` (id, created_at, updated_at, updated_by, code, name, name_en, category, unit, pack_size, pack_unit, yearly_limit, min_months, max_months, active, sort) VALUES ('01a22624-6501-71d9-8bb1-2c6847874446', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'system', 'CONDOM_F', '女用避孕套', 'Female condom', 'condom_female', 'piece', 3, 'box', NULL, 2, 6, 1, 4);
--> statement-breakpoint
INSERT INTO `inv_products` (id, created_at, updated_at, updated_by, code, name, name_en, category, unit, pack_size, pack_unit, yearly_limit, min_months, max_months, active, sort) VALUES ('01a22624-6501-71d9-8bb1-300b4f464ff3', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'system', 'OC_LNG_EE', '复方左炔诺孕酮片', 'Levonorgestrel and ethinylestradiol tablets', 'oral_short', 'cycle', 1, 'box', 13, 2, 6, 1, 5);
--> statement-breakpoint
INSERT INTO `inv_products` (id, created_at, updated_at, updated_by, code, name, name_en, category, unit, pack_size, pack_unit, yearly_limit, min_months, max_months, active, sort) VALUES ('01a22624-6501-71d9-8bb1-36fd93b46bee', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'system', 'OC_NET_EE', '复方炔诺酮片（口服避孕片 1 号）', 'Norethisterone and ethinylestradiol tablets (No. 1)', 'oral_short', 'cycle', 1, 'box', 13, 2, 6, 1, 6);
--> statement-breakpoint
INSERT INTO `inv_products` (id, created_at, updated_at, updated_by, code, name, name_en, category, unit, pack_size, pack_unit, yearly_limit, min_months, max_months, active, sort) VALUES ('01a22624-6501-71d9-8bb1-3be44a38f35f', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'system', 'OC_LNG_EE_TRI', '左炔诺孕酮炔雌醇（三相）片', 'Levonorgestrel and ethinylestradiol triphasic tablets', 'oral_short', 'cycle', 1, 'box', 13, 2, 6, 1, 7);
--> statement-breakpoint
INSERT INTO `inv_products` (id, created_at, updated_at, updated_by, code, name, name_en, category, unit, pack_size, pack_unit, yearly_limit, min_months, max_months, active, sort) VALUES ('01a22624-6501-71d9-8bb1-3f1ce5ce3865', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'system', 'EC_LNG_075', '左炔诺孕酮片（紧急避孕，0.75 mg × 2 片）', 'Levonorgestrel tablets (emergency, 0.75 mg × 2)', 'oral_emergency', 'box', 1, 'box', 6, 2, 6, 1, 8);
--> statement-breakpoint
INSERT INTO `inv_products` (id, created_at, updated_at, updated_by, code, name, name_en, category, unit, pack_size, pack_unit, yearly_limit, min_months, max_months, active, sort) VALUES ('01a22624-6501-71d9-8bb1-41242678febb', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'system', 'EC_LNG_15', '左炔诺孕酮片（紧急避孕，1.5 mg）', 'Levonorgestrel tablet (emergency, 1.5 mg)', 'oral_emergency', 'box', 1, 'box', 6, 2, 6, 1, 9);
--> statement-breakpoint
INSERT INTO `inv_products` (id, created_at, updated_at, updated_by, code, name, name_en, category, unit, pack_size, pack_unit, yearly_limit, min_months, max_months, active, sort) VALUES ('01a22624-6501-71d9-8bb1-4438c747af85', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'system', 'EC_MIF_10', '米非司酮片（紧急避孕，10 mg）', 'Mifepristone tablet (emergency, 10 mg)', 'oral_emergency', 'box', 1, 'box', 6, 2, 6, 1, 10);
--> statement-breakpoint
INSERT INTO `inv_products` (id, created_at, updated_at, updated_by, code, name, name_en, category, unit, pack_size, pack_unit, yearly_limit, min_months, max_months, active, sort) VALUES ('01a22624-6501-71d9-8bb1-494373fb67fb', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'system', 'IUD_TCU380A', '宫内节育器 TCu380A', 'IUD TCu380A', 'iud', 'device', 1, 'box', 1, 2, 6, 1, 11);
--> statement-breakpoint
INSERT INTO `inv_products` (id, created_at, updated_at, updated_by, code, name, name_en, category, unit, pack_size, pack_unit, yearly_limit, min_months, max_months, active, sort) VALUES ('01a22624-6502-74bb-aa51-79964942a76f', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'system', 'IUD_TCU220C', '宫内节育器 TCu220C', 'IUD TCu220C', 'iud', 'device', 1, 'box', 1, 2, 6, 1, 12);
--> statement-breakpoint
INSERT INTO `inv_products` (id, created_at, updated_at, updated_by, code, name, name_en, category, unit, pack_size, pack_unit, yearly_limit, min_months, max_months, active, sort) VALUES ('01a22624-6502-74bb-aa51-7f98a90ed325', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'system', 'IUD_MLCU375', '宫内节育器 MLCu375（母体乐）', 'IUD MLCu375 (Multiload)', 'iud', 'device', 1, 'box', 1, 2, 6, 1, 13);
--> statement-breakpoint
INSERT INTO `inv_products` (id, created_at, updated_at, updated_by, code, name, name_en, category, unit, pack_size, pack_unit, yearly_limit, min_months, max_months, active, sort) VALUES ('01a22624-6502-74bb-aa51-83aa648e9ff1', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'system', 'IUD_GCU300', '宫内节育器 宫铜 300（宫形含铜）', 'IUD Gong-Cu 300 (uterine-shaped copper)', 'iud', 'device', 1, 'box', 1, 2, 6, 1, 14);
--> statement-breakpoint
INSERT INTO `inv_products` (id, created_at, updated_at, updated_by, code, name, name_en, category, unit, pack_size, pack_unit, yearly_limit, min_months, max_months, active, sort) VALUES ('01a22624-6502-74bb-aa51-84cb47a57dfa', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'system', 'INJ_NET_EN', '复方庚酸炔诺酮注射液（月针）', 'Norethisterone enanthate and estradiol valerate injection (monthly)', 'injectable', 'dose', 1, 'box', 13, 2, 6, 1, 15);
--> statement-breakpoint
INSERT INTO `inv_products` (id, created_at, updated_at, updated_by, code, name, name_en, category, unit, pack_size, pack_unit, yearly_limit, min_months, max_months, active, sort) VALUES ('01a22624-6502-74bb-aa51-8b148f8469c0', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'system', 'INJ_DMPA', '醋酸甲羟孕酮注射液（150 mg，季针）', 'Medroxyprogesterone acetate injection (150 mg, 3-monthly)', 'injectable', 'dose', 1, 'box', 5, 2, 6, 1, 16);
--> statement-breakpoint
INSERT INTO `inv_products` (id, created_at, updated_at, updated_by, code, name, name_en, category, unit, pack_size, pack_unit, yearly_limit, min_months, max_months, active, sort) VALUES ('01a22624-6502-74bb-aa51-8fd4ebfac72c', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'system', 'IMP_LNG_2', '左炔诺孕酮硅胶棒（Ⅱ型，2 根）', 'Levonorgestrel implant (type II, 2 rods)', 'implant', 'set', 1, 'box', 1, 2, 6, 1, 17);
--> statement-breakpoint
INSERT INTO `inv_products` (id, created_at, updated_at, updated_by, code, name, name_en, category, unit, pack_size, pack_unit, yearly_limit, min_months, max_months, active, sort) VALUES ('01a22624-6502-74bb-aa51-9299b50d0ca0', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'system', 'EXT_N9_FILM', '壬苯醇醚膜', 'Nonoxynol-9 film', 'external', 'sheet', 12, 'box', NULL, 2, 6, 1, 18);
--> statement-breakpoint
INSERT INTO `inv_products` (id, created_at, updated_at, updated_by, code, name, name_en, category, unit, pack_size, pack_unit, yearly_limit, min_months, max_months, active, sort) VALUES ('01a22624-6502-74bb-aa51-97b365e4ab62', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'system', 'EXT_N9_GEL', '壬苯醇醚凝胶', 'Nonoxynol-9 gel', 'external', 'dose', 1, 'box', NULL, 2, 6, 1, 19);
--> statement-breakpoint
INSERT INTO `inv_products` (id, created_at, updated_at, updated_by, code, name, name_en, category, unit, pack_size, pack_unit, yearly_limit, min_months, max_months, active, sort) VALUES ('01a22624-6502-74bb-aa51-98c1cf0ce704', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'system', 'EXT_N9_SUPP', '壬苯醇醚栓', 'Nonoxynol-9 suppository', 'external', 'piece', 10, 'box', NULL, 2, 6, 1, 20);
