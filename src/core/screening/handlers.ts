import type { campaignDashboardApi, campaignsApi } from '../../api/campaigns'
import type { recordsApi } from '../../api/screeningRecords'
import type { Handlers } from '../handler'
import { followUpList, saveFollowUp } from './followUps'
import { listRecords, loadRecord, recordOf, saveRecord } from './records'
import { notFound } from '../errors'
import { listCampaigns, loadCampaign, saveCampaign, setCampaignStatus } from './campaigns'
import { campaignRoster, markRoster } from './roster'
import { campaignDashboard } from './dashboard'

export const campaignsHandlers: Handlers<typeof campaignsApi> = {
  'screening.campaigns': (ctx, input) => listCampaigns(ctx, input),
  'screening.campaign': (ctx, input) => loadCampaign(ctx, input.id),
  'screening.campaignSave': (ctx, input) => saveCampaign(ctx, input),
  'screening.campaignStatus': (ctx, input) => setCampaignStatus(ctx, input.id, input.status),
  'screening.roster': (ctx, input) => campaignRoster(ctx, input),
  'screening.mark': (ctx, input) => markRoster(ctx, input)
}

export const recordsHandlers: Handlers<typeof recordsApi> = {
  'screening.recordSave': (ctx, input) => saveRecord(ctx, input),
  'screening.record': (ctx, input) => {
    const id = 'id' in input ? input.id : recordOf(ctx, input.campaignId, input.personId)
    if (!id) throw notFound('screening record', `${'personId' in input ? input.personId : ''}`)
    const rec = loadRecord(ctx, id)
    ctx.audit({ entity: 'screeningRecord', entityId: rec.id, summary: `opened the screening record of ${rec.name}`, msg: ['screening.recordOpened', { name: rec.name, campaign: rec.campaignName }] })
    return rec
  },
  'screening.records': (ctx, input) => listRecords(ctx, input),
  'screening.followUps': (ctx, input) => followUpList(ctx, input),
  'screening.followUpSave': (ctx, input) => saveFollowUp(ctx, input)
}

export const campaignDashboardHandlers: Handlers<typeof campaignDashboardApi> = {
  'screening.dashboard': (ctx, input) => campaignDashboard(ctx, input.campaignId)
}
