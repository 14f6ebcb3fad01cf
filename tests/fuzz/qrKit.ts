/**
 * Mutations of certificate QR texts (SD1: + digits; src/core/certificates/qr.ts) for the QR
 * fuzz: the text as typed (mutateText, a scanner's or an input method's changes), the decoded
 * bytes (version, key id, payload, signature, length), and the payload's fields re-signed with
 * the key its key id names, so that a mutation gets past the signature to the payload's parser.
 *
 * `genuine` keeps every signed part [version][key id][payload] that a trusted key signed under
 * its own key id: only those may ever be read as a certificate (valid, expired, not yet valid).
 */
import { sign, type KeyObject } from 'node:crypto'
import { bytesToDigits, decodeQr, QR_PREFIX } from '../../src/core/certificates/qr'
import { mutateBytesMany, mutateJson, mutateText, type Rng } from './mutate'

export interface FuzzKey {
  keyId: string
  privateKey: KeyObject
  trusted: boolean
}

export interface QrCase {
  text: string
  how: string
  /** the text means the same bytes as its seed (only a scanner's folding changed it) */
  sameAs?: string
}

const KEY_ID_BYTES = 8
const SIG_BYTES = 64

/** text values a field may be given behind a good signature */
const FIELD_VALUES = [
  '', ' ', '0', '00', '-1', '+1', '1e3', '0x10', '9'.repeat(30), '1.5', 'NaN', 'Infinity', '２', '٣',
  '20261320', '20260230', '00000000', '99991231', '2026-11-20', '2026112', '202611200', '19700101',
  '410102001', '410105002', '410105002-2026-00007', '周晓梅', 'A'.repeat(1500), '\u0000', '\u202e', '😀', '\ufeff',
  "'; DROP TABLE verifications; --", '<script>', '../../x', '41010519950612212X', '41010519950612212x', '410105199506122128', '123'
]

export class QrFuzzer {
  /** hex of the signed parts a trusted key signed under its own key id */
  readonly genuine = new Set<string>()
  private readonly seeds: { text: string; signed: Buffer; signature: Buffer }[]

  constructor(
    seedTexts: string[],
    private readonly keys: FuzzKey[]
  ) {
    this.seeds = seedTexts.map((text) => {
      const d = decodeQr(text)
      if (!d.ok) throw new Error(`a seed QR does not decode: ${text}`)
      this.genuine.add(d.signed.toString('hex'))
      return { text, signed: Buffer.from(d.signed), signature: Buffer.from(d.signature) }
    })
  }

  private keyOf(keyId: string) {
    return this.keys.find((k) => k.keyId === keyId)
  }

  /** signs [version][key id][payload] with `key` (the key id's own key when not given) */
  private signed(head: Buffer, key = this.keyOf(head.length > KEY_ID_BYTES ? head.subarray(1, 1 + KEY_ID_BYTES).toString('hex') : '')): Buffer {
    if (!key) return Buffer.concat([head, Buffer.alloc(SIG_BYTES, 7)])
    if (key.trusted && head.length > KEY_ID_BYTES && head.subarray(1, 1 + KEY_ID_BYTES).toString('hex') === key.keyId) this.genuine.add(head.toString('hex'))
    return Buffer.concat([head, sign(null, head, key.privateKey)])
  }

  private text(bytes: Buffer): string {
    return QR_PREFIX + bytesToDigits(bytes)
  }

  next(r: Rng): QrCase {
    const seed = r.pick(this.seeds)
    const head = seed.signed
    const payload = head.subarray(1 + KEY_ID_BYTES)
    const kind = r.int(10)
    switch (kind) {
      case 0: {
        let text = seed.text
        const hows: string[] = []
        for (let n = 1 + r.int(3); n > 0; n--) {
          const m = mutateText(text, r)
          text = m.text
          hows.push(m.how)
        }
        return { text, how: `text: ${hows.join('; ')}` }
      }
      case 1:
        return { ...scannerFold(seed.text, r), sameAs: seed.text }
      case 2: {
        const m = mutateBytesMany(Buffer.concat([head, seed.signature]), r)
        return { text: this.text(m.bytes), how: `bytes, not signed again: ${m.how}` }
      }
      case 3: {
        const m = mutateBytesMany(payload, r)
        return { text: this.text(this.signed(Buffer.concat([head.subarray(0, 1 + KEY_ID_BYTES), m.bytes]))), how: `payload bytes, signed again: ${m.how}` }
      }
      case 4:
      case 5: {
        const f = this.fields(payload.toString('utf8'), r)
        return { text: this.text(this.signed(Buffer.concat([head.subarray(0, 1 + KEY_ID_BYTES), Buffer.from(f.payload, 'utf8')]))), how: `fields, signed again: ${f.how}` }
      }
      case 6: {
        const other = r.pick(this.keys)
        const h = Buffer.concat([head.subarray(0, 1), Buffer.from(other.keyId, 'hex'), payload])
        const withOwn = r.next() < 0.6
        const by = withOwn ? other : (this.keyOf(head.subarray(1, 1 + KEY_ID_BYTES).toString('hex')) ?? other)
        return { text: this.text(this.signed(h, by)), how: `key id ${other.keyId} (${other.trusted ? 'trusted' : 'untrusted'}), signed by ${by.keyId}` }
      }
      case 7: {
        const h = Buffer.from(head)
        h[0] = r.pick([0, 2, 0xff, 0x80, r.int(256)])
        return { text: this.text(this.signed(h, this.keyOf(h.subarray(1, 1 + KEY_ID_BYTES).toString('hex')))), how: `version byte ${h[0]}, signed again` }
      }
      case 8: {
        const sig = Buffer.from(seed.signature)
        const how = r.pick(['flip', 'zero', 'other', 'short', 'long'] as const)
        if (how === 'flip') sig[r.int(SIG_BYTES)] ^= 1 << r.int(8)
        if (how === 'zero') sig.fill(0)
        const s = how === 'other' ? r.pick(this.seeds).signature : how === 'short' ? sig.subarray(0, r.int(SIG_BYTES)) : how === 'long' ? Buffer.concat([sig, Buffer.from([r.int(256)])]) : sig
        return { text: this.text(Buffer.concat([head, s])), how: `signature: ${how}` }
      }
      default:
        return digitsMutation(seed.text, r)
    }
  }

