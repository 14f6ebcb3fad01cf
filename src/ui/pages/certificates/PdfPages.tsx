/**
 * A PDF's pages drawn on canvases with pdf.js, for the preview in the app. Neither the desktop
 * window nor the browser preview may show a PDF in a frame or an object (their CSP forbids both),
 * so the pages are drawn here; pdf.js is loaded only when a preview opens. A batch shows its
 * first pages (MAX_PAGES) and says how many more the file holds.
 */
import { Alert, Spin, Typography } from 'antd'
import { useEffect, useRef, useState } from 'react'
import { useI18n } from '../../app/i18n'

const MAX_PAGES = 6

type PdfJs = typeof import('pdfjs-dist')
let loading: Promise<PdfJs> | null = null

/**
 * pdf.js with its worker, bundled by Vite as a worker of the app's own files (worker-src 'self';
 * a plain .js file, which every server of the app sends with a script type), started once
 */
function pdfjs(): Promise<PdfJs> {
  if (!loading)
    loading = Promise.all([import('pdfjs-dist'), import('pdfjs-dist/build/pdf.worker.min.mjs?worker')]).then(([lib, worker]) => {
      lib.GlobalWorkerOptions.workerPort = new worker.default()
      return lib
    })
  return loading
}

function bytesOf(base64: string): Uint8Array {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
}

export function PdfPages({ base64, width }: { base64: string; width: number }) {
  const { t } = useI18n()
  const box = useRef<HTMLDivElement>(null)
  const [state, setState] = useState<{ pages: number; shown: number } | 'loading' | 'failed'>('loading')

  useEffect(() => {
    let live = true
    let destroy: (() => void) | null = null
    setState('loading')
    const el = box.current
    if (el) el.replaceChildren()
    void (async () => {
      try {
        const lib = await pdfjs()
        const task = lib.getDocument({ data: bytesOf(base64), isEvalSupported: false })
        destroy = () => void task.destroy()
        const doc = await task.promise
        const shown = Math.min(doc.numPages, MAX_PAGES)
        for (let i = 1; i <= shown && live; i++) {
          const page = await doc.getPage(i)
          const base = page.getViewport({ scale: 1 })
          // sharp on a high-density screen, laid out at the preview's width
          const ratio = window.devicePixelRatio || 1
          const viewport = page.getViewport({ scale: (width / base.width) * ratio })
          const canvas = document.createElement('canvas')
          canvas.width = Math.floor(viewport.width)
          canvas.height = Math.floor(viewport.height)
          canvas.style.width = `${width}px`
          canvas.style.display = 'block'
          canvas.style.margin = '0 auto 12px'
          canvas.style.boxShadow = '0 1px 4px rgba(0,0,0,.25)'
          canvas.style.background = '#fff'
          canvas.dataset.testid = 'pdf-page'
          await page.render({ canvas, viewport }).promise
          if (!live) return
          el?.appendChild(canvas)
        }
        if (live) setState({ pages: doc.numPages, shown })
      } catch {
        if (live) setState('failed')
      }
    })()
    return () => {
      live = false
      destroy?.()
    }
  }, [base64, width])

  return (
    <div style={{ background: '#e9ecf1', padding: 12, borderRadius: 6, minHeight: 200 }} data-testid="pdf-pages">
      {state === 'loading' && (
        <div style={{ textAlign: 'center', padding: 40 }}>
          <Spin />
        </div>
      )}
      {state === 'failed' && <Alert type="warning" showIcon title={t('certificates.preview.cannotShow')} />}
      <div ref={box} />
      {typeof state === 'object' && state.pages > state.shown && (
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center', margin: 0 }} data-testid="pdf-more">
          {t('certificates.preview.morePages', { shown: state.shown, pages: state.pages })}
        </Typography.Paragraph>
      )}
    </div>
  )
}
