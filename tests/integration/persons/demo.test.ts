import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkIdNumber } from '../../../src/api/idNumber'
import type { Page } from '../../../src/api/contract'
import type { Person, PersonRow } from '../../../src/api/persons'
import { ManualClock } from '../../../src/core/clock'
import type { Ctx } from '../../../src/core/context'
import { createDemoStation } from '../../../src/core/demo/demo'
import { ORIGIN_COUNTIES } from '../../../src/core/demo/names'
import { generateDemoPersons } from '../../../src/core/demo/persons'
import { createHost, type Host } from '../../../src/core/host'
import { checkFacts } from '../../../src/core/persons/facts'
import { nameKeys } from '../../../src/core/persons/pinyin'
import { PERSON_COLUMNS, PERSON_FROM } from '../../../src/core/persons/record'
import { isKnownCounty } from '../../../src/core/station/codes'
import { T0, tmpDir } from '../../helpers/host'

const N = 6000
let host: Host
let people: (Omit<Person, 'missing' | 'warnings'>)[]

async function demoHost(persons: number, seed?: number): Promise<Host> {
  const h = createHost({ dataDir: tmpDir('sd-demo-'), clock: new ManualClock(T0) })
  await createDemoStation(h, 'cli:test', { persons, seed })
  return h
}

beforeAll(async () => {
  host = await demoHost(N, 7)
  people = host.runtime.sqlite!.prepare(`SELECT ${PERSON_COLUMNS} FROM ${PERSON_FROM}`).all() as typeof people
})
afterAll(() => host.close())

const share = (f: (p: (typeof people)[number]) => boolean) => people.filter(f).length / people.length

describe('the demo register', () => {
  it('makes the number asked for, audited as one row, with a registered event each', async () => {
    expect(people).toHaveLength(N)
    const sqlite = host.runtime.sqlite!
    const audit = sqlite.prepare("SELECT actor, message, details FROM audit_log WHERE action = 'demo.persons'").all() as { actor: string; message: string; details: string }[]
    expect(audit).toHaveLength(1)
    expect(audit[0].actor).toBe('cli:test')
    expect(JSON.parse(audit[0].message)).toEqual(['demo.persons', { n: N }])
    expect((sqlite.prepare("SELECT count(DISTINCT person_id) AS n FROM person_events WHERE type = 'registered'").get() as { n: number }).n).toBe(N)
    // the indexes dropped for the bulk load are all back
    const indexes = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'persons' AND sql IS NOT NULL").all() as { name: string }[]).map((r) => r.name)
    expect(indexes.sort()).toEqual(['persons_birth_date', 'persons_eligibility', 'persons_id_number', 'persons_id_tail', 'persons_initials', 'persons_migrant', 'persons_name', 'persons_phone', 'persons_pinyin', 'persons_rates', 'persons_service_point', 'persons_state'])
  })

  it('passes the checks a clerk’s entry passes: valid IDs of the county (or real counties elsewhere), sex and birth from the ID, consistent facts', () => {
    const ctx = { sqlite: host.runtime.sqlite! } as unknown as Ctx
    for (const p of people) {
      const id = checkIdNumber(p.idNumber, { today: '2026-11-20', isCurrentRegion: isKnownCounty })
      expect(id.valid && id.sex === p.sex && id.birth === p.birthDate && id.warnings.length === 0, p.idNumber).toBe(true)
      expect(p.idNumber.slice(0, 6)).toBe(p.migrantStatus === 'in' ? p.hukouRegion : '411523')
      const { facts } = checkFacts(ctx, p, '2026-11-20')
      expect(facts.idNumber).toBe(p.idNumber)
    }
    for (const c of ORIGIN_COUNTIES) expect(isKnownCounty(c), c).toBe(true)
  })

  it('keeps couples together: each the other’s spouse, same village and address, same children', () => {
    const byId = new Map(people.map((p) => [p.idNumber, p]))
    const married = people.filter((p) => p.spouseIdNumber)
    expect(married.length).toBeGreaterThan(N * 0.4)
    for (const p of married) {
      const s = byId.get(p.spouseIdNumber)
      if (!s) continue // the last household may be cut short
      expect([s.spouseIdNumber, s.spouseName, s.servicePointId, s.residenceAddress, s.boys + s.girls, s.sex !== p.sex]).toEqual([p.idNumber, p.name, p.servicePointId, p.residenceAddress, p.boys + p.girls, true])
    }
  })

  it('looks like a township: ages 15–70 mostly, migrant shares, contraception of married women, phones, pinyin', () => {
    const age = (b: string) => 2026 - Number(b.slice(0, 4)) - (b.slice(5) > '11-20' ? 1 : 0)
    expect(share((p) => age(p.birthDate) >= 15 && age(p.birthDate) <= 70)).toBeGreaterThan(0.93)
    expect(share((p) => age(p.birthDate) < 15)).toBe(0)
    expect(share((p) => p.migrantStatus === 'out')).toBeGreaterThan(0.09)
    expect(share((p) => p.migrantStatus === 'out')).toBeLessThan(0.15)
    expect(share((p) => p.migrantStatus === 'in')).toBeGreaterThan(0.05)
    expect(share((p) => p.migrantStatus === 'in')).toBeLessThan(0.11)
    expect(share((p) => p.phone !== '')).toBeGreaterThan(0.8)
    const wives = people.filter((p) => p.sex === 'female' && (p.maritalStatus === 'married' || p.maritalStatus === 'remarried') && age(p.birthDate) <= 49)
    const iud = wives.filter((p) => p.contraception === 'iud').length / wives.length
    expect(iud).toBeGreaterThan(0.35)
    expect(iud).toBeLessThan(0.55)
    for (const p of people.slice(0, 500)) expect({ pinyin: p.pinyin, initials: p.initials }).toEqual(nameKeys(p.name))
  })

  it('is the same for the same seed, and adds to a register without clashing', async () => {
    const again = await demoHost(300, 7)
    const small = await demoHost(300, 7)
    const list = (h: Host) => h.runtime.sqlite!.prepare('SELECT id_number, name FROM persons ORDER BY id_number').all()
    expect(list(again)).toEqual(list(small))
    generateDemoPersons(small.runtime.sqlite!, small.runtime.clock, { count: 300, seed: 7, actor: 'cli:test' })
    expect((small.runtime.sqlite!.prepare('SELECT count(DISTINCT id_number) AS n FROM persons').get() as { n: number }).n).toBe(600)
    again.close()
    small.close()
  })

  it('is found by the search right away', async () => {
    const sid = host.openLocalSession({ userId: null, username: 'op', displayName: 'op', role: 'head', roles: ['head'], actor: 'op' })
    const p = people.find((x) => x.state === 'active')!
    const r = await host.call<Page<PersonRow>>('persons.search', { q: p.idNumber.slice(-6) }, { sessionId: sid, transport: 'test' })
    expect(r.result.ok && r.result.data.rows.map((x) => x.id)).toContain(p.id)
  })
})
