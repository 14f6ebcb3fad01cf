import type { PageDef } from '../types'
export const auditPages: PageDef[] = []