  /** the payload's fields (number|station|name|id|issue|until|marital|boys|girls) changed as a structure */
  private fields(payload: string, r: Rng): { payload: string; how: string } {
    const fields = payload.split('|')
    const choice = r.int(4)
    if (choice === 0) {
      const m = mutateJson(fields, r)
      const v = m.value
      const list = Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x) ?? '')) : [JSON.stringify(v) ?? '']
      return { payload: list.join('|'), how: `json ${m.how}` }
    }
    if (choice === 1) {
      const at = r.int(fields.length)
      fields[at] = r.pick(FIELD_VALUES)
      return { payload: fields.join('|'), how: `field ${at} = ${JSON.stringify(fields[at]).slice(0, 40)}` }
    }
    if (choice === 2) {
      const n = r.pick([0, 1, 8, 10, 20])
      const list = n < fields.length ? fields.slice(0, n) : [...fields, ...Array.from({ length: n - fields.length }, () => r.pick(FIELD_VALUES))]
      return { payload: list.join(r.next() < 0.8 ? '|' : r.pick(['||', '｜', ',', ''])), how: `${n} fields` }
    }
    const at = r.int(fields.length)
    const m = mutateText(fields[at], r)
    fields[at] = m.text
    return { payload: fields.join('|'), how: `field ${at}: ${m.how}` }
  }
}

/** what a scanner or an input method may do without changing the digits: case, full width, blanks */
function scannerFold(text: string, r: Rng): { text: string; how: string } {
  const hows: string[] = []
  let t = text
  if (r.next() < 0.5) {
    t = t.replace(/^SD1:/, r.pick(['sd1:', 'Sd1：', 'ＳＤ１：', 'SD1：']))
    hows.push('prefix folded')
  }
  if (r.next() < 0.5) {
    t = [...t].map((c) => (/\d/.test(c) && r.next() < 0.3 ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join('')
    hows.push('full-width digits')
  }
  const blanks = r.int(6)
  for (let i = 0; i < blanks; i++) {
    const at = r.int(t.length + 1)
    t = t.slice(0, at) + r.pick([' ', '\n', '\t', '\u3000', '\r\n']) + t.slice(at)
  }
  if (blanks) hows.push(`${blanks} blanks`)
  return { text: t, how: `scanner: ${hows.join(', ') || 'unchanged'}` }
}

/** the digits after SD1: cut, padded, overflowing a chunk, or not digits */
function digitsMutation(text: string, r: Rng): QrCase {
  const digits = text.slice(QR_PREFIX.length)
  switch (r.int(6)) {
    case 0: {
      const n = 1 + r.int(40)
      return { text: text.slice(0, text.length - n), how: `last ${n} digits cut` }
    }
    case 1: {
      const n = 1 + r.int(20)
      return { text: text + '0'.repeat(n), how: `${n} zeros appended` }
    }
    case 2: {
      const at = 17 * r.int(Math.floor(digits.length / 17))
      return { text: QR_PREFIX + digits.slice(0, at) + '9'.repeat(17) + digits.slice(at + 17), how: `chunk at ${at} overflows 7 bytes` }
    }
    case 3:
      return { text: QR_PREFIX + digits.slice(0, 17 * r.int(12)), how: 'a whole number of chunks only' }
    case 4: {
      const len = r.int(4001)
      return { text: Array.from({ length: len }, () => String.fromCharCode(r.int(r.next() < 0.5 ? 128 : 0x3000))).join(''), how: `${len} random characters` }
    }
    default:
      return { text: `SD${r.pick(['0', '2', '01', '99999999999999999999', '', '-1'])}:${digits}`, how: 'another version in the prefix' }
  }
}
