/**
 * Add a person (/persons/new): a full page in sections as on the paper information card,
 * ID number first. The ID is checked as it is typed or read by a card reader; a valid one fills
 * sex and birth date (derived, read-only) and the hukou region. An ID already in the register
 * opens that person instead. Before saving, people with the same name and birth date under
 * another ID are shown as possible duplicates, with links. Enter moves from field to field and
 * saves at the end.
 */
import { Alert, App as AntApp, Button, Card, Col, Form, Input, List, Modal, Row, Space, Typography } from 'antd'
import { SaveOutlined, UserAddOutlined } from '@ant-design/icons'
import { useCallback, useRef, useState, type ReactNode } from 'react'
import { checkIdNumber, type IdCheck } from '../../../api/idNumber'
import type { PersonRow } from '../../../api/persons'
import { call, callResult } from '../../app/client'
import { useI18n } from '../../app/i18n'
import { navigate, useRoute } from '../../app/router'
import { useApp } from '../../app/session'
import { useNotify } from '../../app/useNotify'
import { enterToNext } from '../../components/enterNav'
import { FactItem } from './FactItem'
import { factValue, type FactValues, type FactsInput } from './facts'
import { useServicePoints } from './useServicePoints'
import { applyPersonErrors, stationToday, usePersonWords, type FactName } from './words'

type ValidId = Extract<IdCheck, { valid: true }>

export const personPath = (id: string) => `/persons/view?id=${encodeURIComponent(id)}`

/** the register's person with exactly this ID number, active or exited */
export async function findById(idNumber: string): Promise<PersonRow | null> {
  for (const state of ['active', 'exited'] as const) {
    const p = await call('persons.search', { q: idNumber, state, page: 1, pageSize: 5 })
    const hit = p.rows.find((r) => r.idNumber === idNumber)
    if (hit) return hit
  }
  return null
}

const FACTS: FactName[] = [
  'idNumber', 'name', 'phone', 'hukouRegion', 'hukouAddress', 'servicePointId', 'residenceAddress', 'maritalStatus', 'maritalDate',
  'spouseName', 'spouseIdNumber', 'boys', 'girls', 'contraception', 'contraceptionSince', 'migrantStatus', 'migrantPlace', 'migrantSince'
]

