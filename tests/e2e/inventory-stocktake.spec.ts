/**
 * A head's stocktake (issue 5): stock received through the core, a stocktake started on the
 * page, the count sheet printed, counts typed in the grid (one lower than the ledger), refused
 * without a reason, confirmed with one; the loss then shows in the monthly report page, whose
 * PDF says the same. Screenshots of the grid, the report (zh-CN and English) and the catalogue.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { CATALOGUE } from '../../src/core/inventory/products'
import { test, expect, login, shot } from './fixtures'
import { day } from './helpers'

test.use({ demo: true })

const CONDOM = CATALOGUE.find((p) => p.code === 'CONDOM_M_52')!.id
const PILL = CATALOGUE.find((p) => p.code === 'OC_LNG_EE')!.id
const today = () => new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' })

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()])
  return { name: d.suggestedFilename(), bytes: fs.readFileSync(await d.path()) }
}
/** opens a select, picks the visible option with the text, and checks the select shows it */
async function pick(page: Page, select: Locator, text: string): Promise<void> {
  await expect(async () => {
    await select.click()
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).click({ timeout: 2000 })
    await expect(select).toContainText(text, { timeout: 1000 })
  }).toPass({ timeout: 10_000 })
}
function pdfText(bytes: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sd-e2e-pdf-')), 'doc.pdf')
  fs.writeFileSync(file, bytes)
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
}

test('head runs a stocktake with a loss and sees it in the monthly report', async ({ page, station }) => {
  test.slow()
  const head = await station.as('head', 'demo-head-1')
  const date = today()
  const period = date.slice(0, 7)
  await head.call('inventory.receive', {
    documentNo: 'XJ-2026-118',
    date,
    supplier: '县计生药具站',
    lines: [
      { productId: CONDOM, lotNumber: 'C2611A', expiry: '2029-03-31', quantity: 1240 },
      { productId: PILL, lotNumber: 'P2611B', expiry: '2028-06-30', quantity: 60 }
    ]
  })

  await page.goto(station.url)
  await login(page, 'head', 'demo-head-1')
  await page.goto(`${station.url.split('#')[0]}#/stock/stocktake`)
  await expect(page.getByTestId('stocktake-page')).toBeVisible()
  await page.getByTestId('stocktake-start').click()
  await page.getByTestId('stocktake-start-ok').click()
  await expect(page.getByTestId('stocktake-sheet')).toBeVisible()
  await expect(page.getByTestId('stocktake-progress')).toContainText('0 / 2')

  // the count sheet, with the ledger's quantities
  await page.getByTestId('count-sheet').click()
  const sheet = await download(page, () => page.getByTestId('count-sheet-full').click())
  expect(sheet.name).toBe(`count-sheet-${date}.pdf`)
  const sheetText = pdfText(sheet.bytes)
  expect(sheetText).toContain('避孕药具盘点表')
  expect(sheetText).toMatch(/C2611A\s+2029-03-31\s+1,240/)

  // counts: 123 boxes of condoms (10 short of the ledger), Enter down to the pills: 60
  const grid = page.getByTestId('stocktake-grid')
  await grid.getByTestId('count-packs-0').fill('123')
  await grid.getByTestId('count-packs-0').press('Enter')
  await expect(grid.getByTestId('count-units-1')).toBeFocused()
  await page.keyboard.type('60')
  await expect(grid.getByTestId('variance-0')).toContainText('−10')
  await expect(grid.getByTestId('variance-1')).toContainText('相符')

  // no reason for the difference: refused before anything is written, the lot named
  await page.getByTestId('stocktake-confirm').click()
  await expect(page.getByTestId('stocktake-problem')).toContainText('C2611A')
  await shot(page, 'inventory-stocktake-grid-refused')

  await pick(page, grid.getByTestId('count-reason-0'), '丢失')
  await page.keyboard.press('Control+s')
  await expect(page.getByText('实盘数已保存')).toBeVisible()
  await expect(page.getByTestId('stocktake-progress')).toContainText('2 / 2')
  await shot(page, 'inventory-stocktake-grid')

  await page.getByTestId('stocktake-confirm').click()
  await expect(page.getByTestId('confirm-summary')).toContainText('C2611A')
  await page.getByTestId('confirm-ok').click()
  await expect(page.getByTestId('stocktake-status')).toHaveText('已确认')
  expect((await head.call('inventory.stock', { productId: CONDOM }))[0].onHand).toBe(1230)
  await page.getByTestId('stocktake-back').click()
  await expect(page.getByTestId('stocktake-list')).toContainText('已确认')
  await shot(page, 'inventory-stocktake-list')

  // the loss in the monthly report
  await page.goto(`${station.url.split('#')[0]}#/stock/report?period=${period}`)
  const table = page.getByTestId('report-table')
  const row = table.locator('tr', { hasText: 'CONDOM_M_52' })
  await expect(row).toContainText('−10')
  await expect(row).toContainText('+1,240')
  await expect(page.getByTestId('closing-CONDOM_M_52')).toContainText('1,230')
  await expect(page.locator('.ant-message-notice')).toHaveCount(0, { timeout: 15_000 })
  await shot(page, 'inventory-report-zh')

  await page.getByTestId('report-download').click()
  const pdf = await download(page, () => page.getByTestId('report-file-pdf').click())
  expect(pdf.name).toBe(`stock-report-${pdf.name.split('-')[2]}-${period}.pdf`)
  const text = pdfText(pdf.bytes)
  expect(text).toContain('避孕药具月报表')
  expect(text).toContain('男用避孕套（天然胶乳，52')
  expect(text).toMatch(/\+1,240\s+−10\s+1,230/)

  // English
  await page.evaluate(() => localStorage.setItem('stationdesk.lang', 'en'))
  await page.reload()
  await expect(page.getByTestId('report-table')).toContainText('Stocktake loss')
  await expect(page.getByTestId('report-table').locator('tr', { hasText: 'CONDOM_M_52' })).toContainText('Male condom (latex, 52 mm)')
  await shot(page, 'inventory-report-en')
  await page.evaluate(() => localStorage.setItem('stationdesk.lang', 'zh-CN'))

  // the catalogue: the head edits a product's months of stock
  await page.goto(`${station.url.split('#')[0]}#/stock/products`)
  await page.reload()
  await expect(page.getByTestId('products-table')).toContainText('CONDOM_M_52')
  await page.getByTestId('product-edit-CONDOM_M_52').click()
  await page.getByTestId('product-max').fill('8')
  await page.getByTestId('product-ok').click()
  await expect(page.getByTestId('products-table').locator('tr', { hasText: 'CONDOM_M_52' })).toContainText('2–8 个月')
  await shot(page, 'inventory-products')
})

