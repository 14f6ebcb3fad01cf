/**
 * Entering screening results for a queue of people (/screening/entry?campaign=…), keyboard only:
 * the lookup box (focused) → Enter opens the person → her form, preset to a normal exam → Ctrl+S
 * saves → a line saying so with "print slip" (Ctrl+P), and the lookup box again for the next.
 * A person already screened in this campaign opens her record, to change while the campaign is
 * active. Beside it: how many were entered this sitting, and the last few (click to reopen).
 */
import { App as AntApp, Alert, Button, Card, Col, Empty, Result, Row, Skeleton, Space, Spin, Tag, Typography, type InputRef } from 'antd'
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { Campaign } from '../../../../api/campaigns'
import type { ApiError } from '../../../../api/contract'
import type { Person } from '../../../../api/persons'
import type { ScreeningRecord } from '../../../../api/screeningRecords'
import { call, callResult, CallError } from '../../../app/client'
import { saveFile } from '../../../app/files'
import { useI18n } from '../../../app/i18n'
import { navigate, useRoute } from '../../../app/router'
import { useApp } from '../../../app/session'
import { useNotify } from '../../../app/useNotify'
import { campaignPath } from '../CampaignsPage'
import { stationToday } from '../../persons/words'
import { useScreeningWords } from '../words'
import { AddPersonModal } from './AddPersonModal'
import { useEntryWords } from './entryWords'
import { Lookup } from './Lookup'
import { PersonHeader } from './PersonHeader'
import { RecordForm, type RecordFormHandle } from './RecordForm'
import { SessionPanel, useEntrySession, type SavedItem } from './SessionPanel'
import { useEntryKeys } from './useEntryKeys'

interface Current {
  person: Person
  record: ScreeningRecord | null
  notice: 'existing' | 'conflict' | 'reopened' | null
  /** a new key per opening: the form starts afresh */
  key: number
}

export function EntryPage() {
  const { query } = useRoute()
  const campaignId = query.get('campaign') ?? ''
  // another campaign's entry starts afresh (its person, its session, its last referral)
  return <CampaignEntry key={campaignId} campaignId={campaignId} />
}

