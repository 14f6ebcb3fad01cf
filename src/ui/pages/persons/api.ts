/**
 * TEMPORARY adapter: the persons methods are in the contract (src/api/persons.ts) but not yet
 * joined into the Api map that the typed client checks against. Typed from personsApi itself,
 * so the pages stay strict; deleted once `personsApi` is in src/api/index.ts.
 */
import type { ApiResult, InputOf, OutputOf } from '../../../api/contract'
import type { personsApi } from '../../../api/persons'
import { call as rawCall, callResult as rawCallResult } from '../../app/client'

type P = typeof personsApi
type Loose = (method: string, input?: unknown) => Promise<unknown>

export function pcall<M extends keyof P>(method: M, input: InputOf<P[M]>): Promise<OutputOf<P[M]>> {
  return (rawCall as unknown as Loose)(method, input) as Promise<OutputOf<P[M]>>
}

export function pcallResult<M extends keyof P>(method: M, input: InputOf<P[M]>): Promise<ApiResult<OutputOf<P[M]>>> {
  return (rawCallResult as unknown as Loose)(method, input) as Promise<ApiResult<OutputOf<P[M]>>>
}
