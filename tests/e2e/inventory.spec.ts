/**
 * Contraceptive stock (issue 5), the clerk's day: she receives a delivery of two lots (condoms
 * counted in boxes, a near-expiry lot of pills), dispenses condoms to a woman of the register,
 * tries to dispense more than is on hand and reads a refusal that names the lot and what is
 * available (her typed values stay), then reverses the dispense on the lot's stock card and
 * sees the balance restored. Screenshots (zh-CN, the stock card also in English) go to
 * tests/.tmp for a human to look at.
 */
import type { Locator } from '@playwright/test'
import { test, expect, login, type Station } from './fixtures'
import { day, idOf, shot } from './helpers'

test.use({ demo: true })

const WANG = { id: idOf('19850412', '122'), name: '王桂芳' }
const CONDOM = '男用避孕套（天然胶乳，52 mm）'
const PILL = '复方左炔诺孕酮片'

async function setUp(station: Station): Promise<void> {
  const head = await station.as('head', 'demo-head-1')
  const points = (await head.call('servicePoints.list', { page: 1, pageSize: 50 })).rows
  const wangshan = points.find((p) => p.name === '王山村服务室')
  if (!wangshan) throw new Error('demo service point 王山村 missing')
  await head.call('persons.create', { idNumber: WANG.id, name: WANG.name, servicePointId: wangshan.id })
}

/** chooses an option of an antd select by typing part of its label */
async function choose(select: Locator, text: string, option: string | RegExp): Promise<void> {
  await select.click()
  await select.locator('input').fill(text)
  await select.page().locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click()
}

