/**
 * A person's page (/persons/view?id=…): every fact of the information card, the missing items
 * (Person.missing) marked, the buttons that record a change, and the history: every event,
 * newest first, with its date, reason, who recorded it and each fact's before → after. Opening
 * the page calls persons.get, which the core audits.
 */
import { Alert, Button, Card, Col, Descriptions, Empty, Result, Row, Skeleton, Space, Tag, Timeline, Tooltip, Typography } from 'antd'
import {
  ArrowLeftOutlined,
  ArrowRightOutlined,
  CarOutlined,
  EditOutlined,
  ExportOutlined,
  HeartOutlined,
  ImportOutlined,
  LogoutOutlined,
  MedicineBoxOutlined,
  PrinterOutlined,
  SmileOutlined,
  DisconnectOutlined,
  WarningOutlined
} from '@ant-design/icons'
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react'
import type { ApiError } from '../../../api/contract'
import type { Person, PersonEvent } from '../../../api/persons'
import { call, CallError } from '../../app/client'
import { saveFile } from '../../app/files'
import { useI18n } from '../../app/i18n'
import { navigate, useRoute } from '../../app/router'
import { useApp } from '../../app/session'
import { useNotify } from '../../app/useNotify'
import { fmtDateTime } from '../../components/format'
import { useCodeLookup } from '../../components/useCodeLookup'
import { CHANGE_TYPES, EventModal, type ChangeType } from './EventModal'
import { FACT_ORDER, factShown } from './facts'
import { useServicePoints } from './useServicePoints'
import { ageOn, stationToday, usePersonWords } from './words'

const EVENT_ICONS: Record<ChangeType, ReactNode> = {
  marriage: <HeartOutlined />,
  divorce: <DisconnectOutlined />,
  birth: <SmileOutlined />,
  contraception: <MedicineBoxOutlined />,
  migration_out: <ExportOutlined />,
  migration_in: <ImportOutlined />,
  correction: <EditOutlined />,
  exit: <LogoutOutlined />
}

const EVENT_COLORS: Record<string, string> = {
  registered: 'blue',
  marriage: 'magenta',
  divorce: 'volcano',
  birth: 'green',
  contraception: 'cyan',
  migration_out: 'orange',
  migration_in: 'geekblue',
  correction: 'gold',
  exit: 'default'
}

/** the wide facts take two columns */
const WIDE = new Set(['hukouAddress', 'residenceAddress', 'migrantPlace'])

