/**
 * Screening result entry (issue 4): a clinician works through a queue with the keyboard only —
 * no click inside the entry page. Three records: a normal one found by the full ID number, an
 * abnormal one (BI-RADS 4A → abnormal, refer) found by pinyin initials and ↓, and one for a
 * woman added to the register on the spot; the abnormal one's slip is printed (a PDF naming
 * her), then found in the follow-up worklist and its outcome recorded there. A second attempt
 * for a person opens her first record; a person outside the eligibility needs a confirmation.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from '@playwright/test'
import { test, expect, login, type Station } from './fixtures'
import { day, idOf, shot } from './helpers'

test.use({ demo: true })

const WANG = { id: idOf('19750412', '122'), name: '王桂芳' }
const LI = { id: idOf('19800915', '144'), name: '李秀梅' }
const NEW = { id: idOf('19781103', '188'), name: '张春兰' }
const OLD = { id: idOf('19500220', '126'), name: '刘凤英' }

/** an active breast screening of 王山村 (partner: 县妇幼保健院) with the women above in the register */
async function setUp(station: Station): Promise<string> {
  const head = await station.as('head', 'demo-head-1')
  const points = (await head.call('servicePoints.list', { page: 1, pageSize: 50 })).rows
  const wangshan = points.find((p) => p.name === '王山村服务室')
  if (!wangshan) throw new Error('demo service point 王山村 missing')
  for (const p of [WANG, LI, OLD]) await head.call('persons.create', { idNumber: p.id, name: p.name, servicePointId: wangshan.id })
  const c = await head.call('screening.campaignSave', {
    name: '王山村乳腺癌筛查',
    kind: 'breast',
    startDate: day(-3),
    endDate: day(30),
    servicePointIds: [wangshan.id],
    targetCount: 40,
    partner: '县妇幼保健院'
  })
  await head.call('screening.campaignStatus', { id: c.id, status: 'active' })
  return c.id
}

/** logs in as the demo clinician and opens the campaign's entry page from its page */
async function openEntry(page: Page, station: Station, campaignId: string): Promise<void> {
  await page.goto(station.url)
  await login(page, 'doctor', 'demo-doctor-1')
  await page.goto(`${station.origin}/#/screening/view?id=${campaignId}`)
  await page.getByTestId('campaign-entry').click()
  await expect(page.getByTestId('entry-page')).toBeVisible()
  await expect(page.getByTestId('entry-lookup-input')).toBeFocused()
}

const person = (page: Page) => page.getByTestId('entry-person-name')
/** the form's first field (the left breast's clinical exam), focused when a person opens */
const firstField = (page: Page) => page.getByTestId('entry-left-cbe').locator('input')

