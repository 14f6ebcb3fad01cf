/**
 * The head's three corrections as toolbar buttons — adjust (调整), waste (报损), destroy expired
 * stock (销毁) — each opening its form (HeadMoveModal). Shown to a head only (the core refuses
 * anyone else); `onDone` lets the page around it read its stock again. Placed on the stocktake
 * page and meant for the stock page's toolbar too.
 */
import { Button, Space } from 'antd'
import { DeleteOutlined, EditOutlined, FireOutlined } from '@ant-design/icons'
import { useCallback, useState } from 'react'
import type { MovesResult } from '../../../api/inventory'
import { call } from '../../app/client'
import { useI18n } from '../../app/i18n'
import { useApp } from '../../app/session'
import { useNotify } from '../../app/useNotify'
import { HeadMoveModal, type ExpiredLot, type HeadMoveKind } from './HeadMoveModal'
import { useQty } from './quantity'
import { useProducts } from './useProducts'

export function HeadMoveButtons({ onDone }: { onDone?(r: MovesResult): void }) {
  const { t } = useI18n()
  const { can } = useApp()
  const { ok, fail } = useNotify()
  const qty = useQty()
  const products = useProducts()
  const [kind, setKind] = useState<HeadMoveKind | null>(null)
  const [expired, setExpired] = useState<ExpiredLot[]>([])

  const open = useCallback(
    async (k: HeadMoveKind) => {
      if (k === 'destroy') {
        try {
          const stock = await call('inventory.stock', {})
          setExpired(
            stock.flatMap((p) =>
              p.lots.filter((l) => l.expired && l.balance > 0).map((l) => ({ ...l, productId: p.productId, productName: products.name(p), pack: { unit: p.unit, packUnit: p.packUnit, packSize: p.packSize } }))
            )
          )
        } catch (e) {
          return fail(e)
        }
      }
      setKind(k)
    },
    [fail, products]
  )

  if (!can('head')) return null
  const done = (r: MovesResult, k: HeadMoveKind) => {
    setKind(null)
    const m = r.moves[0]
    const p = m ? products.byId(m.productId) : undefined
    if (m && p) ok(t(`stockReports.move.done.${k}`, { lotNumber: m.lotNumber, quantity: qty(Math.abs(m.quantity), p) }))
    onDone?.(r)
  }
  return (
    <>
      <Space.Compact data-testid="head-moves">
        <Button icon={<EditOutlined />} onClick={() => void open('adjust')} data-testid="head-move-adjust-button">
          {t('stockReports.move.button.adjust')}
        </Button>
        <Button icon={<DeleteOutlined />} onClick={() => void open('waste')} data-testid="head-move-waste-button">
          {t('stockReports.move.button.waste')}
        </Button>
        <Button icon={<FireOutlined />} onClick={() => void open('destroy')} data-testid="head-move-destroy-button">
          {t('stockReports.move.button.destroy')}
        </Button>
      </Space.Compact>
      <HeadMoveModal kind={kind} products={products} expired={expired} onClose={() => setKind(null)} onDone={done} />
    </>
  )
}
