/**
 * The desktop-only methods, answered in the main process (they need dialogs). The core has
 * already validated the input, checked the session and role and written the audit row before
 * the request arrives here (see electron/core/bridge.ts).
 *
 * desktop.printPdf, honestly: Chromium's built-in viewer cannot reliably print a PDF from a
 * hidden window (blank pages), and pre-printed forms (套打) need "actual size" printing with
 * the printer's own dialog. So the PDF is written to a temp file and opened in the system's
 * PDF viewer, where the user prints it; `printed: true` means "handed to the viewer".
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { app, dialog, shell, type BrowserWindow } from 'electron'
import { writeFileAtomic } from '../../src/core/files/atomic'
import type { DesktopMethod } from '../core/protocol'

/** A file name safe on every system: no folders, no reserved characters. */
export function safeFileName(name: string): string {
  const base = path.basename(name.replace(/\\/g, '/')).replace(/[<>:"/\\|?*\u0000-\u001f]/g, '_').replace(/^[.\s]+|[.\s]+$/g, '')
  return base || 'stationdesk-file'
}

export function printDir(): string {
  return path.join(os.tmpdir(), 'StationDesk-print')
}

/** Removes print files older than a day (a viewer may still hold the newer ones open). */
export function cleanPrintDir(now = Date.now()): void {
  const dir = printDir()
  if (!fs.existsSync(dir)) return
  for (const f of fs.readdirSync(dir)) {
    const p = path.join(dir, f)
    try {
      if (now - fs.statSync(p).mtimeMs > 24 * 3600_000) fs.rmSync(p, { force: true })
    } catch {
      /* in use: next time */
    }
  }
}

async function saveFile(win: BrowserWindow | null, input: { filename: string; base64: string }) {
  const name = safeFileName(input.filename)
  const ext = path.extname(name).slice(1)
  const options = {
    defaultPath: path.join(app.getPath('documents'), name),
    filters: ext ? [{ name: ext.toUpperCase(), extensions: [ext] }] : []
  }
  const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options)
  if (r.canceled || !r.filePath) return { saved: false, path: null }
  // a temporary file renamed over the name: a crash never leaves a part of a packet or export there
  writeFileAtomic(r.filePath, Buffer.from(input.base64, 'base64'))
  return { saved: true, path: r.filePath }
}

async function printPdf(input: { base64: string }) {
  const bytes = Buffer.from(input.base64, 'base64')
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('not a PDF document')
  fs.mkdirSync(printDir(), { recursive: true })
  const file = path.join(printDir(), `print-${Date.now()}-${randomBytes(4).toString('hex')}.pdf`)
  await fs.promises.writeFile(file, bytes, { mode: 0o600 })
  const problem = await shell.openPath(file)
  if (problem) throw new Error(`no PDF viewer could open the document: ${problem}`)
  return { printed: true }
}

export async function runDesktopMethod(method: DesktopMethod, input: unknown, win: BrowserWindow | null): Promise<unknown> {
  switch (method) {
    case 'desktop.saveFile':
      return saveFile(win, input as { filename: string; base64: string })
    case 'desktop.printPdf':
      return printPdf(input as { base64: string })
  }
}
