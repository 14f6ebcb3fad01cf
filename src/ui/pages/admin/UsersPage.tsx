/**
 * Users (admin only): create, edit name and role, disable / enable, reset a password (which
 * also clears a lockout). The core refuses to disable or demote the last active administrator.
 */
import { App as AntApp, Button, Form, Input, Select, Space, Tag, Tooltip, Typography } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import { EditOutlined, KeyOutlined, PlusOutlined, SearchOutlined, StopOutlined, CheckCircleOutlined } from '@ant-design/icons'
import { useMemo, useState } from 'react'
import { username as usernameSchema, type UserRow } from '../../../api/auth'
import { password as passwordSchema, requiredText } from '../../../api/common'
import { ROLES, type ApiError, type Role } from '../../../api/contract'
import { call, callResult } from '../../app/client'
import { useI18n } from '../../app/i18n'
import { useApp } from '../../app/session'
import { useNotify } from '../../app/useNotify'
import { FormModal } from '../../components/FormModal'
import { fmtDateTime } from '../../components/format'
import { useZodRule } from '../../components/rules'
import { useDebounced } from '../../components/useDebounced'
import { usePagedList } from '../../components/usePagedList'
import { PagedTable } from '../../components/PagedTable'

const list = (q: { q?: string; page: number; pageSize: number }) => call('users.list', q)
const displayNameSchema = requiredText(40)

type Dialog = { kind: 'create' } | { kind: 'edit'; user: UserRow } | { kind: 'reset'; user: UserRow } | null

export function isLocked(u: UserRow, now = Date.now()): boolean {
  return !!u.lockedUntil && new Date(u.lockedUntil).getTime() > now
}

