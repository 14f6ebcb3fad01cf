import type { PageDef } from '../types'
export const dashboardPages: PageDef[] = []
