/** A hand-made person with a history, for the print tests and the bench (no database needed). */
import type { PersonEvent } from '../../../src/api/persons'
import type { CardPerson, PersonCardData } from '../../../src/core/print/personCard'

export const PERSON: CardPerson = {
  id: '0193a1b2-0000-7000-8000-000000000001',
  idNumber: '41010219900307452X',
  name: '王秀英',
  sex: 'female',
  birthDate: '1990-03-07',
  phone: '13812345678',
  hukouRegion: '410102',
  hukouAddress: '林山寨街道建设路12号院3号楼2单元501',
  servicePointId: 'sp-1',
  residenceAddress: '一村二组18号',
  maritalStatus: 'married',
  maritalDate: '2014-05-01',
  spouseName: '李建国',
  spouseIdNumber: '410102198811023515',
  boys: 1,
  girls: 1,
  contraception: 'iud',
  contraceptionSince: '2019-08-15',
  migrantStatus: 'out',
  migrantPlace: '广东省深圳市宝安区西乡街道',
  migrantSince: '2023-02-10',
  state: 'active',
  exitReason: null,
  exitDate: null,
  servicePointName: '一村服务室',
  updatedAt: '2023-02-11T03:00:00.000Z'
}

const ev = (n: number, e: Omit<PersonEvent, 'id' | 'personId' | 'createdAt' | 'createdBy'> & { createdBy?: string }): PersonEvent => ({
  id: `ev-${n}`,
  personId: PERSON.id,
  createdAt: `${e.date}T0${n % 10}:00:00.000Z`,
  createdBy: e.createdBy ?? 'clerk',
  ...e
})

export const EVENTS: PersonEvent[] = [
  ev(1, {
    type: 'registered',
    date: '2013-04-02',
    reason: '',
    changes: {
      idNumber: { before: null, after: '41010219900307452X' },
      name: { before: null, after: '王秀英' },
      sex: { before: null, after: 'female' },
      birthDate: { before: null, after: '1990-03-07' },
      phone: { before: null, after: '13800000000' },
      hukouRegion: { before: null, after: '410102' },
      hukouAddress: { before: null, after: '林山寨街道建设路12号' },
      servicePointId: { before: null, after: 'sp-1' },
      residenceAddress: { before: null, after: '一村二组18号' },
      maritalStatus: { before: null, after: 'unmarried' },
      contraception: { before: null, after: 'none' },
      migrantStatus: { before: null, after: 'local' }
    }
  }),
  ev(2, { type: 'marriage', date: '2014-05-01', reason: '持结婚证登记', changes: { maritalStatus: { before: 'unmarried', after: 'married' }, maritalDate: { before: null, after: '2014-05-01' }, spouseName: { before: '', after: '李建国' }, spouseIdNumber: { before: '', after: '410102198811023515' } } }),
  ev(3, { type: 'birth', date: '2015-09-20', reason: '生育一孩（男）', changes: { boys: { before: 0, after: 1 } } }),
  ev(4, { type: 'contraception', date: '2016-01-10', reason: '产后复查后落实', changes: { contraception: { before: 'none', after: 'condom' }, contraceptionSince: { before: null, after: '2016-01-10' } } }),
  ev(5, { type: 'birth', date: '2018-11-03', reason: '生育二孩（女）', changes: { girls: { before: 0, after: 1 } } }),
  ev(6, { type: 'contraception', date: '2019-08-15', reason: '本人自愿，站内放置', changes: { contraception: { before: 'condom', after: 'iud' }, contraceptionSince: { before: '2016-01-10', after: '2019-08-15' } } }),
  ev(7, { type: 'correction', date: '2020-06-01', reason: '户籍地址门牌号更正（派出所证明）', changes: { hukouAddress: { before: '林山寨街道建设路12号', after: '林山寨街道建设路12号院3号楼2单元501' }, phone: { before: '13800000000', after: '13812345678' } } }),
  ev(8, { type: 'migration_out', date: '2023-02-10', reason: '外出务工', changes: { migrantStatus: { before: 'local', after: 'out' }, migrantPlace: { before: '', after: '广东省深圳市宝安区西乡街道' }, migrantSince: { before: null, after: '2023-02-10' } } })
]

/** a long history: the events above, then many corrections, so the card flows onto more pages */
export function longHistory(n = 60): PersonEvent[] {
  const out = [...EVENTS]
  for (let i = 0; i < n; i++) {
    const d = `2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`
    out.push(
      ev(100 + i, {
        type: i % 3 === 0 ? 'contraception' : 'correction',
        date: d,
        reason: i % 4 === 0 ? '随访核实：本人口述，村级专干复核后更正，并留存相关证明材料复印件' : '电话核实',
        createdBy: i % 2 ? 'clerk' : 'head',
        changes:
          i % 3 === 0
            ? { contraception: { before: 'iud', after: 'oral' }, contraceptionSince: { before: '2019-08-15', after: d } }
            : { phone: { before: '13812345678', after: `1391234${String(5000 + i).padStart(4, '0')}` } }
      })
    )
  }
  return out
}

export function cardData(over: Partial<PersonCardData> = {}): PersonCardData {
  return {
    person: PERSON,
    events: EVENTS,
    station: { name: '示例乡计划生育服务站', code: '410102001' },
    printedOn: '2026-11-20',
    lang: 'zh-CN',
    servicePoints: { 'sp-1': '一村服务室', 'sp-2': '流动服务车' },
    users: { clerk: '张敏', head: '刘站长' },
    ...over
  }
}
