/**
 * Demo migrant certificates (issue 6): `stationdesk demo` gives most out-migrant women of
 * childbearing age a certificate — issued just before she left, or, for those away longer, at
 * some time within the past three years so it is valid today — and records the verifications of
 * the in-migrants' certificates (./certificatesVerify.ts). A few certificates were renewed, one
 * or two voided with a reason (and issued again), some printed more than once; a few women have
 * none yet, so 办证率 is high but not 100%.
 *
 * Certificates are written by the certificates core's own functions (the facts from the register,
 * the refusals, the numbers, the signed QR, renewal and voiding), in date order inside one
 * transaction, with the clock moved to each day so created_at, ended_on and the numbering follow
 * the story; the counter outside the database is raised once per year at the end. The handlers'
 * audit notes are folded into one audit row ('demo.certificates'). A station that has
 * certificates or verifications already gets nothing, and so does one whose signing key needs a
 * passphrase it was not given. Deterministic for a seed, a register and the station's today.
 */
import type { Rate } from '../../api/campaigns'
import { appendAudit } from '../audit/chain'
import type { Session } from '../auth/sessions'
import { addYears, localDate, ManualClock, type Clock } from '../clock'
import type { Ctx } from '../context'
import { AppError } from '../errors'
import type { Sqlite } from '../db/open'
import { directJob } from '../jobs/control'
import type { Runtime } from '../runtime'
import { draftOf, loadSubject } from '../certificates/facts'
import { writeCertificate } from '../certificates/issue'
import { renewCertificate, voidCertificate } from '../certificates/lifecycle'
import { useSerial } from '../certificates/numbering'
import { loadRateBase } from '../certificates/rateBase'
import { tallyRates } from '../certificates/rates'
import { stationSigner, type Signer } from '../certificates/signing'
import { rate } from '../screening/dashboard'
import { writeDemoVerifications, type DemoVerificationsResult } from './certificatesVerify'
import { mulberry32 } from './random'
import { addDays, daysFrom, Pick } from './screeningPick'

export interface DemoCertificatesOptions {
  seed: number
  /** who made them, in the audit and updated_by */
  actor: string
}

export interface DemoCertificatesResult {
  /** out-migrant women of childbearing age today */
  women: number
  certificates: number
  renewed: number
  voided: number
  reprinted: number
  /** women left without a certificate (not come in yet, or facts missing) */
  without: number
  verifications: DemoVerificationsResult
  rates: { certificate: Rate; verification: Rate }
  ms: number
}

function demoCtx(rt: Runtime, clock: Clock, actor: string, notes: { n: number }): Ctx {
  const session: Session = { id: 'demo-certificates', userId: null, username: actor, displayName: actor, role: 'head', roles: ['admin', 'head'], actor, lastActivity: 0, locked: false }
  return {
    db: rt.db!,
    sqlite: rt.sqlite!,
    session,
    clock,
    runtime: rt,
    method: 'demo.certificates',
    transport: 'cli',
    audit: () => void notes.n++,
    setSession: () => {},
    failAfterCommit: (e) => {
      throw e
    },
    nowIso: () => clock.now().toISOString(),
    user: () => session,
    job: directJob,
    commit: (fn) => fn()
  }
}

interface OutWoman {
  id: string
  birthDate: string
  since: string | null
}

interface Step {
  date: string
  run: () => void
  /** a plain issue to void at once for a mistake (and issue again) */
  voidIt?: boolean
}

const VOID_REASONS = ['出生日期打印错误，作废后重新开具', '配偶身份证号码录入有误，作废重开']
const RENEW_REASON = '有效期将满，本人申请换发'

