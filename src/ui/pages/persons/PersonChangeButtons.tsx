/** the buttons on a person's page that record a change (EventModal); an exited person only takes a correction */
import { Button, Space, Typography } from 'antd'
import { DisconnectOutlined, EditOutlined, ExportOutlined, HeartOutlined, ImportOutlined, LogoutOutlined, MedicineBoxOutlined, SmileOutlined } from '@ant-design/icons'
import type { ReactNode } from 'react'
import { useI18n } from '../../app/i18n'
import { CHANGE_TYPES, type ChangeType } from './EventModal'

const EVENT_ICONS: Record<ChangeType, ReactNode> = {
  marriage: <HeartOutlined />,
  divorce: <DisconnectOutlined />,
  birth: <SmileOutlined />,
  contraception: <MedicineBoxOutlined />,
  migration_out: <ExportOutlined />,
  migration_in: <ImportOutlined />,
  correction: <EditOutlined />,
  exit: <LogoutOutlined />
}

export function PersonChangeButtons({ exited, onPick }: { exited: boolean; onPick: (type: ChangeType) => void }) {
  const { t } = useI18n()
  return (
    <Space wrap>
      <Typography.Text type="secondary">{t('persons.view.recordChange')}</Typography.Text>
      {CHANGE_TYPES.map((type) => (
        <Button
          key={type}
          icon={EVENT_ICONS[type]}
          disabled={exited && type !== 'correction'}
          onClick={() => onPick(type)}
          data-testid={`event-${type}`}
          danger={type === 'exit'}
        >
          {t(`persons.event.${type}`)}
        </Button>
      ))}
    </Space>
  )
}
