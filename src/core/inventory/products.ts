/**
 * The product catalogue: seeded with the nationally free contraceptives (国家免费避孕药具) by
 * migration 0008 (the rows below, with fixed ids so every station names a product alike), then
 * edited by the head. Also the inventory settings (expiry alert days) and the pack display.
 */
import type { ParsedInputOf } from '../../api/contract'
import type { BaseUnit, InventorySettings, PackUnit, Product, ProductCategory } from '../../api/inventory'
import type { inventoryProductsApi } from '../../api/inventory/products'
import type { Ctx } from '../context'
import type { Sqlite } from '../db/open'
import { stmt } from '../db/stmt'
import { AppError, fieldError, notFound } from '../errors'
import { newId } from '../ids'
import { getMeta, setMeta } from '../meta'

export interface CatalogueItem {
  id: string
  code: string
  name: string
  nameEn: string
  category: ProductCategory
  unit: BaseUnit
  packSize: number
  packUnit: PackUnit
  yearlyLimit: number | null
  minMonths: number
  maxMonths: number
}

const item = (id: string, code: string, name: string, nameEn: string, category: ProductCategory, unit: BaseUnit, packSize: number, packUnit: PackUnit, yearlyLimit: number | null): CatalogueItem => ({
  id, code, name, nameEn, category, unit, packSize, packUnit, yearlyLimit, minMonths: 2, maxMonths: 6
})

/** seeded by migration 0008_inventory (a test holds the two alike) */
export const CATALOGUE: CatalogueItem[] = [
  item('01a22624-64fe-76c9-9341-61c38ab21039', 'CONDOM_M_49', '男用避孕套（天然胶乳，49 mm）', 'Male condom (latex, 49 mm)', 'condom_male', 'piece', 10, 'box', null),
  item('01a22624-6501-71d9-8bb1-276c38bbfc6f', 'CONDOM_M_52', '男用避孕套（天然胶乳，52 mm）', 'Male condom (latex, 52 mm)', 'condom_male', 'piece', 10, 'box', null),
  item('01a22624-6501-71d9-8bb1-280a3f96e37f', 'CONDOM_M_56', '男用避孕套（天然胶乳，56 mm）', 'Male condom (latex, 56 mm)', 'condom_male', 'piece', 10, 'box', null),
  item('01a22624-6501-71d9-8bb1-2c6847874446', 'CONDOM_F', '女用避孕套', 'Female condom', 'condom_female', 'piece', 3, 'box', null),
  item('01a22624-6501-71d9-8bb1-300b4f464ff3', 'OC_LNG_EE', '复方左炔诺孕酮片', 'Levonorgestrel and ethinylestradiol tablets', 'oral_short', 'cycle', 1, 'box', 13),
  item('01a22624-6501-71d9-8bb1-36fd93b46bee', 'OC_NET_EE', '复方炔诺酮片（口服避孕片 1 号）', 'Norethisterone and ethinylestradiol tablets (No. 1)', 'oral_short', 'cycle', 1, 'box', 13),
  item('01a22624-6501-71d9-8bb1-3be44a38f35f', 'OC_LNG_EE_TRI', '左炔诺孕酮炔雌醇（三相）片', 'Levonorgestrel and ethinylestradiol triphasic tablets', 'oral_short', 'cycle', 1, 'box', 13),
  item('01a22624-6501-71d9-8bb1-3f1ce5ce3865', 'EC_LNG_075', '左炔诺孕酮片（紧急避孕，0.75 mg × 2 片）', 'Levonorgestrel tablets (emergency, 0.75 mg × 2)', 'oral_emergency', 'box', 1, 'box', 6),
  item('01a22624-6501-71d9-8bb1-41242678febb', 'EC_LNG_15', '左炔诺孕酮片（紧急避孕，1.5 mg）', 'Levonorgestrel tablet (emergency, 1.5 mg)', 'oral_emergency', 'box', 1, 'box', 6),
  item('01a22624-6501-71d9-8bb1-4438c747af85', 'EC_MIF_10', '米非司酮片（紧急避孕，10 mg）', 'Mifepristone tablet (emergency, 10 mg)', 'oral_emergency', 'box', 1, 'box', 6),
  item('01a22624-6501-71d9-8bb1-494373fb67fb', 'IUD_TCU380A', '宫内节育器 TCu380A', 'IUD TCu380A', 'iud', 'device', 1, 'box', 1),
  item('01a22624-6502-74bb-aa51-79964942a76f', 'IUD_TCU220C', '宫内节育器 TCu220C', 'IUD TCu220C', 'iud', 'device', 1, 'box', 1),
  item('01a22624-6502-74bb-aa51-7f98a90ed325', 'IUD_MLCU375', '宫内节育器 MLCu375（母体乐）', 'IUD MLCu375 (Multiload)', 'iud', 'device', 1, 'box', 1),
  item('01a22624-6502-74bb-aa51-83aa648e9ff1', 'IUD_GCU300', '宫内节育器 宫铜 300（宫形含铜）', 'IUD Gong-Cu 300 (uterine-shaped copper)', 'iud', 'device', 1, 'box', 1),
  item('01a22624-6502-74bb-aa51-84cb47a57dfa', 'INJ_NET_EN', '复方庚酸炔诺酮注射液（月针）', 'Norethisterone enanthate and estradiol valerate injection (monthly)', 'injectable', 'dose', 1, 'box', 13),
  item('01a22624-6502-74bb-aa51-8b148f8469c0', 'INJ_DMPA', '醋酸甲羟孕酮注射液（150 mg，季针）', 'Medroxyprogesterone acetate injection (150 mg, 3-monthly)', 'injectable', 'dose', 1, 'box', 5),
  item('01a22624-6502-74bb-aa51-8fd4ebfac72c', 'IMP_LNG_2', '左炔诺孕酮硅胶棒（Ⅱ型，2 根）', 'Levonorgestrel implant (type II, 2 rods)', 'implant', 'set', 1, 'box', 1),
  item('01a22624-6502-74bb-aa51-9299b50d0ca0', 'EXT_N9_FILM', '壬苯醇醚膜', 'Nonoxynol-9 film', 'external', 'sheet', 12, 'box', null),
  item('01a22624-6502-74bb-aa51-97b365e4ab62', 'EXT_N9_GEL', '壬苯醇醚凝胶', 'Nonoxynol-9 gel', 'external', 'dose', 1, 'box', null),
  item('01a22624-6502-74bb-aa51-98c1cf0ce704', 'EXT_N9_SUPP', '壬苯醇醚栓', 'Nonoxynol-9 suppository', 'external', 'piece', 10, 'box', null)
]

