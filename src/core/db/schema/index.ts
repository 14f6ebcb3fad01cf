export * from './station'
export * from './auth'
export * from './audit'
export * from './persons'
