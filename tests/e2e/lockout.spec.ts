/**
 * Account lockout after 5 wrong passwords, seen on the login screen and on the admin's
 * dashboard; the admin's reset lets the user in again. And the web preview's gate: /rpc
 * refuses a missing or wrong token (401) and a foreign Host header (403).
 */
import http from 'node:http'
import type { Page } from '@playwright/test'
import { test, expect, login, logout, shot, submitButton } from './fixtures'

test.use({ demo: true })

async function tryLogin(page: Page, username: string, password: string): Promise<void> {
  const form = page.getByTestId('login')
  await form.getByLabel('用户名').fill(username)
  await form.getByLabel('密码').fill(password)
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/rpc') && (r.request().postDataJSON() as { method: string }).method === 'auth.login'),
    submitButton(page).click()
  ])
}

test('5 wrong passwords lock the account; the admin resets it; the user logs in', async ({ page, station }) => {
  await page.goto(station.url)
  await expect(page.getByTestId('login')).toContainText('新县沙窝镇计划生育服务站')
  const error = page.getByTestId('login-error')

  for (let i = 1; i <= 4; i++) {
    await tryLogin(page, 'clerk', `wrong-${i}`)
    await expect(error).toHaveText('用户名或密码错误。')
    await expect(page.getByTestId('login').getByLabel('密码')).toHaveValue('')
  }
  await tryLogin(page, 'clerk', 'wrong-5')
  await expect(error).toContainText('密码错误次数过多，账号已锁定至')
  await expect(error).toContainText('请管理员重置密码')
  await shot(page, 'lockout-locked')

  // the right password is refused while locked
  await tryLogin(page, 'clerk', 'demo-clerk-1')
  await expect(page.getByTestId('login').getByLabel('密码')).toHaveValue('') // the answer arrived: refused
  await expect(error).toContainText('账号已锁定至')
  await expect(page.getByTestId('user-menu')).toHaveCount(0)

  // the admin sees the locked account on the dashboard
  await login(page, 'admin', 'demo-admin-1')
  const users = page.getByTestId('dashboard-users')
  await expect(users).toContainText('已锁定')
  await expect(users.locator('.ant-statistic').nth(1)).toContainText('1')
  await expect(users).toContainText('管理员可重置密码解锁')
  // the demo station's figures: staff by post, equipment with the unit under repair highlighted
  await expect(page.getByTestId('dashboard-staff').locator('.ant-statistic').first()).toContainText('8')
  await expect(page.getByTestId('breakdown-doctor')).toHaveText('医师 2')
  await expect(page.getByTestId('dashboard-repair')).toHaveText('维修中 1')
  await expect(page.getByTestId('dashboard-repair')).toHaveClass(/ant-tag-orange/)
  await expect(page.getByTestId('dashboard-points')).toContainText('村级服务室')
  await shot(page, 'lockout-dashboard-admin')

  // … and resets the password (through the core; the users page is tested on its own)
  const admin = await station.as('admin', 'demo-admin-1')
  const clerk = (await admin.call('users.list', { q: 'clerk' })).rows.find((u) => u.username === 'clerk')!
  expect(clerk.lockedUntil).not.toBeNull()
  await admin.call('users.resetPassword', { id: clerk.id, password: 'clerk-new-pass-1' })
  await page.getByTestId('dashboard-station').getByRole('button', { name: '刷新' }).click()
  await expect(users.locator('.ant-statistic').nth(1)).toContainText('0')
  await logout(page)

  await tryLogin(page, 'clerk', 'clerk-new-pass-1')
  await expect(page.getByTestId('user-menu')).toContainText('周文员')
  await expect(page.getByTestId('dashboard')).toBeVisible()
})

function raw(port: number, opts: { host?: string; token?: string | null; path?: string; method?: string; body?: unknown }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const data = opts.body === undefined ? undefined : JSON.stringify(opts.body)
    const headers: Record<string, string> = { Host: opts.host ?? `127.0.0.1:${port}` }
    if (data) headers['Content-Type'] = 'application/json'
    if (opts.token) headers.Authorization = `Bearer ${opts.token}`
    const req = http.request({ host: '127.0.0.1', port, path: opts.path ?? '/rpc', method: opts.method ?? 'POST', headers }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    if (data) req.write(data)
    req.end()
  })
}

test('the web preview refuses /rpc without the token (401) and with a foreign Host header (403)', async ({ station, request }) => {
  const info = { method: 'system.info', input: {} }

  // the right token and Host: answered
  const good = await raw(station.port, { token: station.token, body: info })
  expect(good.status).toBe(200)
  expect(JSON.parse(good.body)).toMatchObject({ ok: true, data: { setUp: true } })
  const viaPlaywright = await request.post(`${station.origin}/rpc`, { data: info, headers: { Authorization: `Bearer ${station.token}` } })
  expect(viaPlaywright.status()).toBe(200)

  // no token, a wrong token
  const none = await request.post(`${station.origin}/rpc`, { data: info })
  expect(none.status()).toBe(401)
  expect((await raw(station.port, { token: null, body: info })).status).toBe(401)
  expect((await raw(station.port, { token: station.token.slice(0, -1) + (station.token.endsWith('A') ? 'B' : 'A'), body: info })).status).toBe(401)

  // a foreign Host header (DNS rebinding), even with the right token; the page itself too
  expect((await raw(station.port, { host: `evil.example:${station.port}`, token: station.token, body: info })).status).toBe(403)
  expect((await raw(station.port, { host: `127.0.0.1:${station.port + 1}`, token: station.token, body: info })).status).toBe(403)
  expect((await raw(station.port, { host: `evil.example:${station.port}`, path: '/', method: 'GET' })).status).toBe(403)
  expect((await raw(station.port, { path: '/', method: 'GET' })).status).toBe(200)
})