export function PersonPage() {
  const { t, lang } = useI18n()
  const words = usePersonWords()
  const { fail, ok } = useNotify()
  const { info } = useApp()
  const { query } = useRoute()
  const id = query.get('id') ?? ''
  const points = useServicePoints()
  const [person, setPerson] = useState<Person | null>(null)
  const [events, setEvents] = useState<PersonEvent[] | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [recording, setRecording] = useState<ChangeType | null>(null)
  const today = stationToday(info.timeZone)
  const hukou = useCodeLookup(person?.hukouRegion, [6])

  const loadEvents = useCallback(
    async (personId: string) => {
      try {
        setEvents(await call('persons.events', { personId }))
      } catch (e) {
        fail(e)
      }
    },
    [fail]
  )

  useEffect(() => {
    if (!id) return
    let live = true
    setPerson(null)
    setEvents(null)
    setError(null)
    call('persons.get', { id }).then(
      (p) => {
        if (!live) return
        setPerson(p)
        void loadEvents(p.id)
      },
      (e: unknown) => {
        if (!live) return
        if (e instanceof CallError) setError(e.error)
        fail(e)
      }
    )
    return () => {
      live = false
    }
  }, [id, fail, loadEvents])

  /** the information card as an A4 PDF (persons.card), saved or downloaded */
  const [printing, setPrinting] = useState(false)
  const printCard = async () => {
    setPrinting(true)
    try {
      const file = await call('persons.card', { id, lang })
      if (await saveFile(file, info.abilities)) ok(t('common.exported', { file: file.filename }))
    } catch (e) {
      fail(e)
    } finally {
      setPrinting(false)
    }
  }

  const history = useMemo(
    () => [...(events ?? [])].sort((a, b) => (a.date === b.date ? b.createdAt.localeCompare(a.createdAt) : b.date.localeCompare(a.date))),
    [events]
  )

  if (!id || error?.code === 'NOT_FOUND')
    return (
      <Result
        status="404"
        title={t('persons.view.notFound')}
        extra={
          <Button onClick={() => navigate('/persons')} icon={<ArrowLeftOutlined />}>
            {t('persons.view.backToList')}
          </Button>
        }
      />
    )
  if (!person) return error ? <Result status="warning" title={words.error(error)} /> : <Skeleton active />

  const missing = new Set(person.missing)
  const exited = person.state === 'exited'
  const pointName = (pid: string) => points.name(pid) ?? (pid === person.servicePointId ? person.servicePointName : null)

  const factContent = (f: string): ReactNode => {
    const v = (person as unknown as Record<string, unknown>)[f]
    if (missing.has(f) && (v === '' || v === null || v === undefined))
      return (
        <Tag color="warning" icon={<WarningOutlined />}>
          {t('persons.view.missingValue')}
        </Tag>
      )
    if (v === '' || v === null || v === undefined) return <Typography.Text type="secondary">{t('persons.none')}</Typography.Text>
    if (f === 'hukouRegion')
      return (
        <span>
          <span className="sd-num">{person.hukouRegion}</span>
          {hukou.status === 'known' && <Typography.Text type="secondary"> {hukou.name}</Typography.Text>}
        </span>
      )
    if (f === 'servicePointId') return person.servicePointName ?? pointName(String(v)) ?? String(v)
    if (f === 'birthDate') return <span className="sd-num">{t('persons.view.birthWithAge', { birth: person.birthDate, age: ageOn(person.birthDate, today) })}</span>
    const text = words.value(f, v, pointName)
    return /Date|Since|idNumber|IdNumber|phone|boys|girls/.test(f) ? (
      <span className="sd-num" style={/IdNumber|idNumber/.test(f) ? { whiteSpace: 'nowrap' } : undefined}>
        {text}
      </span>
    ) : (
      text
    )
  }

  // an out-migrant's place is where she went, an in-migrant's where she came from
  const fieldName = (f: string) =>
    f === 'migrantPlace' && person.migrantStatus !== 'local' ? t(person.migrantStatus === 'out' ? 'persons.field.migrantTo' : 'persons.field.migrantFrom') : words.field(f)
  const label = (f: string) =>
    missing.has(f) ? (
      <Typography.Text type="warning" strong data-testid={`person-missing-${f}`}>
        {fieldName(f)}
      </Typography.Text>
    ) : (
      fieldName(f)
    )

  const facts = [
    // facts that mean nothing with another's value (a spouse while unmarried …) are left out
    ...FACT_ORDER.filter((f) => factShown(f, person as unknown as Record<string, unknown>) || missing.has(f)).map((f) => ({
      key: f,
      label: label(f),
      children: factContent(f),
      span: WIDE.has(f) ? 2 : 1
    })),
    {
      key: 'state',
      label: words.field('state'),
      children: exited ? (
        <Space wrap>
          <Tag>{words.value('state', 'exited')}</Tag>
          {person.exitReason && words.value('exitReason', person.exitReason)}
          <span className="sd-num">{person.exitDate ?? ''}</span>
        </Space>
      ) : (
        <Tag color="green">{words.value('state', 'active')}</Tag>
      )
    },
    { key: 'updated', label: t('persons.view.updated'), children: <span className="sd-num">{t('persons.view.updatedBy', { at: fmtDateTime(person.updatedAt, info.timeZone, false), who: person.updatedBy })}</span> }
  ]
  // missing items that are not facts of the list above still get named in the alert
  const missingNames = person.missing.map((f) => words.field(f))

  const changeRow = (field: string, c: { before: unknown; after: unknown }) => (
    <div key={field} className="sd-change" data-testid={`history-change-${field}`}>
      <Typography.Text type="secondary">{t('persons.view.fieldColon', { field: words.field(field) })}</Typography.Text>
      <Typography.Text delete={c.before !== null && c.before !== ''} type="secondary">
        {words.value(field, c.before, pointName)}
      </Typography.Text>
      <ArrowRightOutlined style={{ margin: '0 6px', fontSize: 11, color: '#8c8c8c' }} />
      <Typography.Text strong>{words.value(field, c.after, pointName)}</Typography.Text>
    </div>
  )

  const timeline = history.map((e) => {
    const changes = Object.entries(e.changes ?? {})
    return {
      key: e.id,
      color: EVENT_COLORS[e.type] === 'default' ? 'gray' : undefined,
      content: (
        <div data-testid="history-event" data-type={e.type}>
          <Space wrap size={6}>
            <Tag color={EVENT_COLORS[e.type]}>{t(`persons.event.${e.type}`)}</Tag>
            <Typography.Text strong className="sd-num">
              {e.date}
            </Typography.Text>
            <Tooltip title={t('persons.view.recordedAt', { at: fmtDateTime(e.createdAt, info.timeZone) })}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('persons.view.recordedBy', { who: e.createdBy, at: fmtDateTime(e.createdAt, info.timeZone, false) })}
              </Typography.Text>
            </Tooltip>
          </Space>
          {e.reason && (
            <div style={{ margin: '4px 0' }}>
              <Typography.Text type="secondary">{t('persons.view.fieldColon', { field: t('persons.view.reason') })}</Typography.Text>
              {e.reason}
            </div>
          )}
          {e.type === 'registered' ? (
            <div>
              <Typography.Text type="secondary">{t('persons.view.registeredFacts', { n: changes.length })}</Typography.Text>
            </div>
          ) : (
            changes.map(([f, c]) => changeRow(f, c))
          )}
        </div>
      )
    }
  })

  return (
    <div data-testid="person-page">
      <Card
        size="small"
        style={{ marginBottom: 12 }}
        title={
          <Space size={12} wrap>
            <Typography.Text strong style={{ fontSize: 18 }} data-testid="person-heading">
              {person.name}
            </Typography.Text>
            <span>{`${words.value('sex', person.sex)} · ${t('persons.ageYears', { age: ageOn(person.birthDate, today) })}`}</span>
            <Typography.Text className="sd-num" copyable data-testid="person-idnumber">
              {person.idNumber}
            </Typography.Text>
            {exited ? <Tag>{words.value('state', 'exited')}</Tag> : <Tag color="green">{words.value('state', 'active')}</Tag>}
          </Space>
        }
        extra={
          <Space>
            <Button icon={<PrinterOutlined />} loading={printing} onClick={() => void printCard()} data-testid="person-card">
              {t('persons.view.printCard')}
            </Button>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/persons')} data-testid="person-back">
              {t('persons.view.backToList')}
            </Button>
          </Space>
        }
      >
        {missingNames.length > 0 && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="person-missing"
            title={t('persons.view.missing', { n: missingNames.length, items: missingNames.join(t('persons.listSep')) })}
            description={t('persons.view.missingHint')}
          />
        )}
        {person.warnings.length > 0 && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="person-warnings"
            title={t('persons.view.warnings')}
            description={
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {person.warnings.map((w) => (
                  <li key={`${w.path}-${w.code}`}>{t('persons.view.fieldColon', { field: words.field(w.path) }) + words.idIssue(w)}</li>
                ))}
              </ul>
            }
          />
        )}
        <Space wrap>
          <Typography.Text type="secondary">{t('persons.view.recordChange')}</Typography.Text>
          {CHANGE_TYPES.map((type) => (
            <Button
              key={type}
              icon={EVENT_ICONS[type]}
              disabled={exited && type !== 'correction'}
              onClick={() => setRecording(type)}
              data-testid={`event-${type}`}
              danger={type === 'exit'}
            >
              {t(`persons.event.${type}`)}
            </Button>
          ))}
        </Space>
      </Card>
      <Row gutter={12}>
        <Col xs={24} xl={16}>
          <Card size="small" title={t('persons.view.facts')} style={{ marginBottom: 12 }}>
            <Descriptions bordered size="small" column={2} styles={{ label: { width: 128 } }} items={facts} data-testid="person-facts" />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('persons.view.history')} data-testid="person-history">
            {events === null ? <Skeleton active /> : timeline.length ? <Timeline items={timeline} /> : <Empty description={t('persons.view.noHistory')} />}
          </Card>
        </Col>
      </Row>
      <EventModal
        person={person}
        type={recording}
        points={points}
        onCancel={() => setRecording(null)}
        onDone={(p) => {
          const type = recording
          setRecording(null)
          setPerson(p)
          ok(t('persons.event.saved', { type: type ? t(`persons.event.${type}`) : '' }))
          void loadEvents(p.id)
        }}
      />
    </div>
  )
}
