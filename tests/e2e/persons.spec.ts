/**
 * People register journey (issue 3): a clerk adds a person by her ID number (a mistyped check
 * digit is refused first, naming the rule, as she types), the ID fills sex and birth date, she
 * is found again by her pinyin initials, a marriage is recorded with a reason and shows in the
 * history with its before → after.
 */
import type { Page } from '@playwright/test'
import { checkDigit } from '../../src/api/idNumber'
import { test, expect, login, shot } from './fixtures'

test.use({ demo: true })

/** a valid ID of the demo station's county (新县 411523): a woman born 1990-03-07 */
const FIRST17 = '41152319900307124'
const ID = FIRST17 + checkDigit(FIRST17)
const WRONG = FIRST17 + (checkDigit(FIRST17) === '0' ? '1' : '0')

async function choose(page: Page, testId: string, option: string): Promise<void> {
  await page.getByTestId(testId).click()
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByText(option, { exact: true }).click()
}

test('clerk adds a person by ID, finds her by pinyin initials, records a marriage and sees it in the history', async ({ page, station }) => {
  await page.goto(station.url)
  await login(page, 'clerk', 'demo-clerk-1')

  // add: the ID first, typed as a card reader does (the number, then Enter)
  await page.getByTestId('nav-/persons').click()
  await page.getByTestId('persons-add').click()
  const id = page.getByTestId('person-id')
  await expect(id).toBeFocused()
  await page.keyboard.type(WRONG)
  await expect(page.getByText(`校验码（最后一位）应为 ${checkDigit(FIRST17)}`)).toBeVisible()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('person-name')).toBeFocused()
  await shot(page, 'persons-id-checksum')

  await id.fill(ID)
  await expect(page.getByText(/校验码/)).toHaveCount(0)
  await expect(page.getByTestId('person-id-derived')).toContainText('女 · 1990-03-07')
  await expect(page.getByTestId('person-sex')).toHaveValue('女')
  await expect(page.getByTestId('person-birth')).toHaveValue('1990-03-07')
  await page.getByTestId('person-name').fill('王秀兰')
  await page.keyboard.press('Enter')
  await page.keyboard.type('13837612345')
  await choose(page, 'person-point', '王山村服务室')
  await page.getByTestId('person-save').click()

  // her page: the facts, and the registration in the history
  await expect(page.getByTestId('person-page')).toBeVisible()
  await expect(page.getByTestId('person-heading')).toHaveText('王秀兰')
  await expect(page.getByTestId('person-idnumber')).toContainText(ID)
  await expect(page.getByTestId('person-history').getByTestId('history-event')).toHaveCount(1)

  // find her again by her pinyin initials
  await page.getByTestId('person-back').click()
  await page.getByTestId('persons-search').fill('wxl')
  const row = page.getByTestId('persons-table').locator('tr.ant-table-row', { hasText: '王秀兰' })
  await expect(row).toContainText(ID)
  await row.getByTestId('persons-open').click()
  await expect(page.getByTestId('person-heading')).toHaveText('王秀兰')

  // a marriage with a reason
  await page.getByTestId('event-marriage').click()
  const modal = page.getByTestId('event-modal-marriage')
  await expect(modal).toBeVisible()
  // only the facts a marriage may change
  await expect(modal.getByTestId('person-phone')).toHaveCount(0)
  await modal.getByTestId('person-spouseName').fill('李建国')
  await page.getByTestId('event-save').click()
  await expect(modal.getByText('必填')).toBeVisible() // the reason is required
  await modal.getByTestId('event-reason').fill('本人申报，已核验结婚证')
  await shot(page, 'persons-marriage')
  await page.getByTestId('event-save').click()
  await expect(modal).toBeHidden()

  const history = page.getByTestId('person-history')
  const marriage = history.locator('[data-testid="history-event"][data-type="marriage"]')
  await expect(marriage).toContainText('结婚')
  await expect(marriage).toContainText('本人申报，已核验结婚证')
  await expect(marriage.getByTestId('history-change-maritalStatus')).toContainText(/未婚.*初婚/)
  await expect(marriage.getByTestId('history-change-spouseName')).toContainText('李建国')
  await expect(page.getByTestId('person-facts')).toContainText('初婚')
  await shot(page, 'persons-history')
})
