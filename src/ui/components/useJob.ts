/**
 * A long job (DESIGN §2) from a page: `run(input)` starts the job method through jobs.start,
 * polls jobs.status (every ~200 ms) and resolves with the method's answer or its error; `status`
 * holds the progress meanwhile (phase, done of total) and `cancel()` stops it (nothing written).
 * A new run supersedes a job of the same hook still running (that one is cancelled). Polling
 * stops when the page goes away; the job itself is cancelled then only with `cancelOnUnmount`
 * (a check nobody will read), not by default (an import the user started keeps going).
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { Input, MethodName, Output } from '../../api'
import type { ApiError, ApiResult } from '../../api/contract'
import type { JobStatus } from '../../api/jobs'
import { callResult } from '../app/client'

export interface JobHandle<M extends MethodName> {
  /** the last status seen: progress while running, the final state after */
  status: JobStatus | null
  running: boolean
  result: Output<M> | null
  error: ApiError | null
  /**
   * starts the job and waits for its end: the method's result or error (a refused start, a
   * failure, CANCELLED); null when this run was superseded or the page went away
   */
  run(input: Input<M>): Promise<ApiResult<Output<M>> | null>
  /** asks the running job to stop; its run then ends with CANCELLED (or its result, if it had finished) */
  cancel(): Promise<void>
  /** forgets the last result and error */
  reset(): void
}

interface Run {
  jobId: string | null
  /** superseded or unmounted: no more state updates */
  stopped: boolean
  /** cancel requested before the job's id was known */
  cancelWanted: boolean
}

interface State<M extends MethodName> {
  status: JobStatus | null
  running: boolean
  result: Output<M> | null
  error: ApiError | null
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/** `method` must be a job method of the contract (persons.import, persons.importCheck …) */
export function useJob<M extends MethodName>(method: M, opts: { intervalMs?: number; cancelOnUnmount?: boolean } = {}): JobHandle<M> {
  const interval = opts.intervalMs ?? 200
  const cancelOnUnmount = opts.cancelOnUnmount ?? false
  const [state, setState] = useState<State<M>>({ status: null, running: false, result: null, error: null })
  const current = useRef<Run | null>(null)
  const mounted = useRef(true)

  const stopJob = (jobId: string | null) => {
    if (jobId) void callResult('jobs.cancel', { jobId })
  }

  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
      const r = current.current
      if (!r) return
      r.stopped = true
      if (cancelOnUnmount) {
        r.cancelWanted = true
        stopJob(r.jobId)
      }
    }
  }, [cancelOnUnmount])

  const run = useCallback(
    async (input: Input<M>): Promise<ApiResult<Output<M>> | null> => {
      const prev = current.current
      if (prev) {
        prev.stopped = true
        prev.cancelWanted = true
        stopJob(prev.jobId)
      }
      const mine: Run = { jobId: null, stopped: false, cancelWanted: false }
      current.current = mine
      setState({ status: null, running: true, result: null, error: null })
      const live = () => mounted.current && !mine.stopped
      const end = (status: JobStatus | null, r: ApiResult<Output<M>>): ApiResult<Output<M>> => {
        if (current.current === mine) current.current = null
        setState({ status, running: false, result: r.ok ? r.data : null, error: r.ok ? null : r.error })
        return r
      }

      const started = await callResult('jobs.start', { method, input })
      if (!started.ok) return live() ? end(null, started) : null
      mine.jobId = started.data.jobId
      // stopped (or cancel asked) while it was starting: stop the job too
      if (mine.cancelWanted) stopJob(mine.jobId)
      if (!live()) return null

      for (;;) {
        const st = await callResult('jobs.status', { jobId: mine.jobId })
        if (!live()) return null
        if (!st.ok) return end(null, st)
        const s = st.data
        if (s.state === 'running') {
          setState((x) => ({ ...x, status: s }))
          await sleep(interval)
          if (!live()) return null
          continue
        }
        if (s.state === 'done') return end(s, { ok: true, data: s.result as Output<M> })
        return end(s, { ok: false, error: s.error ?? { code: s.state === 'cancelled' ? 'CANCELLED' : 'INTERNAL', message: s.state } })
      }
    },
    [method, interval]
  )

  const cancel = useCallback(async () => {
    const r = current.current
    if (!r) return
    r.cancelWanted = true
    if (r.jobId) await callResult('jobs.cancel', { jobId: r.jobId })
  }, [])

  const reset = useCallback(() => setState((x) => (x.running ? x : { status: null, running: false, result: null, error: null })), [])

  return { ...state, run, cancel, reset }
}
