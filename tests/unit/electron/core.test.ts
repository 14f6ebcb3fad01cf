/**
 * The main <-> core protocol end to end, in one process: CoreProcess (main side) talks to
 * runCore (the utility process side, with a real Host on a temp SQLite file) through a fake
 * port that structured-clones every message like Electron does.
 */
import fs from 'node:fs'
import path from 'node:path'
import { EventEmitter } from 'node:events'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { runCore } from '../../../electron/core/bridge'
import type { CorePort, CoreToMain, MainToCore } from '../../../electron/core/protocol'
import { CoreProcess, type ChildLike, type CoreProcessOptions } from '../../../electron/main/coreProcess'
import { findAppRoot } from '../../../src/core/runtime'
import { ADMIN, STATION, tmpDir } from '../../helpers/host'

const migrationsFolder = path.join(findAppRoot(__dirname), 'src', 'core', 'db', 'migrations')

/** a fake utility process running runCore in this process */
function inProcessFork(hooks: { forks: EventEmitter[] } = { forks: [] }) {
  return () => {
    const fromCore = new EventEmitter()
    const toCore: ((e: { data: MainToCore }) => void)[] = []
    let alive = true
    const port: CorePort = {
      postMessage: (m: CoreToMain) => {
        if (alive) setImmediate(() => fromCore.emit('message', structuredClone(m)))
      },
      on: (_e, l) => toCore.push(l)
    }
    const die = (code: number) => {
      if (!alive) return
      alive = false
      setImmediate(() => fromCore.emit('exit', code))
    }
    runCore(port, { exit: die })
    hooks.forks.push(fromCore)
    const child: ChildLike & { die: (code: number) => void } = {
      postMessage: (m: MainToCore) => {
        const copy = structuredClone(m)
        if (alive) setImmediate(() => toCore.forEach((l) => l({ data: copy })))
      },
      on: (event: string, l: (...a: any[]) => void) => fromCore.on(event, l),
      kill: () => {
        die(9)
        return true
      },
      die
    }
    return child
  }
}

const cores: CoreProcess[] = []
function makeCore(over: Partial<CoreProcessOptions> = {}, dataDir = tmpDir('sd-electron-')) {
  const opts: CoreProcessOptions = {
    fork: inProcessFork(),
    init: () => ({ type: 'init', dataDir, migrationsFolder, passphrase: null, version: '9.9.9' }),
    onDesktop: vi.fn(async () => ({ saved: true, path: '/tmp/x' })),
    onPassphrase: vi.fn(),
    onFatal: vi.fn(),
    onRestart: vi.fn(),
    ...over
  }
  const core = new CoreProcess(opts)
  cores.push(core)
  return { core, opts, dataDir }
}

afterEach(async () => {
  for (const c of cores.splice(0)) await c.stop(2000)
})

async function setUpAndLogin(core: CoreProcess): Promise<string> {
  const init = await core.call('setup.init', { station: STATION, admin: ADMIN, keyPassphrase: 'a long key passphrase', rememberPassphrase: true }, null)
  expect(init.result.ok).toBe(true)
  const login = await core.call('auth.login', { username: ADMIN.username, password: ADMIN.password }, null)
  expect(login.result.ok).toBe(true)
  expect(typeof login.session).toBe('string')
  return login.session as string
}

