import { checkDigit } from '../../src/api/idNumber'
import type { Input } from '../../src/api'

/** a valid 18-character ID number: region, birth date YYYYMMDD, a 2-digit sequence, sex */
export function makeId(region: string, birth: string, seq: number, sex: 'male' | 'female'): string {
  const first17 = `${region}${birth}${String(seq % 100).padStart(2, '0')}${sex === 'male' ? 1 : 2}`
  return first17 + checkDigit(first17)
}

/** a complete set of facts for a married woman of the test station's county */
export function facts(over: Partial<Input<'persons.create'>> = {}): Input<'persons.create'> {
  return {
    idNumber: makeId('410102', '19900315', 1, 'female'),
    name: '张秀英',
    phone: '13812345678',
    hukouRegion: '410102',
    hukouAddress: '郑州市中原区建设路1号',
    residenceAddress: '建设路1号',
    maritalStatus: 'married',
    maritalDate: '2015-05-01',
    spouseName: '李强',
    spouseIdNumber: makeId('410102', '19880101', 3, 'male'),
    boys: 1,
    girls: 0,
    contraception: 'iud',
    contraceptionSince: '2018-03-01',
    ...over
  }
}

export const fieldsOf = (e: { details?: { fields?: { path: string; rule: string }[] } }) => e.details?.fields?.map((f) => `${f.path}:${f.rule}`)
