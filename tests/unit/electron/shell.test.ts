/** Dialog-backed desktop methods, the keychain, the file locations and the menu, with electron mocked. */
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { tmpDir } from '../../helpers/host'

const m = vi.hoisted(() => ({
  saveResult: { canceled: false, filePath: '' } as { canceled: boolean; filePath?: string },
  showSaveDialog: vi.fn(),
  openPath: vi.fn(async (_p: string) => ''),
  available: true,
  backend: 'gnome_libsecret'
}))
vi.mock('electron', () => ({
  app: { getPath: () => '/home/clerk/Documents' },
  dialog: {
    showSaveDialog: (...a: unknown[]) => {
      m.showSaveDialog(...a)
      return Promise.resolve(m.saveResult)
    }
  },
  shell: { openPath: (p: string) => m.openPath(p) },
  safeStorage: {
    isEncryptionAvailable: () => m.available,
    getSelectedStorageBackend: () => m.backend,
    // reversible stand-in for the OS: the clear text must not appear in the file
    encryptString: (s: string) => Buffer.from('ENC:' + Buffer.from(s, 'utf8').toString('base64').split('').reverse().join('')),
    decryptString: (b: Buffer) => Buffer.from(b.toString().slice(4).split('').reverse().join(''), 'base64').toString('utf8')
  },
  Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: (t: unknown) => t }
}))

import { printDir, runDesktopMethod, safeFileName } from '../../../electron/main/desktop'
import { loadPassphrase, passphraseFile, savePassphrase } from '../../../electron/main/keychain'
import { builderOs, locate } from '../../../electron/main/locations'
import { menuTemplate } from '../../../electron/main/menu'

describe('desktop.saveFile', () => {
  beforeEach(() => m.showSaveDialog.mockClear())

  it('asks where, then writes the bytes there', async () => {
    const dir = tmpDir('sd-save-')
    m.saveResult = { canceled: false, filePath: path.join(dir, '台账.xlsx') }
    const r = await runDesktopMethod('desktop.saveFile', { filename: '台账.xlsx', base64: Buffer.from('hello').toString('base64') }, null)
    expect(r).toEqual({ saved: true, path: path.join(dir, '台账.xlsx') })
    expect(fs.readFileSync(path.join(dir, '台账.xlsx'), 'utf8')).toBe('hello')
    const opts = m.showSaveDialog.mock.calls[0][0]
    expect(opts.defaultPath).toBe(path.join('/home/clerk/Documents', '台账.xlsx'))
    expect(opts.filters).toEqual([{ name: 'XLSX', extensions: ['xlsx'] }])
  })

  it('a cancelled dialog writes nothing', async () => {
    m.saveResult = { canceled: true }
    expect(await runDesktopMethod('desktop.saveFile', { filename: 'a.txt', base64: '' }, null)).toEqual({ saved: false, path: null })
  })

  it('the suggested name cannot climb out of the folder or use reserved characters', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd')
    expect(safeFileName('..\\..\\Windows\\x.ini')).toBe('x.ini')
    expect(safeFileName('a<b>:c?.pdf')).toBe('a_b__c_.pdf')
    expect(safeFileName('...')).toBe('stationdesk-file')
  })
})

describe('desktop.printPdf', () => {
  it('hands a PDF to the system viewer', async () => {
    m.openPath.mockClear()
    const r = await runDesktopMethod('desktop.printPdf', { base64: Buffer.from('%PDF-1.7 test').toString('base64') }, null)
    expect(r).toEqual({ printed: true })
    const file = m.openPath.mock.calls[0][0]
    expect(path.dirname(file)).toBe(printDir())
    expect(fs.readFileSync(file, 'utf8')).toBe('%PDF-1.7 test')
  })
  it('refuses what is not a PDF, and says so when no viewer opens it', async () => {
    await expect(runDesktopMethod('desktop.printPdf', { base64: Buffer.from('<html>').toString('base64') }, null)).rejects.toThrow(/not a PDF/)
    m.openPath.mockResolvedValueOnce('no application')
    await expect(runDesktopMethod('desktop.printPdf', { base64: Buffer.from('%PDF-1.4').toString('base64') }, null)).rejects.toThrow(/no PDF viewer/)
  })
})

