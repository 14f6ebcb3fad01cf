/**
 * Smoke tests of the desktop app itself (the built Electron app, through Playwright's
 * _electron). Separate from playwright.config.ts (the user journeys in Chromium against the
 * web preview). Where the Electron runtime is missing (it cannot be downloaded on every
 * machine) the tests are skipped with the reason. Linux without a display: run under xvfb-run.
 */
import { defineConfig } from '@playwright/test'

export default defineConfig({
  testDir: 'tests/e2e-electron',
  outputDir: 'test-results/electron',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: 'list',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  use: { screenshot: 'only-on-failure', trace: 'retain-on-failure' }
})
