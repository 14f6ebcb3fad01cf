/**
 * Migrant certificates (issue 6), the clerk's and the head's journeys in the app: a clerk opens a
 * woman out-migrant from the register, confirms the facts, issues her certificate, sees its
 * number and QR, opens the print preview (the PDF is made: its answer is checked), reprints
 * (count 2, said as a reprint); a woman with facts missing is told which, a man is refused; the
 * head voids a certificate with a reason and reads the numbering; an in-migrant's page lists the
 * checks of her certificate; a protected signing key asks for its passphrase; the list prints a
 * selection as one job. Screenshots (zh-CN and English) go to tests/.tmp.
 */
import path from 'node:path'
import type { Page, Response } from '@playwright/test'
import { test, expect, login, type Caller, type Station } from './fixtures'
import { day, idOf, shot, SHOTS } from './helpers'

test.use({ demo: true })

const ZHAO = { id: idOf('19920315', '246'), name: '赵春梅', spouse: '钱志强', spouseId: idOf('19900101', '113'), to: '广东省东莞市长安镇' }
const LI = { id: idOf('19950620', '328'), name: '李秀兰' }
const SUN = { id: idOf('19930808', '424'), name: '孙丽娟' }
const WU = { id: idOf('19880203', '135'), name: '吴建国' }

/** the register's people for the journeys, through the core as the head */
async function setUp(station: Station): Promise<{ head: Caller; zhao: string; li: string; sun: string; wu: string }> {
  const head = await station.as('head', 'demo-head-1')
  const point = (await head.call('servicePoints.list', { page: 1, pageSize: 50 })).rows.find((p) => p.name === '王山村服务室')
  if (!point) throw new Error('demo service point 王山村 missing')
  const common = { hukouRegion: '411523', hukouAddress: '新县王山村 3 组', servicePointId: point.id }
  const zhao = await head.call('persons.create', {
    idNumber: ZHAO.id,
    name: ZHAO.name,
    ...common,
    maritalStatus: 'married',
    maritalDate: '2015-10-01',
    spouseName: ZHAO.spouse,
    spouseIdNumber: ZHAO.spouseId,
    girls: 1,
    contraception: 'iud',
    contraceptionSince: '2017-03-01',
    migrantStatus: 'out',
    migrantPlace: ZHAO.to,
    migrantSince: day(-30)
  })
  // married, but the register does not name the spouse: the certificate cannot be issued
  const li = await head.call('persons.create', { idNumber: LI.id, name: LI.name, ...common, maritalStatus: 'married', maritalDate: '2019-05-01' })
  // complete but still local: issuing records her move out
  const sun = await head.call('persons.create', { idNumber: SUN.id, name: SUN.name, ...common })
  const wu = await head.call('persons.create', { idNumber: WU.id, name: WU.name, ...common })
  return { head, zhao: zhao.id, li: li.id, sun: sun.id, wu: wu.id }
}

const english = (page: Page) => page.getByTestId('lang-switch').getByText('EN', { exact: true }).click()
const chinese = (page: Page) => page.getByTestId('lang-switch').getByText('中文', { exact: true }).click()

/** the jobs.status answer that carries the finished print job's PDF */
function printDone(page: Page): Promise<Response> {
  return page.waitForResponse(async (r) => {
    if (!r.url().endsWith('/rpc') || (r.request().postDataJSON() as { method?: string } | null)?.method !== 'jobs.status') return false
    const body = (await r.json()) as { ok: boolean; data?: { state: string; method: string } }
    return body.ok && body.data?.method === 'certificates.print' && body.data.state !== 'running'
  })
}

