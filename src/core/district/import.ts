/**
 * district.import (a job): packet files, each checked and imported on its own, each in its own
 * BEGIN IMMEDIATE transaction (ctx.commit), so a packet lands whole or not at all and one bad
 * file refuses only itself.
 *
 *  1. checking: every file's signature against the keys registered here (active or retired),
 *     the key's station against the station the manifest names (packets/container.ts)
 *  2. when a sealed packet not imported yet is among them, the district's key is opened once,
 *     before anything is written (PASSPHRASE_REQUIRED when protected and no passphrase)
 *  3. importing, file by file: opened (decrypted), read, written (upsert.ts), audited
 *     ('district.imported'); a refusal is audited too ('district.refused') and named in its item
 *
 * A cancel takes effect between files: the packets imported before it stay (each whole), and
 * the CANCELLED error says how many.
 */
import type { DistrictImportItem, DistrictImportResult } from '../../api/district'
import type { ParsedInputOf } from '../../api/contract'
import type { districtApi } from '../../api/district'
import type { Ctx } from '../context'
import { AppError } from '../errors'
import { keyInfo } from '../keys/keystore'
import type { SealKeyPair } from '../keys/sealKey'
import { openPayload, verifyPacket, type VerifiedPacket } from '../packets/container'
import { packetError } from '../packets/errors'
import { readContent } from './content'
import { ownSealKey } from './ownKey'
import { registeredKeys } from './stations'
import { isImported, writePacket } from './upsert'

type ImportInput = ParsedInputOf<(typeof districtApi)['district.import']>

const fileError = (message: string, reason: string) => new AppError('VALIDATION', message, { reason, fields: [{ path: 'file', rule: reason, message }] })

function decode(base64: string): Buffer {
  const clean = base64.replace(/\s+/g, '')
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) throw fileError('the file could not be read (not base64)', 'not_a_packet')
  return Buffer.from(clean, 'base64')
}

function refusedItem(file: string, e: AppError, v: VerifiedPacket | null): DistrictImportItem {
  const d = e.details ?? {}
  const reason = typeof d.reason === 'string' ? d.reason : (d.fields?.[0]?.rule ?? e.code.toLowerCase())
  const m = v?.manifest
  return { file, outcome: 'refused', stationCode: m?.station.code ?? null, seq: m?.seq ?? null, period: m?.period ?? null, rows: 0, code: e.code, reason, message: e.message }
}

export async function importPackets(ctx: Ctx, input: ImportInput): Promise<DistrictImportResult> {
  const total = input.files.length
  const ownKeyId = keyInfo(ctx.runtime.paths.privateKey).keyId
  const keys = registeredKeys(ctx.sqlite)
  const keyFor = (keyId: string) => keys.get(keyId) ?? null

  // 1. every file's signature, before anything else
  ctx.job.progress('checking', 0, total)
  const checked: ({ v: VerifiedPacket } | { error: AppError })[] = []
  for (let i = 0; i < total; i++) {
    try {
      checked.push({ v: verifyPacket(decode(input.files[i].base64), keyFor) })
    } catch (e) {
      if (!(e instanceof AppError)) throw e
      checked.push({ error: e })
    }
    if (i % 10 === 9) {
      ctx.job.progress('checking', i + 1, total)
      await ctx.job.checkpoint()
    }
  }

  // 2. the district's seal key, once, when a sealed packet not imported yet needs it
  const forUs = (v: VerifiedPacket) => v.manifest.sealed?.recipientKeyId === ownKeyId
  const needsKey = checked.some((c) => 'v' in c && c.v.manifest.sealed && forUs(c.v) && !isImported(ctx, c.v.sha256))
  const sealKey: SealKeyPair | null = needsKey ? ownSealKey(ctx, input.passphrase) : null

  // 3. file by file, each in its own transaction
  const items: DistrictImportItem[] = []
  const result = (): DistrictImportResult => ({
    items,
    imported: items.filter((i) => i.outcome === 'imported').length,
    duplicates: items.filter((i) => i.outcome === 'duplicate').length,
    refused: items.filter((i) => i.outcome === 'refused').length
  })
  /** refusals noted since the last commit (each commit writes the notes so far with it) */
  let unaudited = 0
  for (let i = 0; i < total; i++) {
    ctx.job.progress('importing', i, total)
    try {
      await ctx.job.checkpoint()
    } catch (e) {
      // the refusals noted since the last packet's transaction are audited before the job ends
      if (unaudited) ctx.commit(() => undefined)
      const r = result()
      throw new AppError(
        'CANCELLED',
        `cancelled after ${i} of ${total} files: ${r.imported} packets imported before the cancel stay imported (each whole), ${total - i} files were not imported`,
        { ...r, notRead: input.files.slice(i).map((f) => f.name), cause: (e as AppError).code }
      )
    }
    const name = input.files[i].name
    const c = checked[i]
    if ('error' in c) {
      items.push(refused(ctx, name, c.error, null))
      unaudited++
      continue
    }
    const m = c.v.manifest
    try {
      if (isImported(ctx, c.v.sha256)) {
        items.push({ file: name, outcome: 'duplicate', stationCode: m.station.code, seq: m.seq, period: m.period, rows: 0 })
        continue
      }
      // sealed to another district's key: said before asking for this district's passphrase
      if (m.sealed && !forUs(c.v)) throw packetError('not_for_this_district', { recipientKeyId: m.sealed.recipientKeyId, ownKeyId })
      const content = readContent(c.v, openPayload(c.v, sealKey), name)
      const w = ctx.commit(() => {
        const out = writePacket(ctx, content)
        if (out.outcome === 'imported')
          ctx.audit({
            entity: 'districtPacket',
            entityId: `${m.station.code}#${m.seq}`,
            summary: `imported packet ${m.seq} (${m.period}) of station ${m.station.code} ${m.station.name}: ${content.rows} rows, ${out.applied} newer than here; chain ${out.chain}`,
            msg: ['district.imported', { code: m.station.code, name: m.station.name, seq: m.seq, period: m.period, rows: content.rows }],
            details: { file: name, sha256: c.v.sha256, applied: out.applied, reports: out.reports, chain: out.chain, sealed: !!m.sealed }
          })
        return out
      })
      unaudited = 0
      items.push({ file: name, outcome: w.outcome, stationCode: m.station.code, seq: m.seq, period: m.period, rows: w.outcome === 'imported' ? content.rows : 0 })
    } catch (e) {
      if (!(e instanceof AppError)) throw e
      items.push(refused(ctx, name, e, c.v))
      unaudited++
    }
  }
  ctx.job.progress('done', total, total)
  return result()
}

function refused(ctx: Ctx, file: string, e: AppError, v: VerifiedPacket | null): DistrictImportItem {
  const item = refusedItem(file, e, v)
  ctx.audit({
    entity: 'districtPacket',
    entityId: item.stationCode && item.seq ? `${item.stationCode}#${item.seq}` : undefined,
    summary: `refused the packet file ${file}: ${item.reason} (${e.message})`,
    msg: ['district.refused', { file, reason: item.reason ?? '' }],
    details: { code: e.code, reason: item.reason, stationCode: item.stationCode, seq: item.seq, period: item.period }
  })
  return item
}
