import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { baseColumns } from './columns'
import { persons } from './persons'
import { servicePoints } from './station'

/**
 * Health-screening campaigns (筛查活动) and their records (筛查记录): one record per person per
 * campaign; the findings as JSON validated by the kind's schema (src/api/screening*); the
 * conclusion and referral as columns, for the follow-up worklist and the dashboards.
 */
export const screeningCampaigns = sqliteTable(
  'screening_campaigns',
  {
    ...baseColumns(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['breast', 'cervical', 'male_reproductive', 'gynecological'] }).notNull(),
    startDate: text('start_date').notNull(),
    endDate: text('end_date').notNull(),
    /** eligibility: sex and age band (full years on the exam date) */
    sex: text('sex', { enum: ['male', 'female'] }).notNull(),
    ageFrom: integer('age_from').notNull(),
    ageTo: integer('age_to').notNull(),
    targetCount: integer('target_count').notNull().default(0),
    partner: text('partner').notNull().default(''),
    note: text('note').notNull().default(''),
    status: text('status', { enum: ['planned', 'active', 'closed'] }).notNull().default('planned'),
    closedAt: text('closed_at')
  },
  (t) => [index('screening_campaigns_start').on(t.startDate)]
)

/** the service points a campaign covers */
export const screeningCampaignPoints = sqliteTable(
  'screening_campaign_points',
  {
    campaignId: text('campaign_id')
      .notNull()
      .references(() => screeningCampaigns.id),
    servicePointId: text('service_point_id')
      .notNull()
      .references(() => servicePoints.id)
  },
  (t) => [uniqueIndex('screening_campaign_points_pk').on(t.campaignId, t.servicePointId)]
)

/** invited / attended marks of the campaign's roster (screened = a record exists) */
export const screeningInvitations = sqliteTable(
  'screening_invitations',
  {
    ...baseColumns(),
    campaignId: text('campaign_id')
      .notNull()
      .references(() => screeningCampaigns.id),
    personId: text('person_id')
      .notNull()
      .references(() => persons.id),
    invitedOn: text('invited_on'),
    attendedOn: text('attended_on')
  },
  (t) => [uniqueIndex('screening_invitations_person').on(t.campaignId, t.personId)]
)

export const screeningRecords = sqliteTable(
  'screening_records',
  {
    ...baseColumns(),
    campaignId: text('campaign_id')
      .notNull()
      .references(() => screeningCampaigns.id),
    personId: text('person_id')
      .notNull()
      .references(() => persons.id),
    examDate: text('exam_date').notNull(),
    examiner: text('examiner').notNull(),
    /** the kind's findings, JSON */
    findings: text('findings').notNull(),
    conclusion: text('conclusion', { enum: ['normal', 'benign', 'abnormal_refer', 'suspected_malignancy'] }).notNull(),
    referralDestination: text('referral_destination'),
    referralDue: text('referral_due'),
    referralNote: text('referral_note').notNull().default(''),
    /** follow-up of a referral: open, attended (with outcome) or lost */
    followUpState: text('follow_up_state', { enum: ['none', 'open', 'attended', 'lost'] }).notNull().default('none'),
    /** the outcome as JSON (attended: place, date, diagnosis, treatment; lost: reason, note) */
    followUpOutcome: text('follow_up_outcome'),
    followUpDate: text('follow_up_date'),
    servicePointId: text('service_point_id').references(() => servicePoints.id)
  },
  (t) => [
    uniqueIndex('screening_records_person').on(t.campaignId, t.personId),
    index('screening_records_campaign_date').on(t.campaignId, t.examDate),
    index('screening_records_follow_up').on(t.followUpState, t.referralDue),
    index('screening_records_person_id').on(t.personId),
    /** the dashboard's counts by village, conclusion and follow-up, read from the index alone */
    index('screening_records_dashboard').on(t.campaignId, t.servicePointId, t.conclusion, t.followUpState, t.referralDue)
  ]
)

/** each record's main findings as keys (birads.4A, cytology.HSIL …), for the dashboard's counts without reading JSON */
export const screeningFindingKeys = sqliteTable(
  'screening_finding_keys',
  {
    recordId: text('record_id')
      .notNull()
      .references(() => screeningRecords.id),
    campaignId: text('campaign_id').notNull(),
    key: text('key').notNull()
  },
  (t) => [index('screening_finding_keys_campaign').on(t.campaignId, t.key), index('screening_finding_keys_record').on(t.recordId)]
)