test('a clinician enters three records by keyboard, prints a slip and follows the abnormal one up', async ({ page, station }) => {
  test.slow() // three records, a PDF (the first one loads the font) and the follow-up: more than a minute on a busy 2-core machine
  const campaignId = await setUp(station)
  await openEntry(page, station, campaignId)
  await expect(page.getByTestId('entry-empty')).toBeVisible()
  await shot(page, 'screening-entry-empty')

  // 1. the full ID and Enter (as a card reader does): her form, preset to a normal exam; Ctrl+S
  await page.keyboard.type(WANG.id)
  await page.keyboard.press('Enter')
  await expect(person(page)).toHaveText(WANG.name)
  await expect(page.getByTestId('entry-eligible')).toBeVisible()
  await expect(firstField(page)).toBeFocused()
  await expect(page.getByTestId('entry-conclusion').locator('.ant-radio-button-wrapper-checked')).toHaveText(/未见异常/)
  await page.keyboard.press('Control+s')
  await expect(page.getByTestId('entry-saved')).toContainText(`已保存：${WANG.name}，未见异常`)
  await expect(page.getByTestId('entry-lookup-input')).toBeFocused()
  await expect(page.getByTestId('entry-session-count')).toContainText('1')

  // 2. pinyin initials, ↓ to her, Enter; right breast BI-RADS 4A: the conclusion rises to
  //    "abnormal, refer" and the referral is asked for (destination preset, typed over; due in 14 days)
  await page.keyboard.type('lxm')
  await expect(page.getByTestId('entry-lookup-row').first()).toBeVisible()
  const rows = await page.getByTestId('entry-lookup-row').allTextContents()
  const at = rows.findIndex((r) => r.includes(LI.name))
  expect(at).toBeGreaterThanOrEqual(0)
  for (let i = 0; i < at; i++) await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Enter')
  await expect(person(page)).toHaveText(LI.name)
  await expect(firstField(page)).toBeFocused()
  for (let i = 0; i < 4; i++) await page.keyboard.press('Enter') // right CBE, ultrasound, left BI-RADS, right BI-RADS
  await page.keyboard.type('4a')
  await expect(page.getByTestId('entry-right-birads').locator('.ant-radio-button-wrapper-checked')).toHaveText('4A')
  await expect(page.getByTestId('entry-conclusion').locator('.ant-radio-button-wrapper-checked')).toHaveText(/异常需转诊/)
  await expect(page.getByTestId('entry-conclusion').locator('.ant-radio-button-wrapper-disabled')).toHaveCount(2)
  await expect(page.getByTestId('entry-conclusion-why')).toContainText('右侧 B 超 BI-RADS 4A')
  await expect(page.getByTestId('entry-referral-destination')).toHaveValue('县妇幼保健院')
  await expect(page.getByTestId('entry-referral-due')).toHaveValue(day(14))
  for (let i = 0; i < 3; i++) await page.keyboard.press('Enter') // mammography, conclusion, destination
  await expect(page.getByTestId('entry-referral-destination')).toBeFocused()
  await page.keyboard.type('县人民医院乳腺外科')
  await shot(page, 'screening-entry-breast-abnormal')
  await page.keyboard.press('Control+s')
  await expect(page.getByTestId('entry-saved')).toContainText(`已保存：${LI.name}，异常需转诊`)

  // its slip: Ctrl+P saves the PDF, which names her
  const download = page.waitForEvent('download')
  await page.keyboard.press('Control+p')
  const file = path.join(station.dir, 'slip.pdf')
  await (await download).saveAs(file)
  expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-')
  expect(execFileSync('pdftotext', [file, '-']).toString()).toContain(LI.name)

  // 3. a woman not in the register: her full ID offers "add", Enter, her name, save; then her exam
  await page.keyboard.type(NEW.id)
  await expect(page.getByTestId('entry-lookup-add')).toContainText(`档案中没有身份证号 ${NEW.id}`)
  await page.keyboard.press('Enter')
  const modal = page.getByTestId('entry-add-modal')
  await expect(modal.getByTestId('person-name')).toBeFocused()
  await expect(modal.getByTestId('person-id')).toHaveValue(NEW.id)
  await page.keyboard.type(NEW.name)
  await page.keyboard.press('Control+Enter') // nothing: only Enter walks the fields
  for (let i = 0; i < 4; i++) await page.keyboard.press('Enter') // phone, village (preset), address, save
  await expect(modal).toBeHidden()
  await expect(person(page)).toHaveText(NEW.name)
  await expect(page.getByTestId('entry-eligible')).toBeVisible()
  await expect(firstField(page)).toBeFocused()
  await page.keyboard.press('Control+s')
  await expect(page.getByTestId('entry-saved')).toContainText(`已保存：${NEW.name}`)
  await expect(page.getByTestId('entry-session-count')).toContainText('3')
  await expect(page.getByTestId('entry-session-item')).toHaveCount(3)

  // the records are the core's: three in the campaign, the abnormal one referred as typed
  const doctor = await station.as('doctor', 'demo-doctor-1')
  const records = await doctor.call('screening.records', { campaignId, page: 1, pageSize: 10 })
  expect(records.total).toBe(3)
  const abnormal = records.rows.find((r) => r.name === LI.name)
  expect(abnormal?.conclusion).toBe('abnormal_refer')
  const rec = await doctor.call('screening.record', { id: abnormal!.id })
  expect(rec.findings).toMatchObject({ kind: 'breast', right: { cbe: 'normal', birads: '4A' }, left: { birads: '1' } })
  expect(rec.referral).toEqual({ destination: '县人民医院乳腺外科', dueDate: day(14), note: '' })
  expect(rec.examiner).toBe('陈医生')

  // the follow-up worklist has her; the outcome is recorded there
  await page.getByTestId('nav-/screening/follow-ups').click()
  const row = page.getByTestId('follow-ups-table').locator('tr.ant-table-row', { hasText: LI.name })
  await expect(row).toContainText('县人民医院乳腺外科')
  await expect(row).toContainText(day(14))
  await row.getByTestId('follow-up-record').click()
  await page.getByTestId('outcome-place').fill('县人民医院')
  await page.getByTestId('outcome-diagnosis').fill('乳腺纤维腺瘤（病理）')
  await page.getByTestId('outcome-save').click()
  await expect(page.getByTestId('outcome-modal')).toBeHidden()
  await expect(page.getByTestId('follow-ups-table').locator('tr.ant-table-row', { hasText: LI.name })).toHaveCount(0)
  expect((await doctor.call('screening.record', { id: abnormal!.id })).followUp.state).toBe('attended')
})

