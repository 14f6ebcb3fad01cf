import type { campaignsApi } from '../../api/campaigns'
import type { Handlers } from '../handler'
import { listCampaigns, loadCampaign, saveCampaign, setCampaignStatus } from './campaigns'
import { campaignRoster, markRoster } from './roster'

export const campaignsHandlers: Handlers<typeof campaignsApi> = {
  'screening.campaigns': (ctx, input) => listCampaigns(ctx, input),
  'screening.campaign': (ctx, input) => loadCampaign(ctx, input.id),
  'screening.campaignSave': (ctx, input) => saveCampaign(ctx, input),
  'screening.campaignStatus': (ctx, input) => setCampaignStatus(ctx, input.id, input.status),
  'screening.roster': (ctx, input) => campaignRoster(ctx, input),
  'screening.mark': (ctx, input) => markRoster(ctx, input)
}
