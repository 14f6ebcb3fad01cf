import { Button, Dropdown, Layout, Menu, Result, Space, Typography } from 'antd'
import { HomeOutlined, IdcardOutlined, LockOutlined, LogoutOutlined, MedicineBoxOutlined, SettingOutlined, ShopOutlined, UserOutlined } from '@ant-design/icons'
import { useMemo, type ReactNode } from 'react'
import { pages } from '../pages/registry'
import type { PageDef } from '../pages/types'
import { useI18n } from './i18n'
import { LangSwitch } from './LangSwitch'
import { navigate, useRoute } from './router'
import { useApp } from './session'

const GROUP_ICONS: Record<string, ReactNode> = { migrants: <IdcardOutlined />, stock: <MedicineBoxOutlined />, station: <ShopOutlined />, admin: <SettingOutlined /> }

export function Shell({ onLogout, onLock }: { onLogout: () => void; onLock: () => void }) {
  const { t } = useI18n()
  const { info, session, can } = useApp()
  const { path } = useRoute()
  const mode = info.mode ?? 'station'
  const modePages = useMemo(() => pages.filter((p) => (p.modes ?? ['station']).includes(mode)), [mode])
  const visible = useMemo(() => modePages.filter((p) => can(...p.roles) && !p.parent), [can, modePages])

  const items = useMemo(() => {
    const entry = (p: PageDef) => ({ key: p.path, icon: p.icon, label: t(p.navKey), 'data-testid': `nav-${p.path}` })
    const out: object[] = visible.filter((p) => p.group === 'top').map(entry)
    for (const g of ['migrants', 'stock', 'station', 'admin'] as const) {
      const children = visible.filter((p) => p.group === g).map(entry)
      if (children.length) out.push({ key: `group-${g}`, icon: GROUP_ICONS[g], label: t(`common.nav.${g}`), children })
    }
    return out
  }, [visible, t])

  const page = modePages.find((p) => p.path === path)
  let content: ReactNode
  if (!page) content = <Result status="404" title={t('common.notFound')} extra={<Button onClick={() => navigate('/')}>{t('common.nav.home')}</Button>} />
  else if (!can(...page.roles)) content = <Result status="403" title={t('common.forbiddenPage')} />
  else content = <page.component />

  return (
    <Layout style={{ minHeight: '100%' }}>
      <Layout.Sider width={208} theme="light" style={{ borderRight: '1px solid #eef0f3' }}>
        <div style={{ padding: '16px 20px', fontWeight: 600, fontSize: 16 }}>
          <HomeOutlined /> {t('common.appNameShort')}
        </div>
        <Menu mode="inline" selectedKeys={[page?.parent ?? path]} defaultOpenKeys={['group-migrants', 'group-stock', 'group-station', 'group-admin']} items={items as never} onClick={(e) => navigate(e.key)} />
      </Layout.Sider>
      <Layout>
        <Layout.Header style={{ background: '#fff', padding: '0 20px', display: 'flex', alignItems: 'center', gap: 16, borderBottom: '1px solid #eef0f3' }}>
          <Typography.Text strong style={{ flex: 1 }} data-testid="station-name">
            {info.stationName}
          </Typography.Text>
          <LangSwitch />
          <Dropdown
            menu={{
              items: [
                { key: 'lock', icon: <LockOutlined />, label: t('common.lock'), onClick: onLock },
                { key: 'logout', icon: <LogoutOutlined />, label: t('common.logout'), onClick: onLogout }
              ]
            }}
          >
            <Space style={{ cursor: 'pointer' }} data-testid="user-menu">
              <UserOutlined />
              {t('common.loggedInAs', { name: session.displayName, role: t(`common.role.${session.role}`) })}
            </Space>
          </Dropdown>
        </Layout.Header>
        <Layout.Content style={{ padding: 20 }}>
          {page && (
            <Typography.Title level={4} style={{ marginTop: 0 }}>
              {t(page.navKey)}
            </Typography.Title>
          )}
          {content}
        </Layout.Content>
      </Layout>
    </Layout>
  )
}
