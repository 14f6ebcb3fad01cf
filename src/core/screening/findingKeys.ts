/**
 * A record's main findings as keys for the dashboard's distribution (written with the record into
 * screening_finding_keys, so the counts never parse JSON): breast — the higher BI-RADS of the two
 * sides and each side's clinical exam; cervical — cytology, VIA/VILI, HPV; men — the higher
 * varicocele grade, prostate, penis/urethra; gynecological — leucorrhea, cervix, adnexa.
 */
import type { Findings } from '../../api/screeningFindings'
import type { Sqlite } from '../db/open'
import { stmt } from '../db/stmt'

/** by severity: 0 (assessment incomplete, needs more imaging: a referral) ranks above 3 (probably benign) */
const BIRADS_ORDER = ['1', '2', '3', '0', '4A', '4B', '4C', '5', '6']
const GRADES = ['0', 'I', 'II', 'III']
const higher = (order: string[], a?: string | null, b?: string | null): string | null => {
  const ia = a ? order.indexOf(a) : -1
  const ib = b ? order.indexOf(b) : -1
  const i = Math.max(ia, ib)
  return i < 0 ? null : order[i]
}

export function findingKeys(f: Findings): string[] {
  const out: string[] = []
  const add = (k: string, v: unknown) => {
    if (v !== null && v !== undefined && v !== '') out.push(`${k}.${String(v)}`)
  }
  switch (f.kind) {
    case 'breast':
      add('birads', higher(BIRADS_ORDER, f.left.birads, f.right.birads))
      add('cbe.left', f.left.cbe)
      add('cbe.right', f.right.cbe)
      break
    case 'cervical':
      add('cytology', f.cytology)
      add('viaVili', f.viaVili)
      if (Array.isArray(f.hpv)) for (const h of f.hpv) add('hpv', h)
      else add('hpv', f.hpv)
      break
    case 'male_reproductive':
      add('varicocele', higher(GRADES, f.left.varicocele, f.right.varicocele))
      add('prostate', f.prostate)
      add('penisUrethra', f.penisUrethra)
      break
    case 'gynecological':
      add('leucorrhea', f.leucorrhea)
      add('cervix', f.cervix)
      add('adnexa', f.adnexa)
      break
  }
  return out
}

/** replaces a record's keys (inside the caller's transaction) */
export function writeFindingKeys(sqlite: Sqlite, recordId: string, campaignId: string, f: Findings): void {
  stmt(sqlite, 'DELETE FROM screening_finding_keys WHERE record_id = ?').run(recordId)
  const ins = stmt(sqlite, 'INSERT INTO screening_finding_keys (record_id, campaign_id, key) VALUES (?, ?, ?)')
  for (const k of findingKeys(f)) ins.run(recordId, campaignId, k)
}
