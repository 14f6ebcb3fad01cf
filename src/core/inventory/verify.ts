/**
 * The check behind the stored balances: recompute every lot's balance and every product-month
 * total from the ledger and compare; walk each lot's moves in ledger order (date, then entry)
 * and report any point where it went below zero. `rebuildBalances` rewrites the stored figures
 * from the ledger (after a bulk load).
 */
import type { CheckResult } from '../../api/inventory'
import type { Sqlite } from '../db/open'

export function checkLedger(sqlite: Sqlite): CheckResult {
  const problems: CheckResult['problems'] = []
  const lots = sqlite
    .prepare('SELECT l.id, l.product_id AS productId, l.balance AS stored, coalesce((SELECT sum(m.quantity) FROM inv_moves m WHERE m.lot_id = l.id), 0) AS ledger FROM inv_lots l')
    .all() as { id: string; productId: string; stored: number; ledger: number }[]
  for (const l of lots) if (l.stored !== l.ledger) problems.push({ kind: 'lot_balance', lotId: l.id, productId: l.productId, stored: l.stored, ledger: l.ledger })

  const fromLedger = sqlite
    .prepare('SELECT product_id AS productId, substr(date, 1, 7) AS month, kind, sum(quantity) AS q, sum(consumed) AS c FROM inv_moves GROUP BY product_id, month, kind')
    .all() as { productId: string; month: string; kind: string; q: number; c: number }[]
  const stored = new Map(
    (sqlite.prepare('SELECT product_id AS productId, month, kind, quantity AS q, consumed AS c FROM inv_month_totals').all() as typeof fromLedger).map((r) => [`${r.productId}|${r.month}|${r.kind}`, r])
  )
  for (const r of fromLedger) {
    const key = `${r.productId}|${r.month}|${r.kind}`
    const s = stored.get(key)
    stored.delete(key)
    if (!s || s.q !== r.q || s.c !== r.c) problems.push({ kind: 'month_total', productId: r.productId, month: r.month, moveKind: r.kind, stored: s?.q ?? 0, ledger: r.q })
  }
  for (const s of stored.values()) if (s.q !== 0 || s.c !== 0) problems.push({ kind: 'month_total', productId: s.productId, month: s.month, moveKind: s.kind, stored: s.q, ledger: 0 })

  // ledger order per lot: the lot index holds (lot_id, date, seq, quantity), so this reads the index alone
  let lot = ''
  let running = 0
  let flagged = false
  let moves = 0
  for (const m of sqlite.prepare('SELECT lot_id AS lotId, date, quantity FROM inv_moves ORDER BY lot_id, date, seq').iterate() as IterableIterator<{ lotId: string; date: string; quantity: number }>) {
    moves++
    if (m.lotId !== lot) ((lot = m.lotId), (running = 0), (flagged = false))
    running += m.quantity
    if (running < 0 && !flagged) {
      problems.push({ kind: 'negative', lotId: lot, date: m.date, ledger: running })
      flagged = true
    }
  }
  return { ok: problems.length === 0, moves, lots: lots.length, problems }
}

export function rebuildBalances(sqlite: Sqlite): void {
  sqlite.transaction(() => {
    sqlite.prepare('UPDATE inv_lots SET balance = coalesce((SELECT sum(m.quantity) FROM inv_moves m WHERE m.lot_id = inv_lots.id), 0)').run()
    sqlite.prepare('DELETE FROM inv_month_totals').run()
    sqlite
      .prepare('INSERT INTO inv_month_totals (product_id, month, kind, quantity, consumed) SELECT product_id, substr(date, 1, 7), kind, sum(quantity), sum(consumed) FROM inv_moves GROUP BY 1, 2, 3')
      .run()
  })()
}
