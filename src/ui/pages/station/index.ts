import { createElement } from 'react'
import { EnvironmentOutlined, IdcardOutlined, TeamOutlined, ToolOutlined } from '@ant-design/icons'
import type { PageDef } from '../types'

const BOTH = ['station', 'district'] as const
import { EquipmentPage } from './EquipmentPage'
import { ProfilePage } from './ProfilePage'
import { ServicePointsPage } from './ServicePointsPage'
import { StaffPage } from './StaffPage'

const READ = ['admin', 'head', 'clinician', 'clerk'] as const

export const stationPages: PageDef[] = [
  { path: '/station/profile', modes: BOTH, navKey: 'common.nav.profile', group: 'station', icon: createElement(IdcardOutlined), roles: READ, component: ProfilePage, order: 10 },
  { path: '/station/staff', modes: BOTH, navKey: 'common.nav.staff', group: 'station', icon: createElement(TeamOutlined), roles: READ, component: StaffPage, order: 20 },
  { path: '/station/equipment', modes: BOTH, navKey: 'common.nav.equipment', group: 'station', icon: createElement(ToolOutlined), roles: READ, component: EquipmentPage, order: 30 },
  {
    path: '/station/service-points',
    navKey: 'common.nav.servicePoints',
    group: 'station',
    icon: createElement(EnvironmentOutlined),
    roles: READ,
    component: ServicePointsPage,
    order: 40
  }
]
