/** What the crash harness (harness.ts) and its child process (child.ts) say to each other. */
export type CrashOpName = 'roster' | 'stocktake' | 'packet' | 'district'

export interface ChildSpec {
  op: CrashOpName
  dir: string
  args: Record<string, string>
  /** kill at the n-th write (1-based), before it runs or after it returned; null: run to the end */
  kill: { n: number; side: 'before' | 'after' } | null
}

/** the child's lines to the parent start with this, then one JSON object */
export const MARK = '@@crash '

export type ChildEvent = { event: 'start' } | { event: 'done'; count: number; ms: number; result: unknown } | { event: 'error'; message: string }
