/**
 * A set-up station for the certificate tests (its today: 2026-11-20): one user per role, a
 * village room, and a few people —
 *  - married: a woman of 30, married with her spouse's facts, an IUD, out-migrant to Shenzhen
 *  - noSpouse: a married woman of 28 whose spouse's name and ID number are missing, out-migrant
 *  - man: a man of 36, out-migrant
 *  - old: a woman of 55, out-migrant
 *  - unmarried: an unmarried woman of 22, still local (issuing needs her move out)
 */
import type { Input } from '../../../src/api'
import type { Certificate } from '../../../src/api/certificates'
import fs from 'node:fs'
import { ROLES, type Role } from '../../../src/api/contract'
import { makeHost, setUpStation, tmpDir, type TestHost } from '../../helpers/host'
import { facts, makeId } from '../../helpers/persons'

export const DESTINATION = '广东省深圳市宝安区'

export interface CertStation {
  t: TestHost
  s: Record<Role, string>
  village: string
  people: { married: string; noSpouse: string; man: string; old: string; unmarried: string }
  sqlite: () => import('better-sqlite3').Database
  /** certificates.issue as the clerk (or another session) */
  issue(personId: string, extra?: Partial<Input<'certificates.issue'>>, session?: string): Promise<Certificate>
}

const out = { migrantStatus: 'out' as const, migrantPlace: DESTINATION, migrantSince: '2026-03-01' }

async function build(t: TestHost): Promise<CertStation> {
  const s = await setUpStation(t)
  const village = (await t.call('servicePoints.save', { kind: 'village_room', code: '410102001201', name: '一村服务室' }, s.head)).id
  const add = async (over: Partial<Input<'persons.create'>>) => (await t.call('persons.create', facts({ servicePointId: village, ...over }), s.clerk)).id
  const people = {
    married: await add({ idNumber: makeId('410102', '19960315', 11, 'female'), name: '王秀英', ...out }),
    noSpouse: await add({ idNumber: makeId('410102', '19980520', 12, 'female'), name: '李桂兰', spouseName: '', spouseIdNumber: '', ...out }),
    man: await add({
      idNumber: makeId('410102', '19900101', 13, 'male'),
      name: '赵建国',
      spouseName: '孙丽',
      spouseIdNumber: makeId('410102', '19920101', 14, 'female'),
      contraception: 'condom',
      ...out
    }),
    old: await add({ idNumber: makeId('410102', '19710601', 15, 'female'), name: '刘淑珍', maritalDate: '1993-05-01', ...out }),
    unmarried: await add({
      idNumber: makeId('410102', '20040210', 16, 'female'),
      name: '陈静',
      maritalStatus: 'unmarried',
      maritalDate: '',
      spouseName: '',
      spouseIdNumber: '',
      boys: 0,
      contraception: 'none',
      contraceptionSince: ''
    })
  }
  return station(t, s, village, people)
}

function station(t: TestHost, s: Record<Role, string>, village: string, people: CertStation['people']): CertStation {
  return {
    t,
    s,
    village,
    people,
    sqlite: () => t.host.runtime.sqlite!,
    issue: (personId, extra = {}, session = s.clerk) => t.call('certificates.issue', { personId, ...extra }, session)
  }
}

/** the station built once per test worker (users' password hashes cost ~1 s), copied for each test */
let template: Promise<{ dir: string; village: string; people: CertStation['people'] }> | null = null

function buildTemplate() {
  return (template ??= (async () => {
    const t = makeHost()
    const st = await build(t)
    t.close()
    return { dir: t.dir, village: st.village, people: st.people }
  })())
}

/** a fresh copy of the set-up station (its own data folder), with a session per role */
export async function certificateStation(): Promise<CertStation> {
  const tpl = await buildTemplate()
  const dir = tmpDir('sd-cert-')
  fs.cpSync(tpl.dir, dir, { recursive: true })
  const t = makeHost(dir)
  return station(t, openSessions(t), tpl.village, tpl.people)
}

/** a session for each role's user (again after a restore, which ends every session) */
export function openSessions(t: TestHost): Record<Role, string> {
  const users = t.host.runtime.sqlite!.prepare('SELECT id, username, role FROM users').all() as { id: string; username: string; role: Role }[]
  const s = {} as Record<Role, string>
  for (const role of ROLES) {
    const u = users.find((x) => x.role === role)!
    s[role] = t.host.openLocalSession({ userId: u.id, username: u.username, displayName: u.username, role, roles: [role], actor: u.username })
  }
  return s
}

export const certificateCount = (st: CertStation): number => (st.sqlite().prepare('SELECT count(*) AS n FROM certificates').get() as { n: number }).n
