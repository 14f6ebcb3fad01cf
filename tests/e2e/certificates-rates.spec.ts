/**
 * The certificate rates (issue 6), in Chromium against the web preview: the head's rates page
 * (figures, villages, trend, the people behind a number), the home card, the print settings with
 * the booklet calibration; and the demo year's rates and verifications as the core counts them.
 * Screenshots land in tests/.tmp.
 */
import { createDemoStation } from '../../src/core/demo/demo'
import { test, expect, login } from './fixtures'
import { day, idOf } from './helpers'
import { chinese, english, shot } from './certificatesKit'

test.use({ demo: true })

test('the head reads the rates (figures, villages, trend, the people behind a number), the home card, and sets the booklet offsets with its calibration sheet', async ({ page, station }) => {
  const clerk = await station.as('clerk', 'demo-clerk-1')
  const [v1, v2] = (await clerk.call('servicePoints.list', { page: 1, pageSize: 50 })).rows.filter((p) => p.kind === 'village_room')
  const woman = (id: string, name: string, servicePointId: string, over: Record<string, unknown> = {}) =>
    clerk.call('persons.create', {
      idNumber: id,
      name,
      hukouRegion: '411523',
      hukouAddress: '新县沙窝镇',
      servicePointId,
      maritalStatus: 'married',
      maritalDate: '2015-05-01',
      spouseName: '张伟',
      spouseIdNumber: idOf('19880101', '151'),
      boys: 1,
      girls: 0,
      contraception: 'iud',
      contraceptionSince: '2018-03-01',
      ...over
    })
  const out = { migrantStatus: 'out', migrantPlace: '浙江省杭州市', migrantSince: day(-40) }
  const holder = await woman(idOf('19920304', '202'), '刘芳', v1.id, out)
  await woman(idOf('19930405', '224'), '陈燕', v2.id, out)
  await woman(idOf('19940506', '246'), '杨丽', v2.id, { migrantStatus: 'in', migrantPlace: '安徽省六安市', migrantSince: day(-20) })
  await clerk.call('certificates.issue', { personId: holder.id })
  await clerk.call('certificates.verificationSave', {
    method: 'manual',
    result: 'valid',
    certificateNumber: '341502101-2025-00008',
    issuerName: '六安市金安区三十铺镇计划生育服务站',
    issuerStationCode: '',
    issueDate: day(-300),
    validUntil: day(700),
    note: '',
    holder: { idNumber: idOf('19950607', '268'), name: '吴静', phone: '', servicePointId: v1.id, residenceAddress: '', from: '安徽省六安市', since: day(-10) }
  })

  await page.goto(station.url)
  await login(page, 'head', 'demo-head-1')
  // the home card
  const card = page.getByTestId('dashboard-certificates')
  await expect(card).toContainText('流动人口婚育证明')
  await expect(page.getByTestId('dashboard-certificates-certificate-ratio')).toHaveText('1 / 2')
  await expect(page.getByTestId('dashboard-certificates-verification-ratio')).toHaveText('1 / 2')
  await expect(page.getByTestId('dashboard-certificates-issued')).toHaveText('1')
  await expect(page.getByTestId('dashboard-certificates-verified')).toHaveText('1')
  await card.scrollIntoViewIfNeeded()
  await shot(page, 'cert-dashboard-zh')

  // the rates page: big figures, villages, the trend
  await page.getByTestId('dashboard-certificates-open').click()
  await expect(page.getByTestId('rates-certificate-percent')).toHaveText('50.00%')
  await expect(page.getByTestId('rates-verification-percent')).toHaveText('50.00%')
  await expect(page.getByTestId('rates-villages')).toContainText(v1.name)
  await expect(page.getByTestId('rates-villages')).toContainText(v2.name)
  await expect(page.getByTestId('rates-trend').locator('svg')).toBeVisible()
  await shot(page, 'cert-rates-zh')

  // the worklist behind a number: who has no certificate
  await page.getByTestId('rates-certificate-missing').click()
  const people = page.getByTestId('rate-people-table').locator('tbody tr.ant-table-row')
  await expect(people).toHaveCount(1)
  await expect(people.first()).toContainText('陈燕')
  await expect(people.first()).toContainText('无有效证明')
  await page.getByTestId('rate-people-all').click()
  await expect(people).toHaveCount(2)
  await shot(page, 'cert-rates-people-zh')
  await page.keyboard.press('Escape')
  await page.getByTestId('rates-verification-num').click()
  await expect(people).toHaveCount(1)
  await expect(people.first()).toContainText('吴静')
  await page.keyboard.press('Escape')

  await english(page)
  await expect(page.getByTestId('rates-certificate')).toContainText('Certificate rate')
  await shot(page, 'cert-rates-en')
  await chinese(page)

  // print settings: every document named; the booklet's offsets tried on the calibration sheet, then saved
  await page.getByTestId('nav-/admin/print').click()
  for (const name of ['个人信息卡', '筛查结果通知单', '药具盘点表', '婚育证明（A4 全页）', '婚育证明（套打证明本）']) await expect(page.getByTestId('print-settings')).toContainText(name)
  const x = page.getByTestId('calibration-x')
  await x.fill('1.5')
  await x.press('Tab')
  await expect(page.getByTestId('print-x-certificateBooklet')).toHaveValue('1.5')
  await page.getByTestId('calibration-preview').click()
  await expect(page.getByTestId('calibration-shown')).toContainText('1.5')
  await expect(page.getByTestId('pdf-page').first()).toBeVisible()
  await expect(page.getByTestId('print-calibration-100')).toContainText('实际大小（100%）')
  await shot(page, 'cert-print-settings-zh')
  await page.getByTestId('calibration-save').click()
  await expect(page.getByText('已保存“婚育证明（套打证明本）”的打印设置')).toBeVisible()
  const settings = await (await station.as('head', 'demo-head-1')).call('print.settings')
  expect(settings.find((s) => s.doc === 'certificateBooklet')?.offsetX).toBe(1.5)
  await english(page)
  await expect(page.getByTestId('print-settings')).toContainText('Migrant certificate (pre-printed booklet)')
  await shot(page, 'cert-print-settings-en')
  await chinese(page)
})

