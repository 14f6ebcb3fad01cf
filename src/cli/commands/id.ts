/**
 * `stationdesk id check ID [--json]`: the resident ID rules (GB 11643-1999, src/api/idNumber.ts)
 * on one number, with the GB/T 2260 table of the core. Needs no data folder: nothing is opened
 * or created. "Today" (a birth date after it is refused) is the station's date
 * (STATIONDESK_TZ, else Asia/Shanghai), fixed by STATIONDESK_NOW in tests.
 */
import { checkIdNumber, normalizeIdInput, type IdIssue } from '../../api/idNumber'
import { clockFromEnv, localDate } from '../../core/clock'
import { isKnownCounty, regionName } from '../../core/station/codes'
import type { CommandContext, CommandSpec } from '../command'
import { EXIT_OK, EXIT_REFUSED, UsageError, type CliIO } from '../output'

const PERMITS: Record<string, string> = {
  '81': 'residence permit of a Hong Kong resident',
  '82': 'residence permit of a Macao resident',
  '83': 'residence permit of a Taiwan resident'
}

/** the station's date, from the command's environment (tests run in-process with their own env) */
function today(env: CliIO['env']): string {
  try {
    return localDate(clockFromEnv(env))
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
}

/** code and message only: the one-line JSON shape of issue 3 */
const plain = (i: IdIssue<string>) => ({ code: i.code, message: i.message })

function describeRegion(code6: string): string {
  const permit = PERMITS[code6.slice(0, 2)]
  if (permit) return `${code6} (${permit})`
  const name = regionName(code6)
  return name ? `${name} (${code6})` : `${code6} (not in the current GB/T 2260 list)`
}

async function check(c: CommandContext): Promise<number> {
  const raw = c.args[0]
  if (!raw.trim()) throw new UsageError('missing ID')
  const r = checkIdNumber(raw, { today: today(c.io.env), isCurrentRegion: isKnownCounty })
  if (!c.out.json) for (const w of r.warnings) c.out.warn(`${w.message} (${w.code})`)
  if (r.valid) {
    c.out.result(
      [`valid:  yes`, `number: ${r.normalized}`, `sex:    ${r.sex}`, `birth:  ${r.birth}`, `region: ${describeRegion(r.region)}`],
      { valid: true, normalized: r.normalized, sex: r.sex, birth: r.birth, warnings: r.warnings.map(plain) }
    )
    return EXIT_OK
  }
  c.out.result([`valid:  no`, `number: ${normalizeIdInput(raw)}`, `rule:   ${r.error.code}: ${r.error.message}`], { valid: false, error: plain(r.error) })
  return EXIT_REFUSED
}

export const idCommands: CommandSpec[] = [
  {
    domain: 'id',
    verb: 'check',
    summary: 'check a resident ID number (GB 11643-1999): validity, sex, birth date, region',
    usage: 'stationdesk id check ID [--json]',
    args: ['ID'],
    acts: 'none',
    noData: true,
    notes: [
      'Accepts 18-digit numbers and 15-digit legacy ones (upgraded), full-width digits, a lowercase x and spaces',
      '(quote a number written with spaces: stationdesk id check "1101 0519 4912 3100 2x").',
      'Needs no data folder. Exit status: 0 valid, 1 invalid, 2 wrong usage.',
      'With --json one line: {"valid":true,"normalized","sex","birth","warnings":[{"code","message"}]}',
      'or {"valid":false,"error":{"code","message"}}; codes ID_FORMAT, ID_PROVINCE, ID_REGION, ID_DATE, ID_CHECKSUM.'
    ],
    run: check
  }
]
