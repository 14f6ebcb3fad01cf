import { Button, DatePicker, Space } from 'antd'
import { LeftOutlined, RightOutlined } from '@ant-design/icons'
import dayjs from 'dayjs'

/** YYYY-MM n months from a month */
export const shiftMonth = (period: string, n: number): string => dayjs(`${period}-01`).add(n, 'month').format('YYYY-MM')

/**
 * A month report's month: previous, a month picker, next; months after `latest` (the station's
 * current month) cannot be chosen.
 */
export function MonthSwitcher({ period, latest, onChange, prevLabel, nextLabel }: { period: string; latest: string; onChange: (period: string) => void; prevLabel: string; nextLabel: string }) {
  return (
    <Space.Compact>
      <Button icon={<LeftOutlined />} onClick={() => onChange(shiftMonth(period, -1))} aria-label={prevLabel} data-testid="report-prev" />
      <DatePicker
        picker="month"
        value={dayjs(`${period}-01`)}
        format="YYYY-MM"
        allowClear={false}
        disabledDate={(d) => d.format('YYYY-MM') > latest}
        onChange={(d) => d && onChange(d.format('YYYY-MM'))}
        data-testid="report-month"
      />
      <Button icon={<RightOutlined />} disabled={period >= latest} onClick={() => onChange(shiftMonth(period, 1))} aria-label={nextLabel} data-testid="report-next" />
    </Space.Compact>
  )
}
