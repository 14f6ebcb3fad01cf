/**
 * The trusted keys page's pieces: a button that reads a key file the user picks (as text, for
 * keys.districtSet / keys.trustImport), the core's refusals of a key file said plainly, and the
 * table of the keys this station trusts (its own marked).
 */
import { Button, Table, Tag, Typography } from 'antd'
import { useRef, type ReactNode } from 'react'
import type { ApiError } from '../../../api/contract'
import type { TrustedKey } from '../../../api/keys'
import { errorText, ruleMessage } from '../../app/errors'
import { useI18n } from '../../app/i18n'
import { scalar } from '../verify/words'

/** at most this much text is read from a picked file (the contract's limit) */
const MAX_CHARS = 5_000_000

export function KeyFileButton({ children, icon, onText, onTooBig, disabled, type, testId }: { children: ReactNode; icon?: ReactNode; onText(text: string, name: string): void; onTooBig(): void; disabled?: boolean; type?: 'primary' | 'default'; testId: string }) {
  const input = useRef<HTMLInputElement>(null)
  return (
    <>
      <Button type={type} icon={icon} disabled={disabled} onClick={() => input.current?.click()} data-testid={testId}>
        {children}
      </Button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json,text/plain"
        style={{ display: 'none' }}
        data-testid={`${testId}-file`}
        onChange={async (e) => {
          const f = e.target.files?.[0]
          e.target.value = '' // the same file may be chosen again
          if (!f) return
          if (f.size > MAX_CHARS) return onTooBig()
          onText(await f.text(), f.name)
        }}
      />
    </>
  )
}

/**
 * a key file refused, in one sentence: the rule the core names (a malformed file says what is
 * wrong in it, by details.reason), else the error code's text
 */
export function useKeyFileError(): (e: ApiError) => string {
  const { t, has } = useI18n()
  return (e) => {
    const params = scalar(e.details)
    const f = e.details?.fields?.[0]
    if (f) {
      const reason = typeof params.reason === 'string' ? params.reason : ''
      const shown = { ...params, entry: typeof params.entry === 'number' ? params.entry + 1 : (params.entry ?? '') }
      if (reason && has(`verify.trust.rule.${f.rule}_${reason}`)) return t(`verify.trust.rule.${f.rule}_${reason}`, shown)
      if (has(`errors.rule.${f.rule}`)) return ruleMessage(t, has, f.rule, shown)
    }
    return errorText(t, has, e)
  }
}

export function TrustedKeysTable({ keys }: { keys: TrustedKey[] }) {
  const { t } = useI18n()
  return (
    <Table<TrustedKey>
      size="small"
      rowKey="keyId"
      dataSource={keys}
      pagination={keys.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      locale={{ emptyText: t('verify.trust.noKeys') }}
      data-testid="trust-keys"
      columns={[
        { title: t('verify.trust.stationCode'), dataIndex: 'stationCode', width: 120, render: (v: string) => <span className="sd-num">{v}</span> },
        {
          title: t('verify.trust.stationName'),
          dataIndex: 'name',
          render: (v: string, r) => (
            <span>
              {v}
              {r.source === 'own' && (
                <Tag color="blue" style={{ marginLeft: 8 }} data-testid="trust-own">
                  {t('verify.trust.own')}
                </Tag>
              )}
            </span>
          )
        },
        { title: t('verify.trust.keyId'), dataIndex: 'keyId', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
        { title: t('verify.trust.source'), dataIndex: 'source', width: 130, render: (v: TrustedKey['source']) => t(`verify.trust.sources.${v}`) },
        {
          title: t('verify.trust.publicKey'),
          dataIndex: 'publicKey',
          render: (v: string) => (
            <Typography.Text copyable={{ text: v }} style={{ fontSize: 12 }} className="sd-num">
              {v.slice(0, 12)}…
            </Typography.Text>
          )
        }
      ]}
    />
  )
}