export function generateDemoCertificates(rt: Runtime, opts: DemoCertificatesOptions): DemoCertificatesResult | null {
  const t0 = performance.now()
  const sqlite = rt.sqlite!
  if (sqlite.prepare('SELECT 1 FROM certificates UNION ALL SELECT 1 FROM verifications LIMIT 1').get()) return null
  if (!sqlite.prepare('SELECT 1 FROM station LIMIT 1').get()) return null
  const today = localDate(rt.clock)
  const clock = new ManualClock(rt.clock.now(), rt.clock.timeZone)
  const notes = { n: 0 }
  const ctx = demoCtx(rt, clock, opts.actor, notes)
  let signer: Signer
  try {
    signer = stationSigner(ctx)
  } catch (e) {
    if (e instanceof AppError && (e.code === 'PASSPHRASE_REQUIRED' || e.code === 'BAD_PASSPHRASE')) return null
    throw e
  }

  const pick = new Pick(mulberry32(opts.seed))
  const women = sqlite
    .prepare(
      `SELECT id, birth_date AS birthDate, migrant_since AS since FROM persons
       WHERE migrant_status = 'out' AND sex = 'female' AND state = 'active' AND birth_date > ? AND birth_date <= ? ORDER BY id_number`
    )
    .all(addYears(addDays(today, -400), -50), addYears(today, -15)) as OutWoman[]
  const threeYearsAgo = addYears(today, -3)
  // the women the rates count today (those who turned 50 this past year count on the trend's earlier months)
  const fiftyToday = addYears(today, -50)
  const result = { women: women.filter((w) => w.birthDate > fiftyToday).length, certificates: 0, renewed: 0, voided: 0, reprinted: 0, without: 0 }
  const years = new Set<number>()

  /** issues as certificates.issue does (same facts, refusals, number, QR); null when she may not have one */
  const issue = (personId: string, issueDate: string): string | null => {
    const draft = draftOf(ctx, loadSubject(ctx, personId), issueDate)
    if (draft.refusal || draft.current || draft.missing.length || draft.needsMigration) return null
    const w = writeCertificate(ctx, { personId, facts: draft.facts, issueDate, signer })
    ctx.audit({ entity: 'certificate', entityId: w.id })
    years.add(w.year)
    result.certificates++
    return w.id
  }

  const steps: Step[] = []
  const plain: Step[] = []
  for (const w of women) {
    const counted = w.birthDate > fiftyToday
    if (!pick.chance(0.985)) {
      if (counted) result.without++ // has not come in for one yet
      continue
    }
    const fifteen = addYears(w.birthDate, 15)
    /** her last day of childbearing age */
    const lastDay = addDays(addYears(w.birthDate, 50), -1)
    const since = w.since ?? addDays(today, -pick.int(60, 2000))
    const longAway = since <= addDays(threeYearsAgo, 30)
    if (longAway && pick.chance(0.03)) {
      // her first certificate ran its three years: renewed a few weeks before its last day
      const first = [addDays(threeYearsAgo, -pick.int(20, 200)), fifteen].sort()[1]
      const renewal = addDays(addYears(first, 3), -pick.int(5, 40))
      if (renewal > today || first > renewal || renewal > lastDay) {
        if (counted) result.without++
        continue
      }
      let id: string | null = null
      steps.push({ date: first, run: () => void (id = issue(w.id, first)) })
      steps.push({
        date: renewal,
        run: () => {
          if (!id) return
          renewCertificate(ctx, { id, issueDate: renewal, reason: RENEW_REASON })
          result.certificates++
          result.renewed++
        }
      })
      continue
    }
    // issued just before she left; or, away longer, at some time in the past three years (valid today)
    const latest = [addDays(today, -395), lastDay].sort()[0]
    let date = longAway ? addDays(threeYearsAgo, pick.int(20, Math.max(20, daysFrom(threeYearsAgo, latest)))) : addDays(since, -pick.int(0, 20))
    if (date < fifteen) date = fifteen
    if (date > today) {
      if (counted) result.without++
      continue
    }
    const step: Step = {
      date,
      run: () => {
        const id = issue(w.id, date)
        if (!id) return void (counted && result.without++)
        if (!step.voidIt) return
        // a mistake seen at once: voided by the head with the reason, and issued again
        voidCertificate(ctx, { id, reason: VOID_REASONS[result.voided % VOID_REASONS.length] })
        result.voided++
        issue(w.id, date)
      }
    }
    steps.push(step)
    plain.push(step)
  }
  // one or two certificates voided for a mistake, of two different women
  for (let k = 0; k < 2 && plain.length; k++) plain.splice(pick.int(0, plain.length - 1), 1)[0].voidIt = true
  steps.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))

  return sqlite
    .transaction((): DemoCertificatesResult => {
      let n = 0
      for (const s of steps) {
        // the clerk's working day: 09:00 onwards, a few minutes per certificate (UTC+8)
        clock.set(new Date(Date.parse(`${s.date}T01:00:00Z`) + (n++ % 400) * 60_000))
        s.run()
      }
      clock.set(rt.clock.now())
      // the counter outside the database follows each year's highest serial (renewals raised theirs already)
      for (const year of years) {
        const top = (sqlite.prepare('SELECT max(serial) AS n FROM certificates WHERE year = ?').get(year) as { n: number }).n
        useSerial(ctx, year, top)
      }
      result.reprinted = markPrints(sqlite, pick, clock.now().toISOString())
      const verifications = writeDemoVerifications(sqlite, pick, today, opts.actor)
      const t = tallyRates(loadRateBase(sqlite, [today]), null).days.get(today)!
      const out: DemoCertificatesResult = { ...result, verifications, rates: { certificate: rate(t.certificate.num, t.certificate.den), verification: rate(t.verification.num, t.verification.den) }, ms: 0 }
      appendAudit(sqlite, {
        at: ctx.nowIso(),
        userId: null,
        actor: opts.actor,
        action: 'demo.certificates',
        entity: 'certificate',
        summary: describeDemoCertificates(out),
        message: ['demo.certificates', { certificates: out.certificates, verifications: verifications.verifications }],
        details: { ...out, ms: undefined, seed: opts.seed, handlerNotes: notes.n }
      })
      out.ms = performance.now() - t0
      return out
    })
    .immediate()
}

