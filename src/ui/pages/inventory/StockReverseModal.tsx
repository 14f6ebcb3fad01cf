/**
 * Reverse a move (冲销): the move is shown, the date (default today, not before the move) and a
 * reason are asked; the core appends a reversal pointing to it. A refusal is worded: a reversal
 * of a receipt whose stock has gone out names the lot, the date and what is available.
 */
import { Alert, Descriptions, Form, Input } from 'antd'
import { useRef } from 'react'
import type { ApiError } from '../../../api/contract'
import type { Move, PackDisplay } from '../../../api/inventory'
import { callResult } from '../../app/client'
import { useI18n } from '../../app/i18n'
import { useApp } from '../../app/session'
import { FormModal } from '../../components/FormModal'
import { stationToday } from '../persons/words'
import { useStockErrors, splitPath } from './StockErrors'
import { dateItemProps, MoveDate } from './StockFields'
import { counterparty, KindTag } from './StockWords'
import { useQty } from './quantity'

interface Values {
  date: string
  note: string
}

export function StockReverseModal({ move, pack, onClose, onDone }: { move: Move | null; pack: PackDisplay; onClose(): void; onDone(): void }) {
  const { t } = useI18n()
  const { info } = useApp()
  const qty = useQty()
  const errors = useStockErrors()
  const today = stationToday(info.timeZone)
  const text = useRef<string | null>(null)

  return (
    <FormModal<Values>
      open={move !== null}
      title={t('inventory.reverse.title')}
      okText={t('inventory.reverse.ok')}
      okDanger
      okTestId="reverse-ok"
      testId="reverse-modal"
      width={620}
      initialValues={{ date: today, note: '' }}
      intro={
        move && (
          <>
            <Descriptions size="small" column={2} bordered data-testid="reverse-move">
              <Descriptions.Item label={t('inventory.field.kind')}>
                <KindTag kind={move.kind} />
              </Descriptions.Item>
              <Descriptions.Item label={t('inventory.field.date')}>{move.date}</Descriptions.Item>
              <Descriptions.Item label={t('inventory.field.lotNumber')}>{move.lotNumber}</Descriptions.Item>
              <Descriptions.Item label={t('inventory.field.quantity')}>{qty(move.quantity, pack)}</Descriptions.Item>
              {counterparty(move) && <Descriptions.Item label={t('inventory.field.counterparty')}>{counterparty(move)}</Descriptions.Item>}
              {move.documentNo && <Descriptions.Item label={t('inventory.field.documentNo')}>{move.documentNo}</Descriptions.Item>}
            </Descriptions>
            <Alert style={{ marginTop: 12 }} type="info" showIcon title={t('inventory.reverse.explain', { change: qty(-move.quantity, pack) })} />
          </>
        )
      }
      onCancel={onClose}
      onError={(e, form) => {
        if (errors.applyFields(form, e, (p) => (p === 'date' || p === 'note' ? splitPath(p) : null), () => pack) && e.code === 'VALIDATION') return null
        return text.current ?? undefined
      }}
      onSubmit={async (v): Promise<ApiError | null> => {
        if (!move) return null
        text.current = null
        const r = await callResult('inventory.reverse', { moveId: move.id, date: v.date, note: v.note ?? '' })
        if (r.ok) {
          onDone()
          return null
        }
        text.current = await errors.describe(r.error, { id: move.productId, name: move.productName, ...pack })
        return r.error
      }}
    >
      <Form.Item name="date" label={t('inventory.field.date')} required {...dateItemProps}>
        <MoveDate today={today} testId="reverse-date" />
      </Form.Item>
      <Form.Item name="note" label={t('inventory.reverse.reason')} required rules={[{ required: true, whitespace: true, message: t('inventory.reverse.reasonRequired') }]}>
        <Input.TextArea rows={2} maxLength={200} placeholder={t('inventory.reverse.reasonHint')} data-testid="reverse-note" />
      </Form.Item>
    </FormModal>
  )
}
