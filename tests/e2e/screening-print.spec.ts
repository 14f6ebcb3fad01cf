/**
 * A campaign's documents from its page (issue 4): the clinician downloads the campaign report
 * as a PDF and as Excel, and the invitation list of one village as Excel (the people not yet
 * screened); a clerk sees the invitation list but not the report.
 */
import fs from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import type { Page } from '@playwright/test'
import { test, expect, login, logout } from './fixtures'
import { day, idOf, shot } from './helpers'

test.use({ demo: true })

/** clicks, waits for the download and returns its name and bytes */
async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()])
  const file = await d.path()
  return { name: d.suggestedFilename(), bytes: fs.readFileSync(file) }
}

test('clinician downloads the campaign report and a village’s invitation list; a clerk only the list', async ({ page, station }) => {
  const head = await station.as('head', 'demo-head-1')
  const points = (await head.call('servicePoints.list', { page: 1, pageSize: 50 })).rows
  const wangshan = points.find((p) => p.name === '王山村服务室')
  const other = points.find((p) => p.kind === 'village_room' && p.id !== wangshan?.id)
  if (!wangshan || !other) throw new Error('demo service points missing')
  const wang = (await head.call('persons.create', { idNumber: idOf('19750412', '122'), name: '王桂芳', servicePointId: wangshan.id, phone: '13812345678' })).id
  await head.call('persons.create', { idNumber: idOf('19800915', '144'), name: '李秀梅', servicePointId: wangshan.id })
  await head.call('persons.create', { idNumber: idOf('19720101', '166'), name: '赵玉兰', servicePointId: other.id })
  const c = await head.call('screening.campaignSave', { name: '乳腺癌筛查（两村）', kind: 'breast', startDate: day(-5), endDate: day(30), servicePointIds: [wangshan.id, other.id], targetCount: 10 })
  await head.call('screening.campaignStatus', { id: c.id, status: 'active' })
  const side = { cbe: 'normal' as const, birads: '1' as const }
  await head.call('screening.recordSave', { campaignId: c.id, personId: wang, examDate: day(-1), findings: { kind: 'breast', left: side, right: side, ultrasoundDone: true }, conclusion: 'normal' })

  await page.goto(station.url)
  await login(page, 'doctor', 'demo-doctor-1')
  await page.getByTestId('nav-/screening').click()
  await page.getByTestId('campaigns-table').locator('tr.ant-table-row', { hasText: '乳腺癌筛查（两村）' }).getByTestId('campaign-open').click()
  await expect(page.getByTestId('campaign-heading')).toHaveText('乳腺癌筛查（两村）')

  // the report, as a PDF and as Excel
  await page.getByTestId('report-button').click()
  const pdf = await download(page, () => page.getByTestId('report-pdf').click())
  expect(pdf.name).toMatch(/^report-乳腺癌筛查（两村）-\d{4}-\d{2}-\d{2}\.pdf$/)
  expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
  await page.getByTestId('report-button').click()
  const xlsx = await download(page, () => page.getByTestId('report-xlsx').click())
  const report = new ExcelJS.Workbook()
  await report.xlsx.load(xlsx.bytes as never)
  const facts = report.getWorksheet('概况')!
  const screened = facts.getRows(4, facts.rowCount - 3)!.find((r) => r.getCell(1).value === '已筛查人数')
  expect(screened?.getCell(2).value).toBe(1)

  // the invitation list of 王山村: the one not yet screened
  await page.getByTestId('invitations-button').click()
  await expect(page.getByTestId('invitations-form')).toBeVisible()
  await page.getByTestId('invitations-village').click()
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByText('王山村服务室', { exact: true }).click()
  await shot(page, 'screening-print-invitations')
  const list = await download(page, () => page.getByTestId('invitations-xlsx').click())
  expect(list.name).toMatch(/^invitations-乳腺癌筛查（两村）-王山村服务室-.*\.xlsx$/)
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(list.bytes as never)
  expect(book.worksheets.map((w) => w.name)).toEqual(['王山村服务室'])
  const names: unknown[] = []
  book.worksheets[0].eachRow((r, n) => n > 3 && names.push(r.getCell(2).value))
  expect(names).toEqual(['李秀梅'])
  await expect(page.getByText(/已导出 invitations-/)).toBeVisible()

  // in English the buttons speak English
  await page.getByTestId('lang-switch').getByText('EN', { exact: true }).click()
  await expect(page.getByTestId('report-button')).toContainText('Campaign report')
  await page.getByTestId('invitations-button').click()
  await expect(page.getByTestId('invitations-form')).toContainText('People not yet screened')
  await shot(page, 'screening-print-invitations-en')
  await page.getByTestId('lang-switch').getByText('中文', { exact: true }).click()

  // a clerk: the invitation list, not the report
  await logout(page)
  await login(page, 'clerk', 'demo-clerk-1')
  await page.getByTestId('nav-/screening').click()
  await page.getByTestId('campaigns-table').locator('tr.ant-table-row', { hasText: '乳腺癌筛查（两村）' }).getByTestId('campaign-open').click()
  await expect(page.getByTestId('invitations-button')).toBeVisible()
  await expect(page.getByTestId('report-button')).toHaveCount(0)
  await shot(page, 'screening-print-clerk')
})
