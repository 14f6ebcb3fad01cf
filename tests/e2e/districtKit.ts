/**
 * The district office for the district e2e: a second core + web server on its own data folder,
 * set up in district mode (the county's district office of the demo station's county, 新县), its
 * signing key protected by a passphrase, beside the test's station (fixtures.ts). Removed after
 * the test like the station.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Page } from '@playwright/test'
import type { Input, MethodName, Output } from '../../src/api'
import type { Host } from '../../src/core/host'
import type { WebServer } from '../../src/web/server'
import { builtUi, startServer, test as base, type Caller } from './fixtures'

export const DISTRICT_ADMIN = { username: 'xianwei', displayName: '县卫健委管理员', password: 'district-admin-1' }
export const DISTRICT_PASSPHRASE = 'district-key-pass-1'
export const DISTRICT_PROFILE = { level: 'district' as const, code: '411523000', name: '新县卫生健康委员会', address: '新县城关镇', phone: '', buildingArea: null }

export interface DistrictOffice {
  dir: string
  /** http://127.0.0.1:PORT/#token=… */
  url: string
  origin: string
  host: Host
  as(username: string, password: string): Promise<Caller>
}

async function callerOf(host: Host, username: string, password: string): Promise<Caller> {
  const r = await host.call('auth.login', { username, password }, { transport: 'test' })
  if (!r.result.ok) throw new Error(`login ${username}: ${r.result.error.code} ${r.result.error.message}`)
  const sessionId = r.session as string
  return {
    sessionId,
    async call<M extends MethodName>(method: M, input?: Input<M>): Promise<Output<M>> {
      const out = await host.call(method, input, { sessionId, transport: 'test' })
      if (!out.result.ok) throw new Error(`${method}: ${out.result.error.code} ${out.result.error.message}`)
      return out.result.data as Output<M>
    }
  }
}

export const test = base.extend<{ district: DistrictOffice }>({
  district: async ({}, use) => {
    const uiDir = builtUi()
    const root = path.join(os.tmpdir(), 'stationdesk-e2e')
    fs.mkdirSync(root, { recursive: true })
    const dir = fs.mkdtempSync(path.join(root, 'district-'))
    let running: { host: Host; server: WebServer } | null = null
    try {
      running = await startServer(dir, undefined, uiDir)
      const { host, server } = running
      const r = await host.call('setup.init', { mode: 'district', station: DISTRICT_PROFILE, admin: DISTRICT_ADMIN, keyPassphrase: DISTRICT_PASSPHRASE }, { transport: 'test' })
      if (!r.result.ok) throw new Error(`district setup: ${r.result.error.code} ${r.result.error.message}`)
      await use({ dir, url: server.url, origin: `http://127.0.0.1:${server.port}`, host, as: (u, p) => callerOf(host, u, p) })
    } finally {
      if (running) {
        await running.server.close()
        running.host.close()
      }
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }
})

export { expect } from './fixtures'

/** a download's file, kept in `dir` under its suggested name: its path */
export async function downloadTo(page: Page, dir: string, click: () => Promise<unknown>): Promise<string> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()])
  const file = path.join(dir, d.suggestedFilename())
  await d.saveAs(file)
  return file
}

/** the month before YYYY-MM */
export function monthBefore(month: string): string {
  const [y, m] = month.split('-').map(Number)
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
}

/** switches the UI language (remembered in localStorage) and reloads */
export async function setLang(page: Page, lang: 'en' | 'zh-CN'): Promise<void> {
  await page.evaluate((l) => localStorage.setItem('stationdesk.lang', l), lang)
  await page.reload()
}