test('a second attempt opens the first record; an ineligible woman needs a confirmation', async ({ page, station }) => {
  const campaignId = await setUp(station)
  await openEntry(page, station, campaignId)

  await page.keyboard.type(WANG.id)
  await page.keyboard.press('Enter')
  await expect(person(page)).toHaveText(WANG.name)
  await page.keyboard.press('Control+s')
  await expect(page.getByTestId('entry-saved')).toBeVisible()

  // again, by the last digits of her ID: her record opens, said plainly, and can be changed
  await page.keyboard.type(WANG.id.slice(-4))
  await expect(page.getByTestId('entry-lookup-row')).toHaveCount(1)
  await page.keyboard.press('Enter')
  await expect(person(page)).toHaveText(WANG.name)
  await expect(page.getByTestId('entry-existing')).toContainText('已有记录')
  await expect(firstField(page)).toBeFocused()
  await expect(page.getByTestId('entry-save')).toContainText('保存修改')
  // a lump on the left without its size or site: refused field by field, nothing saved
  await page.keyboard.type('2')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('entry-left-lump-size')).toBeVisible()
  await page.keyboard.press('Control+s')
  await expect(page.getByTestId('entry-problems')).toContainText('有 2 处需要修改')
  await expect(page.getByTestId('entry-form').locator('.ant-form-item-explain-error')).toContainText(['必填', '请填写钟点位置或象限'])
  await expect(page.getByTestId('entry-left-lump-size')).toBeFocused()
  await expect(page.getByTestId('entry-conclusion').locator('.ant-radio-button-wrapper-checked')).toHaveText(/良性/)
  await shot(page, 'screening-entry-validation')
  await page.keyboard.type('18')
  await page.keyboard.press('Enter')
  await page.keyboard.type('2')
  await page.keyboard.press('Control+s')
  await expect(page.getByTestId('entry-saved')).toContainText(`已保存：${WANG.name}，良性`)
  await expect(page.getByTestId('entry-session-count')).toContainText('1')
  const doctor = await station.as('doctor', 'demo-doctor-1')
  const rec = await doctor.call('screening.record', { campaignId, personId: (await doctor.call('persons.search', { q: WANG.id })).rows[0].id })
  expect(rec.findings).toMatchObject({ left: { cbe: 'lump', lumpSizeMm: 18, lumpClock: 2 } })
  expect((await doctor.call('screening.records', { campaignId, page: 1, pageSize: 10 })).total).toBe(1)

  // a woman of 75 is outside 35–64: said on opening, and the save asks (Enter confirms)
  await page.keyboard.type(OLD.id)
  await page.keyboard.press('Enter')
  await expect(person(page)).toHaveText(OLD.name)
  await expect(firstField(page)).toBeFocused()
  await expect(page.getByTestId('entry-ineligible-why')).toContainText('年龄不在 35–64 周岁之间')
  await page.keyboard.press('Control+s')
  await expect(page.getByTestId('entry-confirm-ineligible')).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('entry-saved')).toContainText(`已保存：${OLD.name}`)

  await expect(page.getByTestId('entry-session-item')).toHaveCount(2)

  // an unknown ID offers the register's form; Esc leaves it and the lookup box has the focus again
  await page.keyboard.type(NEW.id)
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('entry-add-modal').getByTestId('person-name')).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('entry-add-modal')).toBeHidden()
  await expect(page.getByTestId('entry-lookup-input')).toBeFocused()
})

