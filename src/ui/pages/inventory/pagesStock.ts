import { createElement } from 'react'
import { InboxOutlined } from '@ant-design/icons'
import { STOCK_KEEPERS, STOCK_READERS } from '../../../api/inventory/products'
import type { PageDef } from '../types'
import { DispensePage } from './DispensePage'
import { IssuePage } from './IssuePage'
import { ReceivePage } from './ReceivePage'
import { ReturnPage } from './ReturnPage'
import { StockCardPage } from './StockCardPage'
import { StockPage } from './StockPage'

/** stock on hand, stock card, receive, issue, dispense, return, reversal (roles as the contract's methods) */
export const stockPages: PageDef[] = [
  { path: '/stock', navKey: 'inventory.nav.stock', group: 'stock', icon: createElement(InboxOutlined), roles: STOCK_READERS, component: StockPage, order: 1 },
  { path: '/stock/card', navKey: 'inventory.nav.card', group: 'stock', roles: STOCK_READERS, component: StockCardPage, order: 1.1, parent: '/stock' },
  { path: '/stock/receive', navKey: 'inventory.nav.receive', group: 'stock', roles: STOCK_KEEPERS, component: ReceivePage, order: 1.2, parent: '/stock' },
  { path: '/stock/issue', navKey: 'inventory.nav.issue', group: 'stock', roles: STOCK_KEEPERS, component: IssuePage, order: 1.3, parent: '/stock' },
  { path: '/stock/dispense', navKey: 'inventory.nav.dispense', group: 'stock', roles: STOCK_KEEPERS, component: DispensePage, order: 1.4, parent: '/stock' },
  { path: '/stock/return', navKey: 'inventory.nav.return', group: 'stock', roles: STOCK_KEEPERS, component: ReturnPage, order: 1.5, parent: '/stock' }
]
