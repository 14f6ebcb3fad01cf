/**
 * The district's station keys (issue 7): a packet of a station not registered yet is refused with
 * "register the station's key first"; once its key file is registered the same file imports. A
 * station registered again with a new key (it made a new one) asks before replacing it, and keeps
 * the old key as retired; a file that is no key file is refused in words. The stations here are
 * data folders of their own, set up and driven through the core (no browser): only the district
 * is used through its pages. Screenshots in zh-CN and English.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Page } from '@playwright/test'
import type { Input, MethodName, Output } from '../../src/api'
import { createHost, type Host } from '../../src/core/host'
import { login, shot } from './fixtures'
import { day } from './helpers'
import { DISTRICT_ADMIN, DISTRICT_PASSPHRASE, expect, monthBefore, setLang, test } from './districtKit'

/** a station data folder set up with `code`, driven as its admin and head through the core */
async function township(code: string, name: string): Promise<{ host: Host; dir: string; call<M extends MethodName>(m: M, input: Input<M>): Promise<Output<M>>; close(): void }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stationdesk-e2e-township-'))
  const host = createHost({ dataDir: dir })
  const sid = host.openLocalSession({ userId: null, username: 'op', displayName: 'op', role: 'admin', roles: ['admin', 'head'], actor: 'op' })
  const call = async <M extends MethodName>(m: M, input: Input<M>): Promise<Output<M>> => {
    const r = await host.call(m, input, { sessionId: sid, transport: 'test' })
    if (!r.result.ok) throw new Error(`${m}: ${r.result.error.code} ${r.result.error.message}`)
    return r.result.data as Output<M>
  }
  await call('setup.init', { station: { level: 'township', code, name, address: '', phone: '', buildingArea: null }, admin: { username: 'admin', displayName: '管理员', password: 'township-admin-1' }, keyPassphrase: '' })
  return { host, dir, call, close: () => (host.close(), fs.rmSync(dir, { recursive: true, force: true })) }
}

async function keyFile(t: Awaited<ReturnType<typeof township>>, out: string): Promise<string> {
  const f = await t.call('keys.exportPublic', {})
  const file = path.join(out, f.filename)
  fs.writeFileSync(file, Buffer.from(f.base64, 'base64'))
  return file
}

async function still(page: Page, name: string): Promise<void> {
  await page.mouse.move(1, 1)
  await page.waitForTimeout(400)
  await shot(page, name)
}

