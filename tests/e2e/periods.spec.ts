/**
 * Month close and packets (issue 7), the head's journey: last month holds a stock receipt, an
 * unconfirmed stocktake and a campaign that ended but is still active; the close dialog names the
 * stocktake as a blocker (close disabled, the link leads to it); once it is cancelled the campaign
 * is a warning to accept, and the month closes; the dialog offers the packet, the
 * protected key's passphrase is asked (a wrong one asked again) and the .sdpkt downloads. A clerk
 * recording a change dated in the closed month is refused, the month named. The packets page
 * lists the packet with the downloaded file's SHA-256; exporting again and downloading again give
 * the same bytes. Reopened with a reason, changed, closed again: the next export is packet No. 2,
 * a correction. Screenshots in zh-CN and English.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import type { Page } from '@playwright/test'
import { CATALOGUE } from '../../src/core/inventory/products'
import { test, expect, login, shot } from './fixtures'
import { day, idOf } from './helpers'

test.use({ demo: true })

const CONDOM = CATALOGUE.find((p) => p.code === 'CONDOM_M_52')!.id
const PASSPHRASE = 'packet-pass-1'

/** the month before YYYY-MM */
function monthBefore(month: string): string {
  const [y, m] = month.split('-').map(Number)
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
}

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; sha256: string }> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()])
  const bytes = fs.readFileSync(await d.path())
  return { name: d.suggestedFilename(), sha256: crypto.createHash('sha256').update(bytes).digest('hex') }
}

/** a screenshot once dialogs and messages have finished moving (for the screenshot only) */
async function still(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(400)
  await shot(page, name)
}

async function setLang(page: Page, lang: 'en' | 'zh-CN'): Promise<void> {
  await page.evaluate((l) => localStorage.setItem('stationdesk.lang', l), lang)
  await page.reload()
}

