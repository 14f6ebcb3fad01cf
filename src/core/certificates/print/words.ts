/**
 * Words on the printed certificate. The certificate itself is Chinese (an official paper shown at
 * the destination); with lang = 'en' each Chinese label carries a small English one beneath it.
 * The calibration page is the clerk's own sheet: wholly in her language.
 * Codes (marital status, contraception) take the person card's Chinese words (src/core/print/labels.ts).
 */
import type { CertificateFacts } from '../../../api/certificates'
import { hasPrintLabel, printLabel, type Lang } from '../../print/labels'

export type { Lang }

/** a label: the Chinese printed on the certificate, and its English gloss */
export interface Label {
  zh: string
  en: string
}

export const LABELS = {
  title: { zh: '流动人口婚育证明', en: 'Marriage and Childbearing Certificate for Migrants' },
  number: { zh: '证明编号', en: 'Certificate no.' },
  name: { zh: '姓名', en: 'Name' },
  sex: { zh: '性别', en: 'Sex' },
  birthDate: { zh: '出生日期', en: 'Date of birth' },
  age: { zh: '年龄', en: 'Age' },
  idNumber: { zh: '公民身份号码', en: 'Resident ID no.' },
  hukou: { zh: '户籍地', en: 'Household registration' },
  maritalStatus: { zh: '婚姻状况', en: 'Marital status' },
  maritalDate: { zh: '婚姻变动日期', en: 'Marital status since' },
  'maritalDate.married': { zh: '结婚日期', en: 'Date of marriage' },
  'maritalDate.remarried': { zh: '再婚日期', en: 'Date of remarriage' },
  'maritalDate.divorced': { zh: '离婚日期', en: 'Date of divorce' },
  'maritalDate.widowed': { zh: '丧偶日期', en: 'Widowed since' },
  spouseName: { zh: '配偶姓名', en: "Spouse's name" },
  spouseIdNumber: { zh: '配偶身份号码', en: "Spouse's ID no." },
  children: { zh: '现有子女', en: 'Children' },
  boys: { zh: '男孩', en: 'Boys' },
  girls: { zh: '女孩', en: 'Girls' },
  contraception: { zh: '避孕节育措施', en: 'Contraception' },
  contraceptionSince: { zh: '落实日期', en: 'Contraception since' },
  destination: { zh: '流入地', en: 'Destination' },
  issuingAuthority: { zh: '发证机关', en: 'Issued by' },
  seal: { zh: '（盖章）', en: '(seal)' },
  sealMark: { zh: '盖 章', en: 'Seal' },
  issueDate: { zh: '发证日期', en: 'Date of issue' },
  validUntil: { zh: '有效期至', en: 'Valid until' },
  validity: { zh: '有效期', en: 'Validity' },
  qr: { zh: '扫码核验', en: 'Scan to verify' },
  notes: { zh: '注意事项', en: 'Notes' },
  holder: { zh: '持证人', en: 'Holder' }
} satisfies Record<string, Label>

export type LabelKey = keyof typeof LABELS

/** the statement under the facts */
export const STATEMENT = '经核实，持证人婚育情况如上，特此证明。'

/** the notes printed on every certificate (the 2009 regulation's duties in plain words) */
export const NOTES = [
  '本证明由持证人户籍所在地乡（镇）人民政府或者街道办事处出具，在全国范围内有效。',
  '持证人在现居住地居住满三十日的，应当向现居住地的乡（镇）人民政府或者街道办事处提交本证明。',
  '婚育情况发生变化的，请及时到户籍所在地或现居住地的计划生育服务机构办理变更。',
  '本证明不得涂改、转借。二维码内容经出具机关电子签名，可扫码离线核验真伪。'
]

export const LEGAL_BASIS = '依据《流动人口计划生育工作条例》（中华人民共和国国务院令第555号）出具'

const pad = (n: string) => n.padStart(2, '0')

/** an ISO date the way Chinese official papers write it: 2026年11月20日; '' stays '' */
export function chineseDate(iso: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? '')
  if (!m) return iso ?? ''
  return `${m[1]}年${pad(m[2])}月${pad(m[3])}日`
}

/** a code's Chinese word (the person card's), or the code itself when it has none */
export function codeWord(field: 'maritalStatus' | 'contraception' | 'sex', code: string): string {
  return hasPrintLabel('zh-CN', `${field}.${code}`) ? printLabel('zh-CN', `${field}.${code}`) : code
}

/** the values printed on a certificate, in Chinese, '—' for nothing */
export interface CertificateValues {
  number: string
  name: string
  sex: string
  birthDate: string
  age: string
  idNumber: string
  hukou: string
  maritalStatus: string
  maritalDateLabel: LabelKey
  maritalDate: string
  spouseName: string
  spouseIdNumber: string
  boys: string
  girls: string
  children: string
  contraception: string
  contraceptionSince: string
  destination: string
  issuingAuthority: string
  issueDate: string
  validUntil: string
}

export const DASH = '—'

export function certificateValues(c: { number: string; facts: CertificateFacts; issuingAuthority: string; issueDate: string; validUntil: string }): CertificateValues {
  const f = c.facts
  const or = (s: string | null | undefined) => (s && s.trim() ? s.trim() : DASH)
  const married = f.maritalStatus !== 'unmarried'
  const dateLabel = `maritalDate.${f.maritalStatus}`
  return {
    number: c.number,
    name: or(f.name),
    sex: codeWord('sex', f.sex),
    birthDate: or(chineseDate(f.birthDate)),
    age: `${f.age} 周岁`,
    idNumber: or(f.idNumber),
    hukou: or(`${f.hukouRegionName ?? ''}${f.hukouAddress ?? ''}`),
    maritalStatus: codeWord('maritalStatus', f.maritalStatus),
    maritalDateLabel: dateLabel in LABELS ? (dateLabel as LabelKey) : 'maritalDate',
    maritalDate: or(chineseDate(f.maritalDate)),
    spouseName: married ? or(f.spouseName) : DASH,
    spouseIdNumber: married ? or(f.spouseIdNumber) : DASH,
    boys: String(f.boys),
    girls: String(f.girls),
    children: f.boys + f.girls === 0 ? '无' : `共 ${f.boys + f.girls} 人（男孩 ${f.boys} 人，女孩 ${f.girls} 人）`,
    contraception: codeWord('contraception', f.contraception),
    contraceptionSince: or(chineseDate(f.contraceptionSince)),
    destination: or(f.destination),
    issuingAuthority: or(c.issuingAuthority),
    issueDate: chineseDate(c.issueDate),
    validUntil: chineseDate(c.validUntil)
  }
}