test('adding on the spot someone of the same name and birth date as a registered person asks first', async ({ page, station }) => {
  const campaignId = await setUp(station)
  await openEntry(page, station, campaignId)
  // 王桂芳, born 1975-04-12 like the registered one, under another ID (a mistyped one, perhaps)
  const twin = idOf('19750412', '162')
  await page.keyboard.type(twin)
  await page.keyboard.press('Enter')
  const modal = page.getByTestId('entry-add-modal')
  await expect(modal.getByTestId('person-name')).toBeFocused()
  await page.keyboard.type(WANG.name)
  for (let i = 0; i < 4; i++) await page.keyboard.press('Enter')
  const similar = page.getByTestId('entry-add-similar')
  await expect(similar).toContainText(WANG.id)
  // "back" has the focus: Enter keeps the form open, nothing written
  await page.keyboard.press('Enter')
  await expect(similar).toBeHidden()
  await expect(modal).toBeVisible()
  const clerk = await station.as('clerk', 'demo-clerk-1')
  expect((await clerk.call('persons.search', { q: twin })).total).toBe(0)
  // asked again, she is added anyway
  await modal.getByTestId('entry-add-save').click()
  await expect(similar).toBeVisible()
  await page.getByRole('button', { name: '不是同一人，继续保存' }).click()
  await expect(modal).toBeHidden()
  await expect(person(page)).toHaveText(WANG.name)
  expect((await clerk.call('persons.search', { q: twin })).total).toBe(1)
})

test('in English: the abnormal breast form says why and asks for the referral', async ({ page, station }) => {
  const campaignId = await setUp(station)
  await page.addInitScript(() => localStorage.setItem('stationdesk.lang', 'en'))
  await openEntry(page, station, campaignId)
  await expect(page.getByTestId('entry-empty')).toContainText('Scan the ID card')
  await page.keyboard.type(LI.id)
  await page.keyboard.press('Enter')
  await expect(person(page)).toHaveText(LI.name)
  await expect(firstField(page)).toBeFocused()
  for (let i = 0; i < 3; i++) await page.keyboard.press('Enter')
  await page.keyboard.type('4c')
  await expect(page.getByTestId('entry-conclusion').locator('.ant-radio-button-wrapper-checked')).toHaveText(/Abnormal, refer/)
  await expect(page.getByTestId('entry-conclusion-why')).toContainText('The findings call for at least “Abnormal, refer”: Left Ultrasound BI-RADS 4C')
  await expect(page.getByTestId('entry-referral-destination')).toHaveValue('县妇幼保健院')
  await shot(page, 'screening-entry-en')
})