describe('keychain', () => {
  beforeEach(() => {
    m.available = true
    m.backend = 'gnome_libsecret'
  })

  it('keeps the passphrase encrypted in keys/passphrase.safe, readable by the owner only', () => {
    const dir = tmpDir('sd-keys-')
    expect(savePassphrase(dir, 'correct horse battery')).toBe(true)
    const file = passphraseFile(dir)
    expect(file).toBe(path.join(dir, 'keys', 'passphrase.safe'))
    expect(fs.readFileSync(file, 'utf8')).not.toContain('correct horse')
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o077).toBe(0)
    expect(loadPassphrase(dir)).toBe('correct horse battery')
    expect(savePassphrase(dir, '')).toBe(true)
    expect(fs.existsSync(file)).toBe(false)
    expect(loadPassphrase(dir)).toBeNull()
  })

  it('keeps nothing without a real OS keychain (Linux basic_text fallback included)', () => {
    const dir = tmpDir('sd-keys-')
    m.available = false
    expect(savePassphrase(dir, 'secret passphrase')).toBe(false)
    m.available = true
    if (process.platform === 'linux') {
      m.backend = 'basic_text'
      expect(savePassphrase(dir, 'secret passphrase')).toBe(false)
    }
    expect(fs.existsSync(passphraseFile(dir))).toBe(false)
  })
})

describe('locations', () => {
  it('packaged: migrations and the Electron binding from resources/', () => {
    const loc = locate({
      isPackaged: true,
      appPath: '/opt/S/resources/app.asar',
      resourcesPath: '/opt/S/resources',
      mainDir: '/opt/S/resources/app.asar/out/main',
      platform: 'linux',
      arch: 'x64',
      exists: (f) => f === '/opt/S/resources/native/better_sqlite3.node'
    })
    expect(loc.migrationsFolder).toBe('/opt/S/resources/migrations')
    expect(loc.nativeBinding).toBe('/opt/S/resources/native/better_sqlite3.node')
    expect(loc.worker).toBe('/opt/S/resources/app.asar/out/main/worker.js')
    expect(loc.dev).toBe(false)
  })
  it('development: the repo migrations and build/native/electron/<os>-<arch>', () => {
    const loc = locate({ isPackaged: false, appPath: '/repo', resourcesPath: '/x', mainDir: '/repo/out/main', platform: 'linux', arch: 'x64', exists: () => true })
    expect(loc.migrationsFolder).toBe('/repo/src/core/db/migrations')
    expect(loc.nativeBinding).toBe('/repo/build/native/electron/linux-x64/better_sqlite3.node')
    expect(locate({ isPackaged: false, appPath: '/repo', resourcesPath: '/x', mainDir: '/repo/out/main', platform: 'linux', arch: 'x64', exists: () => false }).nativeBinding).toBeUndefined()
    expect(builderOs('win32')).toBe('win')
    expect(builderOs('darwin')).toBe('mac')
  })
  it('the names match what scripts/electron-native.cjs writes', () => {
    const native = createRequire(import.meta.url)('../../../scripts/electron-native.cjs') as { outDir: (p: string, a: string) => string }
    expect(native.outDir('win32', 'x64').endsWith(path.join('build', 'native', 'electron', 'win-x64'))).toBe(true)
  })
})

describe('menu', () => {
  it('devtools and reload only in development', () => {
    const roles = (dev: boolean) => JSON.stringify(menuTemplate(dev, 'linux'))
    expect(roles(false)).not.toContain('toggleDevTools')
    expect(roles(false)).not.toContain('"reload"')
    expect(roles(true)).toContain('toggleDevTools')
    expect(roles(false)).toContain('"paste"')
  })
})