test('a clerk receives two lots, dispenses, is refused a dispense beyond the stock, and reverses a move on the stock card', async ({ page, station }) => {
  test.slow()
  await setUp(station)
  await page.goto(station.url)
  await login(page, 'clerk', 'demo-clerk-1')
  await page.goto(`${station.origin}/#/stock`)
  await expect(page.getByTestId('stock-table')).toBeVisible()
  await expect(page.getByTestId('stock-alerts')).toBeVisible()

  // 1. receive: a document with two lines, the second added from the keyboard
  await page.getByTestId('stock-receive').click()
  await expect(page.getByTestId('receive-doc')).toBeFocused()
  await page.keyboard.type('XJ-2025-017')
  await expect(page.getByTestId('receive-supplier')).not.toHaveValue('') // the county's store, by default
  await choose(page.getByTestId('receive-product-0'), '52', CONDOM)
  await page.getByTestId('receive-lot-0').locator('input').fill('C2301')
  await page.getByTestId('receive-expiry-0').fill(day(400))
  await page.getByTestId('receive-expiry-0').press('Enter')
  await page.getByTestId('receive-qty-0').fill('5')
  await expect(page.getByTestId('receive-qty-0-base')).toHaveText('= 50 只（5 盒）') // counted in boxes, kept in pieces
  await page.getByTestId('receive-qty-0').press('Enter') // the last field: a new line
  await expect(page.getByTestId('receive-line-1')).toBeVisible()
  await choose(page.getByTestId('receive-product-1'), 'OC_LNG_EE', PILL)
  await page.getByTestId('receive-lot-1').locator('input').fill('P2302')
  await page.getByTestId('receive-expiry-1').fill(day(60))
  await page.getByTestId('receive-expiry-1').press('Enter')
  await page.getByTestId('receive-qty-1').fill('30')
  await expect(page.getByTestId('receive-qty-1-per')).toHaveCount(0) // one cycle a box: nothing to choose or convert
  await expect(page.locator('.ant-picker-dropdown:visible')).toHaveCount(0)
  await shot(page, 'inventory-receive-two-lines')
  await page.keyboard.press('Control+s')
  await expect(page.getByTestId('stock-result')).toContainText('XJ-2025-017')
  await expect(page.getByTestId('stock-result')).toContainText('C2301')
  await expect(page.getByTestId('stock-result')).toContainText('P2302')

  // the stock page: both products, the pills flagged as expiring
  await page.goto(`${station.origin}/#/stock`)
  await expect(page.getByTestId('stock-row-CONDOM_M_52')).toContainText('50 只（5 盒）')
  await expect(page.getByTestId('stock-row-OC_LNG_EE')).toContainText('1 批近效期')
  await page.getByTestId('stock-alert-expiring').click()
  await expect(page.getByTestId('stock-alert-list')).toContainText('P2302')
  await shot(page, 'inventory-stock')

  // 2. dispense 20 condoms to 王桂芳, found by name
  await page.getByTestId('stock-dispense').click()
  await expect(page.getByTestId('entry-lookup-input')).toBeFocused()
  await page.keyboard.type(WANG.name)
  await expect(page.getByTestId('entry-lookup-row')).toHaveCount(1)
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('dispense-person-name')).toHaveText(WANG.name)
  await expect(page.getByTestId('dispense-product').locator('input')).toBeFocused() // on to the product, from the keyboard
  await choose(page.getByTestId('dispense-product'), '52', CONDOM)
  await page.getByTestId('dispense-qty').fill('20')
  await expect(page.getByTestId('dispense-qty-base')).toHaveText('= 20 只（2 盒）')
  await expect(page.getByTestId('dispense-lot-fefo')).toContainText('C2301')
  await page.getByTestId('dispense-save').click()
  await expect(page.getByTestId('stock-result')).toContainText(`已发放给 ${WANG.name}`)
  await expect(page.getByTestId('stock-result')).toContainText('C2301')

  // 3. 40 more when 30 are left: refused, in words that name the lot and what is available; nothing lost
  await expect(page.getByTestId('entry-lookup-input')).toBeFocused()
  await page.keyboard.type(WANG.name)
  await expect(page.getByTestId('entry-lookup-row')).toHaveCount(1)
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('dispense-person-name')).toHaveText(WANG.name)
  await page.getByTestId('dispense-qty').fill('40')
  await page.getByTestId('dispense-save').click()
  const error = page.getByTestId('dispense-error')
  await expect(error).toContainText('库存不足')
  await expect(error).toContainText('C2301')
  await expect(error).toContainText('30 只（3 盒）')
  await expect(error).toContainText('40 只（4 盒）')
  await expect(page.getByTestId('dispense-qty')).toHaveValue('40')
  await expect(page.getByTestId('dispense-person-name')).toHaveText(WANG.name)
  await expect(page.getByText('可用只有 30 只（3 盒）')).toBeVisible() // under the quantity too
  await page.waitForTimeout(300) // the field message's animation, for the screenshot
  await shot(page, 'inventory-dispense-refused')

  // 4. the lot's stock card: receipt +50, dispense −20 → 30; reverse the dispense → 50
  await page.getByTestId('dispense-page').getByRole('button', { name: /返回库存/ }).click()
  await page.getByTestId('stock-row-CONDOM_M_52').click() // opens to its lots
  await page.getByTestId('stock-lots-CONDOM_M_52').getByTestId('stock-lot-link').click()
  await expect(page.getByTestId('stock-card-page')).toBeVisible()
  await expect(page.getByTestId('card-balance-now')).toHaveText('30 只（3 盒）')
  const rows = page.getByTestId('stock-card-table').locator('tbody tr.ant-table-row')
  await expect(rows).toHaveCount(2)
  await expect(rows.nth(1)).toContainText('发放到人')
  await expect(rows.nth(1)).toContainText(WANG.name)
  await rows.nth(1).getByTestId('card-reverse').click()
  await expect(page.getByTestId('reverse-modal').locator('input:focus')).toHaveCount(1)
  await page.getByTestId('reverse-note').fill('发错了人，应发给同村另一位')
  await page.getByTestId('reverse-ok').click()
  await expect(page.getByTestId('reverse-modal')).toBeHidden()
  await expect(page.getByTestId('card-balance-now')).toHaveText('50 只（5 盒）')
  await expect(rows).toHaveCount(3)
  await expect(rows.nth(2)).toContainText('冲销')
  await expect(rows.nth(2).getByTestId('card-balance')).toHaveText('50 只（5 盒）')
  await expect(rows.nth(1).getByTestId('card-reversed-tag')).toBeVisible()
  // neither the reversed move nor the reversal can be reversed again, and the button says why
  await expect(rows.nth(1).getByTestId('card-reverse')).toBeDisabled()
  await expect(rows.nth(2).getByTestId('card-reverse')).toBeDisabled()
  await shot(page, 'inventory-stock-card')

  // the same card in English
  await page.evaluate(() => localStorage.setItem('stationdesk.lang', 'en'))
  await page.reload()
  await expect(page.getByTestId('card-balance-now')).toHaveText('50 pieces (5 boxes)')
  await expect(rows.nth(2)).toContainText('Reversal')
  await shot(page, 'inventory-stock-card-en')
})