/** every certificate printed once when issued; some printed again (a lost copy, a second one for the employer) */
function markPrints(sqlite: Sqlite, pick: Pick, now: string): number {
  sqlite.prepare('UPDATE certificates SET print_count = 1, last_printed_at = created_at').run()
  const again = sqlite.prepare(`SELECT id, created_at AS at FROM certificates WHERE status = 'valid' ORDER BY number`).all() as { id: string; at: string }[]
  const reprint = sqlite.prepare('UPDATE certificates SET print_count = ?, last_printed_at = ? WHERE id = ?')
  let n = 0
  for (const c of again) {
    if (!pick.chance(0.04)) continue
    const later = new Date(Date.parse(c.at) + pick.int(1, 200) * 86_400_000).toISOString()
    reprint.run(pick.chance(0.2) ? 3 : 2, later < now ? later : now, c.id)
    n++
  }
  return n
}

const pct = (r: Rate) => `${(r.rate * 100).toFixed(1)}% (${r.num}/${r.den})`

/** one line for the audit log and the command line */
export function describeDemoCertificates(r: DemoCertificatesResult): string {
  const v = r.verifications
  return (
    `${r.certificates.toLocaleString('en')} migrant certificates for out-migrant women of childbearing age ` +
    `(${r.renewed} renewed, ${r.voided} voided and issued again, ${r.reprinted} printed more than once; ${r.without} of the ${r.women.toLocaleString('en')} today without one yet) and ` +
    `${v.verifications.toLocaleString('en')} verifications of in-migrant women's certificates (${v.byQr} by QR from ${v.qrStations} home stations, ` +
    `${v.byHand} by hand, ${v.expired} expired, ${v.factsDiffer} facts differ); today 办证率 ${pct(r.rates.certificate)}, 验证率 ${pct(r.rates.verification)}`
  )
}
