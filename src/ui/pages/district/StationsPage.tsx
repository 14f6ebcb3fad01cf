/**
 * 服务站 (/district/stations): the stations whose packets the district accepts (district.stations:
 * code, name, keys with their status, packets, the last one, missing sequence numbers, chain
 * breaks, the numbers the station declared skipped after restoring a backup and the packets here
 * they superseded — shown apart, nothing to chase); registering a station's public key from the key file it exported (district.stationAdd;
 * a station already registered with another key asks before replacing it, the old key kept as
 * retired); and the signed list of trusted keys for the stations (district.keysExport).
 */
import { App as AntApp, Button, Space, Table, Tag, Tooltip, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { ExportOutlined, QuestionCircleOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons'
import { useCallback, useEffect, useState } from 'react'
import type { DistrictStation } from '../../../api/district'
import { call, callResult } from '../../app/client'
import { useI18n } from '../../app/i18n'
import { useApp } from '../../app/session'
import { useNotify } from '../../app/useNotify'
import { fmtDate, fmtDateTime } from '../../components/format'
import { KeyFileButton, useKeyFileError } from '../admin/TrustParts'
import { scalar } from '../verify/words'
import { useKeysExport } from './useKeysExport'
import { districtRuleText, ruleOf } from './words'

function Numbers({ list, color, none, testId }: { list: number[]; color: string; none: string; testId: string }) {
  if (!list.length)
    return (
      <Typography.Text type="secondary" data-testid={testId}>
        {none}
      </Typography.Text>
    )
  return (
    <Space size={2} wrap data-testid={testId}>
      {list.map((n) => (
        <Tag key={n} color={color} style={{ marginInlineEnd: 0 }}>
          #{n}
        </Tag>
      ))}
    </Space>
  )
}

/** numbers as runs: [2, 3, 4, 7] → "#2–#4 #7" */
function seqList(list: number[]): string {
  const runs: [number, number][] = []
  for (const n of list) {
    const last = runs[runs.length - 1]
    if (last && last[1] + 1 === n) last[1] = n
    else runs.push([n, n])
  }
  return runs.map(([a, b]) => (a === b ? `#${a}` : `#${a}–#${b}`)).join(' ')
}

/** numbers the station declared skipped (not to chase) and packets here that a later one superseded */
function Skipped({ s }: { s: DistrictStation }) {
  const { t } = useI18n()
  if (!s.skippedSeqs.length && !s.supersededSeqs.length)
    return (
      <Typography.Text type="secondary" data-testid={`station-skipped-${s.code}`}>
        {t('district.none')}
      </Typography.Text>
    )
  return (
    <Tooltip title={t('district.stations.skippedTip')}>
      <Space orientation="vertical" size={2} data-testid={`station-skipped-${s.code}`}>
        {s.skippedSeqs.length > 0 && (
          <Tag style={{ marginInlineEnd: 0 }} data-testid={`station-skipped-seqs-${s.code}`}>
            {t('district.stations.skippedSeqs', { seqs: seqList(s.skippedSeqs) })}
          </Tag>
        )}
        {s.supersededSeqs.length > 0 && (
          <Tag color="purple" style={{ marginInlineEnd: 0 }} data-testid={`station-superseded-seqs-${s.code}`}>
            {t('district.stations.supersededSeqs', { seqs: seqList(s.supersededSeqs) })}
          </Tag>
        )}
      </Space>
    </Tooltip>
  )
}

export function StationsPage() {
  const { t, has, num } = useI18n()
  const { info } = useApp()
  const { ok, fail } = useNotify()
  const { modal, message } = AntApp.useApp()
  const keyFileError = useKeyFileError()
  const keysExport = useKeysExport()
  const [rows, setRows] = useState<DistrictStation[] | null>(null)
  const [adding, setAdding] = useState(false)

  const load = useCallback(() => {
    call('district.stations').then(setRows, fail)
  }, [fail])
  useEffect(load, [load])

  const added = (s: DistrictStation) => {
    const active = s.keys.find((k) => k.status === 'active')
    ok(t('district.stations.added', { name: s.name, code: s.code, keyId: active?.keyId ?? '' }))
    load()
  }

  const register = async (content: string, replace = false): Promise<void> => {
    setAdding(true)
    try {
      const r = await callResult('district.stationAdd', { content, replace })
      if (r.ok) return added(r.data)
      if (r.error.code === 'CONFLICT' && ruleOf(r.error) === 'station_key_set' && !replace) {
        const p = scalar(r.error.details)
        modal.confirm({
          title: t('district.stations.replaceTitle'),
          content: t('district.stations.replaceBody', { station: String(p.stationCode ?? p.station ?? ''), keyId: String(p.keyId ?? '') }),
          okText: t('district.stations.replaceOk'),
          okButtonProps: { danger: true, 'data-testid': 'station-replace-ok' } as never,
          cancelText: t('common.cancel'),
          onOk: () => register(content, true)
        })
        return
      }
      if (r.error.code === 'FORBIDDEN' || r.error.code === 'UNAUTHENTICATED' || r.error.code === 'SESSION_LOCKED') return fail(r.error)
      // the district's words for a station key rule (one key, self-signed, not the district's own, not another station's), else the key file's
      void message.error(districtRuleText(t, has, r.error) ?? keyFileError(r.error), 8)
    } catch (e) {
      fail(e)
    } finally {
      setAdding(false)
    }
  }

  const columns: ColumnsType<DistrictStation> = [
    { title: t('district.col.code'), dataIndex: 'code', key: 'code', width: 110, render: (v: string) => <span className="sd-num">{v}</span> },
    { title: t('district.col.name'), dataIndex: 'name', key: 'name' },
    {
      title: t('district.col.keys'),
      key: 'keys',
      render: (_, s) => (
        <Space orientation="vertical" size={2}>
          {s.keys.map((k) => (
            // the date under the key: the table fits a laptop's screen with every column
            <div key={k.keyId} data-testid={`station-key-${s.code}-${k.status}`}>
              <Space size={6}>
                <Typography.Text code style={{ opacity: k.status === 'retired' ? 0.6 : 1 }}>
                  {k.keyId}
                </Typography.Text>
                <Tag color={k.status === 'active' ? 'green' : 'default'} style={{ marginInlineEnd: 0 }}>
                  {t(`district.keyStatus.${k.status}`)}
                </Tag>
              </Space>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('district.stations.keyAdded', { at: fmtDate(k.addedAt, info.timeZone) })}
                </Typography.Text>
              </div>
            </div>
          ))}
        </Space>
      )
    },
    { title: t('district.col.packets'), dataIndex: 'packets', key: 'packets', align: 'right', render: (v: number, s) => <span className="sd-num" data-testid={`station-packets-${s.code}`}>{num(v)}</span> },
    {
      title: t('district.col.last'),
      key: 'last',
      render: (_, s) =>
        s.last ? (
          <div data-testid={`station-last-${s.code}`}>
            <span className="sd-num">
              #{s.last.seq} · {s.last.period}
            </span>
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('district.stations.importedAt', { at: fmtDateTime(s.last.importedAt, info.timeZone, false) })}
              </Typography.Text>
            </div>
          </div>
        ) : (
          <Typography.Text type="secondary">{t('district.stations.noPackets')}</Typography.Text>
        )
    },
    { title: t('district.col.missingSeqs'), key: 'missingSeqs', render: (_, s) => <Numbers list={s.missingSeqs} color="red" none={t('district.none')} testId={`station-missing-${s.code}`} /> },
    { title: t('district.col.chainBreaks'), key: 'chainBreaks', render: (_, s) => <Numbers list={s.chainBreaks} color="volcano" none={t('district.none')} testId={`station-breaks-${s.code}`} /> },
    {
      title: (
        <Tooltip title={t('district.stations.skippedTip')}>
          <span>
            {t('district.col.skipped')} <QuestionCircleOutlined style={{ opacity: 0.5 }} />
          </span>
        </Tooltip>
      ),
      key: 'skipped',
      render: (_, s) => <Skipped s={s} />
    }
  ]

  return (
    <div data-testid="district-stations">
      <Typography.Paragraph type="secondary" style={{ maxWidth: 960 }}>
        {t('district.stations.intro')}
      </Typography.Paragraph>
      <div className="sd-page-toolbar">
        <KeyFileButton type="primary" icon={<UploadOutlined />} disabled={adding} onText={(text) => void register(text)} onTooBig={() => void message.error(t('district.stations.tooBig'))} testId="station-add">
          {t('district.stations.add')}
        </KeyFileButton>
        <Button icon={<ExportOutlined />} loading={keysExport.busy} onClick={() => void keysExport.start()} data-testid="district-keys-export">
          {t('district.keys.export')}
        </Button>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('district.keys.what')}
        </Typography.Text>
        <span className="sd-grow" />
        <Button icon={<ReloadOutlined />} onClick={load}>
          {t('common.refresh')}
        </Button>
      </div>
      <Table<DistrictStation>
        rowKey="code"
        size="middle"
        loading={!rows}
        dataSource={rows ?? []}
        columns={columns}
        scroll={{ x: 'max-content' }}
        pagination={(rows?.length ?? 0) > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        locale={{ emptyText: t('district.stations.none') }}
        data-testid="stations-table"
      />
      {keysExport.modal}
    </div>
  )
}
