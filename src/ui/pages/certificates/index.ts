/** migrant marriage-and-childbearing certificates (issue 6): the list, the issue flow and one certificate; head and clerk only */
import { createElement } from 'react'
import { FileAddOutlined, FileProtectOutlined } from '@ant-design/icons'
import type { PageDef } from '../types'
import { CertificatePage } from './CertificatePage'
import { CertificatesPage } from './CertificatesPage'
import { IssuePage } from './IssuePage'

/** who may issue, print and renew (the head also voids); clinicians and the administrator see no certificate */
export const CERT_ROLES = ['head', 'clerk'] as const

export const certificatesPages: PageDef[] = [
  { path: '/certificates', navKey: 'certificates.nav.list', group: 'migrants', icon: createElement(FileProtectOutlined), roles: CERT_ROLES, component: CertificatesPage, order: 1 },
  { path: '/certificates/new', navKey: 'certificates.nav.new', group: 'migrants', icon: createElement(FileAddOutlined), roles: CERT_ROLES, component: IssuePage, order: 1.1 },
  { path: '/certificates/view', navKey: 'certificates.nav.view', group: 'migrants', roles: CERT_ROLES, component: CertificatePage, order: 1.2, parent: '/certificates' }
]
