import { useEffect, useState } from 'react'

/** A hash router: #/staff, #/audit?actor=x. Enough for a desktop app with no server routes. */
export function currentPath(): string {
  const h = window.location.hash.replace(/^#/, '')
  if (!h.startsWith('/')) return '/'
  return h
}

export function navigate(path: string): void {
  window.location.hash = path
}

export function useRoute(): { path: string; query: URLSearchParams } {
  const [raw, setRaw] = useState(currentPath())
  useEffect(() => {
    const on = () => setRaw(currentPath())
    window.addEventListener('hashchange', on)
    return () => window.removeEventListener('hashchange', on)
  }, [])
  const [path, qs] = raw.split('?')
  return { path: path || '/', query: new URLSearchParams(qs ?? '') }
}
