/**
 * The reason of each import problem in the user's language: shown in the preview, written in the
 * error report (a document a clerk fixes and re-imports) and in the CLI's --json errors. The
 * person rules repeat the UI's wording of the same rules (src/ui/locales/<lang>/persons.json).
 */
import type { Lang } from '../../../api/station'

type Params = Record<string, string | number | undefined>
type Texts = Record<string, string>

const ZH: Texts = {
  // file and header
  file_empty: '文件是空的，或工作簿里没有数据',
  file_unreadable: '无法读取这个工作簿（文件可能已损坏）：请用 Excel 打开后另存为 .xlsx 再导入',
  xls_unsupported: '这是旧版 .xls 工作簿：请用 Excel 打开，另存为“Excel 工作簿（.xlsx）”后再导入',
  unsupported_format: '只能导入 .xlsx 工作簿或 .csv 文件',
  file_too_large: '工作簿解压后过大（文件可能已损坏，或数据过多）：请用 Excel 打开后另存为 .xlsx，或分成几个文件再导入',
  merge_too_large: '工作表中合并单元格的范围过大（如整列或整张表被合并）：请在 Excel 中取消这些合并后再导入',
  header_not_found: '前 20 行里没有找到表头（如“身份证号”“姓名”）',
  column_missing: '没有找到“{fieldName}”列：请在列对应中指定',
  column_duplicate: '“{column}”也像是“{fieldName}”列，已使用前面的“{used}”列',
  // cell values
  date_format: '“{value}”不是日期：请写成 1985-03-12、1985.03.12、1985/3/12、19850312 或 1985年3月12日',
  date_incomplete: '“{value}”缺少日：请写完整的日期（如 1985-03-12）',
  date_invalid: '“{value}”不是真实的日期',
  id_as_number: 'Excel 把身份证号存成了数字（{value}），后几位已丢失：请把该列设为“文本”格式，重新输入号码后再导入',
  enum_unknown: '“{value}”不是可识别的选项，可填：{allowed}',
  count_format: '“{value}”不是 0–20 的整数',
  required: '{fieldName}为空',
  required_married: '婚姻状况为已婚、再婚、离婚或丧偶时须填{fieldName}',
  required_migrant: '流动人口须填{fieldName}',
  duplicate_in_file: '与第 {firstRow} 行的身份证号相同',
  service_point_unknown: '“{value}”不是本站的村（服务点）：请先在“服务点”中添加，或改成已有的名称',
  birth_mismatch: '出生年月“{value}”与身份证号中的出生日期 {derived} 不符',
  id_mismatch: '{fieldName}与身份证号不符（身份证号为 {derived}）',
  // person rules
  id_format: '身份证号应为 18 位（17 位数字加最后一位数字或 X），旧证为 15 位数字；现在是 {length} 位',
  id_province: '身份证号前 2 位 {province} 不是省级行政区代码',
  id_region: '身份证号前 6 位 {region} 不是有效的地区代码',
  id_date: '身份证号中的出生日期 {birth} 不对',
  id_date_before_1900: '身份证号中的出生日期 {birth} 早于 1900 年',
  id_date_not_a_date: '身份证号中的出生日期 {birth} 不是真实的日期',
  id_date_future: '身份证号中的出生日期 {birth} 晚于今天',
  id_checksum: '身份证号校验码（最后一位）应为 {expected}，现在是 {got}：号码中有录错的数字',
  spouse_self: '配偶身份证号不能是本人的号码',
  region_unknown: '“{region}”不是有效的区划代码',
  region_format: '户籍地区划代码应为 6 位数字',
  not_applicable: '{fieldName}与当前状态不符，应为空（如未婚者的配偶、未避孕者的开始日期、本地常住者的流动地）',
  date_future: '{fieldName}不能晚于今天（{today}）',
  before_birth: '{fieldName}不能早于本人出生日期（{birthDate}）',
  phone: '联系电话格式不正确（手机 11 位，或区号-号码）',
  too_big: '{fieldName}内容过长',
  invalid: '{fieldName}格式不正确'
}

