import { createElement } from 'react'
import { ImportOutlined, SolutionOutlined, UserAddOutlined } from '@ant-design/icons'
import type { PageDef } from '../types'
import { ImportPage } from './ImportPage'
import { PersonNewPage } from './PersonNewPage'
import { PersonPage } from './PersonPage'
import { PersonsPage } from './PersonsPage'

/** the people register (DESIGN §2b): head, clinician and clerk; the administrator does not see people */
const REGISTER = ['head', 'clinician', 'clerk'] as const

export const personsPages: PageDef[] = [
  { path: '/persons', navKey: 'persons.nav.list', group: 'top', icon: createElement(SolutionOutlined), roles: REGISTER, component: PersonsPage, order: 5 },
  { path: '/persons/new', navKey: 'persons.nav.new', group: 'top', icon: createElement(UserAddOutlined), roles: REGISTER, component: PersonNewPage, order: 6 },
  { path: '/persons/import', navKey: 'persons.nav.import', group: 'top', icon: createElement(ImportOutlined), roles: REGISTER, component: ImportPage, order: 6.5 },
  { path: '/persons/view', navKey: 'persons.nav.view', group: 'top', roles: REGISTER, component: PersonPage, order: 7, parent: '/persons' }
]