const COLUMNS = `p.id, p.code, p.name, p.name_en AS nameEn, p.category, p.unit, p.pack_size AS packSize, p.pack_unit AS packUnit, p.yearly_limit AS yearlyLimit,
  p.min_months AS minMonths, p.max_months AS maxMonths, p.active, (SELECT coalesce(sum(l.balance), 0) FROM inv_lots l WHERE l.product_id = p.id) AS onHand`

type Row = Omit<Product, 'active'> & { active: number }
const toProduct = (r: Row): Product => ({ ...r, active: r.active === 1 })

export function listProducts(ctx: Ctx, includeInactive: boolean): Product[] {
  const rows = stmt(ctx.sqlite, `SELECT ${COLUMNS} FROM inv_products p ${includeInactive ? '' : 'WHERE p.active = 1'} ORDER BY p.sort, p.code`).all() as Row[]
  return rows.map(toProduct)
}

export function loadProduct(sqlite: Sqlite, id: string): Product {
  const r = stmt(sqlite, `SELECT ${COLUMNS} FROM inv_products p WHERE p.id = ?`).get(id) as Row | undefined
  if (!r) throw notFound('product', id)
  return toProduct(r)
}

/** a product a move may use: known and active */
export function activeProduct(sqlite: Sqlite, id: string, path = 'productId'): Product {
  const r = stmt(sqlite, `SELECT ${COLUMNS} FROM inv_products p WHERE p.id = ?`).get(id) as Row | undefined
  if (!r) throw fieldError(path, 'product_unknown', `no product ${id}`)
  if (r.active !== 1) throw fieldError(path, 'product_inactive', `${r.name} is no longer in use`, { name: r.name })
  return toProduct(r)
}

