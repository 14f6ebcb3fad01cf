/** The IPC transport: session ids stay in main, per web contents; the preload exposes `call` only. */
import { describe, expect, it, vi } from 'vitest'
import { FakeWebContents } from './fakes'

const bridge = vi.hoisted(() => ({ exposed: [] as [string, any][], invoke: vi.fn(async (..._a: unknown[]) => ({ ok: true, data: 1 })) }))
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (k: string, v: unknown) => bridge.exposed.push([k, v]) },
  ipcRenderer: { invoke: bridge.invoke }
}))

import { rpcHandler, RpcSessions, registerRpc } from '../../../electron/main/ipc'

const APP = 'file:///app/out/renderer/index.html'
const frame = { url: APP + '#/', parent: null }

function backend(outcomes: any[]) {
  return { call: vi.fn(async () => outcomes.shift()), forget: vi.fn() }
}

describe('rpc handler', () => {
  it('keeps the session id per web contents and never hands it to the page', async () => {
    const b = backend([
      { result: { ok: true, data: { userId: 'u1' } }, session: 'SECRET-SESSION' },
      { result: { ok: true, data: 'x' } },
      { result: { ok: true, data: null }, session: null },
      { result: { ok: true, data: 'y' } }
    ])
    const sessions = new RpcSessions()
    const h = rpcHandler(b, sessions, () => APP)
    const sender = new FakeWebContents()
    const login = await h({ sender, senderFrame: frame } as any, 'auth.login', { username: 'a', password: 'b' })
    expect(login).toEqual({ ok: true, data: { userId: 'u1' } })
    expect(JSON.stringify(login)).not.toContain('SECRET-SESSION')
    await h({ sender, senderFrame: frame } as any, 'system.info', {})
    expect(b.call).toHaveBeenLastCalledWith('system.info', {}, 'SECRET-SESSION')
    // another window has its own (none)
    const other = Object.assign(new FakeWebContents(), { id: 8 })
    b.call.mockResolvedValueOnce({ result: { ok: true, data: 'z' } })
    await h({ sender: other, senderFrame: frame } as any, 'system.info', {})
    expect(b.call).toHaveBeenLastCalledWith('system.info', {}, null)
    // logout forgets it
    await h({ sender, senderFrame: frame } as any, 'auth.logout', {})
    await h({ sender, senderFrame: frame } as any, 'system.info', {})
    expect(b.call).toHaveBeenLastCalledWith('system.info', {}, null)
  })

  it('a closed window\'s session is dropped in main and in the core', async () => {
    const b = backend([{ result: { ok: true, data: {} }, session: 'S1' }])
    const sessions = new RpcSessions()
    const h = rpcHandler(b, sessions, () => APP)
    const sender = new FakeWebContents()
    await h({ sender, senderFrame: frame } as any, 'auth.login', {})
    expect(sessions.get(sender.id)).toBe('S1')
    sender.emit('destroyed')
    expect(sessions.get(sender.id)).toBeNull()
    expect(b.forget).toHaveBeenCalledWith('S1')
  })

  it('refuses a call without a method name', async () => {
    const b = backend([])
    const h = rpcHandler(b, new RpcSessions(), () => APP)
    const r = await h({ sender: new FakeWebContents(), senderFrame: frame } as any, 42, {})
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    expect(b.call).not.toHaveBeenCalled()
  })

  it('is registered on the one channel "rpc"', () => {
    const ipcMain = { handle: vi.fn() }
    registerRpc(ipcMain as any, backend([]), new RpcSessions(), () => APP)
    expect(ipcMain.handle).toHaveBeenCalledWith('rpc', expect.any(Function))
  })
})

describe('preload', () => {
  it('exposes window.station with call only, over invoke("rpc")', async () => {
    await import('../../../electron/preload/index')
    expect(bridge.exposed).toHaveLength(1)
    const [key, api] = bridge.exposed[0]
    expect(key).toBe('station')
    expect(Object.keys(api)).toEqual(['call'])
    await expect(api.call('system.info', {})).resolves.toEqual({ ok: true, data: 1 })
    expect(bridge.invoke).toHaveBeenCalledWith('rpc', 'system.info', {})
  })
})