export function UsersPage() {
  const { t } = useI18n()
  const { fail, ok } = useNotify()
  const { modal, message } = AntApp.useApp()
  const { info, session } = useApp()
  const zod = useZodRule()
  const [text, setText] = useState('')
  const q = useDebounced(text.trim(), 300)
  const filter = useMemo(() => (q ? { q } : {}), [q])
  const paged = usePagedList(list, filter)
  const { reload } = paged
  const [dialog, setDialog] = useState<Dialog>(null)

  /** CONFLICT rule last_admin gets its own sentence; anything else the usual one */
  const explain = (e: ApiError): string | undefined => (e.code === 'CONFLICT' && e.details?.rule === 'last_admin' ? t('admin.users.lastAdmin') : undefined)

  const toggle = (u: UserRow) => {
    const disabling = !u.disabled
    const p = { username: u.username, name: u.displayName }
    modal.confirm({
      title: t(disabling ? 'admin.users.disableTitle' : 'admin.users.enableTitle', p),
      content: t(disabling ? 'admin.users.disableBody' : 'admin.users.enableBody', p),
      okText: t(disabling ? 'admin.users.disable' : 'admin.users.enable'),
      okButtonProps: { danger: disabling, 'data-testid': 'users-toggle-ok' },
      cancelText: t('common.cancel'),
      onOk: async () => {
        const r = await callResult('users.setDisabled', { id: u.id, disabled: disabling })
        if (r.ok) {
          ok(t(disabling ? 'admin.users.disabled' : 'admin.users.enabled', p))
          void reload()
        } else {
          const own = explain(r.error)
          if (own) void message.error(own, 8)
          else fail(r.error)
        }
      }
    })
  }

  const roleOptions = ROLES.map((r) => ({ value: r, label: t(`common.role.${r}`) }))

  const columns: ColumnsType<UserRow> = [
    {
      key: 'username',
      dataIndex: 'username',
      title: t('admin.users.username'),
      render: (v: string, u) => (
        <span>
          <Typography.Text code>{v}</Typography.Text>
          {u.id === session.userId && <Typography.Text type="secondary">{t('admin.users.you')}</Typography.Text>}
        </span>
      )
    },
    { key: 'displayName', dataIndex: 'displayName', title: t('admin.users.displayName') },
    { key: 'role', dataIndex: 'role', title: t('admin.users.role'), render: (r: Role) => <Tag color={r === 'admin' ? 'gold' : r === 'head' ? 'blue' : 'default'}>{t(`common.role.${r}`)}</Tag> },
    {
      key: 'state',
      title: t('admin.users.state'),
      render: (_: unknown, u) => {
        if (u.disabled) return <Tag data-testid="users-state">{t('admin.users.stateDisabled')}</Tag>
        if (isLocked(u))
          return (
            <Tooltip title={t('admin.users.failedAttempts', { n: u.failedAttempts })}>
              <Tag color="red" data-testid="users-state">
                {t('admin.users.stateLocked', { until: fmtDateTime(u.lockedUntil, info.timeZone, false) })}
              </Tag>
            </Tooltip>
          )
        return (
          <Tag color="green" data-testid="users-state">
            {t('admin.users.stateActive')}
          </Tag>
        )
      }
    },
    {
      key: 'lastLogin',
      dataIndex: 'lastLoginAt',
      title: t('admin.users.lastLogin'),
      render: (v: string | null) => (v ? <span className="sd-num">{fmtDateTime(v, info.timeZone, false)}</span> : <Typography.Text type="secondary">{t('admin.users.neverLoggedIn')}</Typography.Text>)
    },
    {
      key: 'actions',
      title: t('common.actions'),
      fixed: 'right',
      render: (_: unknown, u) => (
        <Space size={0} wrap>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setDialog({ kind: 'edit', user: u })} data-testid="users-edit">
            {t('admin.users.edit')}
          </Button>
          <Button type="link" size="small" icon={<KeyOutlined />} onClick={() => setDialog({ kind: 'reset', user: u })} data-testid="users-reset">
            {t('admin.users.resetPassword')}
          </Button>
          <Button
            type="link"
            size="small"
            danger={!u.disabled}
            icon={u.disabled ? <CheckCircleOutlined /> : <StopOutlined />}
            onClick={() => toggle(u)}
            data-testid="users-toggle"
          >
            {t(u.disabled ? 'admin.users.enable' : 'admin.users.disable')}
          </Button>
        </Space>
      )
    }
  ]

  const passwordFields = (
    <>
      <Form.Item name="password" label={t('admin.users.password')} extra={t('admin.users.passwordHint')} rules={[zod(passwordSchema, { required: true })]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('admin.users.confirm')}
        dependencies={['password']}
        rules={[
          { required: true, message: t('errors.rule.required') },
          ({ getFieldValue }) => ({
            validator: async (_r, v: string | undefined) => {
              if (v && v !== getFieldValue('password')) throw new Error(t('admin.users.mismatch'))
            }
          })
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  )

  const roleField = (
    <Form.Item name="role" label={t('admin.users.role')} rules={[{ required: true, message: t('errors.rule.required') }]}>
      <Select options={roleOptions} />
    </Form.Item>
  )

  return (
    <div>
      <div className="sd-page-toolbar">
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('admin.users.search')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          style={{ width: 280 }}
          data-testid="users-search"
          aria-label={t('common.search')}
        />
        <span className="sd-grow" />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })} data-testid="users-add">
          {t('admin.users.add')}
        </Button>
      </div>
      <PagedTable<UserRow> list={paged} testId="users-table" columns={columns} />

      <FormModal<{ username: string; displayName: string; role: Role; password: string; confirm: string }>
        open={dialog?.kind === 'create'}
        title={t('admin.users.addTitle')}
        initialValues={{ role: 'clerk' }}
        onCancel={() => setDialog(null)}
        okTestId="users-save"
        testId="users-modal"
        labelWidth={132}
        onSubmit={async (v) => {
          const r = await callResult('users.create', { username: v.username, displayName: v.displayName, role: v.role, password: v.password })
          if (!r.ok) return r.error
          setDialog(null)
          ok(t('admin.users.created', { username: r.data.username }))
          void reload()
          return null
        }}
      >
        <Form.Item name="username" label={t('admin.users.username')} extra={t('admin.users.usernameHint')} rules={[zod(usernameSchema, { required: true })]}>
          <Input maxLength={32} autoComplete="off" autoFocus />
        </Form.Item>
        <Form.Item name="displayName" label={t('admin.users.displayName')} rules={[zod(displayNameSchema, { required: true })]}>
          <Input maxLength={40} />
        </Form.Item>
        {roleField}
        {passwordFields}
      </FormModal>

      <FormModal<{ displayName: string; role: Role }>
        open={dialog?.kind === 'edit'}
        title={dialog?.kind === 'edit' ? t('admin.users.editTitle', { username: dialog.user.username }) : ''}
        initialValues={dialog?.kind === 'edit' ? { displayName: dialog.user.displayName, role: dialog.user.role } : {}}
        onCancel={() => setDialog(null)}
        okTestId="users-save"
        testId="users-modal"
        labelWidth={132}
        onError={(e) => explain(e)}
        onSubmit={async (v) => {
          if (dialog?.kind !== 'edit') return null
          const r = await callResult('users.update', { id: dialog.user.id, displayName: v.displayName, role: v.role })
          if (!r.ok) return r.error
          setDialog(null)
          ok(t('common.saved'))
          void reload()
          return null
        }}
      >
        <Form.Item name="displayName" label={t('admin.users.displayName')} rules={[zod(displayNameSchema, { required: true })]}>
          <Input maxLength={40} autoFocus />
        </Form.Item>
        {roleField}
      </FormModal>

      <FormModal<{ password: string; confirm: string }>
        open={dialog?.kind === 'reset'}
        title={dialog?.kind === 'reset' ? t('admin.users.resetTitle', { username: dialog.user.username }) : ''}
        intro={dialog?.kind === 'reset' ? t('admin.users.resetIntro', { name: dialog.user.displayName }) : null}
        onCancel={() => setDialog(null)}
        okTestId="users-reset-save"
        testId="users-reset-modal"
        labelWidth={132}
        onSubmit={async (v) => {
          if (dialog?.kind !== 'reset') return null
          const r = await callResult('users.resetPassword', { id: dialog.user.id, password: v.password })
          if (!r.ok) return r.error
          setDialog(null)
          ok(t('admin.users.resetDone', { name: dialog.user.displayName }))
          void reload()
          return null
        }}
      >
        {passwordFields}
      </FormModal>
    </div>
  )
}
