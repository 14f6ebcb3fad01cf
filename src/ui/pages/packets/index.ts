/** monthly data packets for the district (issue 7): the head's export and packet history */
import { createElement } from 'react'
import { SendOutlined } from '@ant-design/icons'
import type { PageDef } from '../types'
import { PacketsPage } from './PacketsPage'

export const packetsPages: PageDef[] = [
  { path: '/packets', navKey: 'packets.nav', group: 'station', icon: createElement(SendOutlined), roles: ['head'], component: PacketsPage, order: 60 }
]
