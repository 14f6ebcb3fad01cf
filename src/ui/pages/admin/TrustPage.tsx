/**
 * 信任密钥 (admin, head): the keys this station trusts to sign the certificates it verifies.
 * The district's public key, set once by the administrator from the district's key file
 * (replacing it needs a confirmation); the district's signed list of station keys, imported
 * from its file (refused, with the reason, unless the district key signed it); and the table
 * of trusted keys, this station's own marked.
 */
import { Alert, App as AntApp, Card, Descriptions, Skeleton, Space, Typography } from 'antd'
import { ImportOutlined, KeyOutlined } from '@ant-design/icons'
import { useCallback, useEffect, useState } from 'react'
import type { TrustState } from '../../../api/keys'
import { call, callResult } from '../../app/client'
import { useI18n } from '../../app/i18n'
import { useApp } from '../../app/session'
import { useNotify } from '../../app/useNotify'
import { fmtDateTime } from '../../components/format'
import { KeyFileButton, TrustedKeysTable, useKeyFileError } from './TrustParts'

interface Refusal {
  what: 'district' | 'list'
  file: string
  text: string
}

export function TrustPage() {
  const { t, num } = useI18n()
  const { info, can } = useApp()
  const { fail, ok } = useNotify()
  const { modal } = AntApp.useApp()
  const keyFileError = useKeyFileError()
  const [state, setState] = useState<TrustState | null>(null)
  const [refusal, setRefusal] = useState<Refusal | null>(null)
  const [busy, setBusy] = useState<'district' | 'list' | null>(null)
  const tz = info.timeZone

  const load = useCallback(() => call('keys.trust').then(setState, fail), [fail])
  useEffect(() => {
    void load()
  }, [load])

  const tooBig = (what: Refusal['what']) => () => setRefusal({ what, file: '', text: t('verify.trust.tooBig') })

  const setDistrict = async (content: string, file: string, replace: boolean) => {
    setBusy('district')
    const r = await callResult('keys.districtSet', { content, replace })
    setBusy(null)
    if (r.ok) {
      setState(r.data)
      setRefusal(null)
      ok(t('verify.trust.districtDone', { name: r.data.district?.name ?? '' }))
    } else setRefusal({ what: 'district', file, text: keyFileError(r.error) })
  }

  const pickDistrict = (content: string, file: string) => {
    if (!state?.district) return void setDistrict(content, file, false)
    modal.confirm({
      title: t('verify.trust.replaceTitle'),
      content: t('verify.trust.replaceBody', { name: state.district.name, keyId: state.district.keyId, file }),
      okText: t('verify.trust.replaceOk'),
      okButtonProps: { danger: true, 'data-testid': 'trust-replace-ok' },
      cancelText: t('common.cancel'),
      onOk: () => setDistrict(content, file, true)
    })
  }

  const importList = async (content: string, file: string) => {
    setBusy('list')
    const r = await callResult('keys.trustImport', { content })
    setBusy(null)
    if (r.ok) {
      setState(r.data)
      setRefusal(null)
      ok(t('verify.trust.listDone', { n: num(r.data.list?.count ?? 0) }))
    } else setRefusal({ what: 'list', file, text: keyFileError(r.error) })
  }

  if (!state) return <Skeleton active />
  const d = state.district

  return (
    <div style={{ maxWidth: 1080 }} data-testid="trust-page">
      <Typography.Paragraph type="secondary">{t('verify.trust.intro')}</Typography.Paragraph>
      {refusal && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setRefusal(null)}
          style={{ marginBottom: 16 }}
          title={t(refusal.what === 'district' ? 'verify.trust.districtRefused' : 'verify.trust.listRefused', { file: refusal.file })}
          description={
            <>
              <div data-testid="trust-refusal-text">{refusal.text}</div>
              <div>{t('verify.trust.nothingChanged')}</div>
            </>
          }
          data-testid="trust-refusal"
        />
      )}
      <Card size="small" title={t('verify.trust.districtTitle')} style={{ marginBottom: 16 }} data-testid="trust-district">
        {d ? (
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'name', label: t('verify.trust.districtName'), children: <span data-testid="trust-district-name">{d.name}</span> },
              { key: 'code', label: t('verify.trust.stationCode'), children: <span className="sd-num">{d.code}</span> },
              { key: 'keyId', label: t('verify.trust.keyId'), children: <Typography.Text code data-testid="trust-district-key">{d.keyId}</Typography.Text> },
              { key: 'setAt', label: t('verify.trust.setAt'), children: <span className="sd-num">{fmtDateTime(d.setAt, tz, false)}</span> }
            ]}
          />
        ) : (
          <Alert type="info" showIcon title={t('verify.trust.noDistrict')} description={t(can('admin') ? 'verify.trust.noDistrictAdmin' : 'verify.trust.noDistrictHead')} data-testid="trust-no-district" />
        )}
        {can('admin') && (
          <Space style={{ marginTop: 12 }}>
            <KeyFileButton icon={<KeyOutlined />} type={d ? 'default' : 'primary'} onText={pickDistrict} onTooBig={tooBig('district')} disabled={busy !== null} testId="trust-district-set">
              {t(d ? 'verify.trust.districtReplace' : 'verify.trust.districtSet')}
            </KeyFileButton>
            <Typography.Text type="secondary">{t('verify.trust.districtHint')}</Typography.Text>
          </Space>
        )}
      </Card>

      <Card size="small" title={t('verify.trust.listTitle')} style={{ marginBottom: 16 }} data-testid="trust-list">
        {state.list ? (
          <Descriptions
            size="small"
            column={{ xs: 1, md: 3 }}
            items={[
              { key: 'at', label: t('verify.trust.importedAt'), children: <span className="sd-num">{fmtDateTime(state.list.importedAt, tz, false)}</span> },
              { key: 'count', label: t('verify.trust.count'), children: <span className="sd-num" data-testid="trust-list-count">{num(state.list.count)}</span> },
              { key: 'by', label: t('verify.trust.signedBy'), children: <Typography.Text code>{state.list.signedBy}</Typography.Text> }
            ]}
          />
        ) : (
          <Typography.Paragraph type="secondary" style={{ margin: 0 }} data-testid="trust-no-list">
            {t('verify.trust.noList')}
          </Typography.Paragraph>
        )}
        <Space style={{ marginTop: 12 }} wrap>
          <KeyFileButton icon={<ImportOutlined />} type="primary" onText={(c, f) => void importList(c, f)} onTooBig={tooBig('list')} disabled={busy !== null || !d} testId="trust-import">
            {t('verify.trust.import')}
          </KeyFileButton>
          <Typography.Text type="secondary">{d ? t('verify.trust.importHint') : t('verify.trust.importNeedsDistrict')}</Typography.Text>
        </Space>
      </Card>

      <Card size="small" title={t('verify.trust.keysTitle', { n: num(state.keys.length) })}>
        <TrustedKeysTable keys={state.keys} />
      </Card>
    </div>
  )
}
