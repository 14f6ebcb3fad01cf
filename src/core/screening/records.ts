/**
 * Screening records: save (one per person per campaign; the findings of the campaign's kind,
 * agreeing with the conclusion; a referral for an abnormal one; the exam date within the
 * campaign and not in the future; nothing into a closed campaign; a person outside the
 * eligibility only when the clinician confirms), read, list.
 */
import type { ParsedInputOf } from '../../api/contract'
import type { Page } from '../../api/contract'
import { checkConclusion, type Findings } from '../../api/screeningFindings'
import type { recordsApi, ScreeningRecord, ScreeningRecordRow } from '../../api/screeningRecords'
import type { Ctx } from '../context'
import { stmt } from '../db/stmt'
import { AppError, notFound } from '../errors'
import { newId } from '../ids'
import { assertPeriodOpen } from '../periods/guard'
import { ageOn, todayOf } from '../persons/record'
import { campaignBase } from './campaigns'
import { eligibility } from './eligibility'
import { writeFindingKeys } from './findingKeys'

type SaveInput = ParsedInputOf<(typeof recordsApi)['screening.recordSave']>
type ListInput = ParsedInputOf<(typeof recordsApi)['screening.records']>

const COLUMNS = `r.id, r.campaign_id AS campaignId, c.name AS campaignName, c.kind, r.person_id AS personId, p.name, p.id_number AS idNumber, p.sex,
  p.birth_date AS birthDate, sp.name AS servicePointName, r.exam_date AS examDate, r.examiner, r.findings, r.conclusion,
  r.referral_destination AS destination, r.referral_due AS dueDate, r.referral_note AS referralNote, r.follow_up_state AS followUpState,
  r.follow_up_date AS followUpDate, r.follow_up_outcome AS followUpOutcome, r.created_at AS createdAt, r.updated_at AS updatedAt, r.updated_by AS updatedBy`
const FROM = `screening_records r JOIN screening_campaigns c ON c.id = r.campaign_id JOIN persons p ON p.id = r.person_id
  LEFT JOIN service_points sp ON sp.id = p.service_point_id`

interface Row {
  id: string
  campaignId: string
  campaignName: string
  kind: ScreeningRecord['kind']
  personId: string
  name: string
  idNumber: string
  sex: ScreeningRecord['sex']
  birthDate: string
  servicePointName: string | null
  examDate: string
  examiner: string
  findings: string
  conclusion: ScreeningRecord['conclusion']
  destination: string | null
  dueDate: string | null
  referralNote: string
  followUpState: ScreeningRecord['followUp']['state']
  followUpDate: string | null
  followUpOutcome: string | null
  createdAt: string
  updatedAt: string
  updatedBy: string
}

function toRecord(r: Row): ScreeningRecord {
  return {
    id: r.id,
    campaignId: r.campaignId,
    campaignName: r.campaignName,
    kind: r.kind,
    personId: r.personId,
    name: r.name,
    idNumber: r.idNumber,
    sex: r.sex,
    birthDate: r.birthDate,
    age: ageOn(r.birthDate, r.examDate),
    servicePointName: r.servicePointName,
    examDate: r.examDate,
    examiner: r.examiner,
    findings: JSON.parse(r.findings) as Findings,
    conclusion: r.conclusion,
    referral: r.destination && r.dueDate ? { destination: r.destination, dueDate: r.dueDate, note: r.referralNote } : null,
    followUp: { state: r.followUpState, date: r.followUpDate, outcome: r.followUpOutcome ? JSON.parse(r.followUpOutcome) : null },
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    updatedBy: r.updatedBy
  }
}

export function loadRecord(ctx: Ctx, id: string): ScreeningRecord {
  const row = stmt(ctx.sqlite, `SELECT ${COLUMNS} FROM ${FROM} WHERE r.id = ?`).get(id) as Row | undefined
  if (!row) throw notFound('screening record', id)
  return toRecord(row)
}

export function recordOf(ctx: Ctx, campaignId: string, personId: string): string | undefined {
  return (stmt(ctx.sqlite, 'SELECT id FROM screening_records WHERE campaign_id = ? AND person_id = ?').get(campaignId, personId) as { id: string } | undefined)?.id
}

/** a VALIDATION error of field issues; scalar params go to details for the UI's messages */
function refuse(issues: { path: string; rule: string; message: string; params?: Record<string, unknown> }[]): AppError {
  const details: Record<string, unknown> = {}
  for (const i of issues) for (const [k, v] of Object.entries(i.params ?? {})) if (!(k in details)) details[k] = Array.isArray(v) ? v.join(', ') : v
  return new AppError('VALIDATION', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { ...details, fields: issues.map(({ path, rule, message }) => ({ path, rule, message })) })
}

