/**
 * End-to-end tests of the user journeys (DESIGN.md §5) in Debian's Chromium against the web
 * preview. Each test starts its own core + web server in-process on a fresh data folder
 * (tests/e2e/fixtures.ts); the UI must be built first (`npm run build:ui`, done by `npm test`).
 * Never `npx playwright install`: the browser is the system's (apt install chromium).
 */
import { defineConfig } from '@playwright/test'

const CHROMIUM = process.env.STATIONDESK_CHROMIUM || '/usr/bin/chromium'

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  workers: 1,
  fullyParallel: false,
  retries: process.env.CI ? 1 : 0,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
    },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1280, height: 860 },
    screenshot: 'only-on-failure',
    trace: 'off'
  }
})
