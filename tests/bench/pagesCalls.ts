/**
 * Every page of the station UI (src/ui/pages/<domain>/index.ts) with the backend calls its
 * component makes when it opens with its default inputs, then on its most common action (the
 * next page of a list, a search, a pick), as the UI makes them: same methods, same inputs, the
 * role that sees the page. Writes, files (PDF, xlsx) and jobs are not page loads: left out (the
 * bench's other sections time them). Read from the components; keep in step when a page changes.
 */
import type { Role } from '../../src/api/contract'
import type { Sqlite } from '../../src/core/db/open'

export type Call = readonly [method: string, input: unknown]

export interface PageCase {
  /** the page's path and what the row names */
  page: string
  role: Role
  /** the calls on opening, for the i-th sample */
  open(i: number): Call[]
  /** the common action after it, and its calls */
  then?: { what: string; calls(i: number): Call[] }
  /** a page whose only backend work is a job or a file: no data calls to time */
  none?: string
}

/** ids and search texts drawn from the station's data, so each sample asks something different */
export interface Picks {
  names: string[]
  idTails: string[]
  initials: string[]
  /** full ID numbers of people on the register */
  idNumbers: string[]
  /** [name, birthDate, idNumber] of people on the register (the new-person page's similar check) */
  similar: [string, string, string][]
  /** in-migrant women with a verification (the person page's fullest view) */
  inMigrants: string[]
  /** out-migrant women (certificates) */
  outMigrants: string[]
  activeCampaign: string
  campaignPeople: string[]
  certificates: string[]
  qrTexts: string[]
  /** the product with the most moves, its lot with the most moves */
  product: string
  lot: string
  products: string[]
  stocktake: string
  /** the last of the alerts' AMC months (the stock page's report) */
  amcMonth: string
  /** the month before the bench's today (the report pages' default) and the one before it */
  lastMonth: string
  monthBefore: string
  thisMonth: string
  /** pages of the stock card of `product` */
  cardPages: number
}

export function pick(sqlite: Sqlite, amcMonth: string): Picks {
  const col = <T>(sql: string, ...p: unknown[]) => sqlite.prepare(sql).pluck().all(...p) as T[]
  const one = <T>(sql: string, ...p: unknown[]) => sqlite.prepare(sql).pluck().get(...p) as T
  const sample = "FROM persons WHERE state = 'active' AND rowid % 4999 = 7 LIMIT 40"
  const product = one<string>('SELECT product_id FROM inv_moves GROUP BY product_id ORDER BY count(*) DESC LIMIT 1')
  return {
    names: col(`SELECT name ${sample}`),
    idTails: col(`SELECT substr(id_number, -4) ${sample}`),
    initials: col(`SELECT initials ${sample}`),
    idNumbers: col(`SELECT id_number ${sample}`),
    similar: (sqlite.prepare(`SELECT name, birth_date, id_number ${sample}`).raw().all() as [string, string, string][]),
    inMigrants: col("SELECT DISTINCT v.person_id FROM verifications v JOIN persons p ON p.id = v.person_id WHERE p.migrant_status = 'in' LIMIT 40"),
    outMigrants: col("SELECT id FROM persons WHERE migrant_status = 'out' AND sex = 'female' AND state = 'active' LIMIT 40"),
    activeCampaign: one("SELECT id FROM screening_campaigns WHERE status = 'active' LIMIT 1"),
    campaignPeople: col("SELECT r.person_id FROM screening_records r JOIN screening_campaigns c ON c.id = r.campaign_id WHERE c.status = 'active' LIMIT 40"),
    certificates: col('SELECT id FROM certificates ORDER BY issue_date DESC LIMIT 40'),
    qrTexts: col('SELECT qr FROM certificates ORDER BY issue_date DESC LIMIT 40'),
    product,
    lot: one('SELECT lot_id FROM inv_moves WHERE product_id = ? GROUP BY lot_id ORDER BY count(*) DESC LIMIT 1', product),
    products: col('SELECT id FROM inv_products WHERE active = 1 ORDER BY code LIMIT 20'),
    stocktake: one('SELECT id FROM inv_stocktakes ORDER BY date DESC LIMIT 1'),
    amcMonth,
    lastMonth: '2026-10',
    monthBefore: '2026-09',
    thisMonth: '2026-11',
    cardPages: Math.ceil(one<number>('SELECT count(*) FROM inv_moves WHERE product_id = ?', product) / 50)
  }
}

const at = <T>(xs: T[], i: number): T => xs[i % xs.length]
const first = { page: 1, pageSize: 50 }
const points: Call = ['servicePoints.list', { page: 1, pageSize: 500 }]
/** the register's lookup (Lookup.tsx, findById): a name or digits list up to 8; a whole ID is searched among the active, then the exited */
const lookup = (p: Picks, i: number): Call[] =>
  i % 3 === 0
    ? [['persons.search', { q: at(p.idNumbers, i), state: 'active', page: 1, pageSize: 5 }]]
    : [['persons.search', { q: i % 3 === 1 ? at(p.names, i) : at(p.idTails, i), page: 1, pageSize: 8 }]]

