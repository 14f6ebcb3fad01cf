import { DashboardOutlined } from '@ant-design/icons'
import { createElement } from 'react'
import type { PageDef } from '../types'
import { Dashboard } from './Dashboard'

export const dashboardPages: PageDef[] = [
  {
    path: '/',
    navKey: 'common.nav.home',
    group: 'top',
    icon: createElement(DashboardOutlined),
    roles: ['admin', 'head', 'clinician', 'clerk'],
    component: Dashboard,
    order: 0
  }
]