test('an unregistered station is refused until its key is registered; a new key replaces the old only when confirmed', async ({ page, district }) => {
  test.slow()
  const out = fs.mkdtempSync(path.join(district.dir, 'files-'))
  const xinji = await township('411523100', '新县新集镇计划生育服务站')
  const wuchen = await township('411523103', '新县吴陈河镇计划生育服务站')
  const xinjiAgain = await township('411523100', '新县新集镇计划生育服务站')
  try {
    // 新集镇 closes last month (nothing open) and exports its packet, unsealed
    const last = monthBefore(day(0).slice(0, 7))
    await xinji.call('periods.close', { period: last, acceptWarnings: true })
    const { jobId } = await xinji.call('jobs.start', { method: 'packets.export', input: { period: last } })
    let packet = ''
    for (;;) {
      const s = await xinji.call('jobs.status', { jobId })
      if (s.state === 'running') {
        await new Promise((r) => setTimeout(r, 100))
        continue
      }
      expect(s.state).toBe('done')
      const f = (s.result as Output<'packets.export'>).file
      packet = path.join(out, f.filename)
      fs.writeFileSync(packet, Buffer.from(f.base64, 'base64'))
      break
    }

    await page.goto(district.url)
    await login(page, DISTRICT_ADMIN.username, DISTRICT_ADMIN.password)
    const base = district.url.split('#')[0]

    // not registered: refused, the next step named
    await page.goto(`${base}#/district/import`)
    await page.getByTestId('import-files').locator('input[type=file]').setInputFiles(packet)
    await page.getByTestId('import-start').click()
    const reason = page.getByTestId('import-reason')
    await expect(reason).toHaveAttribute('data-reason', 'unknown_key')
    await expect(reason).toContainText('请先在“服务站”页面登记该服务站的公钥文件')
    await still(page, 'district-import-unknown-key-zh')

    // its key and 吴陈河镇's registered; a file that is no key file refused in words
    await page.goto(`${base}#/district/stations`)
    await expect(page.getByTestId('stations-table')).toContainText('还没有登记服务站')
    await page.getByTestId('station-add-file').setInputFiles(await keyFile(xinji, out))
    await expect(page.getByTestId('station-key-411523100-active')).toBeVisible()
    await page.getByTestId('station-add-file').setInputFiles(await keyFile(wuchen, out))
    await expect(page.getByTestId('station-key-411523103-active')).toBeVisible()
    // 吴陈河镇 has been registered here for a year (set in the district's data): its packets are due
    const yearAgo = new Date(Date.now() - 365 * 86_400_000).toISOString()
    district.host.runtime.sqlite!.prepare('UPDATE district_stations SET created_at = ? WHERE code = ?').run(yearAgo, '411523103')
    const junk = path.join(out, 'junk.json')
    fs.writeFileSync(junk, '{"hello":1}')
    await page.getByTestId('station-add-file').setInputFiles(junk)
    await expect(page.locator('.ant-message-error')).toBeVisible()
    // the district's own key file, and its key list (three keys): each refused in the district's words
    const office = await district.as(DISTRICT_ADMIN.username, DISTRICT_ADMIN.password)
    const save = (f: { filename: string; base64: string }, name: string) => {
      const file = path.join(out, name)
      fs.writeFileSync(file, Buffer.from(f.base64, 'base64'))
      return file
    }
    await page.getByTestId('station-add-file').setInputFiles(save(await office.call('keys.exportPublic', { passphrase: DISTRICT_PASSPHRASE }), 'own-key.json'))
    await expect(page.locator('.ant-message-error').last()).toContainText('这是本区县自己的公钥，不是服务站的公钥文件')
    await page.getByTestId('station-add-file').setInputFiles(save(await office.call('district.keysExport', { passphrase: DISTRICT_PASSPHRASE }), 'key-list.json'))
    await expect(page.locator('.ant-message-error').last()).toContainText('这个文件含有 3 个密钥')
    await still(page, 'district-stations-refused-zh')

    // the same packet file now imports
    await page.goto(`${base}#/district/import`)
    await page.getByTestId('import-files').locator('input[type=file]').setInputFiles(packet)
    await page.getByTestId('import-start').click()
    await expect(page.getByTestId('import-outcome')).toHaveAttribute('data-outcome', 'imported')

    // 新集镇 with a new key: asked first; cancelled, nothing changes; confirmed, the old key retired
    const oldKey = (await xinji.call('keys.info', {})).keyId
    const newKey = (await xinjiAgain.call('keys.info', {})).keyId
    await page.goto(`${base}#/district/stations`)
    const newFile = await keyFile(xinjiAgain, out)
    await page.getByTestId('station-add-file').setInputFiles(newFile)
    const confirm = page.locator('.ant-modal-confirm')
    await expect(confirm).toContainText('替换该服务站的密钥？')
    await expect(confirm).toContainText(oldKey)
    await confirm.getByRole('button', { name: /取\s*消/ }).click()
    await expect(confirm).toHaveCount(0)
    await expect(page.getByTestId('station-key-411523100-retired')).toHaveCount(0)
    await page.getByTestId('station-add-file').setInputFiles(newFile)
    await confirm.getByTestId('station-replace-ok').click()
    await expect(page.getByTestId('station-key-411523100-retired')).toContainText(oldKey)
    await expect(page.getByTestId('station-key-411523100-active')).toContainText(newKey)
    await still(page, 'district-stations-keys-zh')
    await setLang(page, 'en')
    await expect(page.getByTestId('station-key-411523100-retired')).toContainText('retired')
    await still(page, 'district-stations-keys-en')

    // last month's report: 吴陈河镇 sent nothing, highlighted and named
    await page.goto(`${base}#/district/report?period=${last}`)
    await expect(page.getByTestId('report-missing-411523103')).toBeVisible()
    await expect(page.getByTestId('report-arrived-411523100')).toContainText('#1')
    await expect(page.getByTestId('report-missing')).toContainText('新县吴陈河镇计划生育服务站')
    await expect(page.getByTestId('report-total-arrived')).toContainText('1 of 2')
    await still(page, 'district-report-missing-en')

    // the trusted key list holds the active keys only, with the district's own (signed: passphrase)
    const list = await (await district.as(DISTRICT_ADMIN.username, DISTRICT_ADMIN.password)).call('district.keysExport', { passphrase: DISTRICT_PASSPHRASE })
    const keys = (JSON.parse(Buffer.from(list.base64, 'base64').toString('utf8')) as { keys: { stationCode: string; keyId: string }[] }).keys
    expect(keys.filter((k) => k.stationCode === '411523100').map((k) => k.keyId)).toEqual([newKey])
  } finally {
    xinji.close()
    wuchen.close()
    xinjiAgain.close()
  }
})
