/**
 * Where the packets go: sealed to the district's key, or — no district key set, or one without
 * its encryption key — signed but not encrypted, with what to do about it (the district's key
 * file, set by the administrator on /admin/trust).
 */
import { Alert, Button } from 'antd'
import { LockOutlined, WarningOutlined } from '@ant-design/icons'
import type { PacketList } from '../../../api/packets'
import { useI18n } from '../../app/i18n'
import { navigate } from '../../app/router'

export function DistrictBanner({ district }: { district: PacketList['district'] }) {
  const { t } = useI18n()
  const action = (
    <Button size="small" onClick={() => navigate('/admin/trust')} data-testid="packets-open-trust">
      {t('packets.openTrust')}
    </Button>
  )
  if (!district)
    return (
      <Alert
        type="warning"
        showIcon
        icon={<WarningOutlined />}
        style={{ marginBottom: 12 }}
        title={t('packets.noDistrict')}
        description={t('packets.noDistrictBody')}
        action={action}
        data-testid="packets-no-district"
      />
    )
  if (!district.sealKeyId)
    return (
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title={t('packets.noSealKey')}
        description={t('packets.noSealKeyBody', { name: district.name, keyId: district.keyId })}
        action={action}
        data-testid="packets-no-seal-key"
      />
    )
  return <Alert type="success" showIcon icon={<LockOutlined />} style={{ marginBottom: 12 }} title={t('packets.sealedTo', { name: district.name, keyId: district.sealKeyId })} data-testid="packets-sealed-to" />
}
