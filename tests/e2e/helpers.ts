/** Small things the e2e specs share: a screenshot to look at, a valid ID number, a date from today. */
import fs from 'node:fs'
import path from 'node:path'
import type { Page } from '@playwright/test'
import { checkDigit } from '../../src/api/idNumber'

/** screenshots land in tests/.tmp (git-ignored), to be looked at */
export const SHOTS = path.resolve(__dirname, '..', '.tmp')

export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true })
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true })
}

/** a valid ID of the demo station's county (新县 411523); `seq` is the 3 digits after the birth date (an even last one: a woman) */
export const idOf = (birth: string, seq: string): string => {
  const first17 = `411523${birth}${seq}`
  return first17 + checkDigit(first17)
}

/** YYYY-MM-DD in the station's zone (Asia/Shanghai), `days` from today */
export const day = (days: number): string => new Date(Date.now() + days * 86_400_000).toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' })