export function stationPages(p: Picks): PageCase[] {
  const register = { state: 'active', sort: 'name', order: 'asc' }
  return [
    { page: '/ (home)', role: 'head', open: () => [['dashboard.summary', {}]] },
    {
      page: '/persons',
      role: 'clerk',
      open: () => [points, ['persons.search', { ...register, ...first }]],
      then: { what: 'page 2, a name, ID digits, initials', calls: (i) => [['persons.search', { ...register, page: 2, pageSize: 50 }], ...[at(p.names, i), at(p.idTails, i), at(p.initials, i)].map((q): Call => ['persons.search', { ...register, q, ...first }])] }
    },
    {
      page: '/persons/new',
      role: 'clerk',
      open: () => [points],
      then: { what: 'an ID typed (is she here?), then the similar check', calls: (i) => [['persons.search', { q: at(p.idNumbers, i), state: 'active', page: 1, pageSize: 5 }], ['persons.search', { q: at(p.idNumbers, i), state: 'exited', page: 1, pageSize: 5 }], ['persons.similar', { name: at(p.similar, i)[0], birthDate: at(p.similar, i)[1], idNumber: at(p.similar, i)[2] }]] }
    },
    { page: '/persons/import', role: 'clerk', open: () => [], none: 'jobs only (the import bench times them)' },
    {
      page: '/persons/view',
      role: 'head',
      open: (i) => [['persons.get', { id: at(p.inMigrants, i) }], ['persons.events', { personId: at(p.inMigrants, i) }], points, ['certificates.ofPerson', { personId: at(p.inMigrants, i) }], ['certificates.verifications', { personId: at(p.inMigrants, i), page: 1, pageSize: 20 }]]
    },
    {
      page: '/screening',
      role: 'head',
      open: () => [points, ['screening.campaigns', first]],
      then: { what: 'the breast campaigns', calls: () => [['screening.campaigns', { kind: 'breast', ...first }]] }
    },
    {
      page: '/screening/view',
      role: 'clinician',
      open: () => [['screening.campaign', { id: p.activeCampaign }], points, ['screening.roster', { campaignId: p.activeCampaign, state: 'all', ...first }], ['screening.dashboard', { campaignId: p.activeCampaign }]],
      then: { what: 'roster page 2, then not screened', calls: () => [['screening.roster', { campaignId: p.activeCampaign, state: 'all', page: 2, pageSize: 50 }], ['screening.roster', { campaignId: p.activeCampaign, state: 'not_screened', ...first }]] }
    },
    {
      page: '/screening/entry',
      role: 'clinician',
      open: () => [['screening.campaign', { id: p.activeCampaign }]],
      then: { what: 'look a person up, open her', calls: (i) => [...lookup(p, i), ['persons.get', { id: at(p.campaignPeople, i) }], ['screening.record', { campaignId: p.activeCampaign, personId: at(p.campaignPeople, i) }]] }
    },
    {
      page: '/screening/follow-ups',
      role: 'clinician',
      open: () => [['screening.followUps', { state: 'open', overdueOnly: false, ...first }]],
      then: { what: 'page 2, overdue only', calls: () => [['screening.followUps', { state: 'open', overdueOnly: false, page: 2, pageSize: 50 }], ['screening.followUps', { state: 'open', overdueOnly: true, ...first }]] }
    },
    {
      page: '/certificates',
      role: 'clerk',
      open: () => [points, ['certificates.numbering', {}], ['certificates.list', first]],
      then: { what: 'page 2, a name', calls: (i) => [['certificates.list', { page: 2, pageSize: 50 }], ['certificates.list', { q: at(p.names, i), ...first }]] }
    },
    {
      page: '/certificates/new',
      role: 'clerk',
      open: () => [],
      then: { what: 'look her up, the draft', calls: (i) => [...lookup(p, i), ['certificates.prepare', { personId: at(p.outMigrants, i), lang: 'zh-CN' }]] }
    },
    { page: '/certificates/view', role: 'clerk', open: (i) => [['certificates.get', { id: at(p.certificates, i) }]] },
    {
      page: '/verify',
      role: 'clerk',
      open: () => [['certificates.verifications', { page: 1, pageSize: 20 }]],
      then: { what: 'a QR scanned, its holder', calls: (i) => [['certificates.check', { qrText: at(p.qrTexts, i) }], ['persons.get', { id: at(p.outMigrants, i) }]] }
    },
    {
      page: '/rates',
      role: 'clerk',
      open: () => [['certificates.rates', { month: p.thisMonth }]],
      then: { what: 'the people not counted', calls: () => [['certificates.ratePeople', { kind: 'certificate', month: p.thisMonth, counted: false, ...first }]] }
    },
    { page: '/stock', role: 'head', open: () => [['inventory.stock', {}], ['inventory.alerts', {}], ['inventory.monthlyReport', { period: p.amcMonth }], ['inventory.products', { includeInactive: false }]] },
    {
      page: '/stock/card',
      role: 'clerk',
      open: () => [['inventory.stockCard', { productId: p.product, ...first }], ['inventory.stock', { productId: p.product, includeEmpty: true }]],
      then: { what: 'its last page, a lot', calls: () => [['inventory.stockCard', { productId: p.product, page: p.cardPages, pageSize: 50 }], ['inventory.stockCard', { lotId: p.lot, ...first }], ['inventory.stock', { lotId: p.lot, includeEmpty: true }]] }
    },
    { page: '/stock/receive', role: 'clerk', open: () => [['inventory.products', { includeInactive: false }], ['station.get', {}], ['codes.lookup', { code: '411523' }]], then: { what: 'a product picked (its lots)', calls: (i) => [['inventory.stock', { productId: at(p.products, i), includeEmpty: true }]] } },
    { page: '/stock/issue', role: 'clerk', open: () => [['inventory.products', { includeInactive: false }], points], then: { what: 'a product picked (its lots)', calls: (i) => [['inventory.stock', { productId: at(p.products, i), includeEmpty: false }]] } },
    {
      page: '/stock/dispense',
      role: 'clerk',
      open: () => [['inventory.products', { includeInactive: false }]],
      then: { what: 'look her up, open her, a product', calls: (i) => [...lookup(p, i), ['persons.get', { id: at(p.outMigrants, i) }], ['inventory.stock', { productId: at(p.products, i), includeEmpty: false }]] }
    },
    { page: '/stock/return', role: 'clerk', open: () => [['inventory.products', { includeInactive: false }], points], then: { what: 'a product picked (its lots)', calls: (i) => [['inventory.stock', { productId: at(p.products, i), includeEmpty: true }]] } },
    {
      page: '/stock/stocktake',
      role: 'head',
      open: () => [['inventory.stocktakes', { page: 1, pageSize: 20 }], ['inventory.products', { includeInactive: false }]],
      then: { what: 'a stocktake opened', calls: () => [['inventory.stocktake', { id: p.stocktake }], ['inventory.products', { includeInactive: true }]] }
    },
    { page: '/stock/report', role: 'clerk', open: () => [['inventory.monthlyReport', { period: p.lastMonth }]], then: { what: 'the month before', calls: () => [['inventory.monthlyReport', { period: p.monthBefore }]] } },
    { page: '/stock/products', role: 'head', open: () => [['inventory.products', { includeInactive: true }], ['inventory.settings', {}]] },
    { page: '/station/profile', role: 'clerk', open: () => [['station.get', {}]] },
    { page: '/station/staff', role: 'clerk', open: () => [['staff.list', first]] },
    { page: '/station/equipment', role: 'clerk', open: () => [['equipment.list', first]] },
    { page: '/station/service-points', role: 'clerk', open: () => [['servicePoints.list', first], ['station.get', {}]] },
    { page: '/periods', role: 'head', open: () => [['periods.list', {}]], then: { what: "a month's close preview", calls: () => [['periods.preview', { period: p.lastMonth }]] } },
    { page: '/packets', role: 'head', open: () => [['packets.list', {}], ['periods.list', {}]] },
    { page: '/admin/users', role: 'admin', open: () => [['users.list', first]] },
    { page: '/admin/backups', role: 'admin', open: () => [['backups.list', {}]] },
    { page: '/admin/keys', role: 'head', open: () => [['keys.info', {}]] },
    { page: '/admin/trust', role: 'head', open: () => [['keys.trust', {}]] },
    { page: '/admin/print', role: 'head', open: () => [['print.settings', {}]] },
    {
      page: '/audit',
      role: 'head',
      open: () => [['audit.facets', {}], ['audit.list', first]],
      then: { what: 'page 2, a text search', calls: () => [['audit.list', { page: 2, pageSize: 50 }], ['audit.list', { q: 'packet', ...first }]] }
    }
  ]
}

/** the district office's pages (a data folder in district mode): home, import, report, packets, stations */
export function districtPages(year: number, lastMonth: string, monthBefore: string, station: string): PageCase[] {
  return [
    { page: 'district / (home)', role: 'head', open: () => [['district.info', {}], ['district.packets', {}], ['district.arrivals', { year }]], then: { what: 'the year before', calls: () => [['district.arrivals', { year: year - 1 }]] } },
    { page: 'district /district/import', role: 'head', open: () => [], none: 'a job only (the packet bench times it)' },
    { page: 'district /district/report', role: 'head', open: () => [['district.report', { period: lastMonth }]], then: { what: 'the month before', calls: () => [['district.report', { period: monthBefore }]] } },
    { page: 'district /district/packets', role: 'head', open: () => [['district.stations', {}], ['district.packets', {}]], then: { what: 'one station', calls: () => [['district.packets', { stationCode: station }]] } },
    { page: 'district /district/stations', role: 'head', open: () => [['district.stations', {}]] }
  ]
}
