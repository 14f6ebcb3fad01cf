/**
 * Home: the station's summary from dashboard.summary, the warnings that need someone's
 * attention (key without passphrase, no recent backup, broken audit chain), and links to the
 * station record pages the user's role may open. Shows only what the app does today.
 */
import { Alert, Button, Card, Col, Descriptions, Result, Row, Space, Spin, Statistic, Tag, Typography } from 'antd'
import { CheckCircleOutlined, ReloadOutlined, ToolOutlined, WarningOutlined } from '@ant-design/icons'
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react'
import type { DashboardSummary } from '../../../api/dashboard'
import { EQUIPMENT_STATES, STAFF_POSTS } from '../../../api/station'
import { CallError, call } from '../../app/client'
import { errorText } from '../../app/errors'
import { useI18n } from '../../app/i18n'
import { navigate } from '../../app/router'
import { useApp } from '../../app/session'
import { adminPages } from '../admin'
import { auditPages } from '../audit'
import { stationPages } from '../station'
import type { PageDef } from '../types'
import { CertificatesCard } from './CertificatesCard'
import { ScreeningCard } from './ScreeningCard'
import { StockCard } from './StockCard'
import { Breakdown, StatCard } from './StatCard'

const DAY_MS = 24 * 60 * 60 * 1000

/** YYYY-MM-DD HH:mm in the station's time zone */
function formatAt(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso))
  const p = (type: string) => parts.find((x) => x.type === type)?.value ?? ''
  return `${p('year')}-${p('month')}-${p('day')} ${p('hour')}:${p('minute')}`
}

