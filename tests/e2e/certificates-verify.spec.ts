/**
 * Verifying in-migrants' certificates (issue 6), in Chromium against the web preview:
 * - a clerk scans (types) the QR text of a certificate the station issued → 有效, records it,
 *   and the box is ready for the next one; one digit changed → 签名无效; a text that cannot be
 *   read is recorded only after she confirms; a paper certificate is recorded by hand;
 * - an administrator sets the district key and imports its signed list of station keys (an
 *   unsigned list and one signed by another key are refused, nothing changed); a certificate of
 *   another township is an unknown issuer before, valid after, and records her as an in-migrant;
 * Screenshots of each page in zh-CN and English land in tests/.tmp.
 */
import type { KeyFile } from '../../src/api/keys'
import { encodeQr } from '../../src/core/certificates/qr'
import { signKeyFile } from '../../src/core/keys/keyfile'
import { test, expect, login, logout } from './fixtures'
import { day, idOf } from './helpers'
import { chinese, english, fileOf, openVerify, pair, scan, shot, tamper } from './certificatesKit'

test.use({ demo: true })

test('a clerk verifies a certificate by its QR: valid and recorded, a changed digit refused, an unreadable text recorded only when confirmed, a paper one by hand', async ({ page, station }) => {
  // a woman of this station leaving for Shenzhen, and her certificate (through the API)
  const clerk = await station.as('clerk', 'demo-clerk-1')
  const village = (await clerk.call('servicePoints.list', { page: 1, pageSize: 50 })).rows[0]
  const woman = await clerk.call('persons.create', {
    idNumber: idOf('19940512', '124'),
    name: '王秀英',
    phone: '13812345678',
    hukouRegion: '411523',
    hukouAddress: '新县沙窝镇王山村12号',
    servicePointId: village.id,
    residenceAddress: '王山村12号',
    maritalStatus: 'married',
    maritalDate: '2016-05-01',
    spouseName: '李强',
    spouseIdNumber: idOf('19920101', '131'),
    boys: 1,
    girls: 1,
    contraception: 'iud',
    contraceptionSince: '2019-03-01',
    migrantStatus: 'out',
    migrantPlace: '广东省深圳市宝安区',
    migrantSince: day(-30)
  })
  const cert = await clerk.call('certificates.issue', { personId: woman.id })
  expect(cert.qr).toMatch(/^SD1:\d+$/)

  await page.goto(station.url)
  await login(page, 'clerk', 'demo-clerk-1')
  await openVerify(page)
  await shot(page, 'cert-verify-empty-zh')

  // the scanner types the text and Enter: valid, her facts beside the register's
  await scan(page, cert.qr)
  const result = page.getByTestId('verify-result')
  await expect(result).toHaveAttribute('data-result', 'valid')
  await expect(page.getByTestId('verify-result-title')).toHaveText('有效')
  await expect(page.getByTestId('verify-fact-number')).toHaveText(cert.number)
  await expect(page.getByTestId('verify-compare')).toContainText('王秀英')
  await expect(page.getByTestId('verify-compare')).toContainText('本站档案')
  await expect(page.getByTestId('verify-record-result').locator('.ant-radio-button-wrapper-checked')).toHaveText('有效')
  await shot(page, 'cert-verify-valid-zh')

  // Enter again: to the record form (her ID and name from the certificate, locked); Enter through to save
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('verify-holder-phone')).toBeFocused()
  await expect(page.getByTestId('verify-holder-id')).toHaveValue(woman.idNumber)
  // her own station's certificate and she is in its register: not made an in-migrant
  await expect(page.getByTestId('verify-record-own')).toBeVisible()
  await expect(page.getByTestId('verify-holder-from')).toHaveCount(0)
  await page.getByTestId('verify-record-note').fill('e2e 扫码核验')
  await page.getByTestId('verify-record-note').press('Enter')
  await expect(page.getByText('已记录 王秀英 的验证结果')).toBeVisible()
  // ready for the next one: the box empty and focused, the record in the list
  await expect(page.getByTestId('verify-input')).toBeFocused()
  await expect(page.getByTestId('verify-input')).toHaveValue('')
  const rows = page.getByTestId('verify-list').locator('tbody tr.ant-table-row')
  await expect(rows).toHaveCount(1)
  await expect(rows.first()).toContainText(cert.number)
  await expect(rows.first()).toContainText('有效')

  // the same certificate again: its earlier verification is listed
  await scan(page, cert.qr)
  await expect(page.getByTestId('verify-previous')).toContainText('有效')

  // one digit changed: invalid signature, said plainly
  await page.getByTestId('verify-input').focus()
  await scan(page, tamper(cert.qr))
  await expect(result).toHaveAttribute('data-result', 'invalid_signature')
  await expect(page.getByTestId('verify-result-title')).toHaveText('签名无效')
  await expect(page.getByTestId('verify-result-advice')).toContainText('证明内容被改动或扫描错误')
  await expect(page.getByTestId('verify-compare')).toHaveCount(0)
  await shot(page, 'cert-verify-invalid-zh')

  // cut short: cannot be read, with the reason; recorded only after confirming
  await page.getByTestId('verify-rescan').click()
  await scan(page, cert.qr.slice(0, 40))
  await expect(result).toHaveAttribute('data-result', 'malformed')
  await expect(page.getByTestId('verify-result-title')).toHaveText('无法识别')
  await expect(page.getByTestId('verify-result-advice')).toContainText('不完整')
  await page.getByTestId('verify-holder-id').fill(idOf('19960820', '146'))
  await page.getByTestId('verify-holder-name').fill('赵丽')
  await page.getByTestId('verify-record-save').click()
  // nothing in the text says where she came from: the register needs it
  await expect(page.getByTestId('verify-record').getByText('必填')).toBeVisible()
  await page.getByTestId('verify-holder-from').fill('湖北省麻城市')
  await page.getByTestId('verify-record-save').click()
  await expect(page.locator('.ant-modal-confirm-title')).toHaveText('按“签名无效”记录？')
  await shot(page, 'cert-verify-malformed-zh')
  await page.getByTestId('verify-confirm-malformed').click()
  await expect(page.getByText('已记录 赵丽 的验证结果')).toBeVisible()
  await expect(rows).toHaveCount(2)
  await expect(rows.first()).toContainText('签名无效')

  // a paper certificate without QR, by hand: past its last day, so recorded as expired
  await page.getByTestId('verify-tab-manual').click()
  await expect(page.getByTestId('verify-manual-number')).toBeFocused()
  await page.keyboard.type('411523102-2022-00017')
  await page.getByTestId('verify-manual-issuer').fill('新县吴陈河镇计划生育服务站')
  await page.getByTestId('verify-manual-issue-date').fill('2022-03-01')
  await page.getByTestId('verify-manual-issue-date').press('Enter')
  await page.getByTestId('verify-manual-valid-until').fill(day(-10))
  await page.getByTestId('verify-manual-valid-until').press('Enter')
  await expect(page.getByTestId('verify-manual-result').locator('.ant-radio-button-wrapper-checked')).toHaveText('已过期')
  // an ID number the register holds brings her details
  await page.getByTestId('verify-holder-id').last().fill(woman.idNumber)
  await expect(page.getByTestId('verify-manual-known')).toContainText('王秀英')
  await expect(page.getByTestId('verify-holder-phone').last()).toHaveValue('13812345678')
  await page.getByTestId('verify-holder-phone').last().fill('')
  await page.getByTestId('verify-holder-address').last().fill('')
  await page.getByTestId('verify-holder-id').last().fill(idOf('19910303', '168'))
  await expect(page.getByTestId('verify-manual-known')).toHaveCount(0)
  await page.getByTestId('verify-holder-name').last().fill('孙梅')
  await shot(page, 'cert-verify-manual-zh')
  await page.getByTestId('verify-manual-save').click()
  await expect(page.getByText('已记录 孙梅 的验证结果')).toBeVisible()
  await expect(rows).toHaveCount(3)
  await expect(rows.first()).toContainText('人工')

  // English
  await page.getByTestId('verify-tab-qr').click()
  await english(page)
  await page.getByTestId('verify-input').click()
  await scan(page, cert.qr)
  await expect(page.getByTestId('verify-result-title')).toHaveText('Valid')
  await shot(page, 'cert-verify-valid-en')
  await chinese(page)
})

