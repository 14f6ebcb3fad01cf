/** verifying in-migrants' certificates and the two rates (issue 6): head and clerk, as the contract's methods */
import { createElement } from 'react'
import { LineChartOutlined, ScanOutlined } from '@ant-design/icons'
import type { PageDef } from '../types'
import { RatesPage } from './RatesPage'
import { VerifyPage } from './VerifyPage'
import { RATES_PATH, VERIFY_PATH } from './words'

const CERT_ROLES = ['head', 'clerk'] as const

export const verifyPages: PageDef[] = [
  { path: VERIFY_PATH, navKey: 'verify.nav', group: 'migrants', icon: createElement(ScanOutlined), roles: CERT_ROLES, component: VerifyPage, order: 20 },
  { path: RATES_PATH, navKey: 'rates.nav', group: 'migrants', icon: createElement(LineChartOutlined), roles: CERT_ROLES, component: RatesPage, order: 21 }
]
