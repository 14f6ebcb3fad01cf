/** Every domain's handlers, joined: the host refuses to start if a method lacks one. */
import { auditHandlers } from './audit/handlers'
import { authHandlers, usersHandlers } from './auth/handlers'
import { backupsHandlers } from './backups/handlers'
import { certificateRatesHandlers } from './certificates/rates'
import { certificatesHandlers } from './certificates/handlers'
import { certificatesPrintHandlers } from './certificates/print/handlers'
import { verificationsHandlers } from './certificates/verify'
import { dashboardHandlers } from './dashboard/handlers'
import { districtHandlers } from './district/handlers'
import { inventoryHandlers } from './inventory/handlers'
import { inventoryPrintHandlers } from './inventory/print/handlers'
import { keysHandlers } from './keys/handlers'
import { keysTrustHandlers } from './keys/trust'
import { personsHandlers } from './persons/handlers'
import { personsImportHandlers } from './persons/import/handlers'
import { periodsHandlers } from './periods/handlers'
import { packetsHandlers } from './packets/handlers'
import { jobsHandlers } from './jobs/handlers'
import { campaignDashboardHandlers, campaignsHandlers, recordsHandlers } from './screening/handlers'
import { printHandlers } from './print/handlers'
import { screeningPrintHandlers } from './screening/print/handlers'
import { setupHandlers } from './setup/handlers'
import { stationHandlers } from './station/handlers'

export const coreHandlers = {
  ...setupHandlers,
  ...authHandlers,
  ...usersHandlers,
  ...stationHandlers,
  ...auditHandlers,
  ...backupsHandlers,
  ...keysHandlers,
  ...keysTrustHandlers,
  ...dashboardHandlers,
  ...districtHandlers,
  ...certificateRatesHandlers,
  ...personsHandlers,
  ...verificationsHandlers,
  ...printHandlers,
  ...personsImportHandlers,
  ...jobsHandlers,
  ...campaignsHandlers,
  ...recordsHandlers,
  ...campaignDashboardHandlers,
  ...screeningPrintHandlers,
  ...inventoryHandlers,
  ...inventoryPrintHandlers,
  ...certificatesHandlers,
  ...certificatesPrintHandlers,
  ...periodsHandlers,
  ...packetsHandlers
}