export function Dashboard() {
  const { t, has, num } = useI18n()
  const { info, can } = useApp()
  /** the station pages' own words for posts, states and levels (so both pages say the same), else ours */
  const term = (kind: 'post' | 'state' | 'level', value: string) =>
    has(`station.${kind}.${value}`) ? t(`station.${kind}.${value}`) : has(`dashboard.${kind}.${value}`) ? t(`dashboard.${kind}.${value}`) : value
  const [data, setData] = useState<DashboardSummary | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)

  const load = useCallback(async () => {
    setLoading(true)
    setError(null)
    try {
      setData(await call('dashboard.summary'))
    } catch (e) {
      setError(e instanceof CallError ? errorText(t, has, e.error) : t('errors.code.INTERNAL'))
    } finally {
      setLoading(false)
    }
  }, [t, has])

  useEffect(() => {
    // once on entry (not again when the language changes): the refresh button reloads
    void load()
  }, []) // eslint-disable-line react-hooks/exhaustive-deps

  /** a page that exists and that this user may open */
  const usable = useCallback(
    (path: string): PageDef | undefined => [...stationPages, ...adminPages, ...auditPages].find((p) => p.path === path && can(...p.roles)),
    [can]
  )
  const links = useMemo(() => stationPages.filter((p) => can(...p.roles)).sort((a, b) => a.order - b.order), [can])

  if (!data)
    return (
      <div data-testid="dashboard">
        {error ? (
          <Result status="warning" title={t('dashboard.loadFailed')} subTitle={error} extra={<Button onClick={() => void load()}>{t('common.refresh')}</Button>} />
        ) : (
          <Spin />
        )}
      </div>
    )

  const tz = info.timeZone
  const lastBackup = data.audit.lastBackupAt
  const backupStale = lastBackup === null || Date.now() - Date.parse(lastBackup) > DAY_MS
  const repair = data.equipment.byState.repair ?? 0
  const action = (path: string, label: string) => {
    const p = usable(path)
    return p ? (
      <Button size="small" onClick={() => navigate(p.path)}>
        {label}
      </Button>
    ) : undefined
  }

  const warnings: ReactNode[] = []
  if (!data.audit.chainOk)
    warnings.push(<Alert key="chain" type="error" showIcon title={t('dashboard.warn.chainBroken')} action={action('/audit', t('dashboard.warn.chainAction'))} data-testid="dashboard-warn-chain" />)
  if (data.keyUnprotected)
    warnings.push(
      <Alert
        key="key"
        type="warning"
        showIcon
        title={t('dashboard.warn.keyUnprotected')}
        action={can('admin', 'head') ? action('/admin/keys', t('dashboard.warn.keyUnprotectedAction')) : undefined}
        data-testid="dashboard-warn-key"
      />
    )
  if (backupStale)
    warnings.push(
      <Alert
        key="backup"
        type="warning"
        showIcon
        title={lastBackup ? t('dashboard.warn.oldBackup', { at: formatAt(lastBackup, tz) }) : t('dashboard.warn.noBackup')}
        action={action('/admin/backups', t('dashboard.warn.backupAction'))}
        data-testid="dashboard-warn-backup"
      />
    )

  const st = data.station
  return (
    <div data-testid="dashboard">
      {warnings.length > 0 && (
        <Space orientation="vertical" style={{ width: '100%', marginBottom: 16 }}>
          {warnings}
        </Space>
      )}
      <Card
        size="small"
        title={t('dashboard.station.title')}
        style={{ marginBottom: 16 }}
        extra={<Button type="text" icon={<ReloadOutlined />} loading={loading} onClick={() => void load()} aria-label={t('common.refresh')} title={t('common.refresh')} />}
        data-testid="dashboard-station"
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'name', label: t('dashboard.station.name'), children: <Typography.Text strong>{st.name}</Typography.Text> },
            { key: 'code', label: t('dashboard.station.code'), children: <span className="sd-num">{st.code}</span> },
            { key: 'level', label: t('dashboard.station.level'), children: term('level', st.level) },
            { key: 'region', label: t('dashboard.station.region'), children: st.regionName || <Typography.Text type="secondary">{t('dashboard.station.unknownRegion')}</Typography.Text> }
          ]}
        />
        {links.length > 0 && (
          <div style={{ marginTop: 8, display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center' }} data-testid="dashboard-links">
            <Typography.Text type="secondary">{t('dashboard.links')}</Typography.Text>
            {links.map((p) => (
              <Button key={p.path} icon={p.icon} onClick={() => navigate(p.path)} data-testid={`dashboard-link-${p.path}`}>
                {t(p.navKey)}
              </Button>
            ))}
          </div>
        )}
      </Card>

      <Row gutter={[16, 16]}>
        {data.screening && (
          <Col xs={24}>
            <ScreeningCard s={data.screening} />
          </Col>
        )}
        {data.certificates && (
          <Col xs={24}>
            <CertificatesCard s={data.certificates} />
          </Col>
        )}
        {data.stock && (
          <Col xs={24}>
            <StockCard s={data.stock} />
          </Col>
        )}
        <Col xs={24} md={12} xl={8}>
          <StatCard title={t('dashboard.staff.title')} testId="dashboard-staff" onOpen={usable('/station/staff') && (() => navigate('/station/staff'))}>
            <Statistic title={t('dashboard.staff.active')} value={data.staff.active} formatter={(v) => num(Number(v))} />
            {data.staff.total > data.staff.active && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('dashboard.staff.total', { n: num(data.staff.total) })}
              </Typography.Text>
            )}
            <Breakdown
              empty={t('dashboard.staff.none')}
              entries={STAFF_POSTS.filter((p) => data.staff.byPost[p]).map((p) => ({ key: p, label: term('post', p), n: data.staff.byPost[p] }))}
              num={num}
            />
          </StatCard>
        </Col>
        <Col xs={24} md={12} xl={8}>
          <StatCard title={t('dashboard.equipment.title')} testId="dashboard-equipment" onOpen={usable('/station/equipment') && (() => navigate('/station/equipment'))}>
            <Space size="large" align="start">
              <Statistic title={t('dashboard.equipment.items')} value={data.equipment.items} formatter={(v) => num(Number(v))} />
              <Statistic title={t('dashboard.equipment.units')} value={data.equipment.units} formatter={(v) => num(Number(v))} />
            </Space>
            {(data.equipment.byState.scrapped ?? 0) > 0 && (
              <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                {t('dashboard.equipment.notScrapped')}
              </Typography.Text>
            )}
            <Breakdown
              empty={t('dashboard.equipment.none')}
              entries={EQUIPMENT_STATES.filter((s) => data.equipment.byState[s]).map((s) => ({
                key: s,
                label: term('state', s),
                n: data.equipment.byState[s],
                color: s === 'repair' ? 'orange' : s === 'in_use' ? 'green' : undefined,
                icon: s === 'repair' ? <ToolOutlined /> : undefined,
                testId: s === 'repair' ? 'dashboard-repair' : undefined,
                title: s === 'repair' ? t('dashboard.equipment.repair', { n: num(repair) }) : undefined
              }))}
              num={num}
            />
          </StatCard>
        </Col>
        <Col xs={24} md={12} xl={8}>
          <StatCard title={t('dashboard.points.title')} testId="dashboard-points" onOpen={usable('/station/service-points') && (() => navigate('/station/service-points'))}>
            <Space size="large" align="start" wrap>
              <Statistic title={t('dashboard.points.villageRooms')} value={data.servicePoints.villageRooms} formatter={(v) => num(Number(v))} />
              <Statistic title={t('dashboard.points.mobileVans')} value={data.servicePoints.mobileVans} formatter={(v) => num(Number(v))} />
              <Statistic title={t('dashboard.points.inactive')} value={data.servicePoints.inactive} formatter={(v) => num(Number(v))} styles={{ content: { color: '#8c8c8c' } }} />
            </Space>
          </StatCard>
        </Col>
        <Col xs={24} md={12} xl={12}>
          <StatCard title={t('dashboard.users.title')} testId="dashboard-users" onOpen={usable('/admin/users') && (() => navigate('/admin/users'))}>
            <Space size="large" align="start">
              <Statistic title={t('dashboard.users.active')} value={data.users.active} formatter={(v) => num(Number(v))} />
              <Statistic
                title={t('dashboard.users.locked')}
                value={data.users.locked}
                formatter={(v) => num(Number(v))}
                styles={data.users.locked > 0 ? { content: { color: '#cf1322' } } : undefined}
              />
            </Space>
            {data.users.locked > 0 && (
              <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '4px 0 0' }}>
                {t('dashboard.users.lockedHint')}
              </Typography.Paragraph>
            )}
          </StatCard>
        </Col>
        <Col xs={24} md={24} xl={12}>
          <StatCard title={t('dashboard.safety.title')} testId="dashboard-safety" onOpen={usable('/audit') && (() => navigate('/audit'))}>
            <Space size="large" align="start" wrap>
              <Statistic title={t('dashboard.safety.auditToday')} value={data.audit.today} formatter={(v) => num(Number(v))} />
              <Statistic
                title={t('dashboard.safety.lastBackup')}
                value={lastBackup ? formatAt(lastBackup, tz) : t('dashboard.safety.never')}
                formatter={(v) => <span data-testid="dashboard-last-backup">{String(v)}</span>}
                styles={{ content: { fontSize: 18, lineHeight: '38px', color: backupStale ? '#d48806' : undefined } }}
              />
            </Space>
            <div style={{ marginTop: 8 }}>
              {data.audit.chainOk ? (
                <Tag color="green" icon={<CheckCircleOutlined />} data-testid="dashboard-chain">
                  {t('dashboard.safety.chainOk')}
                </Tag>
              ) : (
                <Tag color="red" icon={<WarningOutlined />} data-testid="dashboard-chain">
                  {t('dashboard.safety.chainBroken')}
                </Tag>
              )}
            </div>
          </StatCard>
        </Col>
      </Row>
    </div>
  )
}
