/** Small stand-ins for Electron objects (electron itself cannot load under plain Node). */
import { vi } from 'vitest'

type Listener = (...args: any[]) => unknown

export class FakeEmitter {
  listeners = new Map<string, Listener[]>()
  on(event: string, l: Listener) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), l])
    return this
  }
  once(event: string, l: Listener) {
    const w: Listener = (...a) => {
      this.listeners.set(event, (this.listeners.get(event) ?? []).filter((x) => x !== w))
      return l(...a)
    }
    return this.on(event, w)
  }
  emit(event: string, ...args: unknown[]) {
    for (const l of this.listeners.get(event) ?? []) l(...args)
  }
  has(event: string) {
    return (this.listeners.get(event) ?? []).length > 0
  }
}

export function fakeSession() {
  return {
    webRequest: { onHeadersReceived: vi.fn() },
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn()
  }
}

export class FakeWebContents extends FakeEmitter {
  id = 7
  windowOpenHandler: ((d: { url: string }) => { action: string }) | null = null
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }) {
    this.windowOpenHandler = h
  }
}

/** an Electron-like event: preventDefault records itself */
export function navEvent(url: string) {
  const e = { url, prevented: false, preventDefault: () => (e.prevented = true) }
  return e
}
