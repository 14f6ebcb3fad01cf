/** What the stock documents share on paper: the grid, the fills, landscape pages, a signature line. */
import type { Content, TableLayout } from 'pdfmake/interfaces'
import type { Paper } from '../../../api/print'
import { PAPER, pageMargins, pageSetup, type Offset, type TDocumentDefinitions } from '../../print/pdf'

export const GRID: TableLayout = {
  hLineWidth: () => 0.6,
  vLineWidth: () => 0.6,
  hLineColor: () => '#333333',
  vLineColor: () => '#333333',
  paddingLeft: () => 3,
  paddingRight: () => 3,
  paddingTop: () => 2,
  paddingBottom: () => 2
}

export const HEAD_FILL = '#eeeeee'
export const GREY = '#666666'

/**
 * The page setup turned a quarter: the paper's long side across. Margins are the paper's, moved
 * by the offset like every other document (x right, y down).
 */
export function landscapeSetup(paper: Paper, offset: Offset): Pick<TDocumentDefinitions, 'pageSize' | 'pageOrientation' | 'pageMargins'> {
  const p = PAPER[paper]
  return { pageSize: { width: p.height, height: p.width }, pageOrientation: 'landscape', pageMargins: pageMargins(paper, offset) }
}

export const portraitSetup = pageSetup

/** "label ________" pairs side by side, for signatures on paper; each line fills its share of the width */
export function signatureLine(labels: string[], colon: string): Content {
  const underline: TableLayout = { hLineWidth: (i) => (i === 1 ? 0.6 : 0), vLineWidth: () => 0, paddingLeft: () => 0, paddingRight: () => 0, paddingTop: () => 0, paddingBottom: () => 1 }
  return {
    columns: labels.map((l) => ({
      width: '*',
      columns: [
        { text: `${l}${colon}`, width: 'auto', noWrap: true },
        { table: { widths: ['*'], body: [[' ']] }, layout: underline, width: '*' }
      ],
      columnGap: 2
    })),
    columnGap: 14,
    margin: [0, 18, 0, 0],
    unbreakable: true
  } as Content
}
