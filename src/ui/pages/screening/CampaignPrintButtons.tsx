/**
 * The campaign's documents from its header: the summary report (PDF or Excel; head and
 * clinician) and the invitation list of one service point or of every one, of the people not
 * yet screened or of everyone (PDF or Excel; clerks too). Files are saved through the desktop
 * dialog or downloaded (saveFile), as the person page does with the information card.
 */
import { App as AntApp, Button, Dropdown, Popover, Radio, Select, Space, Typography } from 'antd'
import { DownOutlined, FileTextOutlined, TeamOutlined } from '@ant-design/icons'
import { useState } from 'react'
import type { Campaign } from '../../../api/campaigns'
import type { FileOut } from '../../../api/contract'
import { call, CallError } from '../../app/client'
import { saveFile } from '../../app/files'
import { useI18n } from '../../app/i18n'
import { useApp } from '../../app/session'
import { useNotify } from '../../app/useNotify'
import { useServicePoints } from '../persons/useServicePoints'
import { useScreeningFail } from './words'

type Format = 'pdf' | 'xlsx'
type InvitationState = 'not_screened' | 'all'

export function CampaignPrintButtons({ campaign }: { campaign: Campaign }) {
  const { t, has, lang } = useI18n()
  const { info, can } = useApp()
  const { ok, fail } = useNotify()
  const { message } = AntApp.useApp()
  const failApi = useScreeningFail()
  const points = useServicePoints()
  const [busy, setBusy] = useState<string | null>(null)
  const [open, setOpen] = useState(false)
  const [village, setVillage] = useState<string | undefined>()
  const [state, setState] = useState<InvitationState>('not_screened')

  const run = async (key: string, make: () => Promise<FileOut>) => {
    setBusy(key)
    try {
      const file = await make()
      if (await saveFile(file, info.abilities)) ok(t('common.exported', { file: file.filename }))
      return true
    } catch (e) {
      const rule = e instanceof CallError ? e.error.details?.fields?.[0]?.rule : undefined
      if (rule && has(`screeningPrint.rule.${rule}`)) void message.error(t(`screeningPrint.rule.${rule}`), 6)
      else if (e instanceof CallError) failApi(e.error)
      else fail(e)
      return false
    } finally {
      setBusy(null)
    }
  }

  const report = (format: Format) => run(`report-${format}`, () => call('screening.report', { campaignId: campaign.id, format, lang }))
  const invitations = async (format: Format) => {
    const done = await run(`inv-${format}`, () => call('screening.invitations', { campaignId: campaign.id, format, state, lang, ...(village ? { servicePointId: village } : {}) }))
    if (done) setOpen(false)
  }

  const form = (
    <div style={{ width: 320 }} data-testid="invitations-form">
      <Space direction="vertical" style={{ width: '100%' }}>
        <div>
          <Typography.Text type="secondary">{t('screeningPrint.invitations.village')}</Typography.Text>
          <Select<string | undefined>
            allowClear
            style={{ width: '100%' }}
            placeholder={t('screeningPrint.invitations.allVillages')}
            value={village}
            onChange={setVillage}
            options={campaign.servicePointIds.map((id) => ({ value: id, label: points.name(id) ?? id }))}
            data-testid="invitations-village"
          />
        </div>
        <div>
          <Typography.Text type="secondary">{t('screeningPrint.invitations.state')}</Typography.Text>
          <div>
            <Radio.Group value={state} onChange={(e) => setState(e.target.value as InvitationState)} data-testid="invitations-state">
              <Radio value="not_screened">{t('screeningPrint.invitations.notScreened')}</Radio>
              <Radio value="all">{t('screeningPrint.invitations.all')}</Radio>
            </Radio.Group>
          </div>
        </div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('screeningPrint.invitations.hint')}
        </Typography.Text>
        <Space>
          <Button type="primary" loading={busy === 'inv-pdf'} disabled={!!busy} onClick={() => void invitations('pdf')} data-testid="invitations-pdf">
            {t('screeningPrint.invitations.pdf')}
          </Button>
          <Button loading={busy === 'inv-xlsx'} disabled={!!busy} onClick={() => void invitations('xlsx')} data-testid="invitations-xlsx">
            {t('screeningPrint.invitations.xlsx')}
          </Button>
        </Space>
      </Space>
    </div>
  )

  return (
    <>
      <span className="sd-grow" />
      <Space wrap data-testid="campaign-print">
        {can('head', 'clinician') && (
          <Dropdown
            trigger={['click']}
            disabled={!!busy}
            menu={{
              items: [
                { key: 'pdf', label: <span data-testid="report-pdf">{t('screeningPrint.report.pdf')}</span> },
                { key: 'xlsx', label: <span data-testid="report-xlsx">{t('screeningPrint.report.xlsx')}</span> }
              ],
              onClick: ({ key }) => void report(key as Format)
            }}
          >
            <Button icon={<FileTextOutlined />} loading={busy?.startsWith('report-')} data-testid="report-button">
              {t('screeningPrint.report.button')} <DownOutlined />
            </Button>
          </Dropdown>
        )}
        <Popover trigger="click" placement="bottomRight" title={t('screeningPrint.invitations.title')} content={form} open={open} onOpenChange={setOpen}>
          <Button icon={<TeamOutlined />} loading={busy?.startsWith('inv-')} data-testid="invitations-button">
            {t('screeningPrint.invitations.button')} <DownOutlined />
          </Button>
        </Popover>
      </Space>
    </>
  )
}