describe('core in a utility process', () => {
  it('starts, and system.info reports the desktop abilities', async () => {
    const { core } = makeCore()
    const ready = await core.start()
    expect(ready.abilities.sort()).toEqual(['desktop.printPdf', 'desktop.saveFile'])
    expect(ready.recovery).toBe(false)
    const info = await core.call('system.info', {}, null)
    expect(info.result.ok).toBe(true)
    const data = (info.result as { data: { abilities: string[]; version: string; setUp: boolean } }).data
    expect(data.abilities).toEqual(expect.arrayContaining(['desktop.saveFile', 'desktop.printPdf']))
    expect(data.version).toBe('9.9.9')
    expect(data.setUp).toBe(false)
  })

  it('calls made before the core is ready wait for it', async () => {
    const { core } = makeCore()
    void core.start()
    const info = await core.call('system.info', {}, null)
    expect(info.result.ok).toBe(true)
  })

  it('desktop methods pass the host checks first, then main answers them', async () => {
    const { core, opts } = makeCore()
    await core.start()
    // not set up / no session: refused by the host, main never asked
    const early = await core.call('desktop.saveFile', { filename: 'a.xlsx', base64: 'AAAA' }, null)
    expect(early.result.ok).toBe(false)
    const sid = await setUpAndLogin(core)
    const anon = await core.call('desktop.saveFile', { filename: 'a.xlsx', base64: 'AAAA' }, null)
    expect(anon.result).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } })
    const bad = await core.call('desktop.saveFile', { base64: 'AAAA' }, sid)
    expect(bad.result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(opts.onDesktop).not.toHaveBeenCalled()

    const ok = await core.call('desktop.saveFile', { filename: 'a.xlsx', base64: 'AAAA' }, sid)
    expect(ok.result).toEqual({ ok: true, data: { saved: true, path: '/tmp/x' } })
    expect(opts.onDesktop).toHaveBeenCalledWith('desktop.saveFile', { filename: 'a.xlsx', base64: 'AAAA' })
  })

  it('a failing desktop action comes back as an error result', async () => {
    const onDesktop = vi.fn(async () => {
      throw new Error('disk full')
    })
    const { core } = makeCore({ onDesktop })
    await core.start()
    const sid = await setUpAndLogin(core)
    const r = await core.call('desktop.printPdf', { base64: 'JVBERi0=' }, sid)
    expect(r.result).toMatchObject({ ok: false, error: { code: 'INTERNAL', message: 'disk full' } })
  })

  it('a remembered key passphrase goes to main for the keychain, and comes back at start', async () => {
    const { core, opts, dataDir } = makeCore()
    await core.start()
    await setUpAndLogin(core)
    expect(opts.onPassphrase).toHaveBeenCalledWith('a long key passphrase')
    await core.stop(2000)

    // next start: main hands the kept passphrase to the core's PassphraseStore
    let ready!: () => void
    const started = new Promise<void>((r) => (ready = r))
    const port: CorePort = {
      postMessage: (m) => m.type === 'ready' && ready(),
      on: (_e, l) => setImmediate(() => l({ data: { type: 'init', dataDir, migrationsFolder, passphrase: 'kept one', version: '1' } }))
    }
    const host = runCore(port, { exit: () => undefined })
    await started
    expect(host.host()?.runtime.options.passphraseStore?.get()).toBe('kept one')
    host.host()?.close()
  })

  it('the session id is the core\'s; forgetting it logs the window out', async () => {
    const { core } = makeCore()
    await core.start()
    const sid = await setUpAndLogin(core)
    const me = await core.call('system.info', {}, sid)
    expect((me.result as { data: { session: unknown } }).data.session).not.toBeNull()
    core.forget(sid)
    const after = await core.call('system.info', {}, sid)
    expect((after.result as { data: { session: unknown } }).data.session).toBeNull()
  })

  it('better-sqlite3 that does not load is reported as fatal "native", not as a damaged database', async () => {
    const dataDir = tmpDir('sd-electron-')
    const bogus = path.join(dataDir, 'better_sqlite3.node')
    fs.writeFileSync(bogus, 'not a shared object')
    const onFatal = vi.fn()
    const { core } = makeCore({ onFatal, init: () => ({ type: 'init', dataDir, migrationsFolder, nativeBinding: bogus, passphrase: null, version: '1' }) }, dataDir)
    await expect(core.start()).rejects.toThrow()
    expect(onFatal).toHaveBeenCalledWith('native', expect.any(String))
    expect(fs.existsSync(path.join(dataDir, 'stationdesk.db'))).toBe(false)
    const r = await core.call('system.info', {}, null)
    expect(r.result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
  })

  it('a core that dies is restarted; sessions are void, calls work again', async () => {
    const forks: EventEmitter[] = []
    const fork = inProcessFork({ forks })
    let last: ReturnType<typeof fork> | null = null
    const { core, opts } = makeCore({
      fork: () => {
        last = fork()
        return last
      }
    })
    await core.start()
    const first = last!
    ;(first as unknown as { die: (c: number) => void }).die(1)
    await vi.waitFor(() => expect(opts.onRestart).toHaveBeenCalledOnce())
    expect(last).not.toBe(first)
    const info = await core.call('system.info', {}, null)
    expect(info.result.ok).toBe(true)
  })

  it('stop closes the database and ends the process', async () => {
    const { core, dataDir } = makeCore()
    await core.start()
    await core.call('system.info', {}, null)
    await core.stop(2000)
    // WAL checkpointed on close: no -wal left with content
    const wal = path.join(dataDir, 'stationdesk.db-wal')
    expect(!fs.existsSync(wal) || fs.statSync(wal).size === 0).toBe(true)
    const r = await core.call('system.info', {}, null)
    expect(r.result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
  })
})
