/**
 * The home page's stock card on the demo year of stock (issue 5): a clerk sees the alerts'
 * figures (expired lot on hand, lots expiring soon, products below / above their months of
 * stock, this month's moves) as the core gives them, the lots and products listed with packs,
 * a lot's line leading to its stock card and the header to the stock page; English too. Admin
 * sees no stock card.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from '@playwright/test'
import { createDemoStation } from '../../src/core/demo/demo'
import { test, expect, login, logout } from './fixtures'

test.use({ demo: true })

const SHOTS = path.resolve(__dirname, '..', '.tmp')
async function shot(page: Page, name: string): Promise<void> {
  await page.mouse.move(640, 850) // away from the user menu, which opens on hover
  fs.mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true })
}

test('the stock card on the home page', async ({ page, station }) => {
  // the demo register (small) with its year of stock
  await createDemoStation(station.host, 'e2e', { persons: 3000, seed: 4, screening: false })
  const clerk = await station.as('clerk', 'demo-clerk-1')
  const stock = (await clerk.call('dashboard.summary')).stock
  if (!stock) throw new Error('the clerk got no stock summary')
  const alerts = await clerk.call('inventory.alerts', {})
  expect(stock.expired).toBe(1)
  expect(stock.expiring).toBe(alerts.expiring.filter((a) => !a.expired).length)

  await page.goto(station.url)
  await login(page, 'clerk', 'demo-clerk-1')
  const card = page.getByTestId('dashboard-stock')
  await expect(card).toBeVisible()
  await expect(card).toContainText('药具库存')
  for (const [id, n] of [['expired', stock.expired], ['expiring', stock.expiring], ['below', stock.belowMin], ['above', stock.aboveMax], ['moves', stock.movesThisMonth]] as const)
    await expect(page.getByTestId(`dashboard-stock-${id}`), id).toHaveText(n.toLocaleString('en'))
  const lots = card.getByTestId('dashboard-stock-lot')
  await expect(lots).toHaveCount(stock.lots.length)
  const expired = stock.lots.find((l) => l.expired)!
  await expect(lots.first()).toContainText(expired.lotNumber)
  await expect(lots.first()).toContainText(`已过期 ${-expired.daysToExpiry} 天`)
  await expect(lots.first()).toContainText('盒') // the quantity with its packs
  await expect(card.getByTestId('dashboard-stock-level')).toHaveCount(stock.levels.length)
  await expect(card.getByTestId('dashboard-stock-level').filter({ hasText: '醋酸甲羟孕酮' })).toContainText('低于最低')
  await shot(page, 'dashboard-stock-zh')

  // a lot's line: its stock card; the header: the stock page
  await lots.first().click()
  await expect(page).toHaveURL(new RegExp(`#/stock/card\\?lot=${expired.lotId}`))
  await page.getByTestId('nav-/').click()
  await page.getByTestId('dashboard-stock-open').click()
  await expect(page).toHaveURL(/#\/stock$/)

  // English
  await page.getByTestId('nav-/').click()
  await page.getByTestId('lang-switch').getByText('EN', { exact: true }).click()
  await expect(card).toContainText('Contraceptive stock')
  await expect(lots.first()).toContainText(`Expired ${-expired.daysToExpiry} d ago`)
  await expect(lots.first()).toContainText('Nonoxynol-9 film')
  await shot(page, 'dashboard-stock-en')
  await page.getByTestId('lang-switch').getByText('中文', { exact: true }).click()

  // admin: no stock card
  await logout(page)
  await login(page, 'admin', 'demo-admin-1')
  await expect(page.getByTestId('dashboard-station')).toBeVisible()
  await expect(page.getByTestId('dashboard-stock')).toHaveCount(0)
})
