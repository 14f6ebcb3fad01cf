/** Inventory's shared words and shapes: categories, units, kinds of move, reason lists, quantities. */
import { z } from 'zod'

export const PRODUCT_CATEGORIES = ['condom_male', 'condom_female', 'oral_short', 'oral_emergency', 'iud', 'injectable', 'implant', 'external'] as const
export type ProductCategory = (typeof PRODUCT_CATEGORIES)[number]

/** base units (only, 板, 片, 支, 枚, 套, 张, 盒) */
export const BASE_UNITS = ['piece', 'cycle', 'tablet', 'dose', 'device', 'set', 'sheet', 'box'] as const
export type BaseUnit = (typeof BASE_UNITS)[number]
export const PACK_UNITS = ['box', 'bag', 'carton', 'bottle'] as const
export type PackUnit = (typeof PACK_UNITS)[number]

export const MOVE_KINDS = ['receipt', 'issue', 'dispense', 'return', 'adjustment', 'wastage', 'destruction', 'stocktake_gain', 'stocktake_loss', 'reversal'] as const
export type MoveKind = (typeof MOVE_KINDS)[number]

/** why a lot other than the earliest-expiring one is chosen */
export const LOT_CHOICE_REASONS = ['open_pack_first', 'requested_by_point', 'model_or_size', 'other'] as const
export const ADJUST_REASONS = ['count_correction', 'found', 'transfer_in', 'transfer_out', 'data_entry_error', 'other'] as const
export const WASTE_REASONS = ['damaged', 'packaging_broken', 'contaminated', 'recalled', 'lost', 'other'] as const
export const STOCKTAKE_REASONS = ['previous_count_error', 'unrecorded_issue', 'unrecorded_receipt', 'damaged', 'lost', 'theft', 'other'] as const
export const RETURN_REASONS = ['unused', 'point_closed', 'near_expiry', 'wrong_item', 'other'] as const

/** whole base units, at least 1 */
export const quantity = z.number({ message: 'quantity' }).int({ message: 'integer' }).min(1, { message: 'quantity_positive' }).max(10_000_000)

/** how a quantity shows with its pack size: 1,234 pieces = 123 boxes + 4 pieces */
export interface PackDisplay {
  unit: BaseUnit
  packUnit: PackUnit
  packSize: number
}

export interface Product extends PackDisplay {
  id: string
  code: string
  name: string
  nameEn: string
  category: ProductCategory
  /** base units one person may receive per calendar year; null: no limit */
  yearlyLimit: number | null
  minMonths: number
  maxMonths: number
  active: boolean
  /** on hand, all lots (stored balance) */
  onHand: number
}

export interface Move {
  id: string
  seq: number
  kind: MoveKind
  date: string
  productId: string
  productName: string
  lotId: string
  lotNumber: string
  expiry: string
  /** signed change of the lot, base units */
  quantity: number
  documentNo: string
  supplier: string
  servicePointId: string | null
  servicePointName: string | null
  personId: string | null
  personName: string | null
  reason: string
  note: string
  witness: string
  /** a reversal: the move it undoes; a reversed move: the reversal */
  reversesId: string | null
  reversedById: string | null
  createdAt: string
  createdBy: string
}

