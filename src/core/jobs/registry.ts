/**
 * The running and recently finished jobs of this core. A job belongs to the user who started it
 * (another user's job is NOT_FOUND to them); a finished job's status (with its result) is kept
 * for 30 minutes, then dropped.
 */
import type { ApiError } from '../../api/contract'
import type { JobState, JobStatus } from '../../api/jobs'
import { AppError } from '../errors'
import { newId } from '../ids'
import { cancelledError, type JobControl } from './control'

const KEEP_MS = 30 * 60_000

export class Job implements JobControl {
  readonly id = newId()
  state: JobState = 'running'
  phase = 'starting'
  done = 0
  total = 0
  finishedAt: string | null = null
  result: unknown
  error: ApiError | undefined
  private stop = false

  constructor(
    readonly method: string,
    readonly owner: string,
    readonly startedAt: string,
    private readonly now: () => Date
  ) {}

  get cancelled(): boolean {
    return this.stop
  }

  progress(phase: string, done = 0, total = 0): void {
    this.phase = phase
    this.done = done
    this.total = total
  }

  async checkpoint(): Promise<void> {
    await new Promise<void>((r) => setImmediate(r))
    if (this.stop) throw cancelledError()
  }

  requestCancel(): void {
    if (this.state === 'running') this.stop = true
  }

  finish(result: unknown): void {
    this.state = 'done'
    this.result = result
    this.phase = 'done'
    this.finishedAt = this.now().toISOString()
  }

  fail(error: ApiError): void {
    this.state = error.code === 'CANCELLED' ? 'cancelled' : 'failed'
    this.error = error
    this.finishedAt = this.now().toISOString()
  }

  status(): JobStatus {
    const s: JobStatus = { id: this.id, method: this.method, state: this.state, phase: this.phase, done: this.done, total: this.total, startedAt: this.startedAt, finishedAt: this.finishedAt }
    if (this.state === 'done') s.result = this.result
    if (this.error) s.error = this.error
    return s
  }
}

export class JobRegistry {
  private readonly jobs = new Map<string, Job>()
  constructor(private readonly now: () => Date) {}

  create(method: string, owner: string): Job {
    this.prune()
    const job = new Job(method, owner, this.now().toISOString(), this.now)
    this.jobs.set(job.id, job)
    return job
  }

  /** the caller's own job, else NOT_FOUND */
  get(id: string, owner: string): Job {
    const job = this.jobs.get(id)
    if (!job || job.owner !== owner) throw new AppError('NOT_FOUND', `job ${id} not found`, { entity: 'job', id })
    return job
  }

  /** jobs still running (a restore waits for none) */
  running(): number {
    let n = 0
    for (const j of this.jobs.values()) if (j.state === 'running') n++
    return n
  }

  private prune(): void {
    const cutoff = this.now().getTime() - KEEP_MS
    for (const [id, j] of this.jobs) if (j.finishedAt && Date.parse(j.finishedAt) < cutoff) this.jobs.delete(id)
  }
}

/** who owns a job: the user, or for a local operator without an account (CLI) the actor */
export function jobOwner(s: { userId: string | null; actor: string }): string {
  return s.userId ?? `actor:${s.actor}`
}
