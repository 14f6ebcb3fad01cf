/**
 * Stock moves: each method appends moves to the ledger (nothing is ever edited). Refusals:
 * INSUFFICIENT_STOCK (details: date — the first date the lot would go below zero —, available,
 * requested, lotNumber) with nothing written; LOT_EXPIRED for an expired lot issued or dispensed;
 * VALIDATION with the fields at fault.
 */
import { z } from 'zod'
import { method } from '../contract'
import { isoDate, requiredText, text } from '../common'
import { STOCK_KEEPERS } from './products'
import { ADJUST_REASONS, LOT_CHOICE_REASONS, RETURN_REASONS, WASTE_REASONS, quantity, type Move } from './common'

const lotChoice = {
  /** a lot chosen by hand; default: earliest expiry first (FEFO), split over lots when needed */
  lotId: z.string().min(1).optional(),
  /** required when lotId is not the lot FEFO would take first */
  lotReason: z.enum(LOT_CHOICE_REASONS).optional()
}

export const receiveInput = z.object({
  documentNo: requiredText(40),
  date: isoDate,
  supplier: requiredText(60),
  note: text(200).default(''),
  lines: z
    .array(
      z.object({
        productId: z.string().min(1),
        lotNumber: z.string().trim().min(1, { message: 'required' }).max(40),
        expiry: isoDate,
        maker: text(60).default(''),
        quantity
      })
    )
    .min(1, { message: 'required' })
    .max(200)
})

export const issueInput = z.object({
  servicePointId: z.string().min(1),
  date: isoDate,
  documentNo: text(40).default(''),
  note: text(200).default(''),
  lines: z
    .array(z.object({ productId: z.string().min(1), quantity, ...lotChoice }))
    .min(1, { message: 'required' })
    .max(100)
})

export const dispenseInput = z.object({
  personId: z.string().min(1),
  date: isoDate,
  productId: z.string().min(1),
  quantity,
  ...lotChoice,
  note: text(200).default(''),
  /** the person's yearly limit for the product would be passed, and the user confirms */
  confirmLimit: z.boolean().default(false)
})

export const returnInput = z
  .object({
    /** back from a service point, or from a person */
    servicePointId: z.string().min(1).optional(),
    personId: z.string().min(1).optional(),
    lotId: z.string().min(1),
    date: isoDate,
    quantity,
    reason: z.enum(RETURN_REASONS),
    note: text(200).default('')
  })
  .superRefine((v, c) => {
    if (!v.servicePointId === !v.personId) c.addIssue({ code: 'custom', path: ['servicePointId'], message: 'return_from' })
  })

export const adjustInput = z.object({
  lotId: z.string().min(1),
  date: isoDate,
  direction: z.enum(['increase', 'decrease']),
  quantity,
  reason: z.enum(ADJUST_REASONS),
  note: requiredText(200)
})

export const wasteInput = z.object({ lotId: z.string().min(1), date: isoDate, quantity, reason: z.enum(WASTE_REASONS), note: text(200).default('') })

export const destroyInput = z.object({
  lotId: z.string().min(1),
  date: isoDate,
  /** default: all the lot holds on that date */
  quantity: quantity.optional(),
  witness: requiredText(40),
  note: text(200).default('')
})

export const reverseInput = z.object({
  moveId: z.string().min(1),
  /** default: today; not before the move it undoes */
  date: isoDate.optional(),
  note: requiredText(200)
})

export interface MovesResult {
  moves: Move[]
}

export interface DispenseResult extends MovesResult {
  /** the person's net quantity of the product in the dispense's calendar year, this one included */
  yearTotal: number
  yearlyLimit: number | null
}

export const inventoryMovesApi = {
  /** a receipt from the district: per line a lot, created or matched (same number, same expiry) */
  'inventory.receive': method<MovesResult>()({ input: receiveInput, roles: STOCK_KEEPERS, kind: 'write' }),
  /** to a village service room or the mobile van */
  'inventory.issue': method<MovesResult>()({ input: issueInput, roles: STOCK_KEEPERS, kind: 'write' }),
  /** to a person of the register; the yearly limit asks for confirmLimit */
  'inventory.dispense': method<DispenseResult>()({ input: dispenseInput, roles: STOCK_KEEPERS, kind: 'write' }),
  /** back into a lot, from a service point or a person (at most what they received of it) */
  'inventory.return': method<MovesResult>()({ input: returnInput, roles: STOCK_KEEPERS, kind: 'write' }),
  'inventory.adjust': method<MovesResult>()({ input: adjustInput, roles: ['head'], kind: 'write' }),
  'inventory.waste': method<MovesResult>()({ input: wasteInput, roles: ['head'], kind: 'write' }),
  /** expired stock only, with a witness */
  'inventory.destroy': method<MovesResult>()({ input: destroyInput, roles: ['head'], kind: 'write' }),
  /**
   * undoes a move by a reversal pointing to it (a reversal cannot be reversed, a move is
   * reversed once); a clerk reverses receipts, issues, dispenses and returns, a head any move
   */
  'inventory.reverse': method<MovesResult>()({ input: reverseInput, roles: STOCK_KEEPERS, kind: 'write' })
}
