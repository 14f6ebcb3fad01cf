/**
 * Roster import journey (导入花名册): a clerk uploads a township roster made in the test (five
 * good women, six rows with the mistakes clerks make), sees the column mapping and every problem
 * by sheet row and column, corrects the mapping once (the check runs again), downloads the
 * problem report, is refused "all or nothing", imports the valid rows only, finds an imported
 * woman in the register by her pinyin initials and records her marriage.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Page } from '@playwright/test'
import { parseFile } from '../../src/core/persons/import/parse'
import { badRows, rosterXlsx, validRow } from '../helpers/roster'
import { test, expect, login, type Station } from './fixtures'
import { shot } from './helpers'

const CLERK = { username: 'clerk', password: 'clerk-pass-1' }

/** the test station of the integration tests (410102001) with its village room 一村服务室 (一村 in rosters) and a clerk */
async function setUpStation(station: Station): Promise<void> {
  const r = await station.host.call(
    'setup.init',
    {
      station: { level: 'township', code: '410102001', name: '示例乡计划生育服务站', address: '示例路1号', phone: '0371-12345678', buildingArea: 320 },
      admin: { username: 'admin', displayName: '管理员', password: 'admin-pass-1' },
      keyPassphrase: ''
    },
    { transport: 'test' }
  )
  if (!r.result.ok) throw new Error(`setup.init: ${r.result.error.message}`)
  const admin = await station.as('admin', 'admin-pass-1')
  await admin.call('users.create', { username: 'head', displayName: '站长', role: 'head', password: 'head-pass-1' })
  await admin.call('users.create', { username: CLERK.username, displayName: '文员', role: 'clerk', password: CLERK.password })
  const head = await station.as('head', 'head-pass-1')
  await head.call('servicePoints.save', { kind: 'village_room', code: '410102001201', name: '一村服务室' })
}

/** picks an option of a searchable select by typing it (the list is virtual: far options are not rendered) */
async function choose(page: Page, testId: string, option: string): Promise<void> {
  await page.getByTestId(testId).click()
  await page.keyboard.type(option)
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByText(option, { exact: true }).click()
}

