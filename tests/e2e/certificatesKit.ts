/** Helpers of the certificate verification and rates e2e specs: key pairs, a tampered QR, the scan box, screenshots, the language switch. */
import { generateKeyPairSync, type KeyObject } from 'node:crypto'
import type { Page } from '@playwright/test'
import { digitsToBytes } from '../../src/core/certificates/qr'
import { keyIdOf, rawPublicKey } from '../../src/core/keys/keystore'
import { expect } from './fixtures'
import { shot as save } from './helpers'

export interface Pair {
  keyId: string
  publicKey: string
  privateKey: KeyObject
}

export function pair(): Pair {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  const raw = rawPublicKey(publicKey)
  return { keyId: keyIdOf(raw), publicKey: raw.toString('base64'), privateKey }
}

/** the QR text with one digit of its signed payload changed, still decodable (so the signature is what fails) */
export function tamper(qr: string): string {
  for (let i = 4 + 17 * 3 + 8; i < qr.length; i++) {
    const d = qr[i]
    const changed = qr.slice(0, i) + String((Number(d) + 1) % 10) + qr.slice(i + 1)
    if (digitsToBytes(changed.slice(4))) return changed
  }
  throw new Error('no digit to change')
}

export const fileOf = (name: string, content: unknown) => ({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(content, null, 2)) })

export async function openVerify(page: Page) {
  await page.getByTestId('nav-/certificates/verify').click()
  await expect(page.getByTestId('verify-input')).toBeFocused()
}

export async function scan(page: Page, text: string) {
  const box = page.getByTestId('verify-input')
  await expect(box).toBeFocused()
  await page.keyboard.type(text)
  await page.keyboard.press('Enter')
}

/** a screenshot with the mouse away from the user menu (it opens on hover) and charts drawn */
export async function shot(page: Page, name: string) {
  await page.mouse.move(640, 5)
  await page.waitForTimeout(400)
  await save(page, name)
}

export async function english(page: Page) {
  await page.getByTestId('lang-switch').getByText('EN', { exact: true }).click()
}
export async function chinese(page: Page) {
  await page.getByTestId('lang-switch').getByText('中文', { exact: true }).click()
}
