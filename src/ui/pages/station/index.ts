import type { PageDef } from '../types'
export const stationPages: PageDef[] = []