const EN: Texts = {
  file_empty: 'The file is empty, or the workbook holds no data',
  file_unreadable: 'The workbook cannot be read (the file may be damaged): open it in Excel, save it as .xlsx and import that',
  xls_unsupported: 'This is an old .xls workbook: open it in Excel, save it as "Excel Workbook (.xlsx)" and import that',
  unsupported_format: 'Only .xlsx workbooks and .csv files can be imported',
  file_too_large: 'The workbook unpacks to far too much data (the file may be damaged, or hold too much): open it in Excel and save it as .xlsx, or split it into several files, then import',
  merge_too_large: 'Merged cells in the sheet cover too large an area (a whole column or the whole sheet merged): unmerge them in Excel and import again',
  header_not_found: 'No header row (身份证号, 姓名 …) was found in the first 20 rows',
  column_missing: 'No column for "{fieldName}" was found: choose one in the column mapping',
  column_duplicate: '"{column}" also looks like "{fieldName}"; the earlier column "{used}" is used',
  date_format: '"{value}" is not a date: write it as 1985-03-12, 1985.03.12, 1985/3/12, 19850312 or 1985年3月12日',
  date_incomplete: '"{value}" has no day: give the full date (for example 1985-03-12)',
  date_invalid: '"{value}" is not a real date',
  id_as_number: 'Excel stored this ID number as a number ({value}) and its last digits were lost: format the column as Text, type the numbers again and re-import',
  enum_unknown: '"{value}" is not a known choice; allowed: {allowed}',
  count_format: '"{value}" is not a whole number from 0 to 20',
  required: '{fieldName} is empty',
  required_married: '{fieldName} is required for someone married, remarried, divorced or widowed',
  required_migrant: '{fieldName} is required for a migrant',
  duplicate_in_file: 'The same ID number is on row {firstRow}',
  service_point_unknown: '"{value}" is not one of the station\'s villages (service points): add it first, or use an existing name',
  birth_mismatch: 'Birth "{value}" does not agree with the ID number\'s birth date {derived}',
  id_mismatch: '{fieldName} does not agree with the ID number ({derived})',
  id_format: 'An ID number has 18 characters (17 digits and a digit or X), an old one 15 digits; this one has {length}',
  id_province: "The ID number's first 2 digits, {province}, are not a province code",
  id_region: "The ID number's first 6 digits, {region}, are not a valid region code",
  id_date: 'The birth date in the ID number, {birth}, is wrong',
  id_date_before_1900: 'The birth date in the ID number, {birth}, is before 1900',
  id_date_not_a_date: 'The birth date in the ID number, {birth}, is not a real date',
  id_date_future: 'The birth date in the ID number, {birth}, is after today',
  id_checksum: "The ID number's check digit (the last one) should be {expected}, not {got}: a digit was mistyped",
  spouse_self: "The spouse's ID number cannot be the person's own",
  region_unknown: '"{region}" is not a valid region code',
  region_format: 'A hukou region code has 6 digits',
  not_applicable: '{fieldName} does not fit the current status and must be empty (a spouse for someone unmarried, a date for no contraception, a place for a local resident)',
  date_future: '{fieldName} cannot be after today ({today})',
  before_birth: "{fieldName} cannot be before the person's birth ({birthDate})",
  phone: 'Not a phone number (a mobile has 11 digits, or area code-number)',
  too_big: '{fieldName} is too long',
  invalid: '{fieldName} is not valid'
}

const FIELD_NAMES: Record<Lang, Texts> = {
  'zh-CN': {
    idNumber: '身份证号', name: '姓名', sex: '性别', birthDate: '出生日期', phone: '联系电话', hukouRegion: '户籍地区划代码', hukouAddress: '户籍地址',
    servicePoint: '村（服务点）', residenceAddress: '现居住地址', maritalStatus: '婚姻状况', maritalDate: '结婚（婚姻变动）日期', spouseName: '配偶姓名',
    spouseIdNumber: '配偶身份证号', boys: '男孩数', girls: '女孩数', contraception: '避孕方法', contraceptionSince: '避孕开始日期',
    migrantStatus: '流动状态', migrantPlace: '流入/流出地', migrantSince: '流动日期'
  },
  en: {
    idNumber: 'ID number', name: 'Name', sex: 'Sex', birthDate: 'Birth date', phone: 'Phone', hukouRegion: 'Hukou region code', hukouAddress: 'Hukou address',
    servicePoint: 'Village (service point)', residenceAddress: 'Residence address', maritalStatus: 'Marital status', maritalDate: 'Marriage (marital change) date',
    spouseName: "Spouse's name", spouseIdNumber: "Spouse's ID number", boys: 'Boys', girls: 'Girls', contraception: 'Contraception',
    contraceptionSince: 'Contraception since', migrantStatus: 'Migrant status', migrantPlace: 'Migrated to / from', migrantSince: 'Migrant since'
  }
}

/** the name of an import field in the language */
export function fieldName(field: string | null, lang: Lang): string {
  return (field && FIELD_NAMES[lang][field]) || field || ''
}

/** the reason of a problem: its code's text with the params (and the field's name) filled in */
export function reasonOf(code: string, field: string | null, params: Params, lang: Lang): string {
  const texts = lang === 'en' ? EN : ZH
  const text = texts[code] ?? texts.invalid
  const all: Params = { fieldName: fieldName(field ?? (params.field as string | undefined) ?? null, lang), ...params }
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (all[k] === undefined ? m : String(all[k])))
}

/** the texts of a language (for tests: both languages name the same codes) */
export const REASON_CODES = { 'zh-CN': Object.keys(ZH), en: Object.keys(EN) }