test('the other kinds: cervical HPV 16, a grade II varicocele and an abnormal vulva, by keyboard', async ({ page, station }) => {
  await setUp(station)
  const head = await station.as('head', 'demo-head-1')
  const wangshan = (await head.call('servicePoints.list', { page: 1, pageSize: 50 })).rows.find((p) => p.name === '王山村服务室')!
  const MAN = { id: idOf('19820305', '131'), name: '赵建国' }
  await head.call('persons.create', { idNumber: MAN.id, name: MAN.name, servicePointId: wangshan.id })
  const campaign = async (kind: 'cervical' | 'male_reproductive' | 'gynecological', partner: string) => {
    const c = await head.call('screening.campaignSave', { name: `王山村${kind}`, kind, startDate: day(-3), endDate: day(30), servicePointIds: [wangshan.id], partner })
    await head.call('screening.campaignStatus', { id: c.id, status: 'active' })
    return c.id
  }
  const cervical = await campaign('cervical', '')
  const male = await campaign('male_reproductive', '县人民医院男科')
  const gyn = await campaign('gynecological', '')
  await page.goto(station.url)
  await login(page, 'doctor', 'demo-doctor-1')
  const checked = (id: string) => page.getByTestId(id).locator('.ant-radio-button-wrapper-checked')
  const find = async (campaignId: string, p: { id: string; name: string }) => {
    await page.goto(`${station.origin}/#/screening/entry?campaign=${campaignId}`)
    await expect(page.getByTestId('entry-lookup-input')).toBeFocused()
    await page.keyboard.type(p.id)
    await page.keyboard.press('Enter')
    await expect(person(page)).toHaveText(p.name)
    await expect(page.getByTestId('entry-form').locator('input:focus')).toHaveCount(1)
  }

  // cervical: HPV positive (3), type 16 (Space); no partner: the destination is typed
  await find(cervical, WANG)
  for (let i = 0; i < 3; i++) await page.keyboard.press('Enter') // VIA/VILI, cytology, HPV
  await page.keyboard.type('3')
  await expect(page.getByTestId('entry-hpv-types')).toBeVisible()
  await page.keyboard.press('Enter')
  await page.keyboard.press('Space')
  await expect(checked('entry-conclusion')).toHaveText(/异常需转诊/)
  await page.keyboard.press('Control+s')
  await expect(page.getByTestId('entry-form').locator('.ant-form-item-explain-error')).toContainText(['“异常需转诊”须填写此项'])
  await expect(page.getByTestId('entry-referral-destination')).toBeFocused()
  await page.keyboard.type('县妇幼保健院宫颈门诊')
  await shot(page, 'screening-entry-cervical')
  await page.keyboard.press('Control+s')
  await expect(page.getByTestId('entry-saved')).toContainText('异常需转诊')

  // men: left varicocele "ii" → grade II → refer (the campaign's partner preset)
  await find(male, MAN)
  for (let i = 0; i < 9; i++) await page.keyboard.press('Enter')
  await page.keyboard.type('ii')
  await expect(checked('entry-left-varicocele')).toHaveText('II 度')
  await expect(page.getByTestId('entry-conclusion-why')).toContainText('左侧 精索静脉曲张 II 度')
  await expect(page.getByTestId('entry-referral-destination')).toHaveValue('县人民医院男科')
  await shot(page, 'screening-entry-male')
  await page.keyboard.press('Control+s')
  await expect(page.getByTestId('entry-saved')).toContainText(`已保存：${MAN.name}，异常需转诊`)

  // gynecological: vulva abnormal (2) asks for a note; the conclusion rises to benign
  await find(gyn, LI)
  await page.keyboard.type('2')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('entry-vulva-note')).toBeFocused()
  await page.keyboard.type('外阴白斑')
  await expect(checked('entry-conclusion')).toHaveText(/良性/)
  await shot(page, 'screening-entry-gynecological')
  await page.keyboard.press('Control+s')
  await expect(page.getByTestId('entry-saved')).toContainText(`已保存：${LI.name}，良性/一般异常`)

  const doctor = await station.as('doctor', 'demo-doctor-1')
  const recordOf = async (campaignId: string) => doctor.call('screening.record', { id: (await doctor.call('screening.records', { campaignId, page: 1, pageSize: 5 })).rows[0].id })
  expect((await recordOf(cervical)).findings).toEqual({ kind: 'cervical', gynExam: 'normal', viaVili: 'not_done', cytology: 'not_done', hpv: ['16'] })
  expect((await recordOf(cervical)).referral?.destination).toBe('县妇幼保健院宫颈门诊')
  expect((await recordOf(male)).findings).toMatchObject({ left: { varicocele: 'II', testisPosition: 'scrotal' }, right: { varicocele: '0' }, semen: 'not_done' })
  expect((await recordOf(gyn)).findings).toMatchObject({ vulva: 'abnormal', vulvaNote: '外阴白斑', leucorrhea: 'normal' })
})
