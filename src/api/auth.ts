import { z } from 'zod'
import { method, ROLES, type Role, type Page } from './contract'
import { empty, password, requiredText, text, paging } from './common'

export const ALL_ROLES: readonly Role[] = ROLES

export interface SessionUser {
  userId: string
  username: string
  displayName: string
  role: Role
}

export interface UserRow {
  id: string
  username: string
  displayName: string
  role: Role
  disabled: boolean
  lockedUntil: string | null
  failedAttempts: number
  lastLoginAt: string | null
  createdAt: string
}

export const username = z
  .string()
  .trim()
  .min(2, { message: 'username' })
  .max(32)
  .regex(/^[A-Za-z0-9_.-]+$/, { message: 'username' })

export const authApi = {
  'auth.login': method<SessionUser>()({
    input: z.object({ username: z.string().trim().min(1, { message: 'required' }).max(64), password: z.string().min(1, { message: 'required' }).max(200) }),
    roles: 'public',
    kind: 'write'
  }),
  'auth.logout': method<{ done: true }>()({ input: empty, roles: ALL_ROLES, kind: 'write' }),
  /** the screen locked after idle minutes: the same user types the password again */
  'auth.unlock': method<SessionUser>()({
    input: z.object({ password: z.string().min(1, { message: 'required' }).max(200) }),
    roles: ALL_ROLES,
    kind: 'write'
  }),
  'auth.lock': method<{ done: true }>()({ input: empty, roles: ALL_ROLES, kind: 'read' }),
  'auth.changePassword': method<{ done: true }>()({
    input: z.object({ oldPassword: z.string().min(1).max(200), newPassword: password }),
    roles: ALL_ROLES,
    kind: 'write'
  })
}

export const usersApi = {
  'users.list': method<Page<UserRow>>()({
    input: z.object({ q: text(64).optional(), ...paging }).optional().default({ page: 1, pageSize: 50 }),
    roles: ['admin'],
    kind: 'read'
  }),
  'users.create': method<UserRow>()({
    input: z.object({ username, displayName: requiredText(40), role: z.enum(ROLES), password }),
    roles: ['admin'],
    kind: 'write'
  }),
  'users.update': method<UserRow>()({
    input: z.object({ id: z.string().min(1), displayName: requiredText(40), role: z.enum(ROLES) }),
    roles: ['admin'],
    kind: 'write'
  }),
  'users.setDisabled': method<UserRow>()({
    input: z.object({ id: z.string().min(1), disabled: z.boolean() }),
    roles: ['admin'],
    kind: 'write'
  }),
  /** sets a new password and clears a lockout */
  'users.resetPassword': method<UserRow>()({
    input: z.object({ id: z.string().min(1), password }),
    roles: ['admin'],
    kind: 'write'
  })
}
