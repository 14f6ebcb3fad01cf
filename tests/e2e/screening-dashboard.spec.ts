/**
 * Screening dashboards (issue 4): a breast screening with a dozen records in three villages (made
 * through the core, as a doctor would save them), then in the browser the station's home page
 * shows the screening card with the core's figures and a way to each active campaign, and the
 * campaign's page shows its headline numbers and draws its charts (SVG) — in zh-CN and English.
 * A campaign without records shows its empty state, not empty charts; admin sees no screening.
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from '@playwright/test'
import { checkDigit } from '../../src/api/idNumber'
import { test, expect, login, logout } from './fixtures'
import { SHOTS, day } from './helpers'

test.use({ demo: true })

async function shot(page: Page, name: string): Promise<void> {
  await page.mouse.move(640, 850) // away from the user menu, which opens on hover
  await expect(page.locator('.ant-dropdown:not(.ant-dropdown-hidden)')).toHaveCount(0)
  fs.mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true })
}

/** a valid ID of the demo station's county (新县 411523): a woman (even sex digit) */
const idOf = (birth: string, seq: number) => {
  const first17 = `411523${birth}${String(seq).padStart(2, '0')}2`
  return first17 + checkDigit(first17)
}
const side = (o: object = {}) => ({ cbe: 'normal', birads: '1', ...o })
const breast = (left: object = {}, right: object = {}) => ({ kind: 'breast', left: side(left), right: side(right), ultrasoundDone: true })

