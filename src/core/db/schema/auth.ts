import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { baseColumns } from './columns'

export const users = sqliteTable(
  'users',
  {
    ...baseColumns(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role', { enum: ['admin', 'head', 'clinician', 'clerk'] }).notNull(),
    /** scrypt$N$r$p$salt$hash (base64) */
    passwordHash: text('password_hash').notNull(),
    disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: text('locked_until'),
    lastLoginAt: text('last_login_at')
  },
  (t) => [uniqueIndex('users_username').on(t.username)]
)
