import { createElement } from 'react'
import { DatabaseOutlined, KeyOutlined, PrinterOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons'
import type { PageDef } from '../types'

const BOTH = ['station', 'district'] as const
import { BackupsPage } from './BackupsPage'
import { KeysPage } from './KeysPage'
import { PrintSettingsPage } from './PrintSettingsPage'
import { TrustPage } from './TrustPage'
import { UsersPage } from './UsersPage'

export const adminPages: PageDef[] = [
  { path: '/admin/users', modes: BOTH, navKey: 'common.nav.users', group: 'admin', icon: createElement(UserOutlined), roles: ['admin'], component: UsersPage, order: 100 },
  { path: '/admin/backups', modes: BOTH, navKey: 'common.nav.backups', group: 'admin', icon: createElement(DatabaseOutlined), roles: ['admin'], component: BackupsPage, order: 110 },
  { path: '/admin/keys', modes: BOTH, navKey: 'common.nav.keys', group: 'admin', icon: createElement(KeyOutlined), roles: ['admin', 'head'], component: KeysPage, order: 120 },
  { path: '/admin/trust', navKey: 'verify.trust.nav', group: 'admin', icon: createElement(SafetyCertificateOutlined), roles: ['admin', 'head'], component: TrustPage, order: 125 },
  { path: '/admin/print', navKey: 'printSettings.nav', group: 'admin', icon: createElement(PrinterOutlined), roles: ['admin', 'head'], component: PrintSettingsPage, order: 130 }
]
