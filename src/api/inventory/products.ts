/** Inventory products (the catalogue) and the inventory settings. */
import { z } from 'zod'
import { method } from '../contract'
import { requiredText, text } from '../common'
import { BASE_UNITS, PACK_UNITS, PRODUCT_CATEGORIES, type Product } from './common'

/** who works with stock (DESIGN §2b): head and clerk; a clinician may look */
export const STOCK_READERS = ['head', 'clerk', 'clinician'] as const
export const STOCK_KEEPERS = ['head', 'clerk'] as const

export const productInput = z
  .object({
    /** given: an update of that product */
    id: z.string().min(1).optional(),
    code: z.string().trim().regex(/^[A-Z0-9_-]{2,32}$/, { message: 'product_code' }),
    name: requiredText(60),
    nameEn: text(80).default(''),
    category: z.enum(PRODUCT_CATEGORIES),
    unit: z.enum(BASE_UNITS),
    packSize: z.number().int({ message: 'integer' }).min(1, { message: 'quantity_positive' }).max(100_000),
    packUnit: z.enum(PACK_UNITS),
    yearlyLimit: z.number().int({ message: 'integer' }).min(1, { message: 'quantity_positive' }).max(1_000_000).nullable().default(null),
    minMonths: z.number().min(0, { message: 'min0' }).max(60),
    maxMonths: z.number().min(0, { message: 'min0' }).max(120),
    active: z.boolean().default(true)
  })
  .superRefine((v, c) => {
    if (v.maxMonths < v.minMonths) c.addIssue({ code: 'custom', path: ['maxMonths'], message: 'max_below_min' })
  })

export interface InventorySettings {
  /** lots expiring within this many days are flagged (default 90) */
  expiryAlertDays: number
}

export const inventoryProductsApi = {
  'inventory.products': method<Product[]>()({
    input: z.object({ includeInactive: z.boolean().default(false) }).optional().default({ includeInactive: false }),
    roles: STOCK_READERS,
    kind: 'read'
  }),
  /** create or change a product (head) */
  'inventory.productSave': method<Product>()({ input: productInput, roles: ['head'], kind: 'write' }),
  'inventory.settings': method<InventorySettings>()({ input: z.object({}).optional().default({}), roles: STOCK_READERS, kind: 'read' }),
  'inventory.settingsSave': method<InventorySettings>()({
    input: z.object({ expiryAlertDays: z.number().int({ message: 'integer' }).min(1, { message: 'quantity_positive' }).max(730) }),
    roles: ['head'],
    kind: 'write'
  })
}
