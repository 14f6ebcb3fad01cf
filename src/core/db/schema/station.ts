import { integer, real, sqliteTable, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { baseColumns } from './columns'

/** This installation's station: exactly one row once set up. */
export const station = sqliteTable('station', {
  ...baseColumns(),
  mode: text('mode', { enum: ['station', 'district'] }).notNull(),
  level: text('level', { enum: ['district', 'township'] }).notNull(),
  code: text('code').notNull(),
  name: text('name').notNull(),
  address: text('address').notNull().default(''),
  phone: text('phone').notNull().default(''),
  buildingArea: real('building_area'),
  keyId: text('key_id').notNull()
})

export const staff = sqliteTable(
  'staff',
  {
    ...baseColumns(),
    name: text('name').notNull(),
    post: text('post').notNull(),
    qualification: text('qualification').notNull().default(''),
    licenceNo: text('licence_no').notNull().default(''),
    phone: text('phone').notNull().default(''),
    active: integer('active', { mode: 'boolean' }).notNull().default(true)
  },
  (t) => [index('staff_name').on(t.name)]
)

export const equipment = sqliteTable(
  'equipment',
  {
    ...baseColumns(),
    name: text('name').notNull(),
    model: text('model').notNull().default(''),
    count: integer('count').notNull(),
    state: text('state').notNull(),
    acquired: text('acquired')
  },
  (t) => [index('equipment_name').on(t.name)]
)

export const servicePoints = sqliteTable(
  'service_points',
  {
    ...baseColumns(),
    kind: text('kind', { enum: ['village_room', 'mobile_van'] }).notNull(),
    code: text('code').notNull().default(''),
    name: text('name').notNull(),
    address: text('address').notNull().default(''),
    active: integer('active', { mode: 'boolean' }).notNull().default(true)
  },
  (t) => [index('service_points_name').on(t.name), uniqueIndex('service_points_code').on(t.code).where(sqlNotEmpty(t.code))]
)

import { sql, type SQL } from 'drizzle-orm'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
function sqlNotEmpty(c: SQLiteColumn): SQL {
  return sql`${c} <> ''`
}
