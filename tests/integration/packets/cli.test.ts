/**
 * The packet commands through the in-process command line (`run(argv, io)`): `packet export`
 * writes the closed month's file into --out and prints its path, sequence number and SHA-256
 * (the same bytes again on a second export), `packet list`, and `packet verify` offline against
 * any key file — exit 0 valid with what the packet holds, 1 with the reason for a tampered,
 * truncated or foreign-signed file or one sealed to another district, 2 for wrong usage; with
 * the district's private key file a sealed packet's inner files are opened and checked.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { run } from '../../../src/cli/main'
import { tmpDir } from '../../helpers/host'
import { districtKey, packetStation, type DistrictKey } from './kit'

const NOW = '2026-11-20T02:00:00Z'

async function cli(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}) {
  let stdout = ''
  let stderr = ''
  const code = await run(args, {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    env: { USER: 'tester', STATIONDESK_NOW: NOW, ...opts.env },
    cwd: opts.cwd ?? cwd,
    readLine: async () => null
  })
  return { code, stdout, stderr, json: () => JSON.parse(stdout.trim().split('\n').pop()!) }
}

let cwd: string
let plainDir: string
let sealedDir: string
let district: DistrictKey
const sha = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex')

/** two demo stations with October closed: one plain, one with the district's seal key set */
beforeAll(async () => {
  cwd = tmpDir('sd-pkt-cli-')
  district = districtKey()
  const plain = await packetStation()
  await plain.t.call('periods.close', { period: '2026-10', acceptWarnings: true }, plain.s.head)
  plainDir = plain.t.dir
  plain.t.close()
  const sealed = await packetStation()
  await sealed.t.call('keys.districtSet', { content: district.file, replace: false }, sealed.s.admin)
  await sealed.t.call('periods.close', { period: '2026-10', acceptWarnings: true }, sealed.s.head)
  sealedDir = sealed.t.dir
  sealed.t.close()
  // the station's own public key file, as the district would register it (both copies of the demo station hold the same key)
  expect((await cli(['keys', 'export', '--data', plainDir, '--out', 'station.json'])).code).toBe(0)
})
afterAll(() => fs.rmSync(cwd, { recursive: true, force: true }))

describe('stationdesk packet export / list', () => {
  it('writes the file into --out, prints its path, seq and SHA-256; again the same bytes; list shows it', async () => {
    const r = await cli(['packet', 'export', '--period', '2026-10', '--data', plainDir, '--out', 'out'])
    expect(r.code, r.stderr).toBe(0)
    const file = path.join(cwd, 'out', '411523101-2026-10-0001.sdpkt')
    expect(r.stdout.split('\n')[0]).toBe(file)
    expect(r.stdout).toContain(`sha256 ${sha(file)}`)
    expect(r.stdout).toMatch(/^seq 1, 2026-10, [\d,]+ rows, [\d,]+ bytes, not sealed/m)
    expect(r.stdout).toContain('built now and stored')
    const first = fs.readFileSync(file)

    const j = await cli(['packet', 'export', '--period', '2026-10', '--data', plainDir, '--out', 'out', '--json'])
    expect(j.code).toBe(0)
    expect(j.json()).toMatchObject({ file, built: false, seq: 1, period: '2026-10', sha256: sha(file), exportCount: 2 })
    expect(fs.readFileSync(file).equals(first)).toBe(true)

    const l = await cli(['packet', 'list', '--data', plainDir])
    expect(l.code).toBe(0)
    expect(l.stdout).toMatch(new RegExp(`^1\\s+2026-10\\s+1\\s+[\\d,]+\\s+no\\s+2\\s+\\S+\\s+${sha(file)}$`, 'm'))
    expect(l.stdout).toContain('next sequence number: 2')
    const lj = await cli(['packet', 'list', '--data', plainDir, '--json'])
    expect(lj.json()).toMatchObject({ nextSeq: 2, pendingRows: 0, unexported: [], district: null, packets: [{ seq: 1, sha256: sha(file) }] })
  })

  it('refuses a month not closed (exit 1) and a malformed one (exit 2)', async () => {
    const open = await cli(['packet', 'export', '--period', '2026-09', '--data', plainDir, '--json'])
    expect(open.code).toBe(1)
    expect(open.json().error).toMatchObject({ code: 'CONFLICT', details: { rule: 'period_open' } })
    expect((await cli(['packet', 'export', '--period', '2026-9', '--data', plainDir])).code).toBe(2)
    expect((await cli(['packet', 'export', '--data', plainDir])).code).toBe(2)
  })
})