type SaveInput = ParsedInputOf<(typeof inventoryProductsApi)['inventory.productSave']>

export function saveProduct(ctx: Ctx, input: SaveInput): Product {
  const clash = stmt(ctx.sqlite, 'SELECT id FROM inv_products WHERE code = ?').get(input.code) as { id: string } | undefined
  if (clash && clash.id !== input.id) throw new AppError('CONFLICT', `product code ${input.code} is taken`, { fields: [{ path: 'code', rule: 'taken', message: 'code taken' }] })
  const at = ctx.nowIso()
  const by = ctx.user().actor
  const values = [input.code, input.name, input.nameEn, input.category, input.unit, input.packSize, input.packUnit, input.yearlyLimit, input.minMonths, input.maxMonths, input.active ? 1 : 0]
  let id = input.id
  if (id) {
    const before = loadProduct(ctx.sqlite, id)
    if (before.unit !== input.unit && (stmt(ctx.sqlite, 'SELECT 1 FROM inv_moves WHERE product_id = ? LIMIT 1').get(id)))
      throw fieldError('unit', 'unit_has_moves', 'the base unit cannot change once stock has moved: quantities are kept in it')
    stmt(ctx.sqlite, `UPDATE inv_products SET code = ?, name = ?, name_en = ?, category = ?, unit = ?, pack_size = ?, pack_unit = ?, yearly_limit = ?, min_months = ?, max_months = ?, active = ?, updated_at = ?, updated_by = ? WHERE id = ?`).run(...values, at, by, id)
  } else {
    id = newId()
    const sort = (stmt(ctx.sqlite, 'SELECT coalesce(max(sort), 0) + 1 AS s FROM inv_products').get() as { s: number }).s
    stmt(ctx.sqlite, `INSERT INTO inv_products (id, created_at, updated_at, updated_by, code, name, name_en, category, unit, pack_size, pack_unit, yearly_limit, min_months, max_months, active, sort) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(id, at, at, by, ...values, sort)
  }
  ctx.audit({ entity: 'product', entityId: id, summary: `${input.id ? 'changed' : 'added'} product ${input.code} ${input.name}`, msg: [input.id ? 'inventory.productChanged' : 'inventory.productAdded', { name: input.name }] })
  return loadProduct(ctx.sqlite, id)
}

const EXPIRY_DAYS_KEY = 'inventory.expiry_alert_days'
export const DEFAULT_EXPIRY_ALERT_DAYS = 90

export function inventorySettings(sqlite: Sqlite): InventorySettings {
  const v = Number(getMeta(sqlite, EXPIRY_DAYS_KEY))
  return { expiryAlertDays: Number.isInteger(v) && v > 0 ? v : DEFAULT_EXPIRY_ALERT_DAYS }
}

export function saveInventorySettings(ctx: Ctx, s: InventorySettings): InventorySettings {
  setMeta(ctx.sqlite, EXPIRY_DAYS_KEY, String(s.expiryAlertDays))
  ctx.audit({ entity: 'inventorySettings', summary: `expiry alert: ${s.expiryAlertDays} days`, msg: ['inventory.settingsSaved', { days: s.expiryAlertDays }] })
  return inventorySettings(ctx.sqlite)
}

/** the SQL that seeds the catalogue (pasted into migration 0008; a test compares) */
export function catalogueSql(): string {
  const q = (v: string | number | null) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`)
  return CATALOGUE.map(
    (p, i) =>
      `INSERT INTO \`inv_products\` (id, created_at, updated_at, updated_by, code, name, name_en, category, unit, pack_size, pack_unit, yearly_limit, min_months, max_months, active, sort) VALUES (${[p.id, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'system', p.code, p.name, p.nameEn, p.category, p.unit, p.packSize, p.packUnit, p.yearlyLimit, p.minMonths, p.maxMonths, 1, i + 1].map(q).join(', ')});`
  ).join('\n--> statement-breakpoint\n')
}
