/**
 * i18n without a dependency: every string through t('domain.key', { params }).
 * Messages live in locales/<lang>/<domain>.json (one file per domain, so each page's strings
 * sit beside the others of its domain). zh-CN is the default; the choice is remembered.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react'
import { ConfigProvider } from 'antd'
import zhCN from 'antd/locale/zh_CN'
import enUS from 'antd/locale/en_US'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'

export type Lang = 'zh-CN' | 'en'
export const LANGS: Lang[] = ['zh-CN', 'en']

type Dict = Record<string, unknown>
const files = import.meta.glob('../locales/*/*.json', { eager: true, import: 'default' }) as Record<string, Dict>

function flatten(prefix: string, obj: Dict, out: Record<string, string>): void {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k
    if (typeof v === 'string') out[key] = v
    else if (v && typeof v === 'object') flatten(key, v as Dict, out)
  }
}

const catalogs: Record<Lang, Record<string, string>> = { 'zh-CN': {}, en: {} }
for (const [file, dict] of Object.entries(files)) {
  const m = /locales\/([^/]+)\/([^/]+)\.json$/.exec(file)
  if (!m) continue
  const lang = m[1] as Lang
  if (catalogs[lang]) flatten(m[2], dict, catalogs[lang])
}

export type TFunc = (key: string, params?: Record<string, string | number>) => string

export function translate(lang: Lang, key: string, params?: Record<string, string | number>): string {
  const raw = catalogs[lang][key] ?? catalogs['zh-CN'][key] ?? key
  if (!params) return raw
  return raw.replace(/\{(\w+)\}/g, (_, p: string) => (params[p] !== undefined ? String(params[p]) : `{${p}}`))
}

/** true when the key exists in the catalogue (for optional messages, e.g. a rule's text) */
export function hasKey(lang: Lang, key: string): boolean {
  return key in catalogs[lang] || key in catalogs['zh-CN']
}

interface I18n {
  lang: Lang
  setLang(l: Lang): void
  t: TFunc
  has(key: string): boolean
  /** numbers with thousands separators */
  num(n: number | null | undefined): string
}

const Ctx = createContext<I18n | null>(null)
const LANG_KEY = 'stationdesk.lang'

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'zh-CN'))
  const setLang = useCallback((l: Lang) => {
    localStorage.setItem(LANG_KEY, l)
    document.documentElement.lang = l
    setLangState(l)
  }, [])
  const value = useMemo<I18n>(() => {
    dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en')
    const fmt = new Intl.NumberFormat(lang)
    return {
      lang,
      setLang,
      t: (key, params) => translate(lang, key, params),
      has: (key) => hasKey(lang, key),
      num: (n) => (n === null || n === undefined ? '' : fmt.format(n))
    }
  }, [lang, setLang])
  return (
    <Ctx.Provider value={value}>
      <ConfigProvider locale={lang === 'zh-CN' ? zhCN : enUS} theme={{ token: { colorPrimary: '#1f6fb2', borderRadius: 6 } }}>
        {children}
      </ConfigProvider>
    </Ctx.Provider>
  )
}

export function useI18n(): I18n {
  const c = useContext(Ctx)
  if (!c) throw new Error('useI18n outside I18nProvider')
  return c
}
