/** Setup step 4: everything entered, for a last look before setup.init. */
import { Descriptions, Typography } from 'antd'
import type { DescriptionsProps } from 'antd'
import { useI18n } from '../../app/i18n'
import type { Region } from './useRegion'
import type { Values } from './wizard'

export function ReviewStep({ values: v, region, desktop }: { values: Values; region: Region | null; desktop: boolean }) {
  const { t, num } = useI18n()
  const none = <Typography.Text type="secondary">{t('setup.review.none')}</Typography.Text>
  const s = v.station
  const key = v.keyPassphrase ?? ''
  const regionName = region && (region.state === 'known' || region.state === 'county') ? region.name : null
  const items: DescriptionsProps['items'] = [
    { key: 'mode', label: t('setup.review.mode'), children: t(`setup.mode.${v.mode}`) },
    { key: 'level', label: t('setup.review.level'), children: t(`setup.level.${s.level}`) },
    { key: 'code', label: t('setup.review.code'), children: s.code },
    { key: 'region', label: t('setup.review.region'), children: regionName ?? none },
    { key: 'name', label: t('setup.review.name'), children: s.name },
    { key: 'address', label: t('setup.review.address'), children: s.address?.trim() || none },
    { key: 'phone', label: t('setup.review.phone'), children: s.phone?.trim() || none },
    {
      key: 'area',
      label: t('setup.review.area'),
      children: s.buildingArea === null || s.buildingArea === undefined ? none : t('setup.review.areaValue', { n: num(s.buildingArea) })
    },
    { key: 'user', label: t('setup.review.adminUsername'), children: v.admin?.username },
    { key: 'dn', label: t('setup.review.adminName'), children: v.admin?.displayName },
    { key: 'pw', label: t('setup.review.adminPassword'), children: t('setup.review.passwordSet') },
    {
      key: 'key',
      label: t('setup.review.key'),
      children: key ? t('setup.review.keyProtected') : <Typography.Text type="warning">{t('setup.review.keyUnprotected')}</Typography.Text>
    }
  ]
  if (desktop && key) items.push({ key: 'remember', label: t('setup.review.remember'), children: t(v.rememberPassphrase ? 'common.yes' : 'common.no') })
  return (
    <>
      <Typography.Paragraph>{t('setup.review.intro')}</Typography.Paragraph>
      <Descriptions bordered size="small" column={1} items={items} styles={{ label: { width: 200 } }} data-testid="setup-review" />
    </>
  )
}
