/**
 * A person's page (/persons/view?id=…): every fact of the information card, the missing items
 * (Person.missing) marked, the buttons that record a change, and the history: every event,
 * newest first, with its date, reason, who recorded it and each fact's before → after. Opening
 * the page calls persons.get, which the core audits.
 */
import { Alert, Button, Card, Col, Result, Row, Skeleton, Space, Tag, Typography } from 'antd'
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons'
import { useCallback, useEffect, useState } from 'react'
import type { ApiError } from '../../../api/contract'
import type { Person, PersonEvent } from '../../../api/persons'
import { call, CallError } from '../../app/client'
import { saveFile } from '../../app/files'
import { useI18n } from '../../app/i18n'
import { navigate, useRoute } from '../../app/router'
import { useApp } from '../../app/session'
import { useNotify } from '../../app/useNotify'
import { EventModal, type ChangeType } from './EventModal'
import { PersonChangeButtons } from './PersonChangeButtons'
import { PersonFactsCard } from './PersonFactsCard'
import { PersonHistory } from './PersonHistory'
import { PersonCertificates } from '../certificates/PersonCertificates'
import { useServicePoints } from './useServicePoints'
import { ageOn, stationToday, usePersonWords } from './words'

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

  const exited = person.state === 'exited'
  const pointName = (pid: string) => points.name(pid) ?? (pid === person.servicePointId ? person.servicePointName : null)
  // missing items that are not among the facts shown still get named in the alert
  const missingNames = person.missing.map((f) => words.field(f))

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
        <PersonChangeButtons exited={exited} onPick={setRecording} />
      </Card>
      <Row gutter={12}>
        <Col xs={24} xl={16}>
          <PersonFactsCard person={person} today={today} pointName={pointName} />
        </Col>
        <Col xs={24} xl={8}>
          <PersonHistory events={events} pointName={pointName} />
        </Col>
      </Row>
      <PersonCertificates person={person} />
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
