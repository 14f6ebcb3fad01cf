/**
 * Every string goes through i18n: zh-CN and en hold the same keys, and every literal key the
 * UI asks for exists.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const root = path.resolve(__dirname, '../../src/ui')

function flatten(prefix: string, obj: Record<string, unknown>, out: Set<string>): void {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k
    if (typeof v === 'string') out.add(key)
    else if (v && typeof v === 'object') flatten(key, v as Record<string, unknown>, out)
  }
}

function catalog(lang: string): Set<string> {
  const dir = path.join(root, 'locales', lang)
  const out = new Set<string>()
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.json'))) flatten(f.replace(/\.json$/, ''), JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')), out)
  return out
}

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name)
    return e.isDirectory() ? sources(p) : /\.tsx?$/.test(e.name) ? [p] : []
  })
}

describe('locales', () => {
  const zh = catalog('zh-CN')
  const en = catalog('en')

  it('zh-CN and en have the same keys', () => {
    expect([...zh].filter((k) => !en.has(k))).toEqual([])
    expect([...en].filter((k) => !zh.has(k))).toEqual([])
    expect(zh.size).toBeGreaterThan(200)
  })

  it('every literal key the UI uses exists', () => {
    const missing: string[] = []
    for (const file of sources(root)) {
      const src = fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '')
      for (const m of src.matchAll(/\bt\(\s*'([a-zA-Z][\w-]*(?:\.[\w-]+)+)'/g)) if (!zh.has(m[1])) missing.push(`${path.relative(root, file)}: ${m[1]}`)
    }
    expect(missing).toEqual([])
  })

  it('every error code of the contract has a message', async () => {
    const { ERROR_CODES } = await import('../../src/api/contract')
    expect(ERROR_CODES.filter((c) => !zh.has(`errors.code.${c}`))).toEqual([])
  })
})
