import type { PageDef } from '../types'

/** stocktake, monthly report, adjustments and destruction, product catalogue */
export const reportPages: PageDef[] = []