test('the demo year: the rates page and the verifications list as the core counts them', async ({ page, station }) => {
  await createDemoStation(station.host, 'e2e', { persons: 3000, seed: 4, screening: false, stock: false })
  const head = await station.as('head', 'demo-head-1')
  const rates = await head.call('certificates.rates', {})
  expect(rates.certificate.den).toBeGreaterThan(0)
  const pct = (r: { rate: number }) => `${(r.rate * 100).toFixed(2)}%`

  await page.goto(station.url)
  await login(page, 'head', 'demo-head-1')
  await page.getByTestId('nav-/certificates/rates').click()
  await expect(page.getByTestId('rates-certificate-percent')).toHaveText(pct(rates.certificate))
  await expect(page.getByTestId('rates-verification-percent')).toHaveText(pct(rates.verification))
  await expect(page.getByTestId('rates-certificate-den')).toHaveText(rates.certificate.den.toLocaleString('en'))
  await shot(page, 'cert-rates-demo-zh')
  await page.getByTestId('rates-verification-missing').click()
  await expect(page.getByTestId('rate-people-table').locator('tbody tr.ant-table-row')).toHaveCount(Math.min(20, rates.verification.den - rates.verification.num))
  await page.keyboard.press('Escape')

  const list = await head.call('certificates.verifications', { page: 1, pageSize: 20 })
  await page.getByTestId('nav-/certificates/verify').click()
  await expect(page.getByTestId('verify-list').locator('tbody tr.ant-table-row')).toHaveCount(list.rows.length)
  await expect(page.getByTestId('verify-list').locator('tbody tr.ant-table-row').first()).toContainText(list.rows[0].name)
  await shot(page, 'cert-verify-demo-zh')
})
