/**
 * The campaign page's way in to result entry: a big button, shown while the campaign is active
 * to those who may enter results (head, clinician).
 */
import { Button } from 'antd'
import { FormOutlined } from '@ant-design/icons'
import type { Campaign } from '../../../../api/campaigns'
import { useI18n } from '../../../app/i18n'
import { navigate } from '../../../app/router'
import { useApp } from '../../../app/session'

export const entryPath = (campaignId: string) => `/screening/entry?campaign=${encodeURIComponent(campaignId)}`

export function EntryButton({ campaign }: { campaign: Campaign }) {
  const { t } = useI18n()
  const { can } = useApp()
  if (campaign.status !== 'active' || !can('head', 'clinician')) return null
  return (
    <Button type="primary" size="large" icon={<FormOutlined />} onClick={() => navigate(entryPath(campaign.id))} style={{ marginLeft: 'auto' }} data-testid="campaign-entry">
      {t('screeningEntry.open')}
    </Button>
  )
}
