/** contraceptive inventory (issue 5): the clerk's daily stock work, and the head's stocktake, reports and catalogue */
import type { PageDef } from '../types'
import { stockPages } from './pagesStock'
import { reportPages } from './pagesReports'

export const inventoryPages: PageDef[] = [...stockPages, ...reportPages]
