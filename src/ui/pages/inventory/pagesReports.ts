import { createElement } from 'react'
import { AppstoreOutlined, AuditOutlined, BarChartOutlined } from '@ant-design/icons'
import { STOCK_KEEPERS, STOCK_READERS } from '../../../api/inventory/products'
import type { PageDef } from '../types'
import { ProductsPage } from './ProductsPage'
import { ReportPage } from './ReportPage'
import { StocktakePage } from './StocktakePage'

/** stocktake, monthly report, adjustments and destruction (HeadMoveButtons on the stocktake page), product catalogue */
export const reportPages: PageDef[] = [
  { path: '/stock/stocktake', navKey: 'stockReports.nav.stocktake', group: 'stock', icon: createElement(AuditOutlined), roles: STOCK_KEEPERS, component: StocktakePage, order: 5 },
  { path: '/stock/report', navKey: 'stockReports.nav.report', group: 'stock', icon: createElement(BarChartOutlined), roles: STOCK_KEEPERS, component: ReportPage, order: 6 },
  { path: '/stock/products', navKey: 'stockReports.nav.products', group: 'stock', icon: createElement(AppstoreOutlined), roles: STOCK_READERS, component: ProductsPage, order: 7 }
]
