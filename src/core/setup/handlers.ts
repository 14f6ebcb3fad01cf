import fs from 'node:fs'
import type { setupApi } from '../../api/setup'
import type { systemApi } from '../../api/system'
import { hashPassword } from '../auth/passwords'
import { station, users } from '../db/schema'
import { AppError } from '../errors'
import type { Handlers } from '../handler'
import { newId } from '../ids'
import { generateStationKey, keyInfo } from '../keys/keystore'
import { checkStationCode } from '../station/profile'
import { isSetUp } from './state'

export const setupHandlers: Handlers<typeof setupApi & typeof systemApi> = {
  'system.info': (ctx) => {
    const rt = ctx.runtime
    const s = ctx.session
    const setUp = rt.sqlite ? isSetUp(rt.sqlite) : false
    const st = setUp ? (rt.sqlite!.prepare('SELECT name, mode FROM station LIMIT 1').get() as { name: string; mode: 'station' | 'district' }) : null
    return {
      version: rt.version,
      setUp,
      recovery: rt.recovery,
      mode: st?.mode ?? null,
      stationName: st?.name ?? null,
      abilities: rt.abilities,
      timeZone: rt.clock.timeZone,
      idleMinutes: rt.idleMs / 60_000,
      session: s && s.userId ? { userId: s.userId, username: s.username, displayName: s.displayName, role: s.role, locked: s.locked } : null
    }
  },

  'setup.init': (ctx, input) => {
    if (isSetUp(ctx.sqlite)) throw new AppError('ALREADY_SET_UP', 'this station is set up already')
    checkStationCode(input.station.code, 'station.code')
    const now = ctx.nowIso()
    const actor = input.admin.username.toLowerCase()
    // the key first: if the file cannot be written, nothing is in the database yet
    const keyFile = ctx.runtime.paths.privateKey
    const key = fs.existsSync(keyFile) ? keyInfo(keyFile) : generateStationKey(keyFile, input.keyPassphrase)
    if (input.keyPassphrase && input.rememberPassphrase) ctx.runtime.options.passphraseStore?.set(input.keyPassphrase)
    const stationId = newId()
    ctx.db
      .insert(station)
      .values({
        id: stationId,
        createdAt: now,
        updatedAt: now,
        updatedBy: actor,
        mode: input.mode,
        level: input.station.level,
        code: input.station.code,
        name: input.station.name,
        address: input.station.address,
        phone: input.station.phone,
        buildingArea: input.station.buildingArea,
        keyId: key.keyId
      })
      .run()
    const adminId = newId()
    ctx.db
      .insert(users)
      .values({
        id: adminId,
        createdAt: now,
        updatedAt: now,
        updatedBy: actor,
        username: actor,
        displayName: input.admin.displayName,
        role: 'admin',
        passwordHash: hashPassword(input.admin.password)
      })
      .run()
    ctx.audit({ actor, userId: adminId, entity: 'station', entityId: stationId, summary: `set up ${input.station.code} ${input.station.name}; key ${key.keyId}`,
      msg: ['setup.done', { code: input.station.code, name: input.station.name, keyId: key.keyId }], details: { keyUnprotected: key.unprotected } })
    return { stationCode: input.station.code, keyId: key.keyId, keyUnprotected: key.unprotected }
  }
}
