import { eq, like, or, count, asc } from 'drizzle-orm'
import type { authApi, SessionUser, UserRow, usersApi } from '../../api/auth'
import type { Role } from '../../api/contract'
import type { Ctx } from '../context'
import { users } from '../db/schema'
import { AppError, fieldError, notFound } from '../errors'
import type { Handlers } from '../handler'
import { newId } from '../ids'
import { dailyBackupIfDue } from '../backups/daily'
import { DUMMY_HASH, hashPassword, verifyPassword } from './passwords'

export const MAX_FAILED = 5
export const LOCK_MINUTES = 15

type UserRecord = typeof users.$inferSelect

function toRow(u: UserRecord): UserRow {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    disabled: u.disabled,
    lockedUntil: u.lockedUntil,
    failedAttempts: u.failedAttempts,
    lastLoginAt: u.lastLoginAt,
    createdAt: u.createdAt
  }
}

function sessionUser(u: UserRecord): SessionUser {
  return { userId: u.id, username: u.username, displayName: u.displayName, role: u.role }
}

function getUser(ctx: Ctx, id: string): UserRecord {
  const u = ctx.db.select().from(users).where(eq(users.id, id)).get()
  if (!u) throw notFound('user', id)
  return u
}

/** the same answer for an unknown user and a wrong password */
const loginFailed = () => new AppError('LOGIN_FAILED', 'wrong username or password')

export const authHandlers: Handlers<typeof authApi> = {
  'auth.login': (ctx, input) => {
    const name = input.username.toLowerCase()
    const u = ctx.db.select().from(users).where(eq(users.username, name)).get()
    const now = ctx.clock.now()
    if (!u) {
      verifyPassword(input.password, DUMMY_HASH)
      ctx.audit({ action: 'auth.login_failed', actor: name, userId: null, entity: 'user', summary: 'unknown username', msg: ['login.unknownUser'] })
      ctx.failAfterCommit(loginFailed())
      return null as unknown as SessionUser
    }
    if (u.lockedUntil && new Date(u.lockedUntil) > now) {
      ctx.audit({ action: 'auth.login_refused', actor: name, userId: u.id, entity: 'user', entityId: u.id, summary: 'account locked', msg: ['login.refusedLocked'] })
      ctx.failAfterCommit(new AppError('ACCOUNT_LOCKED', `too many failed attempts: locked until ${u.lockedUntil}`, { lockedUntil: u.lockedUntil }))
      return null as unknown as SessionUser
    }
    const good = verifyPassword(input.password, u.passwordHash)
    if (!good) {
      const failed = (u.lockedUntil ? 0 : u.failedAttempts) + 1
      const lock = failed >= MAX_FAILED
      const lockedUntil = lock ? new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString() : null
      ctx.db
        .update(users)
        .set({ failedAttempts: lock ? 0 : failed, lockedUntil })
        .where(eq(users.id, u.id))
        .run()
      ctx.audit({
        action: lock ? 'auth.account_locked' : 'auth.login_failed',
        actor: name,
        userId: u.id,
        entity: 'user',
        entityId: u.id,
        summary: lock ? `locked for ${LOCK_MINUTES} minutes after ${MAX_FAILED} failed attempts` : `failed attempt ${failed} of ${MAX_FAILED}`,
        msg: lock ? ['login.accountLocked', { minutes: LOCK_MINUTES, max: MAX_FAILED }] : ['login.failed', { n: failed, max: MAX_FAILED }]
      })
      ctx.failAfterCommit(lock ? new AppError('ACCOUNT_LOCKED', `too many failed attempts: locked until ${lockedUntil}`, { lockedUntil }) : loginFailed())
      return null as unknown as SessionUser
    }
    if (u.disabled) {
      ctx.audit({ action: 'auth.login_refused', actor: name, userId: u.id, entity: 'user', entityId: u.id, summary: 'account disabled', msg: ['login.refusedDisabled'] })
      ctx.failAfterCommit(new AppError('ACCOUNT_DISABLED', 'this account is disabled: ask the administrator'))
      return null as unknown as SessionUser
    }
    const iso = now.toISOString()
    ctx.db.update(users).set({ failedAttempts: 0, lockedUntil: null, lastLoginAt: iso }).where(eq(users.id, u.id)).run()
    const s = ctx.runtime.sessions.create({
      userId: u.id,
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      roles: [u.role],
      actor: u.username,
      lastActivity: now.getTime()
    })
    ctx.setSession(s)
    ctx.audit({ action: 'auth.login', actor: u.username, userId: u.id, entity: 'user', entityId: u.id, summary: `logged in (${ctx.transport})`, msg: ['login.ok', { transport: ctx.transport }] })
    queueMicrotask(() => {
      try {
        dailyBackupIfDue(ctx.runtime)
      } catch (e) {
        console.error('[stationdesk] daily backup failed:', e)
      }
    })
    return sessionUser(u)
  },

  'auth.logout': (ctx) => {
    const s = ctx.user()
    ctx.runtime.sessions.delete(s.id)
    ctx.setSession(null)
    ctx.audit({ entity: 'user', entityId: s.userId ?? undefined, summary: 'logged out', msg: ['logout'] })
    return { done: true }
  },

  'auth.lock': (ctx) => {
    ctx.user().locked = true
    return { done: true }
  },

  'auth.unlock': (ctx, input) => {
    const s = ctx.user()
    if (!s.userId) throw new AppError('FORBIDDEN', 'not a user session')
    const u = getUser(ctx, s.userId)
    if (!verifyPassword(input.password, u.passwordHash)) {
      ctx.audit({ action: 'auth.unlock_failed', entity: 'user', entityId: u.id, summary: 'wrong password on the lock screen', msg: ['unlock.failed'] })
      ctx.failAfterCommit(fieldError('password', 'wrong_password', 'wrong password'))
      return null as unknown as SessionUser
    }
    s.locked = false
    s.lastActivity = ctx.clock.now().getTime()
    ctx.audit({ entity: 'user', entityId: u.id, summary: 'unlocked the screen', msg: ['unlock.ok'] })
    return sessionUser(u)
  },

  'auth.changePassword': (ctx, input) => {
    const s = ctx.user()
    if (!s.userId) throw new AppError('FORBIDDEN', 'not a user session')
    const u = getUser(ctx, s.userId)
    if (!verifyPassword(input.oldPassword, u.passwordHash)) throw fieldError('oldPassword', 'wrong_password', 'the current password is wrong')
    ctx.db.update(users).set({ passwordHash: hashPassword(input.newPassword), updatedAt: ctx.nowIso(), updatedBy: s.actor }).where(eq(users.id, u.id)).run()
    ctx.audit({ entity: 'user', entityId: u.id, summary: 'changed own password', msg: ['password.changed'] })
    return { done: true }
  }
}

