/**
 * A recording stand-in for the `electron` module, for loading the built main bundle under
 * Node (built.test.ts): a packaged app on a machine with no keychain, whose core never
 * answers. It records what the bundle asks of Electron so the test can read the settings back.
 */
import { FakeEmitter, navEvent } from './fakes'

type Fn = (...args: any[]) => any

export class RecordingContents extends FakeEmitter {
  static next = 1
  id = RecordingContents.next++
  windowOpen: Fn | null = null
  setWindowOpenHandler(h: Fn) {
    this.windowOpen = h
  }
}

export interface RecordedWindow {
  options: any
  webContents: RecordingContents
  loadFile: string[]
  loadURL: string[]
}

export interface ElectronRecord {
  windows: RecordedWindow[]
  appHandlers: Map<string, Fn>
  ipcHandlers: Map<string, Fn>
  sandboxEnabledBeforeReady: boolean
  headersHandler: Fn | null
  permissionRequest: Fn | null
  permissionCheck: Fn | null
  deviceHandler: Fn | null
  forks: string[]
  coreCalls: unknown[]
  menuTemplate: { submenu?: unknown }[]
  newContents(): RecordingContents
  navEvent: typeof navEvent
  /** resolves once app.whenReady()'s callbacks have run */
  ready(): Promise<void>
}

export function builtElectronFake(o: { appPath: string; appData: string }): { electron: Record<string, unknown>; record: ElectronRecord } {
  let isReady = false
  const record: ElectronRecord = {
    windows: [],
    appHandlers: new Map(),
    ipcHandlers: new Map(),
    sandboxEnabledBeforeReady: false,
    headersHandler: null,
    permissionRequest: null,
    permissionCheck: null,
    deviceHandler: null,
    forks: [],
    coreCalls: [],
    menuTemplate: [],
    newContents: () => new RecordingContents(),
    navEvent,
    ready: async () => {
      for (let i = 0; i < 5 && !(isReady && record.windows.length); i++) await new Promise((r) => setImmediate(r))
      if (!record.windows.length) throw new Error('the built main process opened no window')
    }
  }

  class BrowserWindow extends FakeEmitter {
    webContents = new RecordingContents()
    private rec: RecordedWindow
    constructor(options: any) {
      super()
      this.rec = { options, webContents: this.webContents, loadFile: [], loadURL: [] }
      record.windows.push(this.rec)
    }
    async loadFile(f: string) {
      this.rec.loadFile.push(f)
    }
    async loadURL(u: string) {
      this.rec.loadURL.push(u)
    }
    show() {}
    focus() {}
    restore() {}
    isMinimized() {
      return false
    }
    static getAllWindows() {
      return []
    }
  }

  const app = {
    isPackaged: true,
    getPath: (name: string) => (name === 'appData' ? o.appData : o.appData),
    setPath: () => undefined,
    getAppPath: () => o.appPath,
    getVersion: () => '0.0.0-test',
    setAppUserModelId: () => undefined,
    requestSingleInstanceLock: () => true,
    quit: () => undefined,
    exit: () => undefined,
    enableSandbox: () => {
      if (!isReady) record.sandboxEnabledBeforeReady = true
    },
    on: (event: string, l: Fn) => {
      record.appHandlers.set(event, l)
      return app
    },
    whenReady: () => {
      isReady = true
      return Promise.resolve()
    }
  }

  // a core that starts and answers every call with ok, recording it
  const listeners: Fn[] = []
  const child = {
    postMessage: (m: { type: string; id?: number; sessionId?: string | null }) => {
      const answer = (msg: unknown) => setImmediate(() => listeners.forEach((l) => l(msg)))
      if (m.type === 'init') answer({ type: 'ready', abilities: [], recovery: false, problem: null })
      if (m.type === 'call') {
        record.coreCalls.push(m)
        answer({ type: 'result', id: m.id, outcome: { result: { ok: true, data: 'from the core' } } })
      }
    },
    on: (event: string, l: Fn) => {
      if (event === 'message') listeners.push(l)
      return child
    },
    kill: () => true
  }

  const electron = {
    app,
    BrowserWindow,
    dialog: { showErrorBox: () => undefined, showSaveDialog: async () => ({ canceled: true }) },
    ipcMain: { handle: (channel: string, h: Fn) => record.ipcHandlers.set(channel, h) },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: (h: Fn) => (record.headersHandler = h) },
        setPermissionRequestHandler: (h: Fn) => (record.permissionRequest = h),
        setPermissionCheckHandler: (h: Fn) => (record.permissionCheck = h),
        setDevicePermissionHandler: (h: Fn) => (record.deviceHandler = h)
      }
    },
    utilityProcess: {
      fork: (file: string) => {
        record.forks.push(file)
        return child
      }
    },
    Menu: {
      buildFromTemplate: (t: { submenu?: unknown }[]) => t,
      setApplicationMenu: (m: { submenu?: unknown }[]) => (record.menuTemplate = m)
    },
    shell: { openPath: async () => '' },
    safeStorage: { isEncryptionAvailable: () => false, getSelectedStorageBackend: () => 'basic_text' }
  }
  return { electron, record }
}
