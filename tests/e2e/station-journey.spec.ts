/**
 * The station head keeps the station's records: the profile (a new phone number), a new staff
 * member, a new equipment item, a new village service point (a code outside the township is
 * refused on the field first). Then the administrator finds each of those writes, by the head,
 * in the audit log.
 */
import type { Locator, Page } from '@playwright/test'
import { test, expect, login, logout, shot } from './fixtures'

test.use({ demo: true })

/** picks an option of an antd Select reached by its label */
async function choose(page: Page, scope: Locator, label: string, option: string): Promise<void> {
  await scope.getByLabel(label, { exact: true }).click()
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByText(option, { exact: true }).click()
}

function tableRow(page: Page, text: string): Locator {
  return page.getByTestId('register-table').locator('tbody tr', { hasText: text })
}

test('head edits the profile, adds staff, equipment and a village room; the audit log shows each write by the head', async ({ page, station }) => {
  await page.goto(station.url)
  await login(page, 'head', 'demo-head-1')
  await expect(page.getByTestId('dashboard')).toBeVisible()

  // profile: a new phone number (reached from the dashboard's quick link)
  await page.getByTestId('dashboard-link-/station/profile').click()
  await page.getByTestId('profile-edit').click()
  const profile = page.getByTestId('profile-form')
  await expect(profile.getByLabel('联系电话')).toHaveValue('0376-2981234')
  await profile.getByLabel('联系电话').fill('0376-2985678')
  await page.getByTestId('profile-save').click()
  await expect(page.getByTestId('profile-view')).toContainText('0376-2985678')
  await expect(page.getByTestId('profile-view')).not.toContainText('0376-2981234')

  // staff: a new nurse
  await page.getByTestId('nav-/station/staff').click()
  await expect(tableRow(page, '陈秀英')).toBeVisible()
  await page.getByTestId('register-add').click()
  const modal = page.getByTestId('register-modal')
  await modal.getByLabel('姓名', { exact: true }).fill('黄小梅')
  await choose(page, modal, '岗位', '护士')
  await modal.getByLabel('资质', { exact: true }).fill('护士资格')
  await modal.getByLabel('电话', { exact: true }).fill('13803761009')
  await page.getByTestId('register-save').click()
  await expect(modal).toBeHidden()
  await expect(tableRow(page, '黄小梅')).toContainText('护士')

  // equipment: two new items of one kind
  await page.getByTestId('nav-/station/equipment').click()
  await expect(tableRow(page, '阴道镜')).toBeVisible()
  await page.getByTestId('register-add').click()
  await modal.getByLabel('设备名称', { exact: true }).fill('胎心监护仪')
  await modal.getByLabel('型号', { exact: true }).fill('FM-10')
  await modal.getByLabel('数量', { exact: true }).fill('2')
  await choose(page, modal, '状态', '在用')
  await page.getByTestId('register-save').click()
  await expect(modal).toBeHidden()
  await expect(tableRow(page, '胎心监护仪')).toContainText('FM-10')

  // service points: a village code outside the township is refused on the field, then a good one
  await page.getByTestId('nav-/station/service-points').click()
  await expect(tableRow(page, '王山村服务室')).toBeVisible()
  await page.getByTestId('register-add').click()
  const code = modal.getByLabel('统计用区划代码', { exact: true })
  await expect(code).toHaveValue('411523101')
  // the modal resets its form once open and then focuses the first field: type after that
  await expect(modal.locator('input:focus')).toHaveCount(1)
  await code.fill('411523102209')
  await modal.getByLabel('名称', { exact: true }).fill('新建村服务室')
  await page.getByTestId('register-save').click()
  await expect(modal.getByText('村级代码应以本站的区划代码 411523101 开头')).toBeVisible()
  await code.fill('41152310120')
  await page.getByTestId('register-save').click()
  await expect(modal.getByText('村级统计代码应为 12 位数字')).toBeVisible()
  await shot(page, 'journey-village-code-error')
  await code.fill('411523101209')
  await expect(modal.getByText('村级统计代码应为 12 位数字')).toHaveCount(0)
  await page.getByTestId('register-save').click()
  await expect(modal).toBeHidden()
  await expect(tableRow(page, '新建村服务室')).toContainText('411523101209')

  // the dashboard counts the new records
  await page.getByTestId('nav-/').click()
  await expect(page.getByTestId('dashboard-staff').locator('.ant-statistic').first()).toContainText('9')
  await expect(page.getByTestId('dashboard-points').locator('.ant-statistic').first()).toContainText('9')
  await shot(page, 'journey-dashboard-head')
  await logout(page)

  // the administrator reads the audit log: each write, by the head
  await login(page, 'admin', 'demo-admin-1')
  await page.getByTestId('nav-/audit').click()
  const audit = page.getByTestId('audit-table')
  const byHead = audit.locator('tbody tr').filter({ has: page.locator('td', { hasText: /^head$/ }) })
  for (const action of ['station.update', 'staff.save', 'equipment.save', 'servicePoints.save'])
    await expect(byHead.filter({ hasText: action }), `${action} by head`).toHaveCount(1)
  await expect(byHead.filter({ hasText: 'station.update' })).toContainText('phone')
  await shot(page, 'journey-audit')
})
