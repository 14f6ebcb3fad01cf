/** the certificate list's filter row: state, only the expired, year of issue, village, and a reset */
import { Button, Checkbox, Select } from 'antd'
import { ClearOutlined } from '@ant-design/icons'
import { CERTIFICATE_STATUSES, type CertificateStatus } from '../../../api/certificates'
import { useI18n } from '../../app/i18n'
import type { ServicePoints } from '../persons/useServicePoints'
import { useCertWords } from './words'

export interface CertFilters {
  status?: CertificateStatus
  expired?: boolean
  year?: number
  servicePointId?: string
}

export type SetCertFilter = <K extends keyof CertFilters>(k: K, v: CertFilters[K] | null) => void

interface Props {
  filters: CertFilters
  set: SetCertFilter
  points: ServicePoints
  years: number[]
  filtered: boolean
  onReset(): void
}

export function CertificatesFilters({ filters, set, points, years, filtered, onReset }: Props) {
  const { t } = useI18n()
  const words = useCertWords()
  return (
    <div className="sd-page-toolbar">
      <Select
        allowClear
        placeholder={t('certificates.list.status')}
        value={filters.status}
        onChange={(v: CertificateStatus | undefined) => set('status', v)}
        options={CERTIFICATE_STATUSES.map((s) => ({ value: s, label: words.status(s) }))}
        style={{ width: 120 }}
        data-testid="certs-filter-status"
      />
      <Checkbox checked={!!filters.expired} onChange={(e) => set('expired', e.target.checked || null)} data-testid="certs-filter-expired">
        {t('certificates.list.expiredOnly')}
      </Checkbox>
      <Select
        allowClear
        placeholder={t('certificates.list.year')}
        value={filters.year}
        onChange={(v: number | undefined) => set('year', v)}
        options={years.map((y) => ({ value: y, label: t('certificates.list.yearValue', { year: y }) }))}
        style={{ width: 110 }}
        data-testid="certs-filter-year"
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('certificates.list.village')}
        value={filters.servicePointId}
        onChange={(v: string | undefined) => set('servicePointId', v)}
        options={points.options}
        style={{ width: 190 }}
        data-testid="certs-filter-village"
      />
      {filtered && (
        <Button icon={<ClearOutlined />} onClick={onReset} data-testid="certs-reset">
          {t('certificates.list.reset')}
        </Button>
      )}
    </div>
  )
}
