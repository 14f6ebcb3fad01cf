/**
 * Saves a file the core made (xlsx, key file, backup): through the desktop save dialog where
 * the app offers it, else as a browser download.
 */
import type { FileOut } from '../../api/contract'
import { call } from './client'

export async function saveFile(file: FileOut, abilities: string[]): Promise<boolean> {
  if (abilities.includes('desktop.saveFile')) {
    const r = await call('desktop.saveFile', { filename: file.filename, base64: file.base64 })
    return r.saved
  }
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0))
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mime }))
  const a = document.createElement('a')
  a.href = url
  a.download = file.filename
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return true
}

/** reads a picked file as base64 (for restore uploads) */
export function fileToBase64(f: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader()
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''))
    r.onerror = () => reject(r.error)
    r.readAsDataURL(f)
  })
}
