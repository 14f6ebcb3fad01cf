/**
 * 编号情况, for the head: per year, how many certificates were issued, the highest serial, and
 * every skipped serial with why (a restored older backup: the numbers it had handed out are
 * never given again; or not recorded). Every serial up to the highest is either a certificate
 * or an explained gap, so a district check finds no silent hole.
 */
import { Alert, Drawer, Table, Tag, Typography } from 'antd'
import type { NumberingYear } from '../../../api/certificates'
import { useI18n } from '../../app/i18n'
import { useApp } from '../../app/session'
import { fmtDateTime } from '../../components/format'

const serial = (n: number) => String(n).padStart(5, '0')

export function NumberingDrawer({ open, years, onClose }: { open: boolean; years: NumberingYear[] | null; onClose(): void }) {
  const { t, num } = useI18n()
  const { info } = useApp()
  const unexplained = (years ?? []).some((y) => y.gaps.some((g) => g.reason === 'not_recorded'))
  return (
    <Drawer open={open} onClose={onClose} size={620} title={t('certificates.numbering.title')} data-testid="numbering-drawer">
      <Typography.Paragraph type="secondary">{t('certificates.numbering.intro')}</Typography.Paragraph>
      {unexplained && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('certificates.numbering.unexplained')} />}
      <Table<NumberingYear>
        rowKey="year"
        size="small"
        pagination={false}
        loading={years === null}
        dataSource={years ?? []}
        locale={{ emptyText: t('certificates.numbering.none') }}
        data-testid="numbering-table"
        columns={[
          { key: 'year', dataIndex: 'year', title: t('certificates.numbering.year'), width: 70 },
          { key: 'issued', dataIndex: 'issued', title: t('certificates.numbering.issued'), width: 80, align: 'right', render: (v: number) => num(v) },
          { key: 'highest', dataIndex: 'highest', title: t('certificates.numbering.highest'), width: 90, align: 'right', render: (v: number) => <span className="sd-num">{serial(v)}</span> },
          {
            key: 'gaps',
            title: t('certificates.numbering.gaps'),
            render: (_, y) =>
              y.gaps.length === 0 ? (
                <Typography.Text type="success">{t('certificates.numbering.noGaps')}</Typography.Text>
              ) : (
                <div>
                  {y.gaps.map((g) => (
                    <div key={`${g.from}-${g.to}`} style={{ marginBottom: 4 }}>
                      <span className="sd-num">{g.from === g.to ? serial(g.from) : `${serial(g.from)}–${serial(g.to)}`}</span>{' '}
                      <Tag color={g.reason === 'restored_backup' ? 'blue' : 'orange'}>{t(`certificates.numbering.reason.${g.reason}`)}</Tag>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('certificates.numbering.noticed', { at: fmtDateTime(g.noticedAt, info.timeZone, false) })}
                      </Typography.Text>
                    </div>
                  ))}
                </div>
              )
          }
        ]}
      />
    </Drawer>
  )
}