test('a clerk issues to a village across two lots, confirms a dispense over the yearly limit, and takes back a return', async ({ page, station }) => {
  test.slow()
  await setUp(station)
  const head = await station.as('head', 'demo-head-1')
  const products = await head.call('inventory.products', {})
  const id = (code: string) => products.find((p) => p.code === code)!.id
  await head.call('inventory.receive', {
    documentNo: 'XJ-2025-020',
    date: day(-10),
    supplier: '新县计划生育药具管理站',
    lines: [
      { productId: id('CONDOM_M_52'), lotNumber: 'A-EARLY', expiry: day(100), quantity: 30 },
      { productId: id('CONDOM_M_52'), lotNumber: 'B-LATE', expiry: day(300), quantity: 100 },
      { productId: id('EC_LNG_15'), lotNumber: 'E1', expiry: day(200), quantity: 20 }
    ]
  })
  await page.goto(station.url)
  await login(page, 'clerk', 'demo-clerk-1')

  // issue 5 boxes to 王山村: the earliest lot gives its 30, the next the other 20
  await page.goto(`${station.origin}/#/stock/issue`)
  await choose(page.getByTestId('issue-point'), '王山', '王山村服务室')
  await choose(page.getByTestId('issue-product-0'), '52', CONDOM)
  await expect(page.getByTestId('issue-lot-0-fefo')).toContainText('A-EARLY')
  await page.getByTestId('issue-qty-0').fill('5')
  await expect(page.getByTestId('issue-qty-0-base')).toHaveText('= 50 只（5 盒）')
  await page.getByTestId('issue-save').click()
  const result = page.getByTestId('stock-result')
  await expect(result).toContainText('王山村服务室')
  await expect(result.locator('tbody tr')).toHaveCount(2)
  await expect(result.locator('tbody tr').nth(0)).toContainText('A-EARLY')
  await expect(result.locator('tbody tr').nth(0)).toContainText('30 只（3 盒）')
  await expect(result.locator('tbody tr').nth(1)).toContainText('B-LATE')
  await expect(result.locator('tbody tr').nth(1)).toContainText('20 只（2 盒）')
  await shot(page, 'inventory-issue-result')

  // 7 emergency pills to 王桂芳, whose limit is 6 a year: her figures, then a confirmation
  await page.goto(`${station.origin}/#/stock/dispense`)
  await page.getByTestId('entry-lookup-input').fill(WANG.name)
  await expect(page.getByTestId('entry-lookup-row')).toHaveCount(1)
  await page.getByTestId('entry-lookup-input').press('Enter')
  await choose(page.getByTestId('dispense-product'), 'EC_LNG_15', '1.5 mg')
  await page.getByTestId('dispense-qty').fill('7')
  await page.getByTestId('dispense-save').click()
  const limit = page.getByTestId('dispense-limit')
  await expect(limit).toContainText('已领取')
  await expect(limit).toContainText('每人每年限 6 盒')
  await expect(limit).toContainText('超出 1 盒')
  await expect(page.getByTestId('dispense-limit-figures')).toContainText('7 盒')
  await page.waitForTimeout(400) // the dialog's opening animation, for the screenshot
  await shot(page, 'inventory-dispense-limit')
  await page.getByTestId('dispense-limit-ok').click()
  await expect(result).toContainText(`已发放给 ${WANG.name}`)
  await expect(page.getByTestId('dispense-year')).toContainText('7 盒（每年限 6 盒）')

  // 王山村 brings 12 pieces of lot B-LATE back; more than it received of that lot is refused with the figure
  await page.goto(`${station.origin}/#/stock/return`)
  await choose(page.getByTestId('return-point'), '王山', '王山村服务室')
  await choose(page.getByTestId('return-product'), '52', CONDOM)
  await choose(page.getByTestId('return-lot'), 'B-LATE', 'B-LATE')
  await page.getByTestId('return-qty').fill('21')
  await page.getByTestId('return-save').click()
  await expect(page.getByTestId('return-error')).toContainText('最多 20')
  await page.getByTestId('return-qty').fill('12')
  await page.getByTestId('return-save').click()
  await expect(result).toContainText('王山村服务室')
  await expect(result).toContainText('12 只（1 盒 + 2 只）')
  const stock = await head.call('inventory.stock', { productId: id('CONDOM_M_52') })
  expect(stock[0].lots.map((l) => [l.lotNumber, l.balance])).toEqual([['B-LATE', 92]])

  // the receipt of A-EARLY cannot be reversed: its stock has gone to the village; the dialog says which lot and when
  const early = (await head.call('inventory.stock', { productId: id('CONDOM_M_52'), includeEmpty: true }))[0].lots.find((l) => l.lotNumber === 'A-EARLY')!
  await page.goto(`${station.origin}/#/stock/card?lot=${early.lotId}`)
  const rows = page.getByTestId('stock-card-table').locator('tbody tr.ant-table-row')
  await expect(rows).toHaveCount(2)
  await rows.nth(0).getByTestId('card-reverse').click()
  // the dialog resets its form once open and then focuses the first field: type after that
  await expect(page.getByTestId('reverse-modal').locator('input:focus')).toHaveCount(1)
  await page.getByTestId('reverse-note').fill('数量录错')
  await page.getByTestId('reverse-ok').click()
  const refusal = page.getByTestId('reverse-modal').getByTestId('modal-error')
  await expect(refusal).toContainText('批号 A-EARLY')
  await expect(refusal).toContainText(`在 ${day(0)} 将出现负库存`)
  await expect(refusal).toContainText('可用 0 只')
  await expect(page.getByTestId('reverse-note')).toHaveValue('数量录错')
})
