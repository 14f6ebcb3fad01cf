/** Every page of the app, joined from the domains' page lists. */
import { adminPages } from './admin'
import { auditPages } from './audit'
import { certificatesPages } from './certificates'
import { dashboardPages } from './dashboard'
import { districtPages } from './district'
import { inventoryPages } from './inventory'
import { packetsPages } from './packets'
import { periodsPages } from './periods'
import { personsPages } from './persons'
import { screeningPages } from './screening'
import { stationPages } from './station'
import type { PageDef } from './types'
import { verifyPages } from './verify'

export const pages: PageDef[] = [...dashboardPages, ...personsPages, ...screeningPages, ...certificatesPages, ...verifyPages, ...inventoryPages, ...stationPages, ...periodsPages, ...packetsPages, ...adminPages, ...auditPages, ...districtPages].sort((a, b) => a.order - b.order)
