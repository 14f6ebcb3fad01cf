/** The filtered register as xlsx: every matching person (no pages), ID numbers as text cells. */
import type { FileOut } from '../../api/contract'
import type { Person } from '../../api/persons'
import { localDate } from '../clock'
import type { Ctx } from '../context'
import { label, type Lang } from '../files/labels'
import { buildXlsx, type SheetColumn } from '../files/xlsx'
import { countyName } from '../station/codes'
import { readStation } from '../station/profile'
import { ageOn } from './record'
import { searchAll, type SearchInput } from './search'

type ExportRow = Omit<Person, 'missing' | 'warnings' | 'pinyin' | 'initials'>

function columns(lang: Lang, today: string): SheetColumn<ExportRow>[] {
  const l = (k: string) => label(lang, k)
  const word = (group: string, v: string | null) => (v ? l(`${group}.${v}`) : '')
  return [
    { header: l('idNumber'), value: (r) => r.idNumber, width: 21, text: true },
    { header: l('name'), value: (r) => r.name, width: 10 },
    { header: l('sex'), value: (r) => word('sex', r.sex), width: 6 },
    { header: l('birthDate'), value: (r) => r.birthDate, width: 12 },
    { header: l('age'), value: (r) => ageOn(r.birthDate, today), width: 6 },
    { header: l('phone'), value: (r) => r.phone, width: 14, text: true },
    { header: l('hukouRegion'), value: (r) => r.hukouRegion, width: 10, text: true },
    { header: l('hukouRegionName'), value: (r) => (r.hukouRegion ? (countyName(r.hukouRegion) ?? '') : ''), width: 22 },
    { header: l('hukouAddress'), value: (r) => r.hukouAddress, width: 26 },
    { header: l('servicePoint'), value: (r) => r.servicePointName ?? '', width: 16 },
    { header: l('residenceAddress'), value: (r) => r.residenceAddress, width: 26 },
    { header: l('maritalStatus'), value: (r) => word('marital', r.maritalStatus), width: 8 },
    { header: l('maritalDate'), value: (r) => r.maritalDate ?? '', width: 12 },
    { header: l('spouseName'), value: (r) => r.spouseName, width: 10 },
    { header: l('spouseIdNumber'), value: (r) => r.spouseIdNumber, width: 21, text: true },
    { header: l('boys'), value: (r) => r.boys, width: 6 },
    { header: l('girls'), value: (r) => r.girls, width: 6 },
    { header: l('contraception'), value: (r) => word('contraception', r.contraception), width: 12 },
    { header: l('contraceptionSince'), value: (r) => r.contraceptionSince ?? '', width: 12 },
    { header: l('migrantStatus'), value: (r) => word('migrant', r.migrantStatus), width: 8 },
    { header: l('migrantPlace'), value: (r) => r.migrantPlace, width: 20 },
    { header: l('migrantSince'), value: (r) => r.migrantSince ?? '', width: 12 },
    { header: l('state'), value: (r) => word('personState', r.state), width: 8 },
    { header: l('exitReason'), value: (r) => word('exitReason', r.exitReason), width: 8 },
    { header: l('exitDate'), value: (r) => r.exitDate ?? '', width: 12 }
  ]
}

export async function exportPersons(ctx: Ctx, input: SearchInput): Promise<FileOut> {
  const lang = input.lang
  const today = localDate(ctx.clock)
  const rows = searchAll(ctx, input) as unknown as ExportRow[]
  const station = readStation(ctx)
  ctx.audit({
    entity: 'person',
    summary: `exported ${rows.length} persons`,
    msg: ['export.persons', { n: rows.length }],
    details: { filter: { ...input, lang: undefined } }
  })
  return buildXlsx(`persons-${station.code}-${today}.xlsx`, {
    sheetName: label(lang, 'persons.title'),
    title: label(lang, 'persons.title'),
    subtitle: `${station.name}（${station.code}）  ${label(lang, 'exportedAt')}: ${today}  ${rows.length.toLocaleString(lang)}`,
    columns: columns(lang, today),
    rows
  })
}
