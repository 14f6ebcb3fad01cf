import type { EquipmentRow, ServicePointRow, StaffRow, stationApi } from '../../api/station'
import { equipment, servicePoints, staff } from '../db/schema'
import { fieldError } from '../errors'
import { label, type Lang } from '../files/labels'
import { buildXlsx } from '../files/xlsx'
import type { Handlers } from '../handler'
import type { Ctx } from '../context'
import { localDate } from '../clock'
import { regionName } from './codes'
import { readStation, updateStation } from './profile'
import { allRegister, listRegister, saveRegister, type RegisterSpec } from './register'

const staffSpec: RegisterSpec<StaffRow> = {
  table: staff,
  entity: 'staff',
  search: [staff.name, staff.licenceNo, staff.phone, staff.qualification],
  active: staff.active,
  order: [staff.name],
  toRow: (r) => r as unknown as StaffRow,
  describe: (r) => String(r.name)
}

const equipmentSpec: RegisterSpec<EquipmentRow> = {
  table: equipment,
  entity: 'equipment',
  search: [equipment.name, equipment.model],
  order: [equipment.name],
  toRow: (r) => r as unknown as EquipmentRow,
  describe: (r) => `${r.name} ${r.model} ×${r.count}`
}

const servicePointSpec: RegisterSpec<ServicePointRow> = {
  table: servicePoints,
  entity: 'servicePoint',
  search: [servicePoints.name, servicePoints.code, servicePoints.address],
  active: servicePoints.active,
  order: [servicePoints.kind, servicePoints.code, servicePoints.name],
  toRow: (r) => r as unknown as ServicePointRow,
  describe: (r) => `${r.code} ${r.name}`.trim()
}

function stripMeta<R extends { id: string }>(rows: R[]): R[] {
  return rows.map(({ createdAt: _c, updatedBy: _u, ...r }: R & { createdAt?: unknown; updatedBy?: unknown }) => r as unknown as R)
}

function exportName(ctx: Ctx, base: string): string {
  return `${base}-${readStation(ctx).code}-${localDate(ctx.clock)}.xlsx`
}

function subtitle(ctx: Ctx, lang: Lang): string {
  const s = readStation(ctx)
  return `${s.name}（${s.code}）  ${label(lang, 'exportedAt')}: ${localDate(ctx.clock)}`
}

const yesNo = (lang: Lang, v: boolean) => label(lang, v ? 'yes' : 'no')

export const stationHandlers: Handlers<typeof stationApi> = {
  'station.get': (ctx) => readStation(ctx),
  'station.update': (ctx, input) => updateStation(ctx, input),

  'staff.list': (ctx, input) => {
    const p = listRegister(ctx, staffSpec, input)
    return { ...p, rows: stripMeta(p.rows) }
  },
  'staff.save': (ctx, input) => saveRegister(ctx, staffSpec, input),
  'staff.export': (ctx, input) => {
    const lang = input.lang
    const rows = allRegister(ctx, staffSpec, input)
    ctx.audit({ entity: 'staff', summary: `exported ${rows.length} staff rows`, msg: ['export.staff', { n: rows.length }] })
    return buildXlsx(exportName(ctx, 'staff'), {
      sheetName: label(lang, 'staff.title'),
      title: label(lang, 'staff.title'),
      subtitle: subtitle(ctx, lang),
      columns: [
        { header: label(lang, 'name'), value: (r) => r.name, width: 12 },
        { header: label(lang, 'post'), value: (r) => label(lang, `post.${r.post}`), width: 12 },
        { header: label(lang, 'qualification'), value: (r) => r.qualification, width: 20 },
        { header: label(lang, 'licenceNo'), value: (r) => r.licenceNo, width: 22 },
        { header: label(lang, 'phone'), value: (r) => r.phone, width: 16 },
        { header: label(lang, 'active'), value: (r) => yesNo(lang, r.active), width: 10 }
      ],
      rows
    })
  },

  'equipment.list': (ctx, input) => {
    const p = listRegister(ctx, equipmentSpec, input)
    return { ...p, rows: stripMeta(p.rows) }
  },
  'equipment.save': (ctx, input) => saveRegister(ctx, equipmentSpec, input),
  'equipment.export': (ctx, input) => {
    const lang = input.lang
    const rows = allRegister(ctx, equipmentSpec, input)
    ctx.audit({ entity: 'equipment', summary: `exported ${rows.length} equipment rows`, msg: ['export.equipment', { n: rows.length }] })
    return buildXlsx(exportName(ctx, 'equipment'), {
      sheetName: label(lang, 'equipment.title'),
      title: label(lang, 'equipment.title'),
      subtitle: subtitle(ctx, lang),
      columns: [
        { header: label(lang, 'equipment.name'), value: (r) => r.name, width: 24 },
        { header: label(lang, 'model'), value: (r) => r.model, width: 18 },
        { header: label(lang, 'count'), value: (r) => r.count, width: 8 },
        { header: label(lang, 'state'), value: (r) => label(lang, `state.${r.state}`), width: 10 },
        { header: label(lang, 'acquired'), value: (r) => r.acquired ?? '', width: 12 }
      ],
      rows
    })
  },

  'servicePoints.list': (ctx, input) => {
    const p = listRegister(ctx, servicePointSpec, input)
    return { ...p, rows: stripMeta(p.rows) }
  },
  'servicePoints.save': (ctx, input) => {
    if (input.kind === 'village_room') {
      const st = readStation(ctx)
      // a township station's villages lie in its township; a district station's in its county
      const prefix = st.level === 'township' ? st.code : st.code.slice(0, 6)
      if (!input.code.startsWith(prefix))
        throw fieldError('code', 'village_outside_station', `village code ${input.code} does not lie in ${prefix}`, { prefix })
    }
    return saveRegister(ctx, servicePointSpec, input)
  },
  'servicePoints.export': (ctx, input) => {
    const lang = input.lang
    const rows = allRegister(ctx, servicePointSpec, input)
    ctx.audit({ entity: 'servicePoint', summary: `exported ${rows.length} service points`, msg: ['export.servicePoints', { n: rows.length }] })
    return buildXlsx(exportName(ctx, 'service-points'), {
      sheetName: label(lang, 'servicePoints.title').slice(0, 31),
      title: label(lang, 'servicePoints.title'),
      subtitle: subtitle(ctx, lang),
      columns: [
        { header: label(lang, 'kind'), value: (r) => label(lang, `kind.${r.kind}`), width: 14 },
        { header: label(lang, 'code'), value: (r) => r.code, width: 16 },
        { header: label(lang, 'servicePoints.name'), value: (r) => r.name, width: 22 },
        { header: label(lang, 'address'), value: (r) => r.address, width: 30 },
        { header: label(lang, 'active'), value: (r) => yesNo(lang, r.active), width: 8 }
      ],
      rows
    })
  },

  'codes.lookup': (_ctx, input) => {
    const name = regionName(input.code)
    return { code: input.code, name, known: name !== null }
  }
}
