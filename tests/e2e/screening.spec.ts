/**
 * Screening campaigns journey (issue 4): the head creates a breast-cancer screening for one
 * village (the kind fills in women 35–64), starts it, opens it, finds the village's eligible
 * women on its roster and marks one invited today.
 */
import { test, expect, login } from './fixtures'
import { day, idOf, shot } from './helpers'

test.use({ demo: true })

test('head creates a breast screening for one village, starts it and marks a woman invited', async ({ page, station }) => {
  // two eligible women of 王山村 and one of another village, through the core
  const clerk = await station.as('clerk', 'demo-clerk-1')
  const points = (await clerk.call('servicePoints.list', { page: 1, pageSize: 50 })).rows
  const wangshan = points.find((p) => p.name === '王山村服务室')
  const other = points.find((p) => p.kind === 'village_room' && p.id !== wangshan?.id)
  if (!wangshan || !other) throw new Error('demo service points missing')
  await clerk.call('persons.create', { idNumber: idOf('19750412', '122'), name: '王桂芳', servicePointId: wangshan.id })
  await clerk.call('persons.create', { idNumber: idOf('19800915', '144'), name: '李秀梅', servicePointId: wangshan.id })
  await clerk.call('persons.create', { idNumber: idOf('19720101', '166'), name: '赵玉兰', servicePointId: other.id })

  await page.goto(station.url)
  await login(page, 'head', 'demo-head-1')
  await page.getByTestId('nav-/screening').click()
  await expect(page.getByTestId('campaigns-table')).toContainText('还没有筛查活动')

  // the form: the kind fills in the eligibility
  await page.getByTestId('campaigns-add').click()
  const modal = page.getByTestId('campaign-modal')
  await expect(modal).toBeVisible()
  await expect(page.getByTestId('campaign-age-from')).toHaveValue('35')
  await expect(page.getByTestId('campaign-age-to')).toHaveValue('64')
  await page.getByTestId('campaign-name').fill('王山村乳腺癌筛查')
  await page.getByTestId('campaign-start').fill(day(0))
  await page.getByTestId('campaign-start').press('Enter')
  await page.getByTestId('campaign-end').fill(day(30))
  await page.getByTestId('campaign-end').press('Enter')
  await page.getByTestId('campaign-points').click()
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByText('王山村服务室', { exact: true }).click()
  await page.keyboard.press('Escape')
  await page.getByTestId('campaign-target').click()
  await expect(page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')).toHaveCount(0)
  await page.getByTestId('campaign-target').fill('50')
  await shot(page, 'screening-form')
  await page.getByTestId('campaign-save').click()
  await expect(modal).toBeHidden()

  // the list: planned, 0 of 2 eligible; start it
  const row = page.getByTestId('campaigns-table').locator('tr.ant-table-row', { hasText: '王山村乳腺癌筛查' })
  await expect(row.getByTestId('campaign-status')).toHaveText('计划中')
  await expect(row).toContainText('乳腺癌筛查')
  await expect(row).toContainText('0 / 2')
  await row.getByTestId('campaign-start-button').click()
  await expect(row.getByTestId('campaign-status')).toHaveText('进行中')
  await expect(row.getByTestId('campaign-close')).toBeVisible()
  await shot(page, 'screening-list')

  // its page: the roster holds the village's two women, not the other village's
  await row.getByTestId('campaign-open').click()
  await expect(page.getByTestId('campaign-heading')).toHaveText('王山村乳腺癌筛查')
  const roster = page.getByTestId('roster-table')
  await expect(roster.locator('tr.ant-table-row')).toHaveCount(2)
  await expect(roster).toContainText('王桂芳')
  await expect(roster).toContainText('李秀梅')
  await expect(roster).not.toContainText('赵玉兰')
  await expect(page.getByTestId('roster-mark-invited')).toBeDisabled()

  // mark one invited today
  await roster.locator('tr.ant-table-row', { hasText: '王桂芳' }).locator('.ant-checkbox-input').check()
  await page.getByTestId('roster-mark-invited').click()
  await expect(page.getByText('已标记 1 人')).toBeVisible()
  await expect(roster.locator('tr.ant-table-row', { hasText: '王桂芳' })).toContainText(day(0))
  await page.getByTestId('roster-state').getByText('已通知', { exact: true }).click()
  await expect(roster.locator('tr.ant-table-row')).toHaveCount(1)
  await page.getByTestId('roster-state').getByText('全部', { exact: true }).click()
  await shot(page, 'screening-campaign')

  // the follow-up worklist opens (nothing referred yet)
  await page.getByTestId('nav-/screening/follow-ups').click()
  await expect(page.getByTestId('follow-ups-table')).toContainText('没有需要随访的转诊')
  await shot(page, 'screening-follow-ups')
})
