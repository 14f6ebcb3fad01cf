/** What the screening documents share on paper: the table grid, the label fill, punctuation. */
import type { TableLayout } from 'pdfmake/interfaces'
import type { Lang } from './words'

export const GRID: TableLayout = {
  hLineWidth: () => 0.6,
  vLineWidth: () => 0.6,
  hLineColor: () => '#333333',
  vLineColor: () => '#333333',
  paddingLeft: () => 4,
  paddingRight: () => 4,
  paddingTop: () => 2.5,
  paddingBottom: () => 2.5
}

/** the slip's grid: tighter, so the longest findings (men's) and a referral fit one A5 page */
export const SLIP_GRID: TableLayout = { ...GRID, paddingTop: () => 1.8, paddingBottom: () => 1.5 }

/** a denser grid for long lists (the invitation list: a row per person) */
export const LIST_GRID: TableLayout = { ...GRID, paddingLeft: () => 3, paddingRight: () => 3, paddingTop: () => 3, paddingBottom: () => 3 }

export const LABEL_FILL = '#eeeeee'

/** punctuation: full-width in Chinese, ASCII with a space in English */
export function punct(lang: Lang): { colon: string; paren: (inner: string) => string; comma: string } {
  const en = lang === 'en'
  return { colon: en ? ': ' : '：', paren: (inner) => (en ? ` (${inner})` : `（${inner}）`), comma: en ? ', ' : '，' }
}