test('the campaign dashboard panel and the home page screening card', async ({ page, station }) => {
  const head = await station.as('head', 'demo-head-1')
  const doctor = await station.as('doctor', 'demo-doctor-1')
  const villages = (await head.call('servicePoints.list', { page: 1, pageSize: 50 })).rows.filter((p) => p.kind === 'village_room').slice(0, 3)
  expect(villages).toHaveLength(3)
  // twelve women: six in the first village, four in the second, two in the third; plus three not screened
  const women: string[] = []
  const spread = [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 0, 1, 2]
  for (const [i, v] of spread.entries())
    women.push((await head.call('persons.create', { idNumber: idOf(`19${65 + i}0${1 + (i % 9)}1${i % 10}`, 10 + i), name: `测试${'甲乙丙丁戊己庚辛壬癸子丑寅卯辰'[i]}`, servicePointId: villages[v].id })).id)

  const campaign = await head.call('screening.campaignSave', { name: '乳腺癌筛查（看板）', kind: 'breast', startDate: day(-14), endDate: day(16), servicePointIds: villages.map((v) => v.id), targetCount: 30 })
  await head.call('screening.campaignStatus', { id: campaign.id, status: 'active' })
  const empty = await head.call('screening.campaignSave', { name: '宫颈癌筛查（未录入）', kind: 'cervical', startDate: day(-2), endDate: day(28), servicePointIds: [villages[0].id], targetCount: 0 })
  await head.call('screening.campaignStatus', { id: empty.id, status: 'active' })

  const save = (i: number, examDate: string, findings: object, conclusion: string, referral?: { destination: string; dueDate: string }) =>
    doctor.call('screening.recordSave', { campaignId: campaign.id, personId: women[i], examDate, findings, conclusion, referral } as never)
  for (let i = 0; i < 8; i++) await save(i, day(-(i % 5)), breast({ birads: i % 3 ? '1' : '2' }), 'normal')
  await save(8, day(-3), breast({}, { birads: '3' }), 'benign')
  await save(9, day(-2), breast({ birads: '4A' }), 'abnormal_refer', { destination: '县妇幼保健院乳腺科', dueDate: day(10) })
  await save(10, day(-6), breast({ cbe: 'lump', lumpSizeMm: 18, lumpClock: 2, birads: '4B' }), 'abnormal_refer', { destination: '县妇幼保健院乳腺科', dueDate: day(-1) })
  const malignant = await save(11, day(-5), breast({}, { birads: '5' }), 'suspected_malignancy', { destination: '省肿瘤医院', dueDate: day(5) })
  await doctor.call('screening.followUpSave', { recordId: malignant.id, outcome: { outcome: 'attended', place: '省肿瘤医院', date: day(-1), diagnosis: '浸润性导管癌' } })
  const summary = (await head.call('dashboard.summary')).screening
  if (!summary) throw new Error('head got no screening summary')
  expect(summary.referrals).toEqual({ open: 2, overdue: 1 })
  const eligible = (await head.call('screening.campaign', { id: campaign.id })).eligible

  // the home page: the card with the core's figures, both active campaigns
  await page.goto(station.url)
  await login(page, 'head', 'demo-head-1')
  const card = page.getByTestId('dashboard-screening')
  await expect(card).toBeVisible()
  await expect(page.getByTestId('dashboard-screening-month')).toHaveText(String(summary.recordsThisMonth))
  await expect(page.getByTestId('dashboard-screening-open')).toHaveText('2')
  await expect(page.getByTestId('dashboard-screening-overdue')).toHaveText('1')
  const lines = card.getByTestId('dashboard-screening-campaign')
  await expect(lines).toHaveCount(2)
  const line = lines.filter({ hasText: '乳腺癌筛查（看板）' })
  await expect(line.getByTestId('dashboard-screening-of-target')).toContainText('12 / 30')
  await expect(line.getByTestId('dashboard-screening-of-eligible')).toContainText(`12 / ${eligible}`)
  await shot(page, 'screening-dashboard-home-zh')

  // its page from the card: the headline and the five charts drawn
  await line.getByTestId('dashboard-screening-campaign-open').click()
  await expect(page.getByTestId('campaign-heading')).toHaveText('乳腺癌筛查（看板）')
  const panel = page.getByTestId('campaign-dashboard')
  await expect(panel.getByTestId('dash-of-target')).toContainText('12 / 30')
  await expect(panel.getByTestId('dash-of-target')).toContainText('40%')
  await expect(panel.getByTestId('dash-of-eligible')).toContainText(`12 / ${eligible}`)
  await expect(panel.getByTestId('dash-referral-completion')).toContainText('1 / 3')
  for (const id of ['village', 'day', 'conclusions', 'findings', 'referrals']) await expect(panel.getByTestId(`dash-chart-${id}`).locator('svg')).toHaveCount(1)
  const village = panel.getByTestId('dash-chart-village')
  for (const v of villages) await expect(village).toContainText(v.name)
  await expect(village).toContainText('6 / 7') // the first village: six of its seven women
  await expect(panel.getByTestId('dash-chart-conclusions')).toContainText('可疑恶性')
  const findings = panel.getByTestId('dash-chart-findings')
  for (const f of ['BI-RADS 2', 'BI-RADS 3', 'BI-RADS 4A', 'BI-RADS 4B', 'BI-RADS 5', '左乳肿块']) await expect(findings).toContainText(f)
  await expect(findings).not.toContainText('BI-RADS 1')
  await expect(panel.getByTestId('dash-chart-referrals')).toContainText('已逾期')
  await expect(page.getByTestId('roster-table')).toBeVisible()
  await shot(page, 'screening-dashboard-campaign-zh')

  // folded away, remembered across pages; unfolded again
  await panel.getByTestId('dash-toggle').click()
  await expect(panel.getByTestId('dash-chart-village')).toHaveCount(0)
  await expect(panel.getByTestId('dash-of-target')).toBeVisible()
  await page.reload()
  await expect(page.getByTestId('campaign-dashboard').getByTestId('dash-of-target')).toBeVisible()
  await expect(page.getByTestId('dash-chart-village')).toHaveCount(0)
  await page.getByTestId('dash-toggle').click()
  await expect(page.getByTestId('dash-chart-village').locator('svg')).toHaveCount(1)

  // English
  await page.getByTestId('lang-switch').getByText('EN', { exact: true }).click()
  await expect(panel).toContainText('Progress and results')
  await expect(panel.getByTestId('dash-chart-findings')).toContainText('Left breast: lump')
  await expect(panel.getByTestId('dash-chart-conclusions')).toContainText('Suspected malignancy')
  await expect(panel.getByTestId('dash-chart-referrals')).toContainText('Overdue')
  await shot(page, 'screening-dashboard-campaign-en')
  await page.getByTestId('nav-/').click()
  await expect(page.getByTestId('dashboard-screening')).toContainText('Screening and follow-up')
  await shot(page, 'screening-dashboard-home-en')
  await page.getByTestId('lang-switch').getByText('中文', { exact: true }).click()

  // a campaign without records: its headline and the empty state, no chart
  await page.getByTestId('dashboard-screening').getByTestId('dashboard-screening-campaign').filter({ hasText: '宫颈癌筛查（未录入）' }).getByTestId('dashboard-screening-campaign-open').click()
  await expect(page.getByTestId('campaign-heading')).toHaveText('宫颈癌筛查（未录入）')
  await expect(page.getByTestId('dash-empty')).toContainText('还没有筛查记录')
  await expect(page.getByTestId('dash-of-target')).toContainText('未设目标人数')
  await expect(page.getByTestId('campaign-dashboard').locator('[data-testid^="dash-chart-"]')).toHaveCount(0)
  await shot(page, 'screening-dashboard-empty-zh')

  // the card's way to the follow-up worklist
  await page.getByTestId('nav-/').click()
  await page.getByTestId('dashboard-screening-follow-ups').click()
  await expect(page.getByTestId('follow-ups-table')).toBeVisible()

  // admin: no screening on the home page
  await logout(page)
  await login(page, 'admin', 'demo-admin-1')
  await expect(page.getByTestId('dashboard-station')).toBeVisible()
  await expect(page.getByTestId('dashboard-screening')).toHaveCount(0)
})
