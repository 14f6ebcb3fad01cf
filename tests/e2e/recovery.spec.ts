/**
 * A damaged database file: the app opens on the recovery screen, offers the good backup, and
 * touches nothing until the user chooses it; the restore keeps the damaged file aside.
 */
import fs from 'node:fs'
import path from 'node:path'
import { test, expect, login, shot } from './fixtures'

test.use({ demo: true })

test('a corrupt database shows the recovery screen; restoring the backup keeps the damaged file', async ({ page, station }) => {
  const admin = await station.as('admin', 'demo-admin-1')
  const backup = await admin.call('backups.create')
  expect(backup.name).toMatch(/^stationdesk-.*\.db$/)

  // close everything, then overwrite the start of the file (the SQLite header) with garbage
  const db = path.join(station.dir, 'stationdesk.db')
  let damaged = Buffer.alloc(0)
  await station.restart(() => {
    const bytes = fs.readFileSync(db)
    const garbage = Buffer.from('this is not a database any more, it was damaged on purpose. '.repeat(4))
    garbage.copy(bytes, 0)
    fs.writeFileSync(db, bytes)
    damaged = Buffer.from(bytes)
  })
  expect(station.host.runtime.recovery).toBe(true)

  await page.goto(station.url)
  const recovery = page.getByTestId('recovery')
  await expect(recovery).toBeVisible()
  await expect(recovery).toContainText('数据库无法打开')
  await expect(recovery).toContainText(backup.name)
  await shot(page, 'recovery-screen')
  // looking is not touching: the damaged file is exactly as it was
  expect(fs.readFileSync(db).equals(damaged)).toBe(true)

  await recovery.locator('.ant-list-item', { hasText: backup.name }).getByRole('button', { name: '从此备份恢复' }).click()
  const confirm = page.locator('.ant-modal-confirm')
  await expect(confirm).toContainText(backup.name)
  await confirm.getByRole('button', { name: /确\s*定|OK/ }).click()

  await expect(page.getByTestId('login')).toBeVisible()
  await expect(page.getByTestId('login')).toContainText('新县沙窝镇计划生育服务站')

  // the damaged file is kept beside the restored one, byte for byte
  const kept = fs.readdirSync(station.dir).filter((f) => /^stationdesk\.db\.damaged-/.test(f) && !/-(wal|shm)$/.test(f))
  expect(kept).toHaveLength(1)
  expect(fs.readFileSync(path.join(station.dir, kept[0])).equals(damaged)).toBe(true)

  // and the restored data is there
  await login(page, 'admin', 'demo-admin-1')
  await expect(page.getByTestId('dashboard-station')).toContainText('新县沙窝镇计划生育服务站')
  await expect(page.getByTestId('dashboard-staff').locator('.ant-statistic').first()).toContainText('8')
})