export function saveRecord(ctx: Ctx, input: SaveInput): ScreeningRecord {
  const c = campaignBase(ctx, input.campaignId)
  const today = todayOf(ctx)
  const issues: { path: string; rule: string; message: string; params?: Record<string, unknown> }[] = []
  if (c.status === 'closed') throw new AppError('CONFLICT', 'the campaign is closed: its findings can no longer change', { rule: 'campaign_closed', fields: [{ path: 'campaignId', rule: 'campaign_closed', message: 'the campaign is closed' }] })
  if (c.status === 'planned') issues.push({ path: 'campaignId', rule: 'campaign_not_started', message: 'the campaign has not been started' })
  if (input.examDate > today) issues.push({ path: 'examDate', rule: 'date_future', message: `${input.examDate} is after today`, params: { today } })
  else if (input.examDate < c.startDate || input.examDate > c.endDate)
    issues.push({ path: 'examDate', rule: 'outside_campaign', message: `${input.examDate} is outside ${c.startDate}–${c.endDate}`, params: { startDate: c.startDate, endDate: c.endDate } })
  const person = stmt(ctx.sqlite, 'SELECT id, state FROM persons WHERE id = ?').get(input.personId) as { id: string; state: string } | undefined
  if (!person) throw notFound('person', input.personId)

  const existing = recordOf(ctx, c.id, input.personId)
  if (existing && existing !== input.id)
    throw new AppError('CONFLICT', 'this person has a record in this campaign already', { existingId: existing, fields: [{ path: 'personId', rule: 'record_exists', message: 'a record exists already' }] })
  if (input.id && !existing) throw notFound('screening record', input.id)
  // a change needs both the stored exam date and the new one in open months
  if (existing) assertPeriodOpen(ctx, (stmt(ctx.sqlite, 'SELECT exam_date AS d FROM screening_records WHERE id = ?').get(existing) as { d: string }).d, 'examDate')
  assertPeriodOpen(ctx, input.examDate, 'examDate')

  const el = eligibility(c)
  const eligible = ctx.sqlite.prepare(`SELECT 1 FROM persons p WHERE p.id = ? AND ${el.where}`).get(input.personId, ...el.params)
  if (!eligible && !input.confirmIneligible)
    issues.push({ path: 'confirmIneligible', rule: 'not_eligible', message: 'the person is outside the campaign’s eligibility: confirm to record anyway', params: { sex: c.sex, ageFrom: c.ageFrom, ageTo: c.ageTo } })

  const referral = input.referral ?? null
  issues.push(...checkConclusion(c.kind, input.findings, input.conclusion, referral, input.examDate))
  if (issues.length) throw refuse(issues)

  const refer = input.conclusion === 'abnormal_refer' || input.conclusion === 'suspected_malignancy'
  const at = ctx.nowIso()
  const by = ctx.user().actor
  const examiner = input.examiner || ctx.user().displayName || by
  const values = [input.examDate, examiner, JSON.stringify(input.findings), input.conclusion, refer ? referral!.destination : null, refer ? referral!.dueDate : null, refer ? (referral!.note ?? '') : '']
  let id = input.id
  if (id) {
    // a follow-up already recorded stays; a record that no longer refers has none
    stmt(
      ctx.sqlite,
      `UPDATE screening_records SET exam_date = ?, examiner = ?, findings = ?, conclusion = ?, referral_destination = ?, referral_due = ?, referral_note = ?,
       follow_up_state = CASE WHEN ? THEN (CASE follow_up_state WHEN 'none' THEN 'open' ELSE follow_up_state END) ELSE 'none' END,
       updated_at = ?, updated_by = ? WHERE id = ?`
    ).run(...values, refer ? 1 : 0, at, by, id)
  } else {
    id = newId()
    const sp = (stmt(ctx.sqlite, 'SELECT service_point_id AS sp FROM persons WHERE id = ?').get(input.personId) as { sp: string | null }).sp
    stmt(
      ctx.sqlite,
      `INSERT INTO screening_records (id, created_at, updated_at, updated_by, campaign_id, person_id, exam_date, examiner, findings, conclusion,
        referral_destination, referral_due, referral_note, follow_up_state, service_point_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
    ).run(id, at, at, by, c.id, input.personId, ...values, refer ? 'open' : 'none', sp)
  }
  writeFindingKeys(ctx.sqlite, id, c.id, input.findings)
  const rec = loadRecord(ctx, id)
  ctx.audit({
    entity: 'screeningRecord',
    entityId: id,
    summary: `${input.id ? 'changed' : 'recorded'} screening of ${rec.name} in ${c.name}: ${input.conclusion}`,
    msg: [input.id ? 'screening.recordChanged' : 'screening.recorded', { name: rec.name, campaign: c.name, conclusion: input.conclusion }]
  })
  return rec
}

export function listRecords(ctx: Ctx, input: ListInput): Page<ScreeningRecordRow> {
  const where = ['r.campaign_id = ?']
  const params: unknown[] = [input.campaignId]
  if (input.conclusion) (where.push('r.conclusion = ?'), params.push(input.conclusion))
  const w = where.join(' AND ')
  const total = (ctx.sqlite.prepare(`SELECT count(*) AS n FROM screening_records r WHERE ${w}`).get(...params) as { n: number }).n
  const rows = ctx.sqlite
    .prepare(
      `SELECT r.id, r.person_id AS personId, p.name, p.id_number AS idNumber, p.birth_date AS birthDate, sp.name AS servicePointName, r.exam_date AS examDate,
        r.examiner, r.conclusion, r.follow_up_state AS followUpState
       FROM screening_records r JOIN persons p ON p.id = r.person_id LEFT JOIN service_points sp ON sp.id = p.service_point_id
       WHERE ${w} ORDER BY r.exam_date DESC, r.id DESC LIMIT ? OFFSET ?`
    )
    .all(...params, input.pageSize, (input.page - 1) * input.pageSize) as (Omit<ScreeningRecordRow, 'age'> & { birthDate: string })[]
  return {
    rows: rows.map(({ birthDate, ...r }) => ({ ...r, age: ageOn(birthDate, r.examDate) })),
    total,
    page: input.page,
    pageSize: input.pageSize
  }
}
