/**
 * What the QR and backup fuzzers count as a clear refusal, and how they keep a failing input.
 *
 * A clear error is an AppError code other than INTERNAL, with a non-empty message, whose words
 * exist in both languages: `code.<CODE>` in src/ui/locales/{zh-CN,en}/errors.json, and for each
 * field a VALIDATION error names `rule.<rule>` there or in the domain files the reading page
 * words its rules from first (the verification page: verify.json, then the register's persons.json).
 */
import fs from 'node:fs'
import path from 'node:path'
import type { ApiError } from '../../src/api/contract'

const LANGS = ['zh-CN', 'en'] as const
type ErrorWords = { code: Record<string, string>; rule: Record<string, string> }
const files = new Map<string, Partial<ErrorWords>>()
function localeFile(lang: string, file: string): Partial<ErrorWords> {
  const key = `${lang}/${file}`
  if (!files.has(key)) files.set(key, JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'src', 'ui', 'locales', lang, `${file}.json`), 'utf8')))
  return files.get(key)!
}
const hasRule = (lang: string, rule: string, domains: string[]) => ['errors', ...domains].some((d) => Boolean(localeFile(lang, d).rule?.[rule]))

/** null when the error is clear, else what is wrong with it; `domains`: the locale files whose rule words the reading page uses first */
export function unclearError(e: ApiError | undefined, domains: string[] = []): string | null {
  if (!e) return 'no error'
  if (e.code === 'INTERNAL') return `INTERNAL: ${e.message}`
  if (typeof e.message !== 'string' || !e.message.trim()) return `${e.code} with an empty message`
  for (const l of LANGS) {
    if (!localeFile(l, 'errors').code?.[e.code]) return `${e.code} has no words in ${l}/errors.json`
    for (const f of e.details?.fields ?? [])
      if (!hasRule(l, f.rule, domains)) return `${e.code} names rule ${f.rule} (${f.path}), which has no words in ${l}/${['errors', ...domains].join('|')}.json`
  }
  return null
}

export const FAILURE_DIR = path.join(__dirname, '..', '.tmp', 'fuzz-failures')

/** keeps a failing input to replay it (the file name carries the reader, the seed and the input's number) */
export function keepFailure(reader: string, seed: number, i: number, input: string | Buffer, ext: string): string {
  fs.mkdirSync(FAILURE_DIR, { recursive: true })
  const file = path.join(FAILURE_DIR, `${reader}-seed${seed}-${i}.${ext}`)
  fs.writeFileSync(file, input)
  return file
}
