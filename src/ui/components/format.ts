/**
 * Display formats shared by the pages: dates YYYY-MM-DD and times YYYY-MM-DD HH:mm:ss in the
 * station's time zone (system.info timeZone), whatever the machine's zone; byte sizes.
 */

const cache = new Map<string, Intl.DateTimeFormat>()

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = cache.get(timeZone)
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23'
      })
    } catch {
      // an unknown zone name: fall back to the machine's zone rather than fail the page
      f = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
    }
    cache.set(timeZone, f)
  }
  return f
}

function parts(iso: string, timeZone: string): Record<string, string> | null {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return null
  const out: Record<string, string> = {}
  for (const p of partsFormatter(timeZone).formatToParts(d)) out[p.type] = p.value
  return out
}


/** an ISO timestamp as YYYY-MM-DD HH:mm:ss (or HH:mm without seconds) in the given zone */
export function fmtDateTime(iso: string | null | undefined, timeZone: string, seconds = true): string {
  if (!iso) return ''
  const p = parts(iso, timeZone)
  if (!p) return iso
  const time = seconds ? `${p.hour}:${p.minute}:${p.second}` : `${p.hour}:${p.minute}`
  return `${p.year}-${p.month}-${p.day} ${time}`
}

/** an ISO timestamp as YYYY-MM-DD in the given zone; a plain YYYY-MM-DD stays as it is */
export function fmtDate(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return ''
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso
  const p = parts(iso, timeZone)
  return p ? `${p.year}-${p.month}-${p.day}` : iso
}

/** 1536 -> "1.5 KB"; the number part goes through the caller's thousands formatter */
export function fmtBytes(n: number, num: (n: number) => string): string {
  if (n < 1024) return `${num(n)} B`
  const units = ['KB', 'MB', 'GB']
  let v = n / 1024
  let i = 0
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024
    i++
  }
  return `${num(Math.round(v * 10) / 10)} ${units[i]}`
}
