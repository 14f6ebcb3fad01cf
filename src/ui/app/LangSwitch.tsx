import { Segmented } from 'antd'
import { useI18n, type Lang } from './i18n'

export function LangSwitch() {
  const { lang, setLang } = useI18n()
  return (
    <Segmented
      size="small"
      value={lang}
      onChange={(v) => setLang(v as Lang)}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: 'EN', value: 'en' }
      ]}
      data-testid="lang-switch"
    />
  )
}
