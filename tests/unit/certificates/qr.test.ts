/**
 * The certificate QR codec (src/core/certificates/qr.ts): a round trip; what a scanner or an
 * input method may do to the text (case, full-width characters, blanks); every single-character
 * change of a valid text refused (never 'valid'); an unknown signer; the dates; malformed texts
 * named with a reason; and a fuzz of random texts that never throws. A seeded PRNG keeps each
 * run identical.
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import type { QrFacts } from '../../../src/api/verifications'
import { bytesToDigits, checkQrText, encodeQr, QR_PREFIX, type TrustedSigner } from '../../../src/core/certificates/qr'
import { keyIdOf, rawPublicKey } from '../../../src/core/keys/keystore'
import { mulberry32 } from '../../../src/core/demo/random'

const TODAY = '2026-11-20'

function key(stationCode: string, name: string, own = false): { signer: TrustedSigner; privateKey: KeyObject } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  const raw = rawPublicKey(publicKey)
  return { signer: { stationCode, name, keyId: keyIdOf(raw), publicKey: raw.toString('base64'), own }, privateKey }
}

const station = key('410105002', '金水区某乡计划生育服务站')
const trusted = [station.signer]
const findKey = (keyId: string) => trusted.find((k) => k.keyId === keyId) ?? null

const FACTS: QrFacts = {
  number: '410105002-2026-00007',
  stationCode: '410105002',
  name: '周晓梅',
  idNumber: '41010519950612212X',
  issueDate: '2026-03-01',
  validUntil: '2029-02-28',
  maritalStatus: 'remarried',
  boys: 2,
  girls: 1
}
const qr = (over: Partial<QrFacts> = {}, k = station) => encodeQr({ ...FACTS, ...over }, k.signer.keyId, k.privateKey)
const TEXT = qr()

describe('round trip', () => {
  it('a signed text reads back as its facts and its signer', () => {
    expect(TEXT.startsWith(QR_PREFIX)).toBe(true)
    expect(/^SD1:\d+$/.test(TEXT)).toBe(true)
    const r = checkQrText(TEXT, findKey, TODAY)
    expect(r).toEqual({
      result: 'valid',
      keyId: station.signer.keyId,
      issuer: { stationCode: '410105002', name: station.signer.name, keyId: station.signer.keyId, own: false },
      facts: FACTS,
      message: 'valid'
    })
  })

  it('every marital status and child count survives', () => {
    for (const maritalStatus of ['unmarried', 'married', 'remarried', 'divorced', 'widowed'] as const)
      for (const [boys, girls] of [[0, 0], [3, 12]])
        expect(checkQrText(qr({ maritalStatus, boys, girls }), findKey, TODAY).facts).toEqual({ ...FACTS, maritalStatus, boys, girls })
  })

  it('a lower-case prefix, full-width characters and blanks are read as the scanner meant them', () => {
    const digits = TEXT.slice(4)
    const fullWidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)))
    for (const t of ['sd1:' + digits, 'Sd1：' + digits, 'ＳＤ１：' + fullWidth(digits), ` SD1: ${digits.slice(0, 30)} ${digits.slice(30)}\n`])
      expect(checkQrText(t, findKey, TODAY).result, t.slice(0, 8)).toBe('valid')
  })
})

describe('altered texts', () => {
  it('no single-character change, at any position, to any other digit, is valid', () => {
    const seen = new Set<string>()
    let tried = 0
    for (let i = 0; i < TEXT.length; i++) {
      const others = i < QR_PREFIX.length ? ['X', '2', '0', ';', ''] : '0123456789'.split('').filter((d) => d !== TEXT[i])
      for (const c of others) {
        const t = TEXT.slice(0, i) + c + TEXT.slice(i + 1)
        const r = checkQrText(t, findKey, TODAY)
        expect(['invalid_signature', 'unknown_issuer', 'malformed'], `position ${i} -> ${c}: ${r.result}`).toContain(r.result)
        expect(r.facts).toBeUndefined()
        seen.add(r.result)
        tried++
      }
    }
    expect(tried).toBeGreaterThan(9 * (TEXT.length - 4))
    // each way of refusing actually occurs: the signature, the key id, the encoding
    expect([...seen].sort()).toEqual(['invalid_signature', 'malformed', 'unknown_issuer'])
  })

  it('a digit added or dropped anywhere is malformed (the length), never valid', () => {
    for (let i = 4; i < TEXT.length; i += 7) {
      expect(checkQrText(TEXT.slice(0, i) + TEXT.slice(i + 1), findKey, TODAY)).toMatchObject({ result: 'malformed', reason: 'length' })
      expect(checkQrText(TEXT.slice(0, i) + '5' + TEXT.slice(i), findKey, TODAY)).toMatchObject({ result: 'malformed', reason: 'length' })
    }
  })
})

describe('signers and dates', () => {
  it('a key this station does not trust: unknown issuer, with its key id', () => {
    const stranger = key('410105004', '未列入清单的服务站')
    expect(checkQrText(qr({ stationCode: '410105004' }, stranger), findKey, TODAY)).toMatchObject({ result: 'unknown_issuer', keyId: stranger.signer.keyId })
  })

  it('a certificate naming another station than its signer: unknown issuer', () => {
    expect(checkQrText(qr({ stationCode: '410105009' }), findKey, TODAY)).toMatchObject({ result: 'unknown_issuer' })
  })

  it('the own key is marked own', () => {
    const own = key('410102001', '本站', true)
    expect(checkQrText(qr({ stationCode: '410102001' }, own), (id) => (id === own.signer.keyId ? own.signer : null), TODAY).issuer?.own).toBe(true)
  })

  it('valid from its issue date through its last day; expired after; not yet valid before', () => {
    const at = (today: string) => checkQrText(TEXT, findKey, today).result
    expect(at('2026-03-01')).toBe('valid')
    expect(at('2029-02-28')).toBe('valid')
    expect(at('2029-03-01')).toBe('expired')
    expect(at('2026-02-28')).toBe('not_yet_valid')
    // the facts are there, for the clerk to see what expired
    expect(checkQrText(TEXT, findKey, '2030-01-01').facts).toEqual(FACTS)
  })
})

describe('malformed texts', () => {
  const digits = TEXT.slice(4)
  it.each([
    ['empty', '', 'prefix'],
    ['letters', 'hello', 'prefix'],
    ['a certificate number', '410105002-2026-00007', 'prefix'],
    ['no colon', 'SD1', 'prefix'],
    ['nothing after the prefix', 'SD1:', 'length'],
    ['cut short to 20 digits', 'SD1:' + digits.slice(0, 20), 'length'],
    ['the last digit lost', 'SD1:' + digits.slice(0, -1), 'length'],
    ['an extra digit', 'SD1:' + digits + '7', 'length'],
    ['letters among the digits', 'SD1:12ab34', 'digits'],
    ['a full-width letter O for a 0', 'SD1:' + digits.slice(0, 30) + 'Ｏ' + digits.slice(31), 'digits'],
    ['version 2', 'SD2:' + digits, 'version'],
    ['version 10', 'SD10:' + digits, 'version']
  ])('%s is malformed', (_label, text, reason) => {
    const r = checkQrText(text, findKey, TODAY)
    expect(r).toMatchObject({ result: 'malformed', reason })
    expect(r.message.length).toBeGreaterThan(10)
  })

  it('a version byte other than 1 inside the digits is malformed (version)', () => {
    const bytes = Buffer.concat([Buffer.from([2]), Buffer.alloc(8 + 20 + 64, 7)])
    expect(checkQrText('SD1:' + bytesToDigits(bytes), findKey, TODAY)).toMatchObject({ result: 'malformed', reason: 'version' })
  })

  it('a correctly signed payload that does not parse is malformed (payload)', () => {
    for (const payload of [Buffer.from('a|b|c'), Buffer.from([0xff, 0xfe, 0x7c]), Buffer.from('N|410105002|名|ID|2026030|20290228|1|0|0')]) {
      const head = Buffer.concat([Buffer.from([1]), Buffer.from(station.signer.keyId, 'hex'), payload])
      const text = 'SD1:' + bytesToDigits(Buffer.concat([head, sign(null, head, station.privateKey)]))
      expect(checkQrText(text, findKey, TODAY)).toMatchObject({ result: 'malformed', reason: 'payload' })
    }
  })

  it("signed facts no certificate could hold are malformed (payload): a date that does not exist, an end before the start, children beyond the register's 0–20", () => {
    const signed = (payload: string) => {
      const head = Buffer.concat([Buffer.from([1]), Buffer.from(station.signer.keyId, 'hex'), Buffer.from(payload)])
      return 'SD1:' + bytesToDigits(Buffer.concat([head, sign(null, head, station.privateKey)]))
    }
    const facts = (issue: string, until: string, boys: string, girls: string) => `N|410105002|名|41010519950612212X|${issue}|${until}|1|${boys}|${girls}`
    expect(checkQrText(signed(facts('20260301', '20290228', '20', '0')), findKey, TODAY).facts).toMatchObject({ boys: 20, girls: 0 })
    for (const bad of [
      facts('20260230', '20290228', '1', '0'),
      facts('20261320', '20290228', '1', '0'),
      facts('20260301', '00000000', '1', '0'),
      facts('20260301', '20250228', '1', '0'),
      facts('20260301', '20290228', '21', '0'),
      facts('20260301', '20290228', '1', '410105199506122128')
    ])
      expect(checkQrText(signed(bad), findKey, TODAY), bad).toMatchObject({ result: 'malformed', reason: 'payload' })
  })
})

describe('fuzz', () => {
  const rand = mulberry32(0x5d_0006)
  const pick = (s: string) => s[Math.floor(rand() * s.length)]
  const ALPHABET = '0123456789SDsd:：１２ -_|/\\xX\u0000\u00e9中文😀'

  it('random texts never throw and are never valid', () => {
    for (let n = 0; n < 3000; n++) {
      const len = Math.floor(rand() * 400)
      let t = n % 3 === 0 ? 'SD1:' : ''
      for (let i = 0; i < len; i++) t += n % 3 === 0 ? pick('0123456789') : pick(ALPHABET)
      const r = checkQrText(t, findKey, TODAY)
      expect(r.result).not.toBe('valid')
    }
  })

  it('random digits under a trusted key id never throw and are never valid', () => {
    for (let n = 0; n < 2000; n++) {
      const body = Buffer.alloc(1 + 8 + 1 + Math.floor(rand() * 120) + 64)
      for (let i = 0; i < body.length; i++) body[i] = Math.floor(rand() * 256)
      body[0] = 1
      Buffer.from(station.signer.keyId, 'hex').copy(body, 1)
      expect(checkQrText('SD1:' + bytesToDigits(body), findKey, TODAY).result).toBe('invalid_signature')
    }
  })
})
