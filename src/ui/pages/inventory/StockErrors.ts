/**
 * The stock forms' refusals in words a clerk acts on. INSUFFICIENT_STOCK names the lot, the
 * date it would go below zero, what is available and what was asked, in base units with packs;
 * when the core picked the lots itself (earliest expiry first) it names no lot, so the lots the
 * product has on hand are listed from the stock. LOT_EXPIRED names the lot and its expiry; a
 * CONFLICT names its rule. Field errors go under their fields (API paths mapped to the form's).
 */
import type { FormInstance } from 'antd'
import { useCallback } from 'react'
import type { ApiError } from '../../../api/contract'
import type { LotStock, PackDisplay } from '../../../api/inventory'
import { call } from '../../app/client'
import { errorText, ruleMessage } from '../../app/errors'
import { useI18n } from '../../app/i18n'
import { formatQty } from './quantity'

export interface ErrorProduct extends PackDisplay {
  id: string
  name: string
}

type FormPath = (string | number)[]

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0))

export function useStockErrors() {
  const { t, has, num: fmt } = useI18n()
  const qty = useCallback((n: number, p: PackDisplay | undefined) => (p ? formatQty(t, fmt, n, p) : fmt(n)), [t, fmt])

  /** the lots a product-wide refusal lists: good lots with stock, earliest expiry first */
  const lotsOf = useCallback(async (productId: string): Promise<LotStock[]> => {
    try {
      const [s] = await call('inventory.stock', { productId })
      return (s?.lots ?? []).filter((l) => !l.expired && l.balance > 0)
    } catch {
      return []
    }
  }, [])

  /** one paragraph for the form's alert */
  const describe = useCallback(
    async (e: ApiError, product?: ErrorProduct): Promise<string> => {
      const d = e.details ?? {}
      if (e.code === 'INSUFFICIENT_STOCK') {
        const p = { date: String(d.date ?? ''), available: qty(num(d.available), product), requested: qty(num(d.requested), product), product: product?.name ?? '' }
        if (typeof d.lotNumber === 'string') return t('inventory.error.insufficientLot', { ...p, lotNumber: d.lotNumber })
        const lots = product ? await lotsOf(product.id) : []
        const list = lots.length
          ? t('inventory.error.lotsOnHand', { lots: lots.map((l) => t('inventory.error.lotOnHand', { lotNumber: l.lotNumber, expiry: l.expiry, balance: qty(l.balance, product) })).join(t('inventory.error.listSep')) })
          : t('inventory.error.noLots')
        const expired = num(d.expiredOnHand) > 0 ? t('inventory.error.expiredOnHand', { quantity: qty(num(d.expiredOnHand), product) }) : ''
        return t('inventory.error.insufficientProduct', p) + list + expired + t('inventory.error.nothingWritten')
      }
      if (e.code === 'LOT_EXPIRED') return t('inventory.error.lotExpired', { lotNumber: String(d.lotNumber ?? ''), expiry: String(d.expiry ?? '') })
      if (e.code === 'CONFLICT' && typeof d.rule === 'string') return ruleMessage(t, has, d.rule, d as Record<string, string>)
      if (e.code === 'FORBIDDEN' && typeof d.kind === 'string') return t('inventory.error.headOnly', { kind: t(`inventory.kind.${d.kind}`) })
      if (e.code === 'VALIDATION' && d.fields?.length) {
        const texts = d.fields.map((f) => ruleMessage(t, has, f.rule, d as Record<string, string>))
        return t('inventory.error.validation', { list: [...new Set(texts)].join(t('inventory.error.listSep')) })
      }
      return errorText(t, has, e)
    },
    [t, has, qty, lotsOf]
  )

  /**
   * puts the core's field errors under the form's fields; `map` turns an API path into the
   * form's name (null: not on this form). The short text under a quantity names what is available.
   */
  const applyFields = useCallback(
    (form: FormInstance, e: ApiError, map: (path: string) => FormPath | null, product?: (path: string) => PackDisplay | undefined): boolean => {
      const d = e.details ?? {}
      const set: { name: FormPath; errors: string[] }[] = []
      for (const f of d.fields ?? []) {
        const name = map(f.path)
        if (!name) continue
        const text =
          f.rule === 'insufficient'
            ? t('inventory.error.availableOnly', { available: qty(num(d.available), product?.(f.path)) })
            : f.rule === 'lot_expired'
              ? t('inventory.error.lotExpiredShort', { expiry: String(d.expiry ?? '') })
              : ruleMessage(t, has, f.rule, d as Record<string, string>)
        set.push({ name, errors: [text] })
      }
      if (set.length) form.setFields(set)
      return set.length > 0
    },
    [t, has, qty]
  )

  return { describe, applyFields, qty }
}

/** "lines.2.quantity" → ['lines', 2, 'quantity']; the numbers stay numbers */
export const splitPath = (path: string): FormPath => path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p))
