/**
 * The e2e fixture: every test gets its own data folder, core host and web preview server,
 * in this process (so a test can also reach into the host: make a demo station, a backup,
 * reset a password). `station.url` carries the per-run token (#token=…) for page.goto.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test as base, expect, type Page } from '@playwright/test'
import type { Input, MethodName, Output } from '../../src/api'
import { createDemoStation, DEMO_LOGINS, type DemoLogin } from '../../src/core/demo/demo'
import { createHost, type Host } from '../../src/core/host'
import { startWebServer, type WebServer } from '../../src/web/server'

const ROOT = path.resolve(__dirname, '..', '..')
const UI_DIR = path.join(ROOT, 'out', 'web')

export interface Caller {
  sessionId: string
  call<M extends MethodName>(method: M, input?: Input<M>): Promise<Output<M>>
}

export interface Station {
  /** the data folder (removed after the test) */
  dir: string
  /** http://127.0.0.1:PORT/#token=… */
  url: string
  origin: string
  port: number
  token: string
  host: Host
  /** the demo logins, when the fixture made the demo station */
  logins: DemoLogin[]
  /** a session for a user, through the core (no browser) */
  as(username: string, password: string): Promise<Caller>
  /** stops the server and the host, runs `between` on the closed folder, starts both again (new port and token) */
  restart(between?: (dir: string) => void | Promise<void>): Promise<void>
}

export interface StationOptions {
  /** set up the demo station (沙窝镇, logins admin/head/doctor/clerk) before the test */
  demo: boolean
  /** minutes without activity before a session locks */
  idleMinutes: number | undefined
}

let uiSnapshot: string | null = null

/**
 * The built UI, copied once per worker: a rebuild of out/web while the tests run (it empties
 * the folder first) must not pull the page from under a test.
 */
export function builtUi(): string {
  if (uiSnapshot && fs.existsSync(path.join(uiSnapshot, 'index.html'))) return uiSnapshot
  if (!fs.existsSync(path.join(UI_DIR, 'index.html')))
    throw new Error(
      `The web UI is not built: ${path.join(UI_DIR, 'index.html')} is missing.\n` +
        'Build it first: `npx vite build --config vite.web.config.mts` (npm run build:ui; `npm test` does it before Playwright).'
    )
  const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'stationdesk-e2e-ui-'))
  fs.cpSync(UI_DIR, dest, { recursive: true })
  if (!fs.existsSync(path.join(dest, 'index.html'))) throw new Error(`${UI_DIR} changed while it was copied: run the tests again`)
  process.on('exit', () => fs.rmSync(dest, { recursive: true, force: true }))
  uiSnapshot = dest
  return dest
}

export async function startServer(dir: string, idleMinutes: number | undefined, uiDir: string): Promise<{ host: Host; server: WebServer }> {
  const host = createHost({ dataDir: dir, idleMinutes })
  try {
    const server = await startWebServer({ host, uiDir })
    return { host, server }
  } catch (e) {
    host.close()
    throw e
  }
}

export const test = base.extend<StationOptions & { station: Station }>({
  demo: [false, { option: true }],
  idleMinutes: [undefined, { option: true }],
  station: async ({ demo, idleMinutes }, use) => {
    const uiDir = builtUi()
    const base = path.join(os.tmpdir(), 'stationdesk-e2e')
    fs.mkdirSync(base, { recursive: true })
    const dir = fs.mkdtempSync(path.join(base, 'sd-'))
    let running: { host: Host; server: WebServer } | null = await startServer(dir, idleMinutes, uiDir)
    const station = {} as Station
    const expose = (r: { host: Host; server: WebServer }) =>
      Object.assign(station, { host: r.host, url: r.server.url, port: r.server.port, token: r.server.token, origin: `http://127.0.0.1:${r.server.port}` })
    const stop = async () => {
      if (!running) return
      await running.server.close()
      running.host.close()
      running = null
    }
    expose(running)
    Object.assign(station, {
      dir,
      logins: [],
      async as(username: string, password: string): Promise<Caller> {
        const r = await station.host.call('auth.login', { username, password }, { transport: 'test' })
        if (!r.result.ok) throw new Error(`login ${username}: ${r.result.error.code} ${r.result.error.message}`)
        const sessionId = r.session as string
        return {
          sessionId,
          async call(method, input) {
            const out = await station.host.call(method, input, { sessionId, transport: 'test' })
            if (!out.result.ok) throw new Error(`${method}: ${out.result.error.code} ${out.result.error.message}`)
            return out.result.data as never
          }
        }
      },
      async restart(between?: (dir: string) => void | Promise<void>) {
        await stop()
        if (between) await between(dir)
        running = await startServer(dir, idleMinutes, uiDir)
        expose(running)
      }
    } satisfies Partial<Station>)
    try {
      if (demo) station.logins = (await createDemoStation(station.host)) ?? DEMO_LOGINS
      await use(station)
    } finally {
      await stop()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }
})

export { expect }

export const SHOTS = '/tmp/shots'

/** a screenshot for a human to look at (not an assertion) */
export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true })
}

/**
 * The login button. Not by its accessible name: after a request antd may leave its collapsed
 * loading icon in the DOM for a while (name "loading 登 录"), invisible to the user.
 */
export function submitButton(page: Page) {
  return page.getByTestId('login').locator('button[type=submit]')
}

/** logs in through the login screen and waits for the shell */
export async function login(page: Page, username: string, password: string): Promise<void> {
  const form = page.getByTestId('login')
  await expect(form).toBeVisible()
  await form.getByLabel(/^(用户名|Username)$/).fill(username)
  await form.getByLabel(/^(密码|Password)$/).fill(password)
  await submitButton(page).click()
  await expect(page.getByTestId('user-menu')).toBeVisible()
}

/** logs out through the user menu and waits for the login screen */
export async function logout(page: Page): Promise<void> {
  await page.getByTestId('user-menu').hover()
  await page.getByRole('menuitem', { name: /退出登录|Log out/ }).click()
  await expect(page.getByTestId('login')).toBeVisible()
}
