/** The whole contract: every method the core answers, with its input schema and roles. */
import { authApi, usersApi } from './auth'
import { auditApi } from './audit'
import { backupsApi } from './backups'
import { campaignDashboardApi, campaignsApi } from './campaigns'
import { certificateRatesApi } from './certificateRates'
import { certificatesApi } from './certificates'
import { certificatesPrintApi } from './certificatesPrint'
import { recordsApi } from './screeningRecords'
import { screeningPrintApi } from './screeningPrint'
import type { InputOf, OutputOf, MethodDef } from './contract'
import { dashboardApi } from './dashboard'
import { districtApi } from './district'
import { inventoryApi } from './inventory'
import { inventoryPrintApi } from './inventoryPrint'
import { jobsApi } from './jobs'
import { keysApi, keysTrustApi } from './keys'
import { personsApi, personsCardApi } from './persons'
import { personsImportApi } from './personsImport'
import { periodsApi } from './periods'
import { packetsApi } from './packets'
import { printApi } from './print'
import { setupApi } from './setup'
import { stationApi } from './station'
import { desktopApi, systemApi } from './system'
import { verificationsApi } from './verifications'

export const api = {
  ...systemApi,
  ...setupApi,
  ...authApi,
  ...usersApi,
  ...stationApi,
  ...auditApi,
  ...backupsApi,
  ...keysApi,
  ...keysTrustApi,
  ...dashboardApi,
  ...districtApi,
  ...certificateRatesApi,
  ...personsApi,
  ...personsCardApi,
  ...personsImportApi,
  ...jobsApi,
  ...campaignsApi,
  ...campaignDashboardApi,
  ...recordsApi,
  ...screeningPrintApi,
  ...inventoryApi,
  ...inventoryPrintApi,
  ...certificatesApi,
  ...certificatesPrintApi,
  ...verificationsApi,
  ...periodsApi,
  ...packetsApi,
  ...printApi,
  ...desktopApi
} as const

export type Api = typeof api
export type MethodName = keyof Api
export type Input<M extends MethodName> = InputOf<Api[M]>
export type Output<M extends MethodName> = OutputOf<Api[M]>

export const methodNames = Object.keys(api) as MethodName[]
export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(api, name)
}
export function methodDef(name: MethodName): MethodDef {
  return api[name] as MethodDef
}

export * from './contract'
