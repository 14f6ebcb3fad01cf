import { useEffect } from 'react'

/** calls onIdle once after `minutes` without keyboard, mouse or touch input */
export function useIdle(minutes: number, enabled: boolean, onIdle: () => void): void {
  useEffect(() => {
    if (!enabled || minutes <= 0) return
    let timer = window.setTimeout(onIdle, minutes * 60_000)
    const reset = () => {
      window.clearTimeout(timer)
      timer = window.setTimeout(onIdle, minutes * 60_000)
    }
    const events = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart'] as const
    for (const e of events) window.addEventListener(e, reset, { passive: true })
    return () => {
      window.clearTimeout(timer)
      for (const e of events) window.removeEventListener(e, reset)
    }
  }, [minutes, enabled, onIdle])
}
