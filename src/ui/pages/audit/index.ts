import { createElement } from 'react'
import { AuditOutlined } from '@ant-design/icons'
import type { PageDef } from '../types'

const BOTH = ['station', 'district'] as const
import { AuditPage } from './AuditPage'

export const auditPages: PageDef[] = [
  { path: '/audit', modes: BOTH, navKey: 'common.nav.audit', group: 'admin', icon: createElement(AuditOutlined), roles: ['admin', 'head'], component: AuditPage, order: 130 }
]
