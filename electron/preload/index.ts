/**
 * The only bridge between the page and the app: window.station.call(method, input), which
 * resolves to the core's { ok, data } | { ok: false, error }. Nothing else is exposed; the
 * session id stays in the main process. Built as CommonJS (sandboxed preloads cannot be ESM).
 */
import { contextBridge, ipcRenderer } from 'electron'

contextBridge.exposeInMainWorld('station', {
  call: (method: string, input: unknown) => ipcRenderer.invoke('rpc', method, input)
})
