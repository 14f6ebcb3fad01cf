/**
 * The lot an issue or a dispense takes from: by default the core's own pick, earliest expiry
 * first (split over lots when one is not enough); the lots on hand are listed in that order
 * for the clerk to see, and one may be chosen by hand with a reason (the core asks for it when
 * the lot is not the first FEFO would take). Expired lots are not offered.
 */
import { Form, Select, Typography } from 'antd'
import { LOT_CHOICE_REASONS, type LotStock, type PackDisplay } from '../../../api/inventory'
import { useI18n } from '../../app/i18n'
import { useQty } from './quantity'

/** the lots that can be given: not expired, with stock, earliest expiry first */
export const givableLots = (lots: LotStock[]): LotStock[] => lots.filter((l) => !l.expired && l.balance > 0)

interface Props {
  /** the Form.Item names of the lot and the reason (a list line's, e.g. [0, 'lotId']) */
  lotName: (string | number)[]
  reasonName: (string | number)[]
  /** the lot's full name in the form, to watch it (inside a Form.List the item names are relative) */
  watchName?: (string | number)[]
  lots: LotStock[]
  pack: PackDisplay | undefined
  testId: string
  width?: number
}

export function StockLotPick({ lotName, reasonName, watchName, lots, pack, testId, width = 340 }: Props) {
  const { t, num } = useI18n()
  const qty = useQty()
  const form = Form.useFormInstance()
  const good = givableLots(lots)
  const chosen = Form.useWatch(watchName ?? lotName, form) as string | undefined
  const label = (l: LotStock) =>
    t('inventory.lotPick.option', { lotNumber: l.lotNumber, expiry: l.expiry, days: num(l.daysToExpiry), balance: pack ? qty(l.balance, pack) : num(l.balance) })
  const hint = !chosen && good.length > 0
    ? <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`${testId}-fefo`}>{t('inventory.lotPick.fefoList', { lots: good.slice(0, 3).map(label).join(t('inventory.error.listSep')) })}</Typography.Text>
    : good.length === 0 && pack
      ? <Typography.Text type="warning" style={{ fontSize: 12 }}>{t('inventory.lotPick.none')}</Typography.Text>
      : undefined
  return (
    <>
      <Form.Item name={lotName} label={t('inventory.field.lot')} extra={hint}>
        <Select
          style={{ width }}
          popupMatchSelectWidth={false}
          options={[{ value: '', label: t('inventory.lotPick.auto') }, ...good.map((l) => ({ value: l.lotId, label: label(l) }))]}
          data-testid={testId}
        />
      </Form.Item>
      {chosen && (
        <Form.Item name={reasonName} label={t('inventory.field.lotReason')} extra={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('inventory.lotPick.reasonHint')}</Typography.Text>}>
          <Select allowClear style={{ width }} options={LOT_CHOICE_REASONS.map((r) => ({ value: r, label: t(`inventory.reason.${r}`) }))} data-testid={`${testId}-reason`} />
        </Form.Item>
      )}
    </>
  )
}
