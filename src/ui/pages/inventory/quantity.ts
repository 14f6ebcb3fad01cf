/**
 * Quantities of stock as a clerk reads them: whole base units with the pack size beside them,
 * "1,245 只（124 盒 + 5 只）" / "1,245 pieces (124 boxes + 5 pieces)". A quantity typed in
 * packs is converted to base units here, the only unit the core knows.
 */
import { useCallback } from 'react'
import type { PackDisplay } from '../../../api/inventory'
import { useI18n, type TFunc } from '../../app/i18n'

/** what a typed quantity counts: base units or whole packs */
export type QtyPer = 'unit' | 'pack'

/** a typed quantity in base units (null while it is not a whole number ≥ 1) */
export function toBase(value: number | null | undefined, per: QtyPer, p: PackDisplay): number | null {
  if (value === null || value === undefined || !Number.isInteger(value) || value < 1) return null
  return per === 'pack' ? value * p.packSize : value
}

/** the unit's word for n of them (English has one and many) */
export function unitWord(t: TFunc, unit: string, n: number, pack = false): string {
  const key = `inventory.${pack ? 'packUnit' : 'unit'}${Math.abs(n) === 1 ? 'One' : ''}.${unit}`
  return t(key)
}

/** true when packs say nothing more than the base unit (an IUD in a box of one) */
export const packIsUnit = (p: PackDisplay): boolean => p.packSize === 1

/** n base units with the pack split, signed; num is the thousands formatter */
export function formatQty(t: TFunc, num: (n: number) => string, n: number, p: PackDisplay): string {
  const sign = n < 0 ? '−' : ''
  const a = Math.abs(n)
  const base = `${sign}${num(a)} ${unitWord(t, p.unit, a)}`
  if (packIsUnit(p) || a < p.packSize) return base
  const packs = Math.floor(a / p.packSize)
  const rest = a % p.packSize
  const packText = `${num(packs)} ${unitWord(t, p.packUnit, packs, true)}`
  const split = rest ? t('inventory.qty.packsAndRest', { packs: packText, rest: `${num(rest)} ${unitWord(t, p.unit, rest)}` }) : packText
  return t('inventory.qty.withPacks', { base, split })
}

/** "1 盒 = 10 只" */
export function packRule(t: TFunc, num: (n: number) => string, p: PackDisplay): string {
  return t('inventory.qty.packRule', { pack: unitWord(t, p.packUnit, 1, true), size: num(p.packSize), unit: unitWord(t, p.unit, p.packSize) })
}

/** the formatter bound to the user's language */
export function useQty(): (n: number, p: PackDisplay) => string {
  const { t, num } = useI18n()
  return useCallback((n: number, p: PackDisplay) => formatQty(t, num, n, p), [t, num])
}
