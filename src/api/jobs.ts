/**
 * Long jobs (DESIGN §2): a method marked `job` is started in the background with `jobs.start`,
 * watched with `jobs.status` and stopped with `jobs.cancel`, which leaves nothing written (a job
 * writes only in one transaction at its very end). A job belongs to the user who started it.
 */
import { z } from 'zod'
import { ROLES, method, type ApiError } from './contract'

export const JOB_STATES = ['running', 'done', 'failed', 'cancelled'] as const
export type JobState = (typeof JOB_STATES)[number]

export interface JobStatus {
  id: string
  /** the job method, e.g. persons.import */
  method: string
  state: JobState
  /** what it is doing now: reading, checking, writing, report … (the UI words it) */
  phase: string
  /** progress within the phase; total 0 when unknown */
  done: number
  total: number
  startedAt: string
  finishedAt: string | null
  /** the method's answer, once done */
  result?: unknown
  /** why it failed (or CANCELLED) */
  error?: ApiError
}

const jobId = z.object({ jobId: z.string().min(1).max(64) })

export const jobsApi = {
  /**
   * Starts a job method with its input; the method's own roles and input schema apply, and a
   * refusal comes back here at once. Answers the job's id.
   */
  'jobs.start': method<{ jobId: string }>()({
    input: z.object({ method: z.string().min(1).max(64), input: z.unknown() }),
    roles: ROLES,
    kind: 'read'
  }),
  'jobs.status': method<JobStatus>()({ input: jobId, roles: ROLES, kind: 'read' }),
  /** stops a running job; one that already finished keeps its result (answered as it is) */
  'jobs.cancel': method<JobStatus>()({ input: jobId, roles: ROLES, kind: 'read' })
}
