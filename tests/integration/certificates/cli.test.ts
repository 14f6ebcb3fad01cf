/**
 * The certificate and trust commands through the in-process command line (`run(argv, io)`):
 * `cert verify` offline against a key file the operator names (no data folder touched), exit
 * codes 0 valid / 1 not valid or refused / 2 wrong usage, --json as the last line; `cert list`
 * with each QR text, verified again by `cert verify` against the station's exported key;
 * `keys district set`, `keys trust add`, `keys trust list`.
 */
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { run } from '../../../src/cli/main'
import { makeHost, tmpDir } from '../../helpers/host'
import { facts, makeId } from '../../helpers/persons'
import { DISTRICT, keyFile, NEIGHBOUR, qrOf, stationKey } from './verifyKit'

const NOW = '2026-11-20T02:00:00Z'

async function cli(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}) {
  let stdout = ''
  let stderr = ''
  const code = await run(args, {
    stdout: (s) => void (stdout += s),
    stderr: (s) => void (stderr += s),
    env: { USER: 'tester', STATIONDESK_NOW: NOW, ...opts.env },
    cwd: opts.cwd ?? tmpDir('sd-cli-cert-cwd-'),
    readLine: async () => null
  })
  return { code, stdout, stderr, json: () => JSON.parse(stdout.trim().split('\n').pop()!) }
}

function write(dir: string, name: string, text: string): string {
  fs.writeFileSync(path.join(dir, name), text)
  return name
}

describe('stationdesk cert verify', () => {
  const neighbour = NEIGHBOUR()
  const cwd = tmpDir('sd-cli-verify-')
  const unsigned = write(cwd, 'neighbour.json', keyFile([neighbour.entry]))

  it('a valid QR: exit 0, the result and the facts; --json is the check', async () => {
    const text = qrOf(neighbour)
    const r = await cli(['cert', 'verify', text, '--trust', unsigned], { cwd })
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toMatch(/^result:\s+valid$/m)
    expect(r.stdout).toMatch(/^number:\s+410105002-2026-00007$/m)
    expect(r.stdout).toMatch(new RegExp(`^issuer:\\s+${neighbour.entry.name} \\(410105002, key ${neighbour.entry.keyId}\\)$`, 'm'))
    expect(r.stdout).toMatch(/^children:\s+boys 1, girls 1$/m)
    const j = await cli(['cert', 'verify', text.toLowerCase().replace(':', '：'), '--trust', unsigned, '--json'], { cwd })
    expect(j.code).toBe(0)
    expect(j.stdout.split('\n').filter(Boolean)).toHaveLength(1)
    expect(j.json()).toMatchObject({ result: 'valid', issuer: { stationCode: '410105002', own: false }, facts: { name: '周晓梅', maritalStatus: 'married' } })
  })

  it('not valid: exit 1 with the reason (altered, unknown issuer, expired, not yet valid, malformed)', async () => {
    const text = qrOf(neighbour)
    const i = text.length - 10
    const altered = text.slice(0, i) + (text[i] === '0' ? '1' : '0') + text.slice(i + 1)
    const stranger = stationKey('410105004', '未列入清单的服务站')
    const cases: [string[], string][] = [
      [[altered], 'invalid_signature'],
      [[qrOf(stranger)], 'unknown_issuer'],
      [[text, '--on', '2029-03-01'], 'expired'],
      [[text, '--on', '2026-02-28'], 'not_yet_valid'],
      [['SD1:12345'], 'malformed']
    ]
    for (const [args, result] of cases) {
      const r = await cli(['cert', 'verify', ...args, '--trust', unsigned, '--json'], { cwd })
      expect(r.code, result).toBe(1)
      expect(r.json()).toMatchObject({ result, message: expect.any(String) })
      const human = await cli(['cert', 'verify', ...args, '--trust', unsigned], { cwd })
      expect(human.code).toBe(1)
      expect(human.stdout).toMatch(new RegExp(`^result:\\s+${result}$`, 'm'))
      expect(human.stdout).toMatch(/^reason:\s+\S/m)
    }
  })

  it('trusts a signed list too, whoever signed it (the operator chose the file)', async () => {
    const d = DISTRICT()
    const signed = write(cwd, 'district-list.json', keyFile([d.entry, neighbour.entry], d))
    expect((await cli(['cert', 'verify', qrOf(neighbour), '--trust', signed], { cwd })).code).toBe(0)
  })

  it('a key file that is not one is refused (exit 1); wrong usage exits 2', async () => {
    const bad = write(cwd, 'bad.json', '{"format":"something-else"}')
    const r = await cli(['cert', 'verify', qrOf(neighbour), '--trust', bad, '--json'], { cwd })
    expect(r.code).toBe(1)
    expect(r.json()).toMatchObject({ error: { code: 'VALIDATION', details: { reason: 'format' } } })
    for (const args of [
      ['cert', 'verify', qrOf(neighbour)],
      ['cert', 'verify', '--trust', unsigned],
      ['cert', 'verify', '', '--trust', unsigned],
      ['cert', 'verify', qrOf(neighbour), '--trust', 'missing.json'],
      ['cert', 'verify', qrOf(neighbour), '--trust', unsigned, '--on', '2026-02-30'],
      ['cert', 'verify', qrOf(neighbour), '--trust', unsigned, '--user', 'clerk']
    ]) {
      const u = await cli(args, { cwd })
      expect(u.code, args.join(' ')).toBe(2)
      expect(u.stderr).toMatch(/stationdesk cert verify/)
    }
    const help = await cli(['cert', 'verify', '--help'])
    expect(help.stdout).toContain('Usage: stationdesk cert verify QR_TEXT --trust KEYS.json [--on YYYY-MM-DD] [--json]')
  })

  it('needs no data folder: nothing is opened or created', async () => {
    const data = path.join(tmpDir('sd-cli-nodata-'), 'data')
    expect((await cli(['cert', 'verify', qrOf(neighbour), '--trust', unsigned], { cwd, env: { STATIONDESK_DATA: data } })).code).toBe(0)
    expect(fs.existsSync(data)).toBe(false)
  })
})

