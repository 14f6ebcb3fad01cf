import type { ErrorCode } from '../../api/contract'
import { AppError } from '../errors'

/**
 * Why a packet file is refused (details.reason, and the rule of the 'file' field), for the UI's
 * message and the CLI's exit code. The English text is the fallback; the Chinese comes first
 * where a clerk reads it in the CLI too.
 */
export type PacketRefusal =
  | 'not_a_packet'
  | 'truncated'
  | 'newer_format'
  | 'unknown_key'
  | 'bad_signature'
  | 'wrong_station'
  | 'file_mismatch'
  | 'sealed_no_key'
  | 'not_for_this_district'
  | 'seal_broken'
  | 'too_big'

const REFUSALS: Record<PacketRefusal, [ErrorCode, string]> = {
  not_a_packet: ['VALIDATION', '这不是 StationDesk 月报数据包 (not a StationDesk packet file)'],
  truncated: ['VALIDATION', '数据包不完整，可能复制时被截断，请重新复制 (the packet is incomplete: it was cut short, copy it again)'],
  newer_format: ['UNSUPPORTED', '数据包由更新版本的 StationDesk 生成，请先升级本软件 (the packet was made by a newer StationDesk: update this one first)'],
  unknown_key: ['SIGNATURE_INVALID', '签名密钥未登记，无法确认数据包来源 (signed by a key not registered here: its sender cannot be confirmed)'],
  bad_signature: ['SIGNATURE_INVALID', '签名无效：数据包在签名后被改动过 (the signature does not match: the packet was changed after it was signed)'],
  wrong_station: ['SIGNATURE_INVALID', '签名密钥不属于数据包所称的服务站 (the signing key does not belong to the station the packet names)'],
  file_mismatch: ['VALIDATION', '数据包内容与清单不符 (the packet\'s contents do not match its manifest)'],
  sealed_no_key: ['VALIDATION', '数据包已加密，需要区县密钥才能打开 (the packet is encrypted: the district key is needed to open it)'],
  not_for_this_district: ['VALIDATION', '数据包是加密发给另一个区县的，本区县无法打开 (the packet is sealed to another district: not for this district)'],
  seal_broken: ['VALIDATION', '加密内容无法解开，数据包已损坏 (the encrypted payload cannot be opened: the packet is damaged)'],
  too_big: ['VALIDATION', '数据包解压后过大，无法读取 (the packet\'s data is too large to read once decompressed)']
}

export function packetError(reason: PacketRefusal, extra: Record<string, unknown> = {}): AppError {
  const [code, message] = REFUSALS[reason]
  return new AppError(code, message, { reason, fields: [{ path: 'file', rule: reason, message }], ...extra })
}

export function refusalOf(e: unknown): PacketRefusal | null {
  const r = (e as AppError)?.details?.reason
  return typeof r === 'string' && r in REFUSALS ? (r as PacketRefusal) : null
}
