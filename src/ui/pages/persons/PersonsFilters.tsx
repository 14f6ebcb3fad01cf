/** the people register's filter row (PersonsPage): village, sex, marital and migrant status, age band, and a reset */
import { Button, InputNumber, Select, Space } from 'antd'
import { ClearOutlined } from '@ant-design/icons'
import { MARITAL_STATUSES, MIGRANT_STATUSES, SEXES, type PersonRow } from '../../../api/persons'
import { useI18n } from '../../app/i18n'
import type { ServicePoints } from './useServicePoints'
import { usePersonWords } from './words'

export interface Filters {
  servicePointId?: string
  sex?: PersonRow['sex']
  maritalStatus?: PersonRow['maritalStatus']
  migrantStatus?: PersonRow['migrantStatus']
  state: PersonRow['state']
  ageFrom?: number
  ageTo?: number
}

export type SetFilter = <K extends keyof Filters>(k: K, v: Filters[K] | null) => void

interface Props {
  filters: Filters
  set: SetFilter
  points: ServicePoints
  /** anything filtered or searched: the reset button shows */
  filtered: boolean
  onReset: () => void
}

export function PersonsFilters({ filters, set, points, filtered, onReset }: Props) {
  const { t } = useI18n()
  const words = usePersonWords()
  return (
    <div className="sd-page-toolbar">
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={words.field('servicePointId')}
        value={filters.servicePointId}
        onChange={(v: string | undefined) => set('servicePointId', v)}
        options={points.options}
        style={{ width: 150 }}
        data-testid="persons-filter-point"
      />
      <Select
        allowClear
        placeholder={words.field('sex')}
        value={filters.sex}
        onChange={(v: Filters['sex']) => set('sex', v)}
        options={SEXES.map((v) => ({ value: v, label: words.value('sex', v) }))}
        style={{ width: 90 }}
        data-testid="persons-filter-sex"
      />
      <Select
        allowClear
        placeholder={words.field('maritalStatus')}
        value={filters.maritalStatus}
        onChange={(v: Filters['maritalStatus']) => set('maritalStatus', v)}
        options={MARITAL_STATUSES.map((v) => ({ value: v, label: words.value('maritalStatus', v) }))}
        style={{ width: 120 }}
        data-testid="persons-filter-marital"
      />
      <Select
        allowClear
        placeholder={words.field('migrantStatus')}
        value={filters.migrantStatus}
        onChange={(v: Filters['migrantStatus']) => set('migrantStatus', v)}
        options={MIGRANT_STATUSES.map((v) => ({ value: v, label: words.value('migrantStatus', v) }))}
        style={{ width: 120 }}
        data-testid="persons-filter-migrant"
      />
      <Space.Compact>
        <InputNumber
          min={0}
          max={130}
          precision={0}
          placeholder={t('persons.list.ageFrom')}
          value={filters.ageFrom ?? null}
          onChange={(v) => set('ageFrom', v)}
          style={{ width: 96 }}
          data-testid="persons-filter-age-from"
          aria-label={t('persons.list.ageFrom')}
        />
        <InputNumber
          min={0}
          max={130}
          precision={0}
          placeholder={t('persons.list.ageTo')}
          value={filters.ageTo ?? null}
          onChange={(v) => set('ageTo', v)}
          style={{ width: 96 }}
          suffix={t('persons.list.years')}
          data-testid="persons-filter-age-to"
          aria-label={t('persons.list.ageTo')}
        />
      </Space.Compact>
      {filtered && (
        <Button icon={<ClearOutlined />} onClick={onReset} data-testid="persons-reset">
          {t('persons.list.reset')}
        </Button>
      )}
    </div>
  )
}
