/**
 * What the demo screening generator's parts share: a seeded picker, day arithmetic on
 * YYYY-MM-DD strings, the shape of one generated exam, and the follow-up of a referral (attended,
 * lost or still open) as the worklist would hold it some weeks or months later.
 */
import type { Conclusion, Findings, FollowUpOutcome, LostReason } from '../../api/screeningFindings'

export class Pick {
  constructor(readonly r: () => number) {}
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.r() * (hi - lo + 1))
  }
  chance(p: number): boolean {
    return this.r() < p
  }
  one<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.r() * xs.length)]
  }
  weighted<T>(xs: readonly (readonly [T, number])[]): T {
    let x = this.r() * xs.reduce((s, [, w]) => s + w, 0)
    for (const [v, w] of xs) if ((x -= w) < 0) return v
    return xs[xs.length - 1][0]
  }
  /** a number with one decimal, from lo to hi */
  decimal(lo: number, hi: number): number {
    return Math.round((lo + this.r() * (hi - lo)) * 10) / 10
  }
}

const DAY = 86_400_000
const ms = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)))
export const addDays = (d: string, n: number): string => new Date(ms(d) + n * DAY).toISOString().slice(0, 10)
export const daysFrom = (a: string, b: string): number => Math.round((ms(b) - ms(a)) / DAY)
/** Monday to Friday */
export const isWorkday = (d: string): boolean => {
  const w = new Date(ms(d)).getUTCDay()
  return w >= 1 && w <= 5
}
/** the Monday on or before a day */
export const mondayOf = (d: string): string => addDays(d, -((new Date(ms(d)).getUTCDay() + 6) % 7))
/** the workdays from `from` to `to`, both included */
export function workdays(from: string, to: string): string[] {
  const out: string[] = []
  for (let d = from; d <= to; d = addDays(d, 1)) if (isWorkday(d)) out.push(d)
  return out
}

/** hospitals named after the station's county and city (新县人民医院, 信阳市中心医院) */
export interface Hospitals {
  county: string
  city: string
}

export interface Referral {
  destination: string
  dueDate: string
  note: string
}

/** one exam as the clinician would save it: findings parsed by the kind's schema */
export interface DemoExam {
  findings: Findings
  conclusion: Conclusion
  referral: Referral | null
  /** what the referral hospital found, once the person went */
  attended(pick: Pick): { diagnosis: string; treatment: string }
}

export interface ExamContext {
  pick: Pick
  age: number
  examDate: string
  hospitals: Hospitals
  /** married with no children: the men's check offers a semen analysis */
  childlessCouple: boolean
}

export interface FollowUp {
  state: 'open' | 'attended' | 'lost'
  date: string | null
  outcome: FollowUpOutcome | null
}

const LOST: [LostReason, number][] = [['unreachable', 40], ['moved', 28], ['refused', 25], ['other', 7]]

/**
 * The follow-up of a referral by the station's today. Once the due date has passed, most people
 * have been seen (`attendRate`), some are lost (≈10%: moved away, unreachable, refused) and the
 * rest are still open, so overdue; before it, some have been seen already, more as the days go by.
 */
export function followUpOf(pick: Pick, exam: DemoExam, examDate: string, today: string, attendRate: number): FollowUp {
  const ref = exam.referral!
  const past = ref.dueDate < today
  const elapsed = Math.max(0, daysFrom(examDate, today)) / Math.max(1, daysFrom(examDate, ref.dueDate))
  const x = pick.r()
  if (past ? x < attendRate : x < 0.35 * Math.min(1, elapsed)) {
    // seen within the time given, a few late; never after today
    const latest = Math.min(daysFrom(examDate, today), daysFrom(examDate, ref.dueDate) + 20)
    const date = addDays(examDate, pick.int(Math.min(2, latest), Math.max(Math.min(2, latest), latest)))
    const { diagnosis, treatment } = exam.attended(pick)
    return { state: 'attended', date, outcome: { outcome: 'attended', place: ref.destination, date, diagnosis, treatment } }
  }
  if (past && x < attendRate + 0.1) {
    const reason = pick.weighted(LOST)
    const from = addDays(ref.dueDate, 7)
    const date = from > today ? today : addDays(from, pick.int(0, daysFrom(from, today)))
    return { state: 'lost', date, outcome: { outcome: 'lost', reason, note: reason === 'other' ? '已在外地医院就诊，未提供结果' : '' } }
  }
  return { state: 'open', date: null, outcome: null }
}
