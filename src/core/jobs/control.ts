/**
 * What a long job's handler sees (ctx.job): report progress, and give way at checkpoints, where
 * a cancel takes effect. A job writes only in one transaction at its end (ctx.commit), so a
 * cancel before it leaves nothing written, and one during it (synchronous) cannot happen.
 */
import { AppError } from '../errors'

export interface JobControl {
  /** phase: reading, checking, writing, report …; done of total (total 0: unknown) */
  progress(phase: string, done?: number, total?: number): void
  /** yields to the event loop, so other calls (and jobs.cancel) are answered; throws CANCELLED when asked to stop */
  checkpoint(): Promise<void>
  readonly cancelled: boolean
}

export const cancelledError = () => new AppError('CANCELLED', 'cancelled: nothing was written')

/** a job called directly (CLI, tests): no one watches, no one cancels, but it still gives way */
export const directJob: JobControl = {
  progress() {},
  async checkpoint() {
    await new Promise<void>((r) => setImmediate(r))
  },
  cancelled: false
}
