/**
 * `stationdesk stock on-hand`: stock on hand per product and lot (base units, with packs).
 * `stationdesk stock report --period YYYY-MM`: the monthly report per product — opening, one
 * column per kind of move, closing, AMC, months of stock.
 * Both read through the method table (inventory.stock, inventory.monthlyReport).
 */
import { MOVE_KINDS } from '../../api/inventory'
import { str, type CommandSpec } from '../command'
import { table, UsageError } from '../output'

const packs = (q: number, packSize: number): string => (packSize > 1 ? `${Math.trunc(q / packSize)}×${packSize}${q % packSize ? ` + ${q % packSize}` : ''}` : '')
const n = (q: number): string => q.toLocaleString('en')

/** short column titles for the kinds of move */
const KIND_TITLE: Record<(typeof MOVE_KINDS)[number], string> = {
  receipt: 'recv',
  issue: 'issue',
  dispense: 'disp',
  return: 'ret',
  adjustment: 'adj',
  wastage: 'waste',
  destruction: 'destr',
  stocktake_gain: 'gain',
  stocktake_loss: 'loss',
  reversal: 'rev'
}

export const stockCommands: CommandSpec[] = [
  {
    domain: 'stock',
    verb: 'on-hand',
    summary: 'stock on hand per contraceptive product and lot',
    usage: 'stationdesk stock on-hand [--all]',
    options: { all: { type: 'boolean', help: '--all  also list products with nothing on hand' } },
    notes: ['With --json the last line is [{"productId","code","name","unit","packSize","onHand","lots":[{"lotNumber","expiry","balance","expired"}]}].'],
    async run(c) {
      const stock = await c.call('inventory.stock', { includeEmpty: false })
      const shown = c.opts.all === true ? stock : stock.filter((p) => p.onHand !== 0)
      const rows = shown.flatMap((p) =>
        p.lots.length
          ? p.lots.map((l, i) => [i === 0 ? p.code : '', i === 0 ? p.name : '', l.lotNumber, l.expiry + (l.expired ? ' (expired)' : ''), n(l.balance), p.unit, packs(l.balance, p.packSize)])
          : [[p.code, p.name, '', '', '0', p.unit, '']]
      )
      const human = shown.length ? table(['code', 'product', 'lot', 'expiry', 'on hand', 'unit', 'packs'], rows) : ['Nothing on hand.']
      c.out.result(human, shown)
    }
  },
  {
    domain: 'stock',
    verb: 'report',
    summary: 'the monthly stock report: opening, moves by kind, closing, AMC, months of stock',
    usage: 'stationdesk stock report --period YYYY-MM',
    options: { period: { type: 'string', help: '--period YYYY-MM  the month (required)' } },
    notes: [
      'Quantities in base units; each row: opening + the columns = closing, and closing = the next month’s opening.',
      'With --json the last line is {"period","from","to","rows":[{"code","name","opening","columns":{kind:n},"closing","consumed","amc","monthsOfStock"}]}.'
    ],
    validate(opts) {
      const p = str(opts, 'period')
      if (!p) throw new UsageError('--period YYYY-MM is required')
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(p)) throw new UsageError(`--period is a month as YYYY-MM, not ${p}`)
    },
    async run(c) {
      const r = await c.call('inventory.monthlyReport', { period: str(c.opts, 'period')! })
      const rows = r.rows.map((x) => [x.code, n(x.opening), ...MOVE_KINDS.map((k) => (x.columns[k] ? n(x.columns[k]) : '')), n(x.closing), x.amc, x.monthsOfStock ?? '—'])
      c.out.result([`Stock report ${r.period} (${r.from} – ${r.to}), base units`, ...table(['code', 'opening', ...MOVE_KINDS.map((k) => KIND_TITLE[k]), 'closing', 'AMC', 'months'], rows)], r)
    }
  }
]
