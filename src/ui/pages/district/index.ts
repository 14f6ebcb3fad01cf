/** the district office's pages (a data folder set up in district mode, issue 7): admin and head */
import { createElement } from 'react'
import { BarChartOutlined, DashboardOutlined, ImportOutlined, InboxOutlined, ShopOutlined } from '@ant-design/icons'
import type { PageDef } from '../types'
import { DistrictHome } from './DistrictHome'
import { ImportPage } from './ImportPage'
import { PacketsPage } from './PacketsPage'
import { ReportPage } from './ReportPage'
import { StationsPage } from './StationsPage'

const DISTRICT = ['district'] as const
const ROLES = ['admin', 'head'] as const

export const districtPages: PageDef[] = [
  { path: '/', modes: DISTRICT, navKey: 'district.nav.home', group: 'top', icon: createElement(DashboardOutlined), roles: ROLES, component: DistrictHome, order: 0 },
  { path: '/district/import', modes: DISTRICT, navKey: 'district.nav.import', group: 'top', icon: createElement(ImportOutlined), roles: ROLES, component: ImportPage, order: 1 },
  { path: '/district/report', modes: DISTRICT, navKey: 'district.nav.report', group: 'top', icon: createElement(BarChartOutlined), roles: ROLES, component: ReportPage, order: 2 },
  { path: '/district/packets', modes: DISTRICT, navKey: 'district.nav.packets', group: 'top', icon: createElement(InboxOutlined), roles: ROLES, component: PacketsPage, order: 3 },
  { path: '/district/stations', modes: DISTRICT, navKey: 'district.nav.stations', group: 'top', icon: createElement(ShopOutlined), roles: ROLES, component: StationsPage, order: 4 }
]
