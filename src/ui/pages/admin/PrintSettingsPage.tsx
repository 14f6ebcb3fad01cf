/**
 * 打印设置 (admin, head): per printed document, the paper and the x/y offset in millimetres
 * (tenths) that moves everything on the page, for printers that feed off-centre and for the
 * pre-printed forms (套打). The certificate booklet page has its calibration sheet below: the
 * offsets being tried are printed on plain paper and laid over a blank form.
 */
import { Button, Card, Select, Skeleton, Table, Tag, Typography } from 'antd'
import { AimOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons'
import { useCallback, useEffect, useRef, useState } from 'react'
import { PAPERS, type Paper, type PrintDoc, type PrintDocSettings } from '../../../api/print'
import { call, callResult } from '../../app/client'
import { useI18n } from '../../app/i18n'
import { useNotify } from '../../app/useNotify'
import { PrintCalibration } from './PrintSettingsCalibration'
import { OffsetInput, type Draft } from './PrintSettingsOffset'

const same = (a: Draft, b: Draft) => a.paper === b.paper && a.offsetX === b.offsetX && a.offsetY === b.offsetY

export function PrintSettingsPage() {
  const { t } = useI18n()
  const { fail, ok } = useNotify()
  const [saved, setSaved] = useState<PrintDocSettings[] | null>(null)
  const [drafts, setDrafts] = useState<Partial<Record<PrintDoc, Draft>>>({})
  const [busy, setBusy] = useState<PrintDoc | null>(null)
  const calibration = useRef<HTMLDivElement>(null)

  useEffect(() => {
    call('print.settings').then(setSaved, fail)
  }, [fail])

  const draftOf = useCallback((s: PrintDocSettings): Draft => drafts[s.doc] ?? { paper: s.paper, offsetX: s.offsetX, offsetY: s.offsetY }, [drafts])
  const edit = (doc: PrintDoc, base: Draft, change: Partial<Draft>) => setDrafts((d) => ({ ...d, [doc]: { ...base, ...change } }))

  const save = async (s: PrintDocSettings) => {
    const d = draftOf(s)
    setBusy(s.doc)
    const r = await callResult('print.saveSettings', { doc: s.doc, ...d })
    setBusy(null)
    if (!r.ok) return fail(r.error)
    setSaved((all) => all?.map((x) => (x.doc === s.doc ? r.data : x)) ?? null)
    setDrafts((all) => {
      const next = { ...all }
      delete next[s.doc]
      return next
    })
    ok(t('printSettings.saved', { doc: t(`printSettings.doc.${s.doc}`) }))
  }

  if (!saved) return <Skeleton active />
  const booklet = saved.find((s) => s.doc === 'certificateBooklet')

  return (
    <div style={{ maxWidth: 1080 }} data-testid="print-settings">
      <Typography.Paragraph type="secondary">{t('printSettings.intro')}</Typography.Paragraph>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Table<PrintDocSettings>
          size="small"
          rowKey="doc"
          pagination={false}
          dataSource={saved}
          onRow={(s) => ({ 'data-testid': `print-doc-${s.doc}` } as object)}
          columns={[
            {
              title: t('printSettings.document'),
              dataIndex: 'doc',
              render: (doc: PrintDoc) => (
                <div>
                  <Typography.Text strong>{t(`printSettings.doc.${doc}`)}</Typography.Text>
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {t(`printSettings.docHint.${doc}`)}
                  </Typography.Text>
                </div>
              )
            },
            {
              title: t('printSettings.paper'),
              key: 'paper',
              width: 150,
              render: (_: unknown, s) => {
                const d = draftOf(s)
                return (
                  <span style={{ whiteSpace: 'nowrap' }}>
                    <Select<Paper> value={d.paper} onChange={(paper) => edit(s.doc, d, { paper })} options={PAPERS.map((p) => ({ value: p, label: p }))} style={{ width: 72 }} data-testid={`print-paper-${s.doc}`} />
                    {d.paper !== s.defaultPaper && (
                      <Tag color="orange" style={{ marginLeft: 6 }} title={t('printSettings.notDefault', { paper: s.defaultPaper })}>
                        {s.defaultPaper}
                      </Tag>
                    )}
                  </span>
                )
              }
            },
            { title: t('printSettings.offsetX'), key: 'x', width: 130, render: (_: unknown, s) => <OffsetInput value={draftOf(s).offsetX} onChange={(offsetX) => edit(s.doc, draftOf(s), { offsetX })} testId={`print-x-${s.doc}`} /> },
            { title: t('printSettings.offsetY'), key: 'y', width: 130, render: (_: unknown, s) => <OffsetInput value={draftOf(s).offsetY} onChange={(offsetY) => edit(s.doc, draftOf(s), { offsetY })} testId={`print-y-${s.doc}`} /> },
            {
              title: '',
              key: 'actions',
              width: 240,
              render: (_: unknown, s) => {
                const dirty = !same(draftOf(s), s)
                return (
                  <span style={{ display: 'flex', gap: 6 }}>
                    <Button size="small" type={dirty ? 'primary' : 'default'} icon={<SaveOutlined />} disabled={!dirty} loading={busy === s.doc} onClick={() => void save(s)} data-testid={`print-save-${s.doc}`}>
                      {t('common.save')}
                    </Button>
                    {dirty && (
                      <Button size="small" icon={<UndoOutlined />} onClick={() => setDrafts(({ [s.doc]: _gone, ...rest }) => rest)} title={t('printSettings.undo')} aria-label={t('printSettings.undo')} />
                    )}
                    {s.doc === 'certificateBooklet' && (
                      <Button size="small" icon={<AimOutlined />} onClick={() => calibration.current?.scrollIntoView({ behavior: 'smooth' })} data-testid="print-to-calibration">
                        {t('printSettings.calibrate')}
                      </Button>
                    )}
                  </span>
                )
              }
            }
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
          {t('printSettings.offsetHint')}
        </Typography.Paragraph>
      </Card>
      {booklet && (
        <div ref={calibration}>
          <PrintCalibration
            draft={draftOf(booklet)}
            dirty={!same(draftOf(booklet), booklet)}
            busy={busy === 'certificateBooklet'}
            onChange={(change) => edit('certificateBooklet', draftOf(booklet), change)}
            onSave={() => void save(booklet)}
          />
        </div>
      )}
    </div>
  )
}
