/**
 * Numbers a station declared skipped (it restored an older backup, so its next packet jumps past
 * the numbers the lost packets used): the district's pages say them apart from what is missing,
 * as nothing to chase. 沙窝镇 sent 1 and 2, then 4 declaring 3 skipped; 新集镇 sent 1, 2, 3 and
 * then restored the backup it made after 1, so its 4 declares 2–3 skipped and supersedes them;
 * 吴陈河镇 sent 1 and 3, a real gap. Screenshots in zh-CN and English.
 */
import type { Page } from '@playwright/test'
import { fakeStation, fileOf, packetOf } from '../integration/district/kit'
import { login, shot } from './fixtures'
import { day } from './helpers'
import { DISTRICT_ADMIN, expect, monthBefore, setLang, test } from './districtKit'

async function still(page: Page, name: string): Promise<void> {
  await page.mouse.move(1, 1)
  await page.waitForTimeout(400)
  await shot(page, name)
}

test('skipped numbers are said apart from missing ones, superseded packets kept and tagged', async ({ page, district }) => {
  const m3 = monthBefore(day(0).slice(0, 7))
  const m2 = monthBefore(m3)
  const m1 = monthBefore(m2)
  const shawo = fakeStation('411523101', '新县沙窝镇计划生育服务站')
  const xinji = fakeStation('411523100', '新县新集镇计划生育服务站')
  const wuchen = fakeStation('411523103', '新县吴陈河镇计划生育服务站')
  const restored = (from: number, to: number) => ({ from, to, reason: 'restored_backup' as const })

  const s1 = packetOf(shawo, { seq: 1, period: m1 })
  const s2 = packetOf(shawo, { seq: 2, period: m2, prev: s1.sha256 })
  const s4 = packetOf(shawo, { seq: 4, period: m3, prev: s2.sha256, skipped: restored(3, 3) })
  const x1 = packetOf(xinji, { seq: 1, period: m1 })
  const x2 = packetOf(xinji, { seq: 2, period: m2, prev: x1.sha256 })
  const x3 = packetOf(xinji, { seq: 3, period: m3, prev: x2.sha256 })
  const x4 = packetOf(xinji, { seq: 4, period: m3, prev: x1.sha256, closeNo: 2, skipped: restored(2, 3) })
  const w1 = packetOf(wuchen, { seq: 1, period: m1 })
  const w3 = packetOf(wuchen, { seq: 3, period: m3, prev: 'b'.repeat(64) })

  const office = await district.as(DISTRICT_ADMIN.username, DISTRICT_ADMIN.password)
  for (const st of [shawo, xinji, wuchen]) await office.call('district.stationAdd', { content: st.keyFile(), replace: false })
  const files = Object.entries({ s1, s2, s4, x1, x2, x3, x4, w1, w3 }).map(([name, p]) => fileOf(`${name}.sdpkt`, p.bytes))
  const r = await office.call('district.import', { files })
  expect(r).toMatchObject({ imported: 9, refused: 0 })

  await page.goto(district.url)
  await login(page, DISTRICT_ADMIN.username, DISTRICT_ADMIN.password)
  const base = district.url.split('#')[0]

  // stations: skipped and superseded in their own column; only 吴陈河镇's #2 is missing
  await page.goto(`${base}#/district/stations`)
  await expect(page.getByTestId('station-skipped-411523101')).toHaveText('跳号 #3')
  await expect(page.getByTestId('station-superseded-seqs-411523100')).toHaveText('已取代 #2–#3')
  await expect(page.getByTestId('station-skipped-seqs-411523100')).toHaveCount(0)
  await expect(page.getByTestId('station-missing-411523101')).toHaveText('无')
  await expect(page.getByTestId('station-missing-411523100')).toHaveText('无')
  await expect(page.getByTestId('station-missing-411523103')).toHaveText('#2')
  await expect(page.getByTestId('station-skipped-411523103')).toHaveText('无')
  await still(page, 'district-stations-skipped-zh')

  // home: the follow-up box names only the real gap; the skips are said apart, as information
  await page.goto(`${base}#/`)
  const problems = page.getByTestId('home-problems')
  await expect(problems).toContainText('新县吴陈河镇计划生育服务站：缺少编号 #2 的数据包')
  await expect(problems).not.toContainText('沙窝镇')
  await expect(problems).not.toContainText('新集镇')
  const skipped = page.getByTestId('home-skipped')
  await expect(skipped).toContainText('新县沙窝镇计划生育服务站：编号 #3 由服务站声明跳过')
  await expect(skipped).toContainText('新县新集镇计划生育服务站：编号 #2 #3 的数据包在服务站恢复备份之前发出')
  await still(page, 'district-home-skipped-zh')

  // packets: 4 linked to the packet before its skipped numbers, tagged; 新集镇's 2 and 3 superseded
  await page.goto(`${base}#/district/packets`)
  await expect(page.getByTestId('chain-411523101-4')).toHaveAttribute('data-chain', 'ok')
  await expect(page.getByTestId('chain-skipped-411523101-4')).toHaveText('跳号 #3（站点恢复备份）')
  await expect(page.getByTestId('chain-411523100-4')).toHaveAttribute('data-chain', 'ok')
  await expect(page.getByTestId('chain-skipped-411523100-4')).toHaveText('跳号 #2–#3（站点恢复备份）')
  await expect(page.getByTestId('chain-superseded-411523100-2')).toHaveText('已被取代')
  await expect(page.getByTestId('chain-superseded-411523100-3')).toBeVisible()
  await expect(page.getByTestId('chain-superseded-411523100-4')).toHaveCount(0)
  await expect(page.getByTestId('chain-411523103-3')).toHaveAttribute('data-chain', 'unknown')
  await still(page, 'district-packets-skipped-zh')
  await page.getByTestId('chain-skipped-411523101-4').hover()
  await expect(page.getByRole('tooltip')).toContainText('本数据包接在第 2 号之后')

  await setLang(page, 'en')
  await page.goto(`${base}#/district/stations`)
  await expect(page.getByTestId('station-skipped-411523101')).toHaveText('skipped #3')
  await expect(page.getByTestId('station-skipped-411523100')).toHaveText('superseded #2–#3')
  await still(page, 'district-stations-skipped-en')
  await page.goto(`${base}#/district/packets`)
  await expect(page.getByTestId('chain-skipped-411523101-4')).toHaveText('numbers skipped #3(the station restored a backup)')
  await still(page, 'district-packets-skipped-en')
  await page.goto(`${base}#/`)
  await expect(page.getByTestId('home-skipped')).toContainText('numbers #3 were declared skipped by the station')
  await still(page, 'district-home-skipped-en')
})
