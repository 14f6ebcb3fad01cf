/**
 * The frame of a stock document page (receive, issue, dispense, return): Ctrl+S saves from
 * anywhere in it, a way back to the stock page and a line saying what the page is for.
 */
import { Button, Typography } from 'antd'
import { ArrowLeftOutlined } from '@ant-design/icons'
import { forwardRef, type KeyboardEventHandler, type ReactNode } from 'react'
import { useI18n } from '../../app/i18n'
import { navigate } from '../../app/router'
import { STOCK_PATH } from './StockWords'

interface Props {
  intro: string
  onSave(): void
  /** Enter handling of the page (enterNav), if it has its own */
  onKeyDownCapture?: KeyboardEventHandler<HTMLDivElement>
  maxWidth: number
  testId: string
  children: ReactNode
}

export const StockDocFrame = forwardRef<HTMLDivElement, Props>(function StockDocFrame({ intro, onSave, onKeyDownCapture, maxWidth, testId, children }, ref) {
  const { t } = useI18n()
  return (
    <div
      ref={ref}
      onKeyDown={(e) => {
        if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
          e.preventDefault()
          onSave()
        }
      }}
      onKeyDownCapture={onKeyDownCapture}
      style={{ maxWidth }}
      data-testid={testId}
    >
      <div className="sd-page-toolbar">
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(STOCK_PATH)}>
          {t('inventory.card.back')}
        </Button>
        <Typography.Text type="secondary">{intro}</Typography.Text>
      </div>
      {children}
    </div>
  )
})
