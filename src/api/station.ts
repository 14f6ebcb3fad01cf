import { z } from 'zod'
import { method, type Page, type FileOut } from './contract'
import { empty, isoDate, optionalDate, paging, phone, requiredText, text } from './common'

export const STATION_LEVELS = ['district', 'township'] as const
export type StationLevel = (typeof STATION_LEVELS)[number]

/**
 * Station code: 9 digits. Township station: the township's statistical code
 * (6-digit GB/T 2260 county code + 3 digits, not 000). District station: county code + 000.
 * Whether the county (and township) exists is checked by the core against the code tables.
 */
export const stationCodeFormat = /^\d{9}$/

export const stationProfileInput = z
  .object({
    level: z.enum(STATION_LEVELS),
    code: z.string().trim().regex(stationCodeFormat, { message: 'station_code_format' }),
    name: requiredText(60),
    address: text(120).default(''),
    phone: phone.default(''),
    buildingArea: z.number({ message: 'number' }).min(0, { message: 'min0' }).max(100000).nullable().default(null)
  })
  .superRefine((s, ctx) => {
    if (!stationCodeFormat.test(s.code)) return
    const tail = s.code.slice(6)
    if (s.level === 'district' && tail !== '000')
      ctx.addIssue({ code: 'custom', path: ['code'], message: 'a district station code ends in 000', params: { rule: 'station_code_district' } })
    if (s.level === 'township' && tail === '000')
      ctx.addIssue({ code: 'custom', path: ['code'], message: 'a township code does not end in 000', params: { rule: 'station_code_township' } })
  })

export interface StationProfile {
  id: string
  level: StationLevel
  code: string
  name: string
  address: string
  phone: string
  buildingArea: number | null
  /** from the code tables: province / city / county (/ township) names of the code */
  regionName: string
  keyId: string
  updatedAt: string
}

export const STAFF_POSTS = ['head', 'doctor', 'nurse', 'pharmacist', 'technician', 'clerk', 'other'] as const
export interface StaffRow {
  id: string
  name: string
  post: (typeof STAFF_POSTS)[number]
  qualification: string
  licenceNo: string
  phone: string
  active: boolean
  updatedAt: string
}

export const EQUIPMENT_STATES = ['in_use', 'idle', 'repair', 'scrapped'] as const
export interface EquipmentRow {
  id: string
  name: string
  model: string
  count: number
  state: (typeof EQUIPMENT_STATES)[number]
  acquired: string | null
  updatedAt: string
}

export const SERVICE_POINT_KINDS = ['village_room', 'mobile_van'] as const
export interface ServicePointRow {
  id: string
  kind: (typeof SERVICE_POINT_KINDS)[number]
  /** 12-digit statistical code of the village (village rooms); empty for the van */
  code: string
  name: string
  address: string
  active: boolean
  updatedAt: string
}

export const LANGS = ['zh-CN', 'en'] as const
export type Lang = (typeof LANGS)[number]
const listInput = z
  .object({ q: text(64).optional(), active: z.boolean().optional(), ...paging, lang: z.enum(LANGS).default('zh-CN') })
  .optional()
  .default({ page: 1, pageSize: 50, lang: 'zh-CN' })

const READ = ['admin', 'head', 'clinician', 'clerk'] as const
const WRITE = ['admin', 'head'] as const

export const staffInput = z.object({
  id: z.string().optional(),
  name: requiredText(40),
  post: z.enum(STAFF_POSTS),
  qualification: text(60).default(''),
  licenceNo: text(40).default(''),
  phone: phone.default(''),
  active: z.boolean().default(true)
})

export const equipmentInput = z.object({
  id: z.string().optional(),
  name: requiredText(60),
  model: text(60).default(''),
  count: z.number().int({ message: 'integer' }).min(0, { message: 'min0' }).max(100000),
  state: z.enum(EQUIPMENT_STATES),
  acquired: optionalDate
})

export const servicePointInput = z
  .object({
    id: z.string().optional(),
    kind: z.enum(SERVICE_POINT_KINDS),
    code: z.string().trim().default(''),
    name: requiredText(60),
    address: text(120).default(''),
    active: z.boolean().default(true)
  })
  .superRefine((p, ctx) => {
    if (p.kind === 'village_room' && !/^\d{12}$/.test(p.code))
      ctx.addIssue({ code: 'custom', path: ['code'], message: 'a village code has 12 digits', params: { rule: 'village_code_format' } })
    if (p.kind === 'mobile_van' && p.code !== '' && !/^\d{12}$/.test(p.code))
      ctx.addIssue({ code: 'custom', path: ['code'], message: 'a code, if given, has 12 digits', params: { rule: 'village_code_format' } })
  })

export const stationApi = {
  'station.get': method<StationProfile>()({ input: empty, roles: READ, kind: 'read' }),
  'station.update': method<StationProfile>()({ input: stationProfileInput, roles: WRITE, kind: 'write' }),

  'staff.list': method<Page<StaffRow>>()({ input: listInput, roles: READ, kind: 'read' }),
  'staff.save': method<StaffRow>()({ input: staffInput, roles: WRITE, kind: 'write' }),
  'staff.export': method<FileOut>()({ input: listInput, roles: READ, kind: 'sensitive-read' }),

  'equipment.list': method<Page<EquipmentRow>>()({ input: listInput, roles: READ, kind: 'read' }),
  'equipment.save': method<EquipmentRow>()({ input: equipmentInput, roles: WRITE, kind: 'write' }),
  'equipment.export': method<FileOut>()({ input: listInput, roles: READ, kind: 'sensitive-read' }),

  'servicePoints.list': method<Page<ServicePointRow>>()({ input: listInput, roles: READ, kind: 'read' }),
  'servicePoints.save': method<ServicePointRow>()({ input: servicePointInput, roles: WRITE, kind: 'write' }),
  'servicePoints.export': method<FileOut>()({ input: listInput, roles: READ, kind: 'sensitive-read' }),

  /** name of a county / township / village code from the code tables, for the forms */
  'codes.lookup': method<{ code: string; name: string | null; known: boolean }>()({
    input: z.object({ code: z.string().trim().regex(/^\d{6}(\d{3})?(\d{3})?$/) }),
    roles: 'public',
    kind: 'read'
  })
}

export { isoDate }
