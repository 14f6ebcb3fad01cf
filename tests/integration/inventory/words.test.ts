/**
 * Every rule the inventory refuses with has a text in both languages (errors.rule.*), and every
 * audit message key its writes note has one too (audit.msg.*): read from the sources, so a new
 * refusal without words fails here.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const root = path.resolve(__dirname, '../../..')
const read = (dir: string) => (fs.readdirSync(path.join(root, dir), { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => fs.readFileSync(path.join(root, dir, f), 'utf8')).join('\n')
const core = read('src/core/inventory')
const contract = read('src/api/inventory')
const json = (lang: string, file: string) => JSON.parse(fs.readFileSync(path.join(root, 'src/ui/locales', lang, file), 'utf8'))

describe('inventory words', () => {
  const rules = new Set([...core.matchAll(/rule: '([a-z0-9_]+)'/g)].map((m) => m[1]))
  for (const m of core.matchAll(/fieldError\([^,]+, '([a-z0-9_]+)'/g)) rules.add(m[1])
  for (const m of contract.matchAll(/message: '([a-z0-9_]+)'/g)) rules.add(m[1])
  const keys = new Set(core.split('\n').filter((l) => l.includes('msg:')).flatMap((l) => [...l.matchAll(/'inventory\.([a-zA-Z]+)'/g)].map((m) => m[1])))

  it('has a rule text for each refusal, in zh-CN and en', () => {
    expect(rules.size).toBeGreaterThan(25)
    for (const lang of ['zh-CN', 'en']) expect([...rules].filter((r) => !json(lang, 'errors.json').rule[r]), lang).toEqual([])
  })
  it('has an audit text for each message key, in zh-CN and en', () => {
    expect(keys.size).toBeGreaterThan(12)
    for (const lang of ['zh-CN', 'en']) expect([...keys].filter((k) => !json(lang, 'audit.json').msg.inventory[k]), lang).toEqual([])
  })
})
