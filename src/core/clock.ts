import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import timezone from 'dayjs/plugin/timezone'

dayjs.extend(utc)
dayjs.extend(timezone)

/**
 * The core's only source of time. Dates belong to the station's time zone
 * (Asia/Shanghai unless set otherwise), whatever the machine's zone. STATIONDESK_NOW fixes
 * the clock for tests; tests may also move a ManualClock.
 */
export interface Clock {
  now(): Date
  readonly timeZone: string
}

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai'

export function systemClock(timeZone = process.env.STATIONDESK_TZ || DEFAULT_TIME_ZONE): Clock {
  return clockFromEnv({ ...process.env, STATIONDESK_TZ: timeZone })
}

/** the clock an environment asks for (the CLI runs in-process in tests, with its own env) */
export function clockFromEnv(env: Record<string, string | undefined>): Clock {
  const timeZone = env.STATIONDESK_TZ || DEFAULT_TIME_ZONE
  const fixed = env.STATIONDESK_NOW
  if (fixed) {
    const d = new Date(fixed)
    if (Number.isNaN(d.getTime())) throw new Error(`STATIONDESK_NOW is not an ISO timestamp: ${fixed}`)
    return { now: () => new Date(d), timeZone }
  }
  return { now: () => new Date(), timeZone }
}

export class ManualClock implements Clock {
  constructor(
    private t: Date,
    readonly timeZone = DEFAULT_TIME_ZONE
  ) {}
  now(): Date {
    return new Date(this.t)
  }
  advance(ms: number): void {
    this.t = new Date(this.t.getTime() + ms)
  }
  set(t: Date): void {
    this.t = new Date(t)
  }
}

export const isoNow = (clock: Clock): string => clock.now().toISOString()

/** YYYY-MM-DD of the instant in the station's zone */
const dayFormats = new Map<string, Intl.DateTimeFormat>()
/** the date (YYYY-MM-DD) in the clock's zone; a cached Intl formatter (dayjs's zone conversion costs ~1 ms a call, this a few µs) */
export function localDate(clock: Clock, at: Date = clock.now()): string {
  let f = dayFormats.get(clock.timeZone)
  if (!f) dayFormats.set(clock.timeZone, (f = new Intl.DateTimeFormat('en-CA', { timeZone: clock.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })))
  return f.format(at)
}

/** whole days from a to b (YYYY-MM-DD) */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000)
}

/** start and end (exclusive) of a local day, as UTC ISO strings, for comparing with timestamps */
export function localDayRange(clock: Clock, day: string): { from: string; to: string } {
  const start = dayjs.tz(day, clock.timeZone)
  return { from: start.toDate().toISOString(), to: start.add(1, 'day').toDate().toISOString() }
}

export const stampForFile = (clock: Clock): string => dayjs(clock.now()).tz(clock.timeZone).format('YYYYMMDD-HHmmss')

/** a YYYY-MM-DD date moved by whole years (29 February falls on the 28th in a common year) */
export function addYears(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) + years
  const md = date.slice(5)
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
  return `${String(y).padStart(4, '0')}-${md === '02-29' && !leap ? '02-28' : md}`
}
