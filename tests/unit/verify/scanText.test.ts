/**
 * The verify page's reading of what a keyboard-wedge scanner typed: full-width characters and
 * blanks folded; an `SD1:` prefix mangled by a Chinese input method (its letters composed into
 * characters, the `1` choosing a candidate, the colon made full-width) read from the digits after
 * the colon — and the signature still decides, so a repaired text of an altered QR is refused.
 */
import { generateKeyPairSync } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { checkQrText, encodeQr, type TrustedSigner } from '../../../src/core/certificates/qr'
import { keyIdOf, rawPublicKey } from '../../../src/core/keys/keystore'
import { scanText } from '../../../src/ui/pages/verify/scanText'

const { publicKey, privateKey } = generateKeyPairSync('ed25519')
const raw = rawPublicKey(publicKey)
const signer: TrustedSigner = { stationCode: '411523101', name: '沙窝镇服务站', keyId: keyIdOf(raw), publicKey: raw.toString('base64'), own: true }
const qr = encodeQr(
  { number: '411523101-2026-00001', stationCode: '411523101', name: '王秀英', idNumber: '41152319940512124X', issueDate: '2026-01-10', validUntil: '2029-01-09', maritalStatus: 'married', boys: 1, girls: 0 },
  signer.keyId,
  privateKey
)
const digits = qr.slice(4)
const check = (text: string) => checkQrText(text, (id) => (id === signer.keyId ? signer : null), '2026-06-01').result

describe('scanText', () => {
  it('leaves a clean text as it is', () => {
    expect(scanText(qr)).toEqual({ text: qr, repaired: false })
    expect(check(scanText(qr).text)).toBe('valid')
  })

  it('folds full-width characters and blanks (case is left to the core)', () => {
    const wide = `ＳＤ１：${digits.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)))}`
    const r = scanText(` ${wide}\n`)
    expect(r).toEqual({ text: qr, repaired: false })
    expect(scanText(`sd1:${digits.slice(0, 20)} ${digits.slice(20)}`).text).toBe(`sd1:${digits}`)
  })

  it('reads the digits when an input method swallowed the prefix', () => {
    for (const typed of [`速度：${digits}`, `sd：${digits}`, `：${digits}`, `时代:${digits}`]) {
      const r = scanText(typed)
      expect(r).toEqual({ text: qr, repaired: true })
      expect(check(r.text)).toBe('valid')
    }
  })

  it('a repaired text of an altered QR is still refused by the signature', () => {
    const i = 80
    const altered = digits.slice(0, i) + String((Number(digits[i]) + 1) % 10) + digits.slice(i + 1)
    const r = scanText(`速度：${altered}`)
    expect(r.repaired).toBe(true)
    expect(['invalid_signature', 'malformed']).toContain(check(r.text))
    expect(check(r.text)).not.toBe('valid')
  })

  it('does not invent a certificate from other text', () => {
    expect(scanText('hello world')).toEqual({ text: 'helloworld', repaired: false })
    expect(scanText('电话：13812345678')).toEqual({ text: '电话:13812345678', repaired: false })
    expect(check(scanText('hello').text)).toBe('malformed')
    expect(scanText('')).toEqual({ text: '', repaired: false })
  })
})
