import type { ComponentType, ReactNode } from 'react'
import type { Role } from '../../api/contract'

/** One page of the app: where it lives, who may open it, where it sits in the menu. */
export interface PageDef {
  path: string
  /** i18n key of its menu entry and title */
  navKey: string
  /** menu group: top level, migrant certificates, contraceptive stock, station records, or administration */
  group: 'top' | 'migrants' | 'stock' | 'station' | 'admin'
  icon?: ReactNode
  roles: readonly Role[]
  component: ComponentType
  /** position in its group */
  order: number
  /** the data folder modes it belongs to (default: a service station's only) */
  modes?: readonly ('station' | 'district')[]
  /** a page reached from another (a person's page from the register): not in the menu, its parent's entry marked */
  parent?: string
}
