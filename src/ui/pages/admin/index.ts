import type { PageDef } from '../types'
export const adminPages: PageDef[] = []
