/**
 * Small shared pieces of the stock pages: routes, a lot's expiry with the days left, a move's
 * kind and counterparty in words, the station's today.
 */
import { Tag, Typography } from 'antd'
import type { Move, MoveKind } from '../../../api/inventory'
import { useI18n } from '../../app/i18n'

export const STOCK_PATH = '/stock'
export const cardPath = (k: { lot?: string; product?: string }): string =>
  k.lot ? `/stock/card?lot=${encodeURIComponent(k.lot)}` : `/stock/card?product=${encodeURIComponent(k.product ?? '')}`

/** "2026-03-01（还有 120 天）" / "已过期 3 天"; within `warnDays` in orange, expired in red */
export function ExpiryText({ expiry, days, warnDays = 90 }: { expiry: string; days: number; warnDays?: number }) {
  const { t, num } = useI18n()
  const type = days < 0 ? 'danger' : days <= warnDays ? 'warning' : 'secondary'
  const left = days < 0 ? t('inventory.expiry.expiredDays', { n: num(-days) }) : days === 0 ? t('inventory.expiry.today') : t('inventory.expiry.daysLeft', { n: num(days) })
  return (
    <span className="sd-num">
      {expiry}{' '}
      <Typography.Text type={type} style={{ fontSize: 12 }}>
        {left}
      </Typography.Text>
    </span>
  )
}

const KIND_COLORS: Record<MoveKind, string> = {
  receipt: 'green',
  issue: 'blue',
  dispense: 'geekblue',
  return: 'cyan',
  adjustment: 'gold',
  wastage: 'orange',
  destruction: 'volcano',
  stocktake_gain: 'lime',
  stocktake_loss: 'magenta',
  reversal: 'default'
}

export function KindTag({ kind }: { kind: MoveKind }) {
  const { t } = useI18n()
  return <Tag color={KIND_COLORS[kind]}>{t(`inventory.kind.${kind}`)}</Tag>
}

/** who gave or received: the supplier of a receipt, the village, the person */
export function counterparty(m: Pick<Move, 'supplier' | 'servicePointName' | 'personName'>): string {
  return m.personName ?? m.servicePointName ?? m.supplier ?? ''
}

/** the reason of a move in words (lot choice, return, adjustment, waste, stocktake; a reversal names the kind it undoes) */
export function useReasonText(): (m: Pick<Move, 'kind' | 'reason'>) => string {
  const { t, has } = useI18n()
  return (m) => {
    if (!m.reason) return ''
    if (m.kind === 'reversal') return has(`inventory.kind.${m.reason}`) ? t('inventory.card.reverses', { kind: t(`inventory.kind.${m.reason}`) }) : m.reason
    const key = `inventory.reason.${m.reason}`
    return has(key) ? t(key) : m.reason
  }
}