test('head closes last month, a change dated in it is refused, the packet exports twice with one hash, the month reopens', async ({ page, station, browser }) => {
  test.slow()
  const base = station.url.split('#')[0]
  const head = await station.as('head', 'demo-head-1')
  const admin = await station.as('admin', 'demo-admin-1')
  const last = monthBefore(day(0).slice(0, 7))

  // last month: a receipt, a woman registered, and a stocktake not yet confirmed
  await head.call('inventory.receive', {
    documentNo: 'XJ-CLOSE-1',
    date: `${last}-15`,
    supplier: '县计生药具站',
    lines: [{ productId: CONDOM, lotNumber: 'C-CLOSE', expiry: day(700), quantity: 600 }]
  })
  const village = (await head.call('servicePoints.list', { page: 1, pageSize: 50 })).rows[0]
  const woman = await head.call('persons.create', {
    idNumber: idOf('19930306', '128'),
    name: '周月华',
    hukouRegion: '411523',
    hukouAddress: '新县沙窝镇',
    servicePointId: village.id,
    maritalStatus: 'married',
    maritalDate: '2017-05-01',
    spouseName: '陈平',
    spouseIdNumber: idOf('19910101', '171'),
    boys: 1,
    girls: 0,
    contraception: 'iud',
    contraceptionSince: '2019-03-01',
    migrantStatus: 'local'
  })
  const stocktake = await head.call('inventory.stocktakeStart', { date: `${last}-28`, note: '月底盘点' })
  // a campaign that ended last month still marked active: a warning, closed only once accepted
  const campaign = await head.call('screening.campaignSave', { name: '秋季乳腺癌筛查', kind: 'breast', startDate: `${last}-01`, endDate: `${last}-25`, servicePointIds: [village.id], targetCount: 20 })
  await head.call('screening.campaignStatus', { id: campaign.id, status: 'active' })
  // the signing key protected: the export asks for the passphrase
  await admin.call('keys.setPassphrase', { currentPassphrase: '', newPassphrase: PASSPHRASE, rememberPassphrase: false })

  await page.goto(station.url)
  await login(page, 'head', 'demo-head-1')
  await page.goto(`${base}#/periods`)
  const row = page.locator(`tr[data-row-key="${last}"]`)
  await expect(page.getByTestId(`period-status-${last}`)).toHaveText('未关账')

  // the open stocktake blocks the close; its link leads to it
  await row.getByTestId(`period-close-${last}`).click()
  const modal = page.getByTestId('close-modal')
  await expect(modal.getByTestId('close-blockers')).toContainText('未确认的盘点 1 次')
  await expect(modal.getByTestId('close-blockers')).toContainText('月底盘点')
  await expect(modal.getByTestId('close-ok')).toBeDisabled()
  await expect(modal.getByTestId('summary-stockMoves')).toHaveText('1')
  await still(page, 'periods-close-blocked-zh')
  await setLang(page, 'en')
  await page.locator(`tr[data-row-key="${last}"]`).getByTestId(`period-close-${last}`).click()
  await expect(modal.getByTestId('close-blockers')).toContainText('Unconfirmed stocktakes: 1')
  await still(page, 'periods-close-blocked-en')
  await modal.getByText('月底盘点').click()
  await expect(page).toHaveURL(new RegExp(`#/stock/stocktake\\?id=${stocktake.id}$`))
  await head.call('inventory.stocktakeCancel', { id: stocktake.id })
  await setLang(page, 'zh-CN')

  // nothing open now: closed
  await page.goto(`${base}#/periods`)
  await page.locator(`tr[data-row-key="${last}"]`).getByTestId(`period-close-${last}`).click()
  await expect(modal.getByTestId('close-blockers')).toHaveCount(0)
  await expect(modal.getByTestId('close-warnings')).toContainText('仍在进行的筛查活动 1 个')
  await expect(modal.getByTestId('close-warnings')).toContainText('秋季乳腺癌筛查')
  await expect(modal.getByTestId('close-intro')).toContainText(`${last} 的记录只读`)
  await expect(modal.getByTestId('close-ok')).toBeDisabled()
  await modal.getByTestId('close-accept').click()
  await expect(modal.getByTestId('close-ok')).toBeEnabled()
  await still(page, 'periods-close-dialog-zh')
  await modal.getByTestId('close-ok').click()
  await expect(modal.getByTestId('close-done')).toContainText(`${last} 已关账`)
  await still(page, 'periods-close-done-zh')
  await expect(page.getByTestId(`period-status-${last}`)).toHaveText('已关账')

  // the packet, from the dialog: the passphrase asked, a wrong one asked again
  await modal.getByTestId('close-done-export').click()
  const ask = page.getByTestId('passphrase-modal')
  await expect(ask.locator('input:focus')).toHaveCount(1)
  await page.keyboard.type('not-the-passphrase')
  await ask.getByTestId('passphrase-ok').click()
  await expect(ask.getByTestId('passphrase-wrong')).toBeVisible()
  await expect(ask.locator('input:focus')).toHaveCount(1)
  await page.keyboard.type(PASSPHRASE)
  const first = await download(page, () => ask.getByTestId('passphrase-ok').click())
  expect(first.name).toMatch(/\.sdpkt$/)
  await expect(page.getByTestId(`period-packet-${last}`)).toContainText(`第 1 号 · ${first.sha256.slice(0, 8)}`)
  await still(page, 'periods-list-zh')

  // a clerk records a change dated in the closed month: refused, the month named
  const clerkContext = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
  const clerkPage = await clerkContext.newPage()
  await clerkPage.goto(station.url)
  await login(clerkPage, 'clerk', 'demo-clerk-1')
  await clerkPage.goto(`${base}#/persons/view?id=${woman.id}`)
  await clerkPage.getByTestId('event-contraception').click()
  const event = clerkPage.getByTestId('event-modal-contraception')
  await expect(event.locator('input:focus')).toHaveCount(1)
  const date = event.locator('.ant-picker input').first()
  await date.fill(`${last}-20`)
  await date.press('Enter')
  await event.getByTestId('event-reason').fill('补登上月更换避孕方式')
  await event.getByTestId('event-save').click()
  await expect(event).toContainText(`${last} 已关账`)
  await still(clerkPage, 'periods-closed-refusal-zh')
  await clerkContext.close()

  // the packets page: listed with the downloaded file's hash; exported again and downloaded again, the same bytes
  await page.goto(`${base}#/packets`)
  await expect(page.getByTestId('packets-no-district')).toBeVisible()
  await expect(page.getByTestId('packet-hash-1')).toHaveAttribute('data-hash', first.sha256)
  await expect(page.getByTestId('packet-exports-1')).toHaveText('1')
  await expect(page.getByTestId('packets-export-month')).toContainText(last)
  // the stored bytes again: nothing to sign, so no passphrase asked
  const again = await download(page, () => page.getByTestId('packets-export').click())
  expect(again).toEqual(first)
  await expect(page.getByTestId('packets-last')).toContainText('与之前导出的文件相同')
  await expect(page.getByTestId('packets-last-hash')).toHaveText(first.sha256)
  await expect(page.getByTestId('packet-exports-1')).toHaveText('2')
  const third = await download(page, () => page.getByTestId('packet-download-1').click())
  expect(third.sha256).toBe(first.sha256)
  await expect(page.getByText('SHA-256 与列表一致')).toBeVisible()
  await still(page, 'packets-zh')
  await setLang(page, 'en')
  await expect(page.getByTestId('packets-no-district')).toContainText('signed but not encrypted')
  await still(page, 'packets-en')
  await setLang(page, 'zh-CN')

  // reopened with a reason (required), the change made, closed again: the next packet is a correction
  await page.goto(`${base}#/periods`)
  await page.getByTestId(`period-reopen-${last}`).click()
  const reopen = page.getByTestId('reopen-modal')
  await expect(reopen.getByTestId('reopen-intro')).toContainText('下一个数据包中作为更正')
  await expect(reopen.locator('textarea:focus')).toHaveCount(1)
  await reopen.getByTestId('reopen-ok').click()
  await expect(reopen).toContainText('必填')
  await reopen.getByTestId('reopen-reason').fill('补登漏记的避孕方式变更')
  await still(page, 'periods-reopen-zh')
  await reopen.getByTestId('reopen-ok').click()
  await expect(reopen).toBeHidden()
  await expect(page.getByTestId(`period-status-${last}`)).toHaveText('未关账')
  await expect(page.getByTestId(`period-reopened-${last}`)).toContainText('补登漏记的避孕方式变更')
  await head.call('persons.recordEvent', { personId: woman.id, type: 'contraception', date: `${last}-20`, reason: '补登上月更换避孕方式', changes: { contraceptionSince: `${last}-20` } })

  await page.getByTestId(`period-close-${last}`).click()
  await modal.getByTestId('close-accept').click()
  await modal.getByTestId('close-ok').click()
  await expect(modal.getByTestId('close-done')).toBeVisible()
  await modal.getByTestId('close-done-later').click()
  await page.getByTestId(`period-export-${last}`).click()
  await expect(page.getByTestId('passphrase-modal').locator('input:focus')).toHaveCount(1)
  await page.keyboard.type(PASSPHRASE)
  const correction = await download(page, () => page.getByTestId('passphrase-modal').getByTestId('passphrase-ok').click())
  expect(correction.sha256).not.toBe(first.sha256)
  await expect(page.getByTestId(`period-packet-${last}`)).toContainText('第 2 号')
  await setLang(page, 'en')
  await still(page, 'periods-list-en')
  await page.goto(`${base}#/packets`)
  await expect(page.getByTestId('packets-table').locator('tr[data-row-key="2"]')).toContainText('correction (close 2)')
  await expect(page.getByTestId('packet-hash-2')).toHaveAttribute('data-hash', correction.sha256)
  await still(page, 'packets-correction-en')
  await setLang(page, 'zh-CN')
})
