import type { periodsApi } from '../../api/periods'
import type { Handlers } from '../handler'
import { closePeriod, previewClose, reopenPeriod } from './close'
import { listPeriods } from './list'

export const periodsHandlers: Handlers<typeof periodsApi> = {
  'periods.list': (ctx) => listPeriods(ctx),
  'periods.preview': (ctx, input) => previewClose(ctx, input.period),
  'periods.close': (ctx, input) => closePeriod(ctx, input),
  'periods.reopen': (ctx, input) => reopenPeriod(ctx, input)
}
