/** The count sheet of a stocktake as a PDF: with the ledger's quantities, or blind (without them). */
import { Button, Dropdown } from 'antd'
import { DownOutlined, PrinterOutlined } from '@ant-design/icons'
import { useState } from 'react'
import type { Stocktake } from '../../../api/inventory'
import { call } from '../../app/client'
import { saveFile } from '../../app/files'
import { useI18n } from '../../app/i18n'
import { useApp } from '../../app/session'
import { useNotify } from '../../app/useNotify'

export function StocktakePrint({ stocktake }: { stocktake: Pick<Stocktake, 'id'> }) {
  const { t, lang } = useI18n()
  const { info } = useApp()
  const { ok, fail } = useNotify()
  const [busy, setBusy] = useState(false)
  const print = async (blind: boolean) => {
    setBusy(true)
    try {
      const file = await call('inventory.countSheet', { stocktakeId: stocktake.id, blind, lang })
      if (await saveFile(file, info.abilities)) ok(t('common.exported', { file: file.filename }))
    } catch (e) {
      fail(e)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Dropdown
      trigger={['click']}
      disabled={busy}
      menu={{
        items: [
          { key: 'full', label: <span data-testid="count-sheet-full">{t('stockReports.stocktake.printFull')}</span> },
          { key: 'blind', label: <span data-testid="count-sheet-blind">{t('stockReports.stocktake.printBlind')}</span> }
        ],
        onClick: ({ key }) => void print(key === 'blind')
      }}
    >
      <Button icon={<PrinterOutlined />} loading={busy} data-testid="count-sheet">
        {t('stockReports.stocktake.print')} <DownOutlined />
      </Button>
    </Dropdown>
  )
}