async function expectPdf(res: Response, count: number): Promise<void> {
  const body = (await res.json()) as { data: { state: string; result: { filename: string; mime: string; base64: string; count: number } } }
  expect(body.data.state).toBe('done')
  expect(body.data.result.mime).toBe('application/pdf')
  expect(body.data.result.filename).toMatch(/\.pdf$/)
  expect(body.data.result.count).toBe(count)
  expect(Buffer.from(body.data.result.base64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-')
}

test('a clerk issues an out-migrant her certificate, previews the print and reprints it', async ({ page, station }) => {
  test.slow()
  const { zhao } = await setUp(station)
  await page.goto(station.url)
  await login(page, 'clerk', 'demo-clerk-1')

  // from her page: the section says she has none, and offers to issue one
  await page.goto(`${station.origin}/#/persons/view?id=${zhao}`)
  await expect(page.getByTestId('person-certificates')).toContainText('没有婚育证明')
  await page.getByTestId('person-issue-certificate').click()

  // the confirmation: every fact that will be printed, nothing missing, the keyboard on 开具证明
  const sheet = page.getByTestId('cert-sheet')
  await expect(sheet).toContainText(ZHAO.name)
  await expect(page.getByTestId('sheet-id')).toHaveText(ZHAO.id)
  await expect(sheet).toContainText(ZHAO.spouse)
  await expect(sheet).toContainText(ZHAO.to)
  await expect(sheet).toContainText('宫内节育器')
  await expect(sheet).toContainText('开具时自动编号')
  await expect(page.getByTestId('issue-missing')).toHaveCount(0)
  await expect(page.getByTestId('issue-submit')).toBeEnabled()
  await expect(page.getByTestId('issue-submit')).toBeFocused()
  await shot(page, 'certificates-confirm')
  await english(page)
  await expect(sheet).toContainText('Migrant Marriage and Childbearing Certificate')
  await shot(page, 'certificates-confirm-en')
  await chinese(page)

  await page.keyboard.press('Enter')
  await expect(page.getByTestId('cert-page')).toBeVisible()
  const number = (await page.getByTestId('cert-number').textContent()) ?? ''
  expect(number).toMatch(/^\d{9}-\d{4}-\d{5}$/)
  expect(number.split('-')[1]).toBe(day(0).slice(0, 4))
  await expect(page.getByTestId('sheet-number')).toHaveText(number)
  await expect(page.getByTestId('cert-status')).toHaveText('有效')
  await expect(page.getByTestId('cert-qr')).toBeVisible()
  await expect(page.getByTestId('cert-print-count')).toHaveText('尚未打印')
  await expect(page.getByTestId('cert-void')).toHaveCount(0) // voiding is the head's
  await shot(page, 'certificates-detail')

  // print: the PDF is made as a job, shown in the app, counted
  const first = printDone(page)
  await page.getByTestId('cert-print').click()
  await expectPdf(await first, 1)
  const preview = page.getByTestId('print-preview')
  await expect(preview.getByTestId('preview-count')).toContainText('首次打印')
  await expect(preview.locator('canvas[data-testid="pdf-page"]')).toHaveCount(1)
  await expect(preview.getByTestId('preview-download')).toBeVisible()
  await expect(preview.getByTestId('preview-print')).toHaveCount(0) // the browser preview downloads; only the desktop app prints
  await shot(page, 'certificates-preview')
  await preview.locator('canvas').first().screenshot({ path: path.join(SHOTS, 'certificates-preview-pdf.png') })
  await preview.getByTestId('preview-close').click()
  await expect(page.getByTestId('cert-print-count')).toHaveText('已打印 1 次')
  await expect(page.getByTestId('cert-print')).toContainText('重印')

  // Ctrl+P reprints: said as the second print
  const second = printDone(page)
  await page.keyboard.press('Control+p')
  await expectPdf(await second, 1)
  await expect(preview.getByTestId('preview-count')).toContainText('第 2 次')
  await preview.getByTestId('preview-close').click()
  await expect(page.getByTestId('cert-print-count')).toHaveText('已打印 2 次')

  // the list finds it by the last digits of her ID, with its two prints; her page lists it
  await page.getByTestId('cert-back').click()
  await page.getByTestId('certs-search').fill(ZHAO.id.slice(-6))
  const row = page.getByTestId('certs-table').locator('tr', { hasText: number })
  await expect(row).toContainText(ZHAO.name)
  await expect(row).toContainText(ZHAO.id)
  await expect(row.getByTestId('cert-row-status')).toHaveText('有效')
  await expect(row.locator('td').last()).toHaveText('2')
  await shot(page, 'certificates-list')
  await english(page)
  await expect(row.getByTestId('cert-row-status')).toHaveText('Valid')
  await shot(page, 'certificates-list-en')
  await row.getByTestId('cert-open').click()
  await expect(page.getByTestId('cert-status')).toHaveText('Valid')
  await shot(page, 'certificates-detail-en')
  await chinese(page)
  await page.goto(`${station.origin}/#/persons/view?id=${zhao}`)
  await expect(page.getByTestId('person-certificates').getByTestId('person-cert-link')).toHaveText(number)
  await shot(page, 'certificates-person')
})

test('missing facts are named, a man is refused, the head voids a certificate with a reason and reads the numbering; an in-migrant’s page lists her checks', async ({ page, station }) => {
  test.slow()
  const { head, zhao, li, wu } = await setUp(station)
  const issued = await head.call('certificates.issue', { personId: zhao })
  await page.goto(station.url)
  await login(page, 'head', 'demo-head-1')

  // her record does not name her spouse: said, issuing disabled, the way to her page
  await page.goto(`${station.origin}/#/certificates/new?person=${li}`)
  const missing = page.getByTestId('issue-missing')
  await expect(missing).toContainText('2 项')
  await expect(missing).toContainText('配偶姓名')
  await expect(missing).toContainText('配偶身份号码')
  await expect(page.getByTestId('sheet-missing-spouseName')).toBeVisible()
  await expect(page.getByTestId('issue-submit')).toBeDisabled()
  await shot(page, 'certificates-missing')
  await page.getByTestId('issue-complete').click()
  await expect(page.getByTestId('person-heading')).toHaveText(LI.name)

  // a man: refused, the reason said plainly, nothing to issue
  await page.goto(`${station.origin}/#/certificates/new?person=${wu}`)
  await expect(page.getByTestId('issue-refusal')).toContainText('男性')
  await expect(page.getByTestId('issue-submit')).toHaveCount(0)

  // she already holds one: the issue flow offers to renew it instead
  await page.goto(`${station.origin}/#/certificates/new?person=${zhao}`)
  await expect(page.getByTestId('issue-current')).toContainText(issued.number)
  await expect(page.getByTestId('issue-submit')).toBeDisabled()

  // the head voids it: the reason is required, then asked once more
  await page.getByTestId('issue-view-current').click()
  await expect(page.getByTestId('cert-number')).toHaveText(issued.number)
  await page.getByTestId('cert-void').click()
  await page.getByTestId('void-ok').click()
  await expect(page.getByTestId('void-modal')).toContainText('必填')
  await page.getByTestId('void-reason').fill('身份证号登记有误，已重新开具')
  await page.getByTestId('void-ok').click()
  await expect(page.getByTestId('void-armed')).toContainText('身份证号登记有误，已重新开具')
  await expect(page.getByTestId('cert-status')).toHaveText('有效') // not yet
  await shot(page, 'certificates-void-confirm')
  await page.getByTestId('void-confirm').click()
  await expect(page.getByTestId('cert-status')).toHaveText('已作废')
  await expect(page.getByTestId('cert-void-reason')).toHaveText('身份证号登记有误，已重新开具')
  await expect(page.getByTestId('sheet-stamp')).toHaveText('已作废')
  await expect(page.getByTestId('cert-print')).toBeDisabled()
  await expect(page.getByTestId('cert-void')).toBeDisabled()
  await shot(page, 'certificates-void')

  // the head's numbering: this year, one issued, the highest serial, no skipped number
  await page.getByTestId('cert-back').click()
  await page.getByTestId('certs-numbering').click()
  const year = page.getByTestId('numbering-drawer').locator('tr', { hasText: day(0).slice(0, 4) })
  await expect(year).toContainText(issued.number.slice(-5))
  await expect(year).toContainText('无空号')
  await page.waitForTimeout(400) // the drawer's slide, for the screenshot only
  await shot(page, 'certificates-numbering')

  // an in-migrant's page lists the checks of the certificate she brought
  const checked = await head.call('certificates.verificationSave', {
    method: 'manual',
    result: 'valid',
    certificateNumber: '420102003-2025-00417',
    issuerName: '武汉市江岸区某街道计生服务站',
    issueDate: '2025-03-01',
    validUntil: '2028-02-28',
    holder: { idNumber: idOf('19960412', '526'), name: '周小燕' }
  })
  await page.goto(`${station.origin}/#/persons/view?id=${checked.personId}`)
  const checks = page.getByTestId('person-verifications')
  await expect(checks).toContainText('420102003-2025-00417')
  await expect(checks).toContainText('人工核对')
  await expect(checks.locator('.ant-tag')).toHaveText('有效')
})

test('a protected key asks for its passphrase; a local woman’s move is recorded with her certificate; the list prints a selection', async ({ page, station }) => {
  test.slow()
  const { head, zhao, sun } = await setUp(station)
  const admin = await station.as('admin', 'demo-admin-1')
  await admin.call('keys.setPassphrase', { currentPassphrase: '', newPassphrase: 'station-key-pass', rememberPassphrase: false })
  const other = await head.call('certificates.issue', { personId: zhao, passphrase: 'station-key-pass' })
  await page.goto(station.url)
  await login(page, 'clerk', 'demo-clerk-1')

  // still local: where she is going and since when; Enter moves on to 开具证明
  await page.goto(`${station.origin}/#/certificates/new?person=${sun}`)
  await expect(page.getByTestId('issue-needs-move')).toBeVisible()
  await expect(page.getByTestId('issue-destination')).toBeFocused()
  await page.keyboard.type('浙江省义乌市稠城街道')
  await expect(page.getByTestId('cert-sheet')).toContainText('浙江省义乌市稠城街道')
  await page.keyboard.press('Enter')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('issue-submit')).toBeFocused()
  await page.keyboard.press('Enter')

  // the key is protected: its passphrase, a wrong one said under the field, then the right one
  const modal = page.getByTestId('passphrase-modal')
  await expect(modal).toBeVisible()
  await page.getByTestId('passphrase-input').fill('not-the-pass')
  await page.getByTestId('passphrase-ok').click()
  await expect(modal).toContainText('口令不正确')
  await page.getByTestId('passphrase-input').fill('station-key-pass')
  await page.getByTestId('passphrase-ok').click()
  await expect(page.getByTestId('cert-page')).toBeVisible()
  await expect(page.getByTestId('cert-status')).toHaveText('有效')
  await expect(page.getByTestId('sheet-authority')).not.toBeEmpty()
  const number = (await page.getByTestId('cert-number').textContent()) ?? ''
  const sunNow = await head.call('persons.get', { id: sun })
  expect(sunNow.migrantStatus).toBe('out')
  expect(sunNow.migrantPlace).toBe('浙江省义乌市稠城街道')

  // the list: both chosen, printed as one job on the booklet layout, previewed
  await page.goto(`${station.origin}/#/certificates`)
  const table = page.getByTestId('certs-table')
  for (const n of [number, other.number]) await table.locator('tr', { hasText: n }).locator('.ant-table-selection-column input').check()
  await expect(page.getByTestId('certs-selection')).toContainText('已选 2 份')
  const done = printDone(page)
  await page.getByTestId('certs-batch-print').click()
  await page.getByRole('menuitem', { name: '套打证明本' }).click()
  await expectPdf(await done, 2)
  const preview = page.getByTestId('print-preview')
  await expect(preview).toContainText('2 份证明')
  await expect(preview.locator('canvas[data-testid="pdf-page"]')).toHaveCount(2)
  await shot(page, 'certificates-batch-preview')
  await preview.locator('canvas').first().screenshot({ path: path.join(SHOTS, 'certificates-batch-pdf.png') })
  await preview.getByTestId('preview-close').click()
  await expect(page.getByTestId('certs-selection')).toHaveCount(0)
  await expect(table.locator('tr', { hasText: number }).locator('td').last()).toHaveText('1')
})
