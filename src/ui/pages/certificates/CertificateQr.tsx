/**
 * The certificate's QR code as the app shows it: the signed text (`SD1:` + digits) encoded as an
 * alphanumeric prefix and a numeric segment (the densest QR mode for digits, as the printed one),
 * drawn as SVG by the qrcode package and shown as an image (no markup injected into the page).
 */
import { Typography } from 'antd'
import QRCode from 'qrcode'
import { useEffect, useState } from 'react'
import { useI18n } from '../../app/i18n'

export function qrSegments(text: string): { data: string; mode: 'alphanumeric' | 'numeric' }[] {
  const m = /^(SD\d+:)(\d+)$/i.exec(text.trim())
  if (!m) return [{ data: text.toUpperCase(), mode: 'alphanumeric' }]
  return [
    { data: m[1].toUpperCase(), mode: 'alphanumeric' },
    { data: m[2], mode: 'numeric' }
  ]
}

export function CertificateQr({ text, size = 148 }: { text: string; size?: number }) {
  const { t } = useI18n()
  const [src, setSrc] = useState<string | null>(null)
  const [failed, setFailed] = useState(false)
  useEffect(() => {
    let live = true
    setFailed(false)
    QRCode.toString(qrSegments(text), { type: 'svg', errorCorrectionLevel: 'M', margin: 1 }).then(
      (svg) => live && setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`),
      () => live && setFailed(true)
    )
    return () => {
      live = false
    }
  }, [text])
  if (failed) return <Typography.Text type="danger">{t('certificates.view.qrFailed')}</Typography.Text>
  if (!src) return <div style={{ width: size, height: size }} />
  return <img src={src} width={size} height={size} alt={t('certificates.view.qrAlt')} data-testid="cert-qr" style={{ imageRendering: 'pixelated' }} />
}