describe('stationdesk packet verify', () => {
  let file: string
  beforeAll(async () => {
    const r = await cli(['packet', 'export', '--period', '2026-10', '--data', plainDir, '--out', 'v', '--json'])
    file = r.json().file
  })

  it('valid: exit 0 with the station, period, seq, hashes, files with rows and totals; --json', async () => {
    const r = await cli(['packet', 'verify', file, '--trust', 'station.json'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/^result:\s+valid$/m)
    expect(r.stdout).toMatch(/^station:\s+新县沙窝镇计划生育服务站 \(411523101\), signed by key [0-9a-f]{16}/m)
    expect(r.stdout).toMatch(/^period:\s+2026-10$/m)
    expect(r.stdout).toMatch(/^sequence:\s+1$/m)
    expect(r.stdout).toMatch(/^previous:\s+none \(the first packet\)$/m)
    expect(r.stdout).toContain(`sha256:      ${sha(file)}`)
    expect(r.stdout).toMatch(/^sealed:\s+no$/m)
    expect(r.stdout).toMatch(/^\s+data\/persons\.jsonl(\.gz)?\s+40\s+[\d,]+$/m)
    expect(r.stdout).toMatch(/^totals:\s+screened \d+/m)
    const j = await cli(['packet', 'verify', file, '--trust', 'station.json', '--json'])
    expect(j.code).toBe(0)
    expect(j.stdout.split('\n').filter(Boolean)).toHaveLength(1)
    const v = j.json()
    expect(v).toMatchObject({ valid: true, station: { code: '411523101' }, period: '2026-10', seq: 1, prevSha256: null, sha256: sha(file), sealed: null })
    expect(v.files.find((f: { path: string }) => f.path === 'data/persons.jsonl')).toMatchObject({ rows: 40 })
    expect(v.totals).toHaveProperty('certificateRate')
  })

  it('not valid: exit 1 with the reason — a changed byte, a truncated file, a key file without the signer', async () => {
    const bytes = fs.readFileSync(file)
    const changed = Buffer.from(bytes)
    changed[Math.floor(bytes.length / 3)] ^= 0x20
    fs.writeFileSync(path.join(cwd, 'changed.sdpkt'), changed)
    fs.writeFileSync(path.join(cwd, 'cut.sdpkt'), bytes.subarray(0, bytes.length - 200))
    fs.writeFileSync(path.join(cwd, 'district.json'), district.file)
    const cases: [string, string, string, string][] = [
      ['changed.sdpkt', 'station.json', 'SIGNATURE_INVALID', 'bad_signature'],
      ['cut.sdpkt', 'station.json', 'VALIDATION', 'truncated'],
      [file, 'district.json', 'SIGNATURE_INVALID', 'unknown_key']
    ]
    for (const [f, trust, code, reason] of cases) {
      const r = await cli(['packet', 'verify', f, '--trust', trust])
      expect(r.code, f).toBe(1)
      expect(r.stderr).toContain(`file: ${reason}`)
      const j = await cli(['packet', 'verify', f, '--trust', trust, '--json'])
      expect(j.code).toBe(1)
      expect(j.json().error).toMatchObject({ code, details: { reason } })
    }
    expect((await cli(['packet', 'verify', 'changed.sdpkt', '--trust', 'station.json'])).stderr).toContain('the packet was changed after it was signed')
  })

  it('a sealed packet: valid without opening it; opened and checked with the district key; refused with another district key', async () => {
    const e = await cli(['packet', 'export', '--period', '2026-10', '--data', sealedDir, '--out', 'sealed', '--json'])
    expect(e.json()).toMatchObject({ sealed: true, recipientKeyId: district.keyId })
    const sealed = e.json().file as string
    const r = await cli(['packet', 'verify', sealed, '--trust', 'station.json'])
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(new RegExp(`^sealed:\\s+yes, to the district key ${district.keyId} \\(seal key ${district.seal.sealKeyId}\\); not opened`, 'm'))
    expect(r.stdout).toMatch(/^\s+payload\.sealed\s+[\d,]+$/m)
    expect(r.stdout).not.toMatch(/^totals:/m)

    const keyFile = district.privateKeyFile(cwd)
    const o = await cli(['packet', 'verify', sealed, '--trust', 'station.json', '--district-key', keyFile, '--json'])
    expect(o.code, o.stdout).toBe(0)
    const v = o.json()
    expect(v.sealed).toEqual({ recipientKeyId: district.keyId, sealKeyId: district.seal.sealKeyId, opened: true })
    expect(v.files.find((f: { path: string }) => f.path === 'data/persons.jsonl')).toMatchObject({ rows: 40 })
    expect(v.totals).toHaveProperty('screened')

    const other = districtKey('411524000', '另一个区县').privateKeyFile(tmpDir('sd-pkt-other-'))
    const x = await cli(['packet', 'verify', sealed, '--trust', 'station.json', '--district-key', other])
    expect(x.code).toBe(1)
    expect(x.stderr).toContain('file: not_for_this_district')
    // the district's public key file: the packet is checked to be addressed to it, not opened
    fs.writeFileSync(path.join(cwd, 'district.pub.json'), district.file)
    const a = await cli(['packet', 'verify', sealed, '--trust', 'station.json', '--district-key', 'district.pub.json'])
    expect(a.code, a.stderr).toBe(0)
    expect(a.stdout).toMatch(/^sealed:\s+yes, .*not opened/m)
    fs.writeFileSync(path.join(cwd, 'other.pub.json'), districtKey('411524000', '另一个区县').file)
    const b = await cli(['packet', 'verify', sealed, '--trust', 'station.json', '--district-key', 'other.pub.json'])
    expect(b.code).toBe(1)
    expect(b.stderr).toContain('file: not_for_this_district')
    // a key file without a seal key (a station's) cannot say: wrong usage
    expect((await cli(['packet', 'verify', sealed, '--trust', 'station.json', '--district-key', 'station.json'])).code).toBe(2)
  })

  it('wrong usage: exit 2', async () => {
    expect((await cli(['packet', 'verify', file])).code).toBe(2)
    expect((await cli(['packet', 'verify', 'missing.sdpkt', '--trust', 'station.json'])).code).toBe(2)
    expect((await cli(['packet', 'verify', file, '--trust', 'missing.json'])).code).toBe(2)
    fs.writeFileSync(path.join(cwd, 'notkeys.json'), '{"hello":1}')
    expect((await cli(['packet', 'verify', file, '--trust', 'notkeys.json'])).code).toBe(1)
  })
})
