/** closing a month (issue 7): the head's month-close page */
import { createElement } from 'react'
import { CalendarOutlined } from '@ant-design/icons'
import type { PageDef } from '../types'
import { PeriodsPage } from './PeriodsPage'

export const periodsPages: PageDef[] = [
  { path: '/periods', navKey: 'periods.nav', group: 'station', icon: createElement(CalendarOutlined), roles: ['head'], component: PeriodsPage, order: 50 }
]
