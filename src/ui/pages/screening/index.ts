import { createElement } from 'react'
import { AlertOutlined, ExperimentOutlined } from '@ant-design/icons'
import type { PageDef } from '../types'
import { CampaignPage } from './CampaignPage'
import { CampaignsPage } from './CampaignsPage'
import { EntryPage } from './entry/EntryPage'
import { FollowUpsPage } from './FollowUpsPage'

/** screening campaigns and follow-up: head, clinician and clerk read; writes are checked per button (and by the core) */
const CLINIC = ['head', 'clinician', 'clerk'] as const

export const screeningPages: PageDef[] = [
  { path: '/screening', navKey: 'screening.nav.campaigns', group: 'top', icon: createElement(ExperimentOutlined), roles: CLINIC, component: CampaignsPage, order: 8 },
  { path: '/screening/view', navKey: 'screening.nav.view', group: 'top', roles: CLINIC, component: CampaignPage, order: 8.5, parent: '/screening' },
  { path: '/screening/entry', navKey: 'screeningEntry.nav', group: 'top', roles: CLINIC, component: EntryPage, order: 8.6, parent: '/screening' },
  { path: '/screening/follow-ups', navKey: 'screening.nav.followUps', group: 'top', icon: createElement(AlertOutlined), roles: CLINIC, component: FollowUpsPage, order: 9 }
]