describe('keys and cert list on a station', () => {
  it('sets the district key, imports its list, lists certificates with their QR, verifies one against the exported key', async () => {
    const data = tmpDir('sd-cli-station-')
    const cwd = tmpDir('sd-cli-files-')
    const init = await cli(['init', '--station-code', '410102001', '--name', '示例乡计划生育服务站', '--admin', 'admin', '--data', data], {
      env: { STATIONDESK_PASSWORD: 'admin-pass-1' }
    })
    expect(init.code, init.stderr).toBe(0)
    const d = DISTRICT()
    const n = NEIGHBOUR()

    // the district key: once; another only with --replace
    const set = await cli(['keys', 'district', 'set', write(cwd, 'district.json', keyFile([d.entry], d)), '--data', data, '--json'], { cwd })
    expect(set.code, set.stderr).toBe(0)
    expect(set.json().district).toMatchObject({ keyId: d.entry.keyId, code: '410102000' })
    const d2 = DISTRICT()
    const again = await cli(['keys', 'district', 'set', write(cwd, 'district2.json', keyFile([d2.entry], d2)), '--data', data, '--json'], { cwd })
    expect(again.code).toBe(1)
    expect(again.json()).toMatchObject({ error: { code: 'CONFLICT' } })

    // the list: refused unsigned, taken signed
    const unsigned = await cli(['keys', 'trust', 'add', write(cwd, 'list-unsigned.json', keyFile([n.entry])), '--data', data], { cwd })
    expect(unsigned.code).toBe(1)
    expect(unsigned.stderr).toContain('这份密钥清单没有区县的有效签名')
    const added = await cli(['keys', 'trust', 'add', write(cwd, 'list.json', keyFile([n.entry], d)), '--data', data], { cwd })
    expect(added.code, added.stderr).toBe(0)
    expect(added.stdout).toContain('Imported 1 station keys')
    const listed = await cli(['keys', 'trust', 'list', '--data', data, '--json'])
    expect(listed.json().keys.map((k: { source: string; stationCode: string }) => `${k.source} ${k.stationCode}`)).toEqual(['own 410102001', 'district 410105002'])
    expect((await cli(['keys', 'trust', 'list', '--data', data])).stdout).toMatch(/^district key: 中原区计划生育服务站 \(410102000\)/m)
    expect((await cli(['keys', 'trust', 'add', '--data', data])).code).toBe(2)

    // two certificates issued through the method table
    const t = makeHost(data)
    const head = t.host.openLocalSession({ userId: null, username: 'cli:tester', displayName: 'cli:tester', role: 'head', roles: ['head'], actor: 'cli:tester' })
    const out = { migrantStatus: 'out' as const, migrantPlace: '广东省深圳市宝安区', migrantSince: '2026-03-01' }
    const numbers: string[] = []
    for (const [i, birth] of ['19960315', '19900707'].entries()) {
      const p = await t.call('persons.create', facts({ idNumber: makeId('410102', birth, 11 + i, 'female'), name: `王秀${i}`, ...out }), head)
      numbers.push((await t.call('certificates.issue', { personId: p.id }, head)).number)
    }
    t.close()

    const list = await cli(['cert', 'list', '--data', data, '--json'])
    expect(list.code, list.stderr).toBe(0)
    const rows = list.json() as { number: string; status: string; qr: string; name: string; idNumber: string; issueDate: string; validUntil: string }[]
    expect(rows.map((r) => r.number).sort()).toEqual(numbers.sort())
    expect(Object.keys(rows[0])).toEqual(['number', 'status', 'qr', 'name', 'idNumber', 'issueDate', 'validUntil'])
    expect(rows[0]).toMatchObject({ status: 'valid', qr: expect.stringMatching(/^SD1:\d+$/), issueDate: '2026-11-20' })
    const human = await cli(['cert', 'list', '--data', data])
    expect(human.stdout).toMatch(/^NUMBER\s+STATUS\s+NAME/m)
    expect(human.stdout).toContain('2 certificates')

    // the station's exported public key verifies its own certificates offline
    const exported = await cli(['keys', 'export', '--data', data, '--json'], { cwd })
    expect(exported.code, exported.stderr).toBe(0)
    const v = await cli(['cert', 'verify', rows[0].qr, '--trust', exported.json().file, '--json'])
    expect(v.code).toBe(0)
    expect(v.json()).toMatchObject({ result: 'valid', facts: { number: rows[0].number, idNumber: rows[0].idNumber } })
  })
})
