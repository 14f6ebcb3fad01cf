/**
 * 按记录核对: a station's month counted again from the records its packets carried (by their
 * business dates) beside its own report — a green "agrees", or the number of figures that
 * differ with a tooltip naming each (records n, report m); "records, no report" when the month's
 * report is not here but records of the month are; — when there is neither.
 */
import { Tag, Tooltip, Typography } from 'antd'
import { CheckCircleOutlined, WarningOutlined } from '@ant-design/icons'
import { DISTRICT_FIGURES, type DistrictFigure, type DistrictFigures } from '../../../api/district'
import { useI18n } from '../../app/i18n'

interface Props {
  /** what the station reported (zeros when it did not) */
  reported: DistrictFigures
  records: DistrictFigures
  mismatch: DistrictFigure[]
  /** false: no report of the month is here */
  arrived: boolean
  testId: string
}

export function RecordCheck({ reported, records, mismatch, arrived, testId }: Props) {
  const { t, num } = useI18n()
  const anyRecord = DISTRICT_FIGURES.some((f) => records[f] !== 0)
  if (!arrived && !anyRecord)
    return (
      <Typography.Text type="secondary" data-testid={testId} data-check="none">
        —
      </Typography.Text>
    )
  const lines = mismatch.map((f) => t('district.report.checkLine', { figure: t(`district.report.${f}`), records: num(records[f]), reported: num(reported[f]) }))
  if (!mismatch.length)
    return (
      <Tooltip title={t('district.report.checkTipOk')}>
        <Tag color="green" icon={<CheckCircleOutlined />} data-testid={testId} data-check="ok" data-mismatch="" style={{ marginInlineEnd: 0 }}>
          {t('district.report.checkOk')}
        </Tag>
      </Tooltip>
    )
  const tip = (
    <div data-testid={`${testId}-tip`}>
      <div>{t(arrived ? 'district.report.checkTipDiff' : 'district.report.checkTipNoReport')}</div>
      {lines.map((l) => (
        <div key={l}>· {l}</div>
      ))}
    </div>
  )
  return (
    <Tooltip title={tip}>
      <Tag color={arrived ? 'orange' : 'red'} icon={<WarningOutlined />} data-testid={testId} data-check="differ" data-mismatch={mismatch.join(',')} style={{ marginInlineEnd: 0, cursor: 'help' }}>
        {arrived ? t('district.report.checkDiff', { n: num(mismatch.length) }) : t('district.report.checkNoReport')}
      </Tag>
    </Tooltip>
  )
}