export function PersonNewPage() {
  const { t } = useI18n()
  const words = usePersonWords()
  const { fail, ok } = useNotify()
  const { message } = AntApp.useApp()
  const { info } = useApp()
  const { query } = useRoute()
  const points = useServicePoints()
  const [form] = Form.useForm<FactValues>()
  const [derived, setDerived] = useState<ValidId | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [similar, setSimilar] = useState<{ rows: PersonRow[]; facts: FactsInput } | null>(null)
  const box = useRef<HTMLDivElement>(null)

  const openExisting = useCallback(
    (id: string, name: string) => {
      void message.info(t('persons.new.exists', { name }), 6)
      navigate(personPath(id))
    },
    [message, t]
  )

  const onValidId = useCallback(
    (c: ValidId) => {
      setDerived(c)
      const permit = ['81', '82', '83'].includes(c.region.slice(0, 2))
      if (!permit && !form.getFieldValue('hukouRegion')) form.setFieldValue('hukouRegion', c.region)
      // one person per ID: an ID already in the register opens that person
      findById(c.normalized).then((hit) => hit && openExisting(hit.id, hit.name), () => undefined)
    },
    [form, openExisting]
  )

  const create = async (facts: FactsInput) => {
    setBusy(true)
    setError(null)
    try {
      const r = await callResult('persons.create', facts)
      if (r.ok) {
        ok(t('persons.new.saved', { name: r.data.name }))
        navigate(personPath(r.data.id))
        return
      }
      const existing = r.error.details?.existingId
      if (r.error.code === 'CONFLICT' && typeof existing === 'string') return openExisting(existing, facts.name)
      if (r.error.code === 'FORBIDDEN' || r.error.code === 'UNAUTHENTICATED' || r.error.code === 'SESSION_LOCKED') return fail(r.error)
      if (!applyPersonErrors(form, words, r.error)) setError(words.error(r.error))
    } finally {
      setBusy(false)
    }
  }

  const submit = async (values: FactValues) => {
    const id = checkIdNumber(String(values.idNumber ?? ''), { today: stationToday(info.timeZone) })
    if (!id.valid) return
    const facts = Object.fromEntries(FACTS.map((f) => [f, factValue(f, values)])) as unknown as FactsInput
    facts.idNumber = id.normalized
    facts.sex = id.sex
    facts.birthDate = id.birth
    setBusy(true)
    let rows: PersonRow[] = []
    try {
      rows = (await call('persons.similar', { name: facts.name, birthDate: id.birth, idNumber: id.normalized })).filter((r) => r.idNumber !== id.normalized)
    } catch {
      // the warning is a help, not a gate: without it the core still refuses a second person with this ID
    }
    setBusy(false)
    if (rows.length) setSimilar({ rows, facts })
    else await create(facts)
  }

  // side-by-side sections take the height of the taller one; the fields' own margin closes each card
  const section = (title: string, children: ReactNode, testId?: string) => (
    <Card size="small" title={title} style={{ marginBottom: 12, height: 'calc(100% - 12px)' }} styles={{ body: { paddingBottom: 0 } }} data-testid={testId}>
      <Row gutter={16}>{children}</Row>
    </Card>
  )

  return (
    <div ref={box} onKeyDownCapture={enterToNext(() => form.submit())} style={{ maxWidth: 1100 }}>
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        {t('persons.new.intro')}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="person-error" />}
      <Form<FactValues>
        form={form}
        layout="vertical"
        colon={false}
        requiredMark
        initialValues={{
          idNumber: query.get('idNumber') ?? '',
          maritalStatus: 'unmarried',
          contraception: 'none',
          migrantStatus: 'local',
          boys: 0,
          girls: 0
        }}
        onValuesChange={(changed) => {
          if ('idNumber' in changed) setDerived((d) => (d && d.normalized === changed.idNumber ? d : null))
        }}
        onFinish={(v) => void submit(v)}
        data-testid="person-form"
      >
        {section(
          t('persons.section.identity'),
          <>
            <FactItem name="idNumber" points={points} col={7} autoFocus onIdValid={onValidId} />
            <Col span={3}>
              <Form.Item label={t('persons.field.sex')} tooltip={t('persons.derivedHint')}>
                <Input readOnly tabIndex={-1} variant="filled" value={derived ? t(`persons.sex.${derived.sex}`) : ''} data-testid="person-sex" />
              </Form.Item>
            </Col>
            <Col span={4}>
              <Form.Item label={t('persons.field.birthDate')} tooltip={t('persons.derivedHint')}>
                <Input readOnly tabIndex={-1} variant="filled" className="sd-num" value={derived?.birth ?? ''} data-testid="person-birth" />
              </Form.Item>
            </Col>
            <FactItem name="name" points={points} col={5} />
            <FactItem name="phone" points={points} col={5} />
          </>,
          'person-section-identity'
        )}
        <Row gutter={12}>
          <Col span={12}>
            {section(
              t('persons.section.hukou'),
              <>
                <FactItem name="hukouRegion" points={points} col={10} />
                <FactItem name="hukouAddress" points={points} col={14} />
              </>
            )}
          </Col>
          <Col span={12}>
            {section(
              t('persons.section.residence'),
              <>
                <FactItem name="servicePointId" points={points} col={10} />
                <FactItem name="residenceAddress" points={points} col={14} />
              </>
            )}
          </Col>
        </Row>
        {section(
          t('persons.section.marriage'),
          <>
            <FactItem name="maritalStatus" points={points} col={6} />
            <FactItem name="maritalDate" points={points} col={6} />
            <FactItem name="spouseName" points={points} col={6} />
            <FactItem name="spouseIdNumber" points={points} col={6} />
          </>
        )}
        <Row gutter={12}>
          <Col span={8}>
            {section(
              t('persons.section.children'),
              <>
                <FactItem name="boys" points={points} col={12} />
                <FactItem name="girls" points={points} col={12} />
              </>
            )}
          </Col>
          <Col span={16}>
            {section(
              t('persons.section.contraception'),
              <>
                <FactItem name="contraception" points={points} col={12} />
                <FactItem name="contraceptionSince" points={points} col={12} />
              </>
            )}
          </Col>
        </Row>
        {section(
          t('persons.section.migration'),
          <>
            <FactItem name="migrantStatus" points={points} col={6} />
            <FactItem name="migrantPlace" points={points} col={12} />
            <FactItem name="migrantSince" points={points} col={6} />
          </>
        )}
        <Space>
          <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={busy} data-testid="person-save">
            {t('persons.new.save')}
          </Button>
          <Button onClick={() => navigate('/persons')} data-testid="person-cancel">
            {t('common.cancel')}
          </Button>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('persons.new.keyboardHint')}
          </Typography.Text>
        </Space>
      </Form>
      <Modal
        open={similar !== null}
        title={
          <Space>
            <UserAddOutlined />
            {t('persons.similar.title')}
          </Space>
        }
        onCancel={() => setSimilar(null)}
        cancelText={t('persons.similar.back')}
        okText={t('persons.similar.saveAnyway')}
        okButtonProps={{ 'data-testid': 'person-save-anyway', loading: busy }}
        onOk={() => {
          const facts = similar?.facts
          setSimilar(null)
          if (facts) void create(facts)
        }}
        wrapProps={{ 'data-testid': 'person-similar' }}
      >
        <Typography.Paragraph>{t('persons.similar.body')}</Typography.Paragraph>
        <List
          size="small"
          bordered
          dataSource={similar?.rows ?? []}
          renderItem={(r) => (
            <List.Item>
              <a href={`#${personPath(r.id)}`} target="_self">
                {r.name}
              </a>
              <span className="sd-num">{r.idNumber}</span>
              <span>{r.servicePointName ?? ''}</span>
            </List.Item>
          )}
        />
      </Modal>
    </div>
  )
}
