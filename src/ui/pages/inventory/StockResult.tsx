/**
 * What a stock form wrote: the moves the core made (for an issue or a dispense, the lots it
 * took, earliest expiry first, and how many from each), each lot opening its stock card.
 */
import { Alert, Table } from 'antd'
import type { ReactNode } from 'react'
import type { Move, PackDisplay } from '../../../api/inventory'
import { useI18n } from '../../app/i18n'
import { cardPath } from './StockWords'
import { useQty } from './quantity'

export function StockResult({ title, moves, pack, extra }: { title: ReactNode; moves: Move[]; pack(productId: string): PackDisplay | undefined; extra?: ReactNode }) {
  const { t } = useI18n()
  const qty = useQty()
  return (
    <Alert
      type="success"
      showIcon
      style={{ marginBottom: 12 }}
      title={title}
      data-testid="stock-result"
      description={
        <>
          {extra}
          <Table<Move>
            size="small"
            rowKey="id"
            pagination={false}
            style={{ marginTop: 8, maxWidth: 900 }}
            dataSource={moves}
            columns={[
              { title: t('inventory.field.product'), dataIndex: 'productName' },
              { title: t('inventory.field.lotNumber'), key: 'lot', render: (_, m) => <a href={`#${cardPath({ lot: m.lotId })}`} data-testid="result-lot">{m.lotNumber}</a> },
              { title: t('inventory.field.expiry'), dataIndex: 'expiry' },
              {
                title: t('inventory.field.quantity'),
                key: 'q',
                align: 'right',
                render: (_, m) => {
                  const p = pack(m.productId)
                  return <span className="sd-num">{p ? qty(Math.abs(m.quantity), p) : Math.abs(m.quantity)}</span>
                }
              }
            ]}
          />
        </>
      }
    />
  )
}