test('an administrator trusts the district key and its signed list; unsigned or foreign lists are refused; another township certificate is then valid', async ({ page, station }) => {
  const district = pair()
  const other = pair()
  const outsider = pair()
  const districtFile = signKeyFile([{ stationCode: '411523000', name: '新县卫生健康委员会', keyId: district.keyId, publicKey: district.publicKey }], district.keyId, district.privateKey)
  const entries = [{ stationCode: '411523102', name: '新县吴陈河镇计划生育服务站', keyId: other.keyId, publicKey: other.publicKey }]
  const signedList = signKeyFile(entries, district.keyId, district.privateKey)
  const unsigned: KeyFile = { format: 'stationdesk-keys/1', keys: entries, signedBy: null, signature: null }
  const foreign = signKeyFile(entries, outsider.keyId, outsider.privateKey)

  // a certificate of the other township, held by a woman new here
  const holderId = idOf('19930607', '182')
  const qr = encodeQr(
    { number: '411523102-2026-00031', stationCode: '411523102', name: '周晓红', idNumber: holderId, issueDate: day(-60), validUntil: day(1000), maritalStatus: 'married', boys: 0, girls: 1 },
    other.keyId,
    other.privateKey
  )

  await page.goto(station.url)
  await login(page, 'clerk', 'demo-clerk-1')
  await openVerify(page)
  await scan(page, qr)
  await expect(page.getByTestId('verify-result')).toHaveAttribute('data-result', 'unknown_issuer')
  await expect(page.getByTestId('verify-result-title')).toHaveText('签发机构不在信任清单')
  await expect(page.getByTestId('verify-result-advice')).toContainText('导入区县最新下发的密钥清单')
  await shot(page, 'cert-verify-unknown-zh')
  await logout(page)

  // the administrator: the district key from its file, then its lists
  await login(page, 'admin', 'demo-admin-1')
  await page.getByTestId('nav-/admin/trust').click()
  await expect(page.getByTestId('trust-no-district')).toBeVisible()
  await expect(page.getByTestId('trust-import')).toBeDisabled()
  await expect(page.getByTestId('trust-keys')).toContainText('本站')
  await page.getByTestId('trust-district-set-file').setInputFiles(fileOf('district.json', districtFile))
  await expect(page.getByTestId('trust-district-name')).toHaveText('新县卫生健康委员会')
  await expect(page.getByTestId('trust-district-key')).toHaveText(district.keyId)

  await page.getByTestId('trust-import-file').setInputFiles(fileOf('unsigned.json', unsigned))
  await expect(page.getByTestId('trust-refusal')).toContainText('这份密钥清单没有签名')
  await expect(page.getByTestId('trust-refusal')).toContainText('没有任何改变')
  await expect(page.getByTestId('trust-no-list')).toBeVisible()
  await shot(page, 'cert-trust-refused-zh')
  await page.getByTestId('trust-import-file').setInputFiles(fileOf('foreign.json', foreign))
  await expect(page.getByTestId('trust-refusal')).toContainText('不是区县公钥签名的')
  await page.getByTestId('trust-import-file').setInputFiles(fileOf('not-json.json', 'hello'))
  await expect(page.getByTestId('trust-refusal')).toBeVisible()

  await page.getByTestId('trust-import-file').setInputFiles(fileOf('district-list.json', signedList))
  await expect(page.getByTestId('trust-refusal')).toHaveCount(0)
  await expect(page.getByTestId('trust-list-count')).toHaveText('1')
  await expect(page.getByTestId('trust-keys')).toContainText('新县吴陈河镇计划生育服务站')
  await shot(page, 'cert-trust-zh')

  // replacing the district key asks first
  const next = pair()
  await page.getByTestId('trust-district-set-file').setInputFiles(fileOf('district2.json', signKeyFile([{ stationCode: '411523000', name: '新县卫健委（新密钥）', keyId: next.keyId, publicKey: next.publicKey }], next.keyId, next.privateKey)))
  await expect(page.locator('.ant-modal-confirm-title')).toHaveText('更换区县公钥？')
  await page.getByRole('button', { name: /取\s*消/ }).click()
  await expect(page.getByTestId('trust-district-key')).toHaveText(district.keyId)
  await english(page)
  await expect(page.getByTestId('trust-list')).toContainText("District's list of station keys")
  await shot(page, 'cert-trust-en')
  await chinese(page)
  await logout(page)

  // the clerk again: valid now; she is new here, recorded as an in-migrant
  await login(page, 'clerk', 'demo-clerk-1')
  await openVerify(page)
  await scan(page, qr)
  await expect(page.getByTestId('verify-result')).toHaveAttribute('data-result', 'valid')
  await expect(page.getByTestId('verify-compare')).toContainText('未登记')
  await page.keyboard.press('Enter')
  await page.getByTestId('verify-holder-phone').fill('13900001111')
  await page.getByTestId('verify-holder-marital-date').fill('2018-10-01')
  await page.getByTestId('verify-holder-marital-date').press('Enter')
  await page.getByTestId('verify-record-save').click()
  await expect(page.getByText('已记录 周晓红 的验证结果')).toBeVisible()
  const clerk = await station.as('clerk', 'demo-clerk-1')
  const found = await clerk.call('persons.search', { q: holderId, page: 1, pageSize: 5 })
  expect(found.rows[0]?.migrantStatus).toBe('in')
  const verified = await clerk.call('certificates.verifications', { q: holderId, page: 1, pageSize: 5 })
  expect(verified.rows.map((v) => [v.result, v.issuerStationCode, v.method])).toEqual([['valid', '411523102', 'qr']])
})

