/**
 * 证明验证: checking an in-migrant's marriage-and-childbearing certificate. Two ways in, as
 * tabs: scanning (or pasting) its QR code, checked offline against the trusted station keys,
 * and by hand for a paper certificate without one. Below, the verifications recorded here.
 */
import { Card, Tabs } from 'antd'
import { EditOutlined, ScanOutlined } from '@ant-design/icons'
import { useState } from 'react'
import { useI18n } from '../../app/i18n'
import { useApp } from '../../app/session'
import { stationToday } from '../persons/words'
import { VerificationsTable, useVerificationList } from './VerificationsTable'
import { VerifyManualTab } from './VerifyManualTab'
import { VerifyScanTab } from './VerifyScanTab'

export function VerifyPage() {
  const { t } = useI18n()
  const { info } = useApp()
  const today = stationToday(info.timeZone)
  const [tab, setTab] = useState<'qr' | 'manual'>('qr')
  const { list, filters } = useVerificationList()
  const saved = () => void list.reload()

  return (
    <div data-testid="verify-page">
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as 'qr' | 'manual')}
        destroyOnHidden={false}
        items={[
          { key: 'qr', label: <span data-testid="verify-tab-qr"><ScanOutlined /> {t('verify.tab.qr')}</span>, children: <VerifyScanTab today={today} onSaved={saved} active={tab === 'qr'} /> },
          { key: 'manual', label: <span data-testid="verify-tab-manual"><EditOutlined /> {t('verify.tab.manual')}</span>, children: <VerifyManualTab today={today} onSaved={saved} /> }
        ]}
      />
      <Card size="small" title={t('verify.list.title')} extra={filters} style={{ marginTop: 16 }}>
        <VerificationsTable list={list} />
      </Card>
    </div>
  )
}