function CampaignEntry({ campaignId }: { campaignId: string }) {
  const { t, lang } = useI18n()
  const screening = useScreeningWords()
  const words = useEntryWords()
  const { info, can } = useApp()
  const { fail, ok } = useNotify()
  const { modal } = AntApp.useApp()
  const today = stationToday(info.timeZone)
  const [campaign, setCampaign] = useState<Campaign | null>(null)
  const [error, setError] = useState<ApiError | null>(null)
  const [current, setCurrent] = useState<Current | null>(null)
  const [opening, setOpening] = useState(false)
  const [adding, setAdding] = useState<string | null>(null)
  const [asking, setAsking] = useState(false)
  const [last, setLast] = useState<ScreeningRecord | null>(null)
  const [printing, setPrinting] = useState(false)
  const [lastDestination, setLastDestination] = useState('')
  const session = useEntrySession(campaignId)
  const lookupRef = useRef<InputRef>(null)
  const formRef = useRef<RecordFormHandle>(null)

  useEffect(() => {
    setCampaign(null)
    setError(null)
    if (!campaignId) return
    call('screening.campaign', { id: campaignId }).then(setCampaign, (e: unknown) => (e instanceof CallError ? setError(e.error) : fail(e)))
  }, [campaignId, fail])

  const focusLookup = useCallback(() => setTimeout(() => lookupRef.current?.focus({ cursor: 'all' }), 0), [])

  /** opens a person: her record in this campaign if she has one (or the record given) */
  const open = useCallback(
    async (personId: string, notice: Current['notice'] = 'existing', recordId?: string) => {
      setOpening(true)
      try {
        const [person, rec] = await Promise.all([
          call('persons.get', { id: personId }),
          callResult('screening.record', recordId ? { id: recordId } : { campaignId, personId })
        ])
        if (!rec.ok && rec.error.code !== 'NOT_FOUND') throw new CallError(rec.error)
        const record = rec.ok ? rec.data : null
        setCurrent({ person, record, notice: record ? notice : null, key: Date.now() })
      } catch (e) {
        fail(e)
      } finally {
        setOpening(false)
      }
    },
    [campaignId, fail]
  )

  /** before another person replaces one being entered: a word if the form was changed */
  const openGuarded = useCallback(
    (go: () => void) => {
      if (!current || !formRef.current?.dirty()) return go()
      setAsking(true)
      modal.confirm({
        title: t('screeningEntry.discard.title', { name: current.person.name }),
        okText: t('screeningEntry.discard.ok'),
        cancelText: t('screeningEntry.discard.back'),
        autoFocusButton: 'ok',
        onOk: () => {
          setAsking(false)
          go()
        },
        onCancel: () => setAsking(false)
      })
    },
    [current, modal, t]
  )

  const onSaved = useCallback(
    (r: ScreeningRecord) => {
      session.add(r)
      setLast(r)
      if (r.referral) setLastDestination(r.referral.destination)
      setCurrent(null)
      focusLookup()
    },
    [session, focusLookup]
  )
  const onExisting = useCallback((recordId: string) => current && void open(current.person.id, 'conflict', recordId), [current, open])

  const printSlip = useCallback(
    async (recordId: string | undefined) => {
      if (!recordId || printing) return
      setPrinting(true)
      try {
        const file = await call('screening.slip', { recordId, lang })
        if (await saveFile(file, info.abilities)) ok(t('screeningEntry.slip.saved', { file: file.filename }))
      } catch (e) {
        fail(e)
      } finally {
        setPrinting(false)
      }
    },
    [printing, lang, info.abilities, ok, fail, t]
  )

  useEntryKeys(
    {
      save: () => formRef.current?.save(),
      print: () => void printSlip(current?.record?.id ?? last?.id),
      lookup: focusLookup
    },
    adding === null && !asking
  )

  if (error || !campaignId)
    return (
      <Result
        status="warning"
        title={error ? screening.error(error) : t('screening.campaign.notFound')}
        extra={<Button onClick={() => navigate('/screening')}>{t('screening.campaign.back')}</Button>}
      />
    )
  if (!campaign) return <Skeleton active />

  const mayWrite = can('head', 'clinician')
  const readOnly = campaign.status !== 'active' || !mayWrite
  return (
    <div data-testid="entry-page">
      <div className="sd-page-toolbar">
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(campaignPath(campaign.id))} data-testid="entry-back">
          {t('screeningEntry.back')}
        </Button>
        <Typography.Text strong style={{ fontSize: 16 }} data-testid="entry-campaign">
          {campaign.name}
        </Typography.Text>
        <Tag>{screening.kind(campaign.kind)}</Tag>
        <Tag color={campaign.status === 'active' ? 'green' : 'default'}>{screening.status(campaign.status)}</Tag>
        <span className="sd-grow" />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('screeningEntry.keys')}
        </Typography.Text>
      </div>
      {readOnly && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="entry-read-only"
          title={t(!mayWrite ? 'screeningEntry.readOnly.role' : campaign.status === 'closed' ? 'screeningEntry.readOnly.closed' : 'screeningEntry.readOnly.planned')}
        />
      )}
      <Row gutter={16} wrap={false}>
        <Col flex="1 1 0" style={{ minWidth: 0 }}>
          <Card size="small" style={{ marginBottom: 12 }}>
            <Lookup inputRef={lookupRef} today={today} onPick={(id) => openGuarded(() => void open(id))} onAdd={(id) => openGuarded(() => setAdding(id))} />
            {last && (
              <Alert
                type="success"
                showIcon
                style={{ marginTop: 10 }}
                data-testid="entry-saved"
                title={t('screeningEntry.savedLine', { name: last.name, conclusion: words.conclusion(last.conclusion) })}
                action={
                  <Button size="small" icon={<PrinterOutlined />} loading={printing} onClick={() => void printSlip(last.id)} data-testid="entry-print">
                    {t('screeningEntry.slip.print')} (Ctrl+P)
                  </Button>
                }
              />
            )}
          </Card>
          <Card size="small">
            <Spin spinning={opening}>
              {current ? (
                <div key={current.key}>
                  <PersonHeader person={current.person} campaign={campaign} record={current.record} examDate={today} notice={current.notice} />
                  <RecordForm
                    campaign={campaign}
                    personId={current.person.id}
                    record={current.record}
                    today={today}
                    lastDestination={lastDestination}
                    readOnly={readOnly}
                    handle={formRef}
                    onSaved={onSaved}
                    onExisting={onExisting}
                    onModal={setAsking}
                  />
                </div>
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('screeningEntry.emptyHint')} data-testid="entry-empty" />
              )}
            </Spin>
          </Card>
        </Col>
        <Col flex="240px">
          <SessionPanel count={session.count} recent={session.recent} onOpen={(r: SavedItem) => openGuarded(() => void open(r.personId, 'reopened', r.recordId))} />
        </Col>
      </Row>
      <AddPersonModal
        idNumber={adding}
        servicePointIds={campaign.servicePointIds}
        today={today}
        onCancel={() => {
          setAdding(null)
          setTimeout(focusLookup, 350) // once the dialog has closed
        }}
        onDone={(personId) => {
          setAdding(null)
          void open(personId)
        }}
      />
    </div>
  )
}
