import { method } from './contract'
import { empty } from './common'

export interface DashboardSummary {
  station: { name: string; code: string; level: string; regionName: string }
  staff: { active: number; total: number; byPost: Record<string, number> }
  equipment: { items: number; units: number; byState: Record<string, number> }
  servicePoints: { villageRooms: number; mobileVans: number; inactive: number }
  users: { active: number; locked: number }
  audit: { today: number; lastBackupAt: string | null; chainOk: boolean }
  keyUnprotected: boolean
}

export const dashboardApi = {
  'dashboard.summary': method<DashboardSummary>()({ input: empty, roles: ['admin', 'head', 'clinician', 'clerk'], kind: 'read' })
}
