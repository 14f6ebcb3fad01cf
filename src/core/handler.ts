import type { MethodDef, MethodMap, OutputOf, ParsedInputOf } from '../api/contract'
import type { Ctx } from './context'

export type Handler<D> = (ctx: Ctx, input: ParsedInputOf<D>) => OutputOf<D> | Promise<OutputOf<D>>
export type Handlers<M extends MethodMap> = { [K in keyof M]: Handler<M[K]> }
export type AnyHandler = (ctx: Ctx, input: unknown) => unknown
export type { MethodDef }
