import type { PageDef } from '../types'

/** stock on hand, stock card, receive, issue, dispense, return, reversal */
export const stockPages: PageDef[] = []