function ensureAnotherAdmin(ctx: Ctx, u: UserRecord, nextRole: Role, nextDisabled: boolean): void {
  if (u.role !== 'admin' || (nextRole === 'admin' && !nextDisabled)) return
  const n = (ctx.sqlite.prepare(`SELECT count(*) AS n FROM users WHERE role = 'admin' AND disabled = 0 AND id <> ?`).get(u.id) as { n: number }).n
  if (n === 0) throw new AppError('CONFLICT', 'the last active administrator cannot be disabled or demoted', { rule: 'last_admin' })
}

export const usersHandlers: Handlers<typeof usersApi> = {
  'users.list': (ctx, input) => {
    const q = input.q?.trim()
    const w = q ? or(like(users.username, `%${q}%`), like(users.displayName, `%${q}%`)) : undefined
    const total = ctx.db.select({ n: count() }).from(users).where(w).get()?.n ?? 0
    const rows = ctx.db
      .select()
      .from(users)
      .where(w)
      .orderBy(asc(users.username))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .all()
    return { rows: rows.map(toRow), total, page: input.page, pageSize: input.pageSize }
  },

  'users.create': (ctx, input) => {
    const username = input.username.toLowerCase()
    if (ctx.db.select({ id: users.id }).from(users).where(eq(users.username, username)).get())
      throw new AppError('CONFLICT', `the username ${username} is taken`, { fields: [{ path: 'username', rule: 'taken', message: 'username taken' }] })
    const now = ctx.nowIso()
    const id = newId()
    ctx.db
      .insert(users)
      .values({ id, createdAt: now, updatedAt: now, updatedBy: ctx.user().actor, username, displayName: input.displayName, role: input.role, passwordHash: hashPassword(input.password) })
      .run()
    ctx.audit({ entity: 'user', entityId: id, summary: `created user ${username} (${input.role})`, msg: ['user.created', { username, role: input.role }] })
    return toRow(getUser(ctx, id))
  },

  'users.update': (ctx, input) => {
    const u = getUser(ctx, input.id)
    ensureAnotherAdmin(ctx, u, input.role, u.disabled)
    ctx.db.update(users).set({ displayName: input.displayName, role: input.role, updatedAt: ctx.nowIso(), updatedBy: ctx.user().actor }).where(eq(users.id, u.id)).run()
    ctx.audit({ entity: 'user', entityId: u.id, summary: `updated user ${u.username}`, msg: ['user.updated', { username: u.username }], details: { role: { before: u.role, after: input.role }, displayName: { before: u.displayName, after: input.displayName } } })
    return toRow(getUser(ctx, u.id))
  },

  'users.setDisabled': (ctx, input) => {
    const u = getUser(ctx, input.id)
    ensureAnotherAdmin(ctx, u, u.role, input.disabled)
    ctx.db.update(users).set({ disabled: input.disabled, updatedAt: ctx.nowIso(), updatedBy: ctx.user().actor }).where(eq(users.id, u.id)).run()
    if (input.disabled) ctx.runtime.sessions.deleteForUser(u.id)
    ctx.audit({ entity: 'user', entityId: u.id, summary: `${input.disabled ? 'disabled' : 'enabled'} user ${u.username}`, msg: [input.disabled ? 'user.disabled' : 'user.enabled', { username: u.username }] })
    return toRow(getUser(ctx, u.id))
  },

  'users.resetPassword': (ctx, input) => {
    const u = getUser(ctx, input.id)
    ctx.db
      .update(users)
      .set({ passwordHash: hashPassword(input.password), failedAttempts: 0, lockedUntil: null, updatedAt: ctx.nowIso(), updatedBy: ctx.user().actor })
      .where(eq(users.id, u.id))
      .run()
    ctx.runtime.sessions.deleteForUser(u.id)
    ctx.audit({ entity: 'user', entityId: u.id, summary: `reset the password of ${u.username} and cleared its lockout`, msg: ['user.reset', { username: u.username }] })
    return toRow(getUser(ctx, u.id))
  }
}
