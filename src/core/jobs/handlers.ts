import type { jobsApi } from '../../api/jobs'
import type { Handlers } from '../handler'
import { jobOwner } from './registry'

/** jobs.start is answered by the host itself (it runs another method): see host.ts */
export const jobsHandlers: Omit<Handlers<typeof jobsApi>, 'jobs.start'> = {
  'jobs.status': (ctx, input) => ctx.runtime.jobs.get(input.jobId, jobOwner(ctx.user())).status(),
  'jobs.cancel': (ctx, input) => {
    const job = ctx.runtime.jobs.get(input.jobId, jobOwner(ctx.user()))
    job.requestCancel()
    return job.status()
  }
}
