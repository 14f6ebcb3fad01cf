/**
 * One move in full (inventory.move): opened from the stock card to see the move a reversal
 * undoes, or the reversal of a reversed move, which may sit on another page of the card.
 */
import { Descriptions, Modal, Spin } from 'antd'
import { useEffect, useState } from 'react'
import type { Move, PackDisplay } from '../../../api/inventory'
import { call } from '../../app/client'
import { useI18n } from '../../app/i18n'
import { useApp } from '../../app/session'
import { useNotify } from '../../app/useNotify'
import { fmtDateTime } from '../../components/format'
import { counterparty, KindTag, useReasonText } from './StockWords'
import { useQty } from './quantity'

export function StockMoveModal({ moveId, pack, onClose, onOpen }: { moveId: string | null; pack: PackDisplay; onClose(): void; onOpen(id: string): void }) {
  const { t } = useI18n()
  const { info } = useApp()
  const { fail } = useNotify()
  const qty = useQty()
  const reasonText = useReasonText()
  const [move, setMove] = useState<Move | null>(null)

  useEffect(() => {
    setMove(null)
    if (!moveId) return
    let live = true
    call('inventory.move', { id: moveId }).then((m) => live && setMove(m), fail)
    return () => {
      live = false
    }
  }, [moveId, fail])

  return (
    <Modal open={moveId !== null} title={t('inventory.move.title')} footer={null} onCancel={onClose} width={640} wrapProps={{ 'data-testid': 'move-modal' }}>
      {!move ? (
        <Spin />
      ) : (
        <Descriptions size="small" column={2} bordered>
          <Descriptions.Item label={t('inventory.field.kind')}>
            <KindTag kind={move.kind} />
          </Descriptions.Item>
          <Descriptions.Item label={t('inventory.field.date')}>{move.date}</Descriptions.Item>
          <Descriptions.Item label={t('inventory.field.product')}>{move.productName}</Descriptions.Item>
          <Descriptions.Item label={t('inventory.field.lotNumber')}>
            {move.lotNumber} ({move.expiry})
          </Descriptions.Item>
          <Descriptions.Item label={t('inventory.field.quantity')}>{qty(move.quantity, pack)}</Descriptions.Item>
          <Descriptions.Item label={t('inventory.field.documentNo')}>{move.documentNo}</Descriptions.Item>
          <Descriptions.Item label={t('inventory.field.counterparty')} span={2}>
            {counterparty(move)}
          </Descriptions.Item>
          <Descriptions.Item label={t('inventory.field.reasonNote')} span={2}>
            {[reasonText(move), move.witness, move.note].filter(Boolean).join('；')}
          </Descriptions.Item>
          <Descriptions.Item label={t('inventory.field.byWhen')} span={2}>
            {move.createdBy} · {fmtDateTime(move.createdAt, info.timeZone)}
          </Descriptions.Item>
          {move.reversesId && (
            <Descriptions.Item label={t('inventory.move.reverses')} span={2}>
              <a onClick={() => onOpen(move.reversesId!)}>{t('inventory.move.open')}</a>
            </Descriptions.Item>
          )}
          {move.reversedById && (
            <Descriptions.Item label={t('inventory.move.reversedBy')} span={2}>
              <a onClick={() => onOpen(move.reversedById!)}>{t('inventory.move.open')}</a>
            </Descriptions.Item>
          )}
        </Descriptions>
      )}
    </Modal>
  )
}
