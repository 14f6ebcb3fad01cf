/**
 * `stationdesk district …` in-process (run(argv) with captured output): init, trust add, keys
 * export, import of a folder (per-file lines, exit 1 when any is refused), report (a table, and
 * {num,den,rate} rates in JSON), stations; and the mode gate seen from the command line.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { KeyFile } from '../../../src/api/keys'
import { run } from '../../../src/cli/main'
import { verifyKeyFile } from '../../../src/core/keys/keyfile'
import { tmpDir } from '../../helpers/host'
import { fakeStation, packetOf, reportsFor } from './kit'

interface Ran {
  code: number
  stdout: string
  stderr: string
  json(): any
}

async function cli(args: string[], env: Record<string, string> = {}): Promise<Ran> {
  let stdout = ''
  let stderr = ''
  const code = await run(args, {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    env: { USER: 'tester', STATIONDESK_NOW: '2026-11-20T02:00:00Z', ...env },
    cwd: process.cwd(),
    readLine: async () => null
  })
  return { code, stdout, stderr, json: () => JSON.parse(stdout.trimEnd().split('\n').pop()!) }
}

describe('stationdesk district', () => {
  it('init, trust add, keys export, import DIR, report, stations', async () => {
    const dir = tmpDir('sd-district-cli-')
    const work = tmpDir('sd-district-files-')
    const data = ['--data', dir]

    const usage = await cli(['district', 'init', '--code', '411523000', ...data])
    expect(usage.code).toBe(2)
    expect(usage.stderr).toMatch(/--name, --admin/)
    const init = await cli(['district', 'init', '--code', '411523000', '--name', '新县卫生健康委员会', '--admin', 'Admin', ...data, '--json'], { STATIONDESK_PASSWORD: 'admin-pass-1' })
    expect(init.code, init.stderr).toBe(0)
    expect(init.json()).toMatchObject({ stationCode: '411523000', admin: 'admin' })
    expect(init.stderr).toMatch(/WARNING/)
    const info = await cli(['info', ...data, '--json'])
    expect(info.json()).toMatchObject({ mode: 'district' })

    // the stations' key files
    const a = fakeStation('411523101', '沙窝镇服务站')
    const b = fakeStation('411523102', '新集镇服务站')
    const a2 = { ...fakeStation('411523101', '沙窝镇服务站'), code: a.code }
    for (const [name, s] of [
      ['a.json', a],
      ['b.json', b],
      ['a2.json', a2]
    ] as const)
      fs.writeFileSync(path.join(work, name), s.keyFile())
    expect((await cli(['district', 'trust', 'add', path.join(work, 'a.json'), ...data])).code).toBe(0)
    const added = await cli(['district', 'trust', 'add', path.join(work, 'b.json'), ...data])
    expect(added.stdout).toContain(`Station 411523102 新集镇服务站: key ${b.keyId} registered`)
    const conflict = await cli(['district', 'trust', 'add', path.join(work, 'a2.json'), ...data, '--json'])
    expect(conflict.code).toBe(1)
    expect(conflict.json().error).toMatchObject({ code: 'CONFLICT', details: { fields: [{ rule: 'station_key_set' }] } })
    expect((await cli(['district', 'trust', 'add', path.join(work, 'a2.json'), '--replace', ...data])).code).toBe(0)
    expect((await cli(['district', 'trust', 'add', path.join(work, 'missing.json'), ...data])).code).toBe(2)

    // the signed list, with the seal key stations seal to
    const listFile = path.join(work, 'district-keys.json')
    const exp = await cli(['district', 'keys', 'export', '--out', listFile, ...data, '--json'])
    expect(exp.code, exp.stderr).toBe(0)
    const list = JSON.parse(fs.readFileSync(listFile, 'utf8')) as KeyFile
    expect(verifyKeyFile(list, list.keys[0].publicKey)).toBe(true)
    expect(exp.json()).toMatchObject({ file: listFile, keys: 3, signedBy: list.keys[0].keyId })
    const seal = { sealKey: list.keys[0].sealKey!, recipientKeyId: list.keys[0].keyId }

    // a folder of packets: a's old key then its new one (sealed), b's month, a damaged file
    const inbox = path.join(work, 'inbox')
    fs.mkdirSync(inbox)
    const p1 = packetOf(a, { seq: 1, period: '2026-09', reports: reportsFor('2026-09', 1) })
    const p2 = packetOf(a2, { seq: 2, period: '2026-10', prev: p1.sha256, seal, reports: reportsFor('2026-10', 1) })
    const pb = packetOf(b, { seq: 1, period: '2026-10', seal, reports: reportsFor('2026-10', 2) })
    fs.writeFileSync(path.join(inbox, 'a-2026-09.sdpkt'), p1.bytes)
    fs.writeFileSync(path.join(inbox, 'a-2026-10.sdpkt'), p2.bytes)
    fs.writeFileSync(path.join(inbox, 'b-2026-10.sdpkt'), pb.bytes)
    fs.writeFileSync(path.join(inbox, 'c-broken.sdpkt'), pb.bytes.subarray(0, 500))
    fs.writeFileSync(path.join(inbox, 'notes.txt'), 'not a packet')
    const imp = await cli(['district', 'import', inbox, ...data])
    expect(imp.code).toBe(1)
    const lines = imp.stdout.trim().split('\n')
    expect(lines[0]).toMatch(/^imported {3}a-2026-09\.sdpkt {2}station 411523101 #1 2026-09, 0 rows$/)
    expect(lines[1]).toMatch(/^imported {3}a-2026-10\.sdpkt/)
    expect(lines[2]).toMatch(/^imported {3}b-2026-10\.sdpkt/)
    expect(lines[3]).toMatch(/^refused {4}c-broken\.sdpkt {2}truncated: /)
    expect(lines[4]).toBe('4 files: 3 imported, 0 duplicates, 1 refused.')
    fs.rmSync(path.join(inbox, 'c-broken.sdpkt'))
    const again = await cli(['district', 'import', inbox, ...data, '--json'])
    expect(again.code).toBe(0)
    expect(again.json()).toMatchObject({ imported: 0, duplicates: 3, refused: 0 })
    const empty = tmpDir('sd-district-empty-')
    expect((await cli(['district', 'import', empty, ...data])).code).toBe(2)

    const rep = await cli(['district', 'report', '--period', '2026-10', ...data])
    expect(rep.code, rep.stderr).toBe(0)
    expect(rep.stdout).toContain('District report 2026-10: 2 of 2 stations reported')
    expect(rep.stdout).toMatch(/TOTAL\s+2\/2\s+90\s+6\s+75\s+6\s+12\s+90\.0% \(27\/30\)\s+75\.0% \(9\/12\)/)
    const repJson = (await cli(['district', 'report', '--period', '2026-10', ...data, '--json'])).json()
    expect(repJson.rates).toEqual({ certificate: { num: 27, den: 30, rate: 0.9 }, verification: { num: 9, den: 12, rate: 0.75 } })
    expect(repJson.stations.map((s: { code: string; packetSeq: number }) => [s.code, s.packetSeq])).toEqual([
      ['411523101', 2],
      ['411523102', 1]
    ])
    const sept = (await cli(['district', 'report', '--period', '2026-09', ...data, '--json'])).json()
    // b's first packet is October's and it was registered later: September was not due from it
    expect(sept.missing).toEqual([])
    expect(sept.stations.map((s: { code: string; due: boolean }) => [s.code, s.due])).toEqual([
      ['411523101', true],
      ['411523102', false]
    ])
    const septText = await cli(['district', 'report', '--period', '2026-09', ...data])
    expect(septText.stdout).toMatch(/411523102\s+新集镇服务站\s+not due/)
    expect((await cli(['district', 'report', '--period', '2026-13', ...data])).code).toBe(2)

    const stations = await cli(['district', 'stations', ...data])
    expect(stations.stdout).toContain(`${a2.keyId}, ${a.keyId} (retired)`)
    expect(stations.stdout).toMatch(/411523101\s+沙窝镇服务站.*\s2\s+#2 2026-10\s+—\s+—/)

    // the mode gate from the command line
    const persons = await cli(['stock', 'on-hand', ...data, '--json'])
    expect(persons.code).toBe(1)
    expect(persons.json().error.code).toBe('UNSUPPORTED')
  }, 60_000)
})