test('clerk imports a roster: mapping and problems, problem report, valid rows only, then records a marriage of an imported woman', async ({ page, station }) => {
  await setUpStation(station)
  // sheet rows 5–9 are valid (陈霞 is row 4 of them: unmarried), rows 10–15 carry the mistakes
  const bad = badRows()
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-roster-'))
  const file = path.join(dir, '示例乡花名册.xlsx')
  fs.writeFileSync(file, await rosterXlsx([...[1, 2, 3, 4, 5].map((n) => validRow(n)), ...bad.map((b) => b.row)]))

  await page.goto(station.url)
  await login(page, CLERK.username, CLERK.password)
  await page.getByTestId('nav-/persons').click()
  await page.getByTestId('persons-import').click()
  await expect(page.getByTestId('import-hints')).toContainText('.xlsx')
  await page.locator('[data-testid="import-page"] input[type=file]').setInputFiles(file)

  // the preview: what was read, the problems by row and column
  const preview = page.getByTestId('import-preview')
  await expect(preview).toBeVisible()
  await expect(page.getByTestId('import-rows')).toContainText('11')
  await expect(page.getByTestId('import-valid')).toContainText('5')
  await expect(page.getByTestId('import-rejected')).toContainText('6')
  await expect(page.getByTestId('import-source')).toContainText('表头在第 3 行')
  const problems = page.getByTestId('import-problems')
  const checksum = problems.locator('tr.ant-table-row', { hasText: '校验码' })
  await expect(checksum).toContainText('10')
  await expect(checksum).toContainText('公民身份号码')
  await expect(problems.locator('tr.ant-table-row', { hasText: 'Excel 把身份证号存成了数字' })).toContainText('11')
  for (const b of bad) await expect(problems.locator('tr.ant-table-row', { hasText: b.column }).first()).toBeVisible()

  // all or nothing (the default) refuses, and says why
  await expect(page.getByTestId('import-start')).toBeDisabled()
  await expect(page.getByTestId('import-blocked')).toContainText('全部正确才导入')

  // the column mapping: the header as written, the field it fills; a change checks again
  await page.getByTestId('import-tab-mapping').click()
  const mapping = page.getByTestId('import-mapping')
  await expect(mapping.locator('tr.ant-table-row', { hasText: '公民身份号码' })).toContainText('身份证号')
  await expect(page.getByTestId('import-map-6')).toContainText('联系电话')
  await choose(page, 'import-map-6', '不导入')
  await expect(page.getByTestId('import-map-6')).toContainText('不导入')
  await expect(page.getByTestId('import-tab-mapping')).toContainText('16/18')
  await choose(page, 'import-map-6', '联系电话')
  await expect(page.getByTestId('import-tab-mapping')).toContainText('17/18')
  await page.getByTestId('import-tab-problems').click()
  await shot(page, 'import-preview')

  // the problem report: the six rejected rows, with their sheet rows
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-report').click()])
  expect(download.suggestedFilename()).toMatch(/导入问题\.xlsx$/)
  const report = await parseFile(download.suggestedFilename(), fs.readFileSync(await download.path()))
  const header = report.rows[1].cells.map(String)
  expect(header.slice(-2)).toEqual(['问题说明', '原表行号'])
  const data = report.rows.slice(2)
  expect(data.map((r) => r.cells[r.cells.length - 1])).toEqual([10, 11, 12, 13, 14, 15])

  // the valid rows only
  await page.getByText('只导入正确的行', { exact: true }).click()
  await expect(page.getByTestId('import-plan')).toContainText('新增 5 人')
  await page.getByTestId('import-start').click()
  const result = page.getByTestId('import-result')
  await expect(result).toBeVisible()
  await expect(page.getByTestId('import-result-imported')).toContainText('5')
  await expect(page.getByTestId('import-result-rejected')).toContainText('6')
  await expect(page.getByTestId('import-result-skipped')).toContainText('0')
  await shot(page, 'import-result')

  // the register: an imported woman found by her pinyin initials, and a marriage recorded
  await page.getByTestId('import-to-list').click()
  await page.getByTestId('persons-search').fill('cx')
  const row = page.getByTestId('persons-table').locator('tr.ant-table-row', { hasText: '陈霞' })
  await expect(row).toContainText(String(validRow(4)[4]))
  await row.getByTestId('persons-open').click()
  await expect(page.getByTestId('person-heading')).toHaveText('陈霞')
  await expect(page.getByTestId('person-history')).toContainText('示例乡花名册.xlsx #8')

  await page.getByTestId('event-marriage').click()
  const modal = page.getByTestId('event-modal-marriage')
  // the dialog resets its form once open and then focuses the first field: type after that
  await expect(modal.locator('input:focus')).toHaveCount(1)
  await modal.getByTestId('person-spouseName').fill('赵建国')
  await modal.getByTestId('event-reason').fill('本人申报，已核验结婚证')
  await page.getByTestId('event-save').click()
  await expect(modal).toBeHidden()
  const marriage = page.getByTestId('person-history').locator('[data-testid="history-event"][data-type="marriage"]')
  await expect(marriage).toContainText('本人申报，已核验结婚证')
  await expect(marriage.getByTestId('history-change-spouseName')).toContainText('赵建国')
  await expect(page.getByTestId('person-facts')).toContainText('初婚')
  fs.rmSync(dir, { recursive: true, force: true })
})

test('a file the import cannot read is refused in words, and the preview follows the language', async ({ page, station }) => {
  await setUpStation(station)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sd-roster-'))
  const old = path.join(dir, '旧花名册.xls')
  fs.writeFileSync(old, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]))
  const good = path.join(dir, 'roster.xlsx')
  fs.writeFileSync(good, await rosterXlsx([validRow(1), badRows()[1].row]))

  await page.goto(station.url)
  await login(page, CLERK.username, CLERK.password)
  await page.getByTestId('nav-/persons/import').click()
  const input = page.locator('[data-testid="import-page"] input[type=file]')
  await input.setInputFiles(old)
  await expect(page.getByTestId('import-file-error')).toContainText('另存为')

  await input.setInputFiles(good)
  await expect(page.getByTestId('import-problems')).toContainText('Excel 把身份证号存成了数字')
  await page.getByTestId('lang-switch').getByText('EN').click()
  await expect(page.getByTestId('import-problems')).toContainText('Excel stored this ID number as a number')
  await expect(page.getByTestId('import-blocked')).toContainText('import only if every row is correct')
  await shot(page, 'import-preview-en')
  fs.rmSync(dir, { recursive: true, force: true })
})