test('head adjusts, wastes and destroys expired stock from the head’s buttons; a clerk has none', async ({ page, station }) => {
  const head = await station.as('head', 'demo-head-1')
  await head.call('inventory.receive', {
    documentNo: 'XJ-OLD-7',
    date: day(-60),
    supplier: '县计生药具站',
    lines: [
      { productId: PILL, lotNumber: 'P-OLD', expiry: day(-10), quantity: 24 },
      { productId: CONDOM, lotNumber: 'C-GOOD', expiry: day(700), quantity: 500 }
    ]
  })
  await page.goto(station.url)
  await login(page, 'head', 'demo-head-1')
  await page.goto(`${station.url.split('#')[0]}#/stock/stocktake`)

  // destroy: only the expired lot is offered; a witness is required
  await page.getByTestId('head-move-destroy-button').click()
  const destroy = page.getByTestId('head-move-destroy')
  await expect(destroy.locator('input').first()).toBeFocused()
  await destroy.getByTestId('head-move-lot').click()
  await expect(page.locator('.ant-select-dropdown:visible .ant-select-item-option')).toHaveCount(1)
  await destroy.getByTestId('head-move-lot').click()
  await pick(page, destroy.getByTestId('head-move-lot'), 'P-OLD')
  await destroy.getByTestId('head-move-ok').click()
  await expect(destroy).toContainText('请填写此项')
  await destroy.getByTestId('head-move-witness').fill('王会计')
  await shot(page, 'inventory-head-destroy')
  await destroy.getByTestId('head-move-ok').click()
  await expect(page.getByText('已销毁批号 P-OLD：24 板')).toBeVisible()

  // adjust down by 2 boxes, typed in packs, with a reason and a note
  await page.getByTestId('head-move-adjust-button').click()
  const adjust = page.getByTestId('head-move-adjust')
  await expect(adjust.locator('input').first()).toBeFocused()
  await adjust.getByTestId('head-move-product').click()
  await page.keyboard.type('CONDOM_M_52')
  await page.keyboard.press('Enter')
  await expect(adjust.getByTestId('head-move-product')).toContainText('52 mm')
  await pick(page, adjust.getByTestId('head-move-lot'), 'C-GOOD')
  await adjust.getByTestId('head-move-qty').fill('2')
  await adjust.getByTestId('head-move-qty-per').getByText('盒').click()
  await pick(page, adjust.getByTestId('head-move-reason'), '调出到外站')
  await adjust.getByTestId('head-move-note').fill('借给邻镇服务站')
  await adjust.getByTestId('head-move-ok').click()
  await expect(page.getByText('已调整批号 C-GOOD：20 只（2 盒）')).toBeVisible()

  // waste more than the lot holds: refused with what is available, the values kept
  await page.getByTestId('head-move-waste-button').click()
  const waste = page.getByTestId('head-move-waste')
  await expect(waste.locator('input').first()).toBeFocused()
  await waste.getByTestId('head-move-product').click()
  await page.keyboard.type('CONDOM_M_52')
  await page.keyboard.press('Enter')
  await expect(waste.getByTestId('head-move-product')).toContainText('52 mm')
  await pick(page, waste.getByTestId('head-move-lot'), 'C-GOOD')
  await waste.getByTestId('head-move-qty').fill('481')
  await pick(page, waste.getByTestId('head-move-reason'), '包装破损')
  await waste.getByTestId('head-move-ok').click()
  await expect(waste).toContainText('480')
  await expect(waste.getByTestId('head-move-qty')).toHaveValue('481')
  await shot(page, 'inventory-head-waste-refused')
  await waste.getByTestId('head-move-qty').fill('5')
  await waste.getByTestId('head-move-ok').click()
  await expect(page.getByText('已报损批号 C-GOOD：5 只')).toBeVisible()
  expect((await head.call('inventory.stock', { productId: CONDOM }))[0].onHand).toBe(475)
  expect((await head.call('inventory.stock', { productId: PILL, includeEmpty: true }))[0].onHand).toBe(0)

  // a clerk starts stocktakes but has no head's buttons and no confirm
  const clerk = await station.as('clerk', 'demo-clerk-1')
  const st = await clerk.call('inventory.stocktakeStart', { date: day(0) })
  await page.getByTestId('user-menu').hover()
  await page.getByRole('menuitem', { name: /退出登录|Log out/ }).click()
  await login(page, 'clerk', 'demo-clerk-1')
  await page.goto(`${station.url.split('#')[0]}#/stock/stocktake?id=${st.id}`)
  await expect(page.getByTestId('stocktake-sheet')).toBeVisible()
  await expect(page.getByTestId('head-moves')).toHaveCount(0)
  await expect(page.getByTestId('stocktake-confirm')).toHaveCount(0)
  await expect(page.getByTestId('stocktake-save')).toBeVisible()
})
