/**
 * No certificate number and no packet sequence number is issued twice after an older backup is
 * restored, whichever way the admin restores it: a backup from the list (backups.restore), a
 * file uploaded as it is (backups.restoreFile with the .db), an encrypted export
 * (backups.restoreFile with the .sdbak and its passphrase), or the recovery screen after the
 * live file was damaged (recovery.restore). Each time: a certificate and a packet before the
 * backup, two certificates and a packet after it, the restore, then the next certificate's
 * serial and the next packet's sequence are above every one issued before the restore, the lost
 * ones are accounted for (a restored_backup gap, a declared skipped range), and no number
 * appears twice across everything ever issued.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { readCounters } from '../../../src/core/counters'
import { keyInfo } from '../../../src/core/keys/keystore'
import { verifyPacket } from '../../../src/core/packets/container'
import { makeHost, type TestHost } from '../../helpers/host'
import { facts, makeId } from '../../helpers/persons'
import { bytesOf, openSessions, packetStation } from '../packets/kit'

let t: TestHost
afterEach(() => t?.close())

let seq = 50
async function issue(): Promise<string> {
  const s = openSessions(t)
  seq++
  const p = await t.call('persons.create', facts({ idNumber: makeId('411523', '19940101', seq, 'female'), name: `外出${seq}`, hukouRegion: '411523', migrantStatus: 'out', migrantPlace: '北京市', migrantSince: '2026-06-01' }), s.clerk)
  return (await t.call('certificates.issue', { personId: p.id }, s.clerk)).number
}

async function packet(close: 'close' | 'reclose') {
  const s = openSessions(t)
  if (close === 'reclose') await t.call('periods.reopen', { period: '2026-10', reason: '补录' }, s.head)
  await t.call('periods.close', { period: '2026-10', acceptWarnings: true }, s.head)
  return t.call('packets.export', { period: '2026-10' }, s.head)
}

const serial = (n: string) => Number(n.slice(-5))
const inDb = () => (t.host.runtime.sqlite!.prepare('SELECT number FROM certificates').all() as { number: string }[]).map((r) => r.number)

type Restore = (backup: { name: string; file: string; sdbak: string }) => Promise<void>

const WAYS: Record<string, Restore> = {
  'backups.restore (a backup from the list)': async (b) => {
    await t.call('backups.restore', { name: b.name }, openSessions(t).admin)
  },
  'backups.restoreFile (the .db uploaded as it is)': async (b) => {
    await t.call('backups.restoreFile', { base64: fs.readFileSync(b.file).toString('base64') }, openSessions(t).admin)
  },
  'backups.restoreFile (an encrypted export with its passphrase)': async (b) => {
    await t.call('backups.restoreFile', { base64: b.sdbak, passphrase: 'usb stick pass' }, openSessions(t).admin)
  },
  'recovery.restore (after the live file was damaged)': async (b) => {
    const { dir, clock } = t
    t.close()
    const db = path.join(dir, 'stationdesk.db')
    const bytes = fs.readFileSync(db)
    bytes.fill(0, 0, 100)
    fs.writeFileSync(db, bytes)
    t = makeHost(dir, clock) // the machine's clock goes on
    expect(t.host.runtime.recovery).toBe(true)
    expect((await t.call('recovery.status')).goodBackups.map((x) => x.name)).toContain(b.name)
    await t.call('recovery.restore', { name: b.name })
  }
}

describe('after restoring an older backup, no number is issued twice', () => {
  for (const [way, restore] of Object.entries(WAYS))
    it(`through ${way}`, async () => {
      const st = await packetStation()
      t = st.t
      const demo = inDb()
      const p1 = await packet('close')
      const first = await issue()
      const s = openSessions(t)
      const name = (await t.call('backups.create', {}, s.admin)).name
      const sdbak = (await t.call('backups.export', { passphrase: 'usb stick pass' }, s.admin)).base64
      const backup = { name, file: path.join(t.dir, 'backups', name), sdbak }

      t.clock.advance(60_000)
      const lost = [await issue(), await issue()]
      const p2 = await packet('reclose')
      expect(p2.packet.seq).toBe(p1.packet.seq + 1)
      const before = [...demo, first, ...lost]
      expect(new Set(before).size).toBe(before.length)

      t.clock.advance(60_000)
      await restore(backup)
      // the restored database holds what the backup held: the lost ones are gone from it
      expect(inDb()).toEqual(expect.arrayContaining([...demo, first]))
      expect(inDb()).not.toEqual(expect.arrayContaining([lost[0]]))
      expect(readCounters(t.host.runtime.paths.counters)['certificate.2026'].value).toBe(serial(lost[1]))

      t.clock.advance(60_000)
      const next = await issue()
      expect(serial(next)).toBe(Math.max(...before.filter((n) => n.includes('-2026-')).map(serial)) + 1)
      expect(before).not.toContain(next)
      const numbering = (await t.call('certificates.numbering', {}, openSessions(t).clerk)).find((y) => y.year === 2026)!
      expect(numbering.gaps).toEqual([expect.objectContaining({ from: serial(lost[0]), to: serial(lost[1]), reason: 'restored_backup' })])

      const p3 = await packet('reclose')
      expect(p3.packet.seq).toBe(p2.packet.seq + 1)
      expect(p3.packet.prevSha256).toBe(p1.packet.sha256)
      const info = keyInfo(t.host.runtime.paths.privateKey)
      const manifest = verifyPacket(bytesOf(p3), (k) => (k === info.keyId ? { stationCode: '411523101', publicKey: info.publicKey } : null)).manifest
      expect(manifest.skipped).toEqual({ from: p2.packet.seq, to: p2.packet.seq, reason: 'restored_backup' })
      const all = [...before, next]
      expect(new Set(all).size).toBe(all.length)
      expect(await t.call('audit.verify', {}, openSessions(t).admin)).toMatchObject({ ok: true })
    }, 60_000)
})
