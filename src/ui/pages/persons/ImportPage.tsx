/**
 * Import a roster (/persons/import, 导入花名册): the township's Excel list of women as it is,
 * in three steps. Pick the file (read here as base64); the core checks it as a job
 * (persons.importCheck, with progress and Cancel) and the clerk sees what it found: the rows to
 * add, the rejected ones with each problem by sheet row and column, the column mapping (which she
 * may correct: the check runs again), and a report of the problems to download and fix in Excel.
 * Then the import itself (persons.import), all or nothing by default or the valid rows only,
 * and its result. Problems come worded by the core in the UI's language; a change of language
 * checks again.
 */
import { App as AntApp, Spin, Steps } from 'antd'
import { useEffect, useRef, useState } from 'react'
import type { Input } from '../../../api'
import type { ApiError, FileOut } from '../../../api/contract'
import { IMPORT_FIELDS, type ImportCheck, type ImportField, type ImportResult } from '../../../api/personsImport'
import { fileToBase64, saveFile } from '../../app/files'
import { useI18n } from '../../app/i18n'
import { useApp } from '../../app/session'
import { useNotify } from '../../app/useNotify'
import { useJob } from '../../components/useJob'
import { ImportPick } from './ImportPick'
import { ImportPreview } from './ImportPreview'
import { ImportProgress } from './ImportProgress'
import { ImportResultView } from './ImportResultView'
import { useImportWords, type ImportMapping } from './importWords'

type CheckInput = Input<'persons.importCheck'>

/** ≈45 MB of file: its base64 stays under the contract's and the preview server's limits */
const MAX_BYTES = 45 * 1024 * 1024

export function ImportPage() {
  const { t, lang, num } = useI18n()
  const words = useImportWords()
  const { fail, ok } = useNotify()
  const { message } = AntApp.useApp()
  const { info } = useApp()
  const check = useJob('persons.importCheck', { cancelOnUnmount: true })
  const run = useJob('persons.import')
  const [reading, setReading] = useState(false)
  const [fileError, setFileError] = useState<string | null>(null)
  /** the last good check and the input that made it */
  const [checked, setChecked] = useState<{ input: CheckInput; result: ImportCheck; seq: number } | null>(null)
  const [updateExisting, setUpdateExisting] = useState(false)
  const [validOnly, setValidOnly] = useState(false)
  const [result, setResult] = useState<ImportResult | null>(null)
  const seq = useRef(0)

  /** a failed job in a toast: the core's own words for a refused file */
  const failed = (e: ApiError, cancelled: string) => {
    if (e.code === 'CANCELLED') void message.info(cancelled)
    else if (e.code !== 'UNAUTHENTICATED' && e.code !== 'SESSION_LOCKED') void message.error(words.error(e), 8)
  }

  /** checks (again); a new file starts a new preview, an edit keeps the last one if it fails */
  const runCheck = async (input: CheckInput, newFile: boolean) => {
    const r = await check.run(input)
    if (!r) return
    if (r.ok) {
      if (newFile) seq.current++
      setChecked({ input, result: r.data, seq: seq.current })
      setUpdateExisting(input.updateExisting ?? false)
      return
    }
    if (newFile && r.error.code !== 'CANCELLED' && r.error.code !== 'UNAUTHENTICATED' && r.error.code !== 'SESSION_LOCKED') setFileError(words.error(r.error))
    else failed(r.error, t('persons.import.checkCancelled'))
    if (!newFile) setUpdateExisting(checked?.input.updateExisting ?? false)
  }

  const onFile = async (f: File) => {
    setFileError(null)
    if (f.size === 0) return setFileError(t('errors.rule.file_empty'))
    if (f.size > MAX_BYTES) return setFileError(t('persons.import.pick.tooBig', { size: num(Math.ceil(f.size / 1024 / 1024)), max: num(MAX_BYTES / 1024 / 1024) }))
    setReading(true)
    let base64: string
    try {
      base64 = await fileToBase64(f)
    } catch {
      return setFileError(t('errors.rule.file_unreadable'))
    } finally {
      setReading(false)
    }
    setValidOnly(false)
    setUpdateExisting(false)
    await runCheck({ filename: f.name, base64, lang, mapping: {}, updateExisting: false }, true)
  }

  // the problems are worded in the language of the check: a new language checks again
  const checkedLang = checked?.input.lang
  useEffect(() => {
    if (checked && !result && checkedLang !== lang && !check.running) void runCheck({ ...checked.input, lang }, false)
  }, [lang]) // on a change of language only

  /** a column given another field (or none): the whole mapping as it now stands, checked again */
  const onMap = (index: number, field: ImportField | null) => {
    if (!checked) return
    const cols = checked.result.columns.map((c) => ({ index: c.index, field: c.field }))
    if (field) for (const c of cols) if (c.field === field) c.field = null
    const col = cols.find((c) => c.index === index)
    if (col) col.field = field
    const mapping: ImportMapping = Object.fromEntries(IMPORT_FIELDS.map((f) => [f, cols.find((c) => c.field === f)?.index ?? null]))
    void runCheck({ ...checked.input, mapping }, false)
  }

  const onUpdateExisting = (v: boolean) => {
    if (!checked) return
    setUpdateExisting(v)
    void runCheck({ ...checked.input, updateExisting: v }, false)
  }

  const onImport = async () => {
    if (!checked) return
    const r = await run.run({ ...checked.input, updateExisting, validOnly })
    if (!r) return
    if (r.ok) setResult(r.data)
    else failed(r.error, t('persons.import.importCancelled'))
  }

  const onReport = async (file: FileOut | null) => {
    if (!file) return
    try {
      if (await saveFile(file, info.abilities)) ok(t('persons.import.reportSaved', { file: file.filename }))
    } catch (e) {
      fail(e)
    }
  }

  const restart = () => {
    setChecked(null)
    setResult(null)
    setFileError(null)
    setValidOnly(false)
    setUpdateExisting(false)
    check.reset()
    run.reset()
  }

  // the result: every step done
  const step = result ? 3 : checked ? 1 : 0
  const busy = check.running || run.running
  return (
    <div style={{ maxWidth: 1100 }} data-testid="import-page">
      <Steps
        size="small"
        current={step}
        style={{ maxWidth: 720, marginBottom: 20 }}
        items={[{ title: t('persons.import.steps.pick') }, { title: t('persons.import.steps.preview') }, { title: t('persons.import.steps.result') }]}
      />
      {check.running && <ImportProgress title={t('persons.import.checking')} status={check.status} onCancel={() => void check.cancel()} />}
      {run.running && <ImportProgress title={t('persons.import.importing')} status={run.status} onCancel={() => void run.cancel()} />}
      {result ? (
        <ImportResultView result={result} onReport={() => void onReport(result.report)} onAnother={restart} />
      ) : checked ? (
        <Spin spinning={busy} delay={150}>
          <ImportPreview
            key={checked.seq}
            check={checked.result}
            busy={busy}
            updateExisting={updateExisting}
            validOnly={validOnly}
            onUpdateExisting={onUpdateExisting}
            onValidOnly={setValidOnly}
            onMap={onMap}
            onSheet={(sheet) => void runCheck({ ...checked.input, sheet, mapping: {} }, false)}
            onImport={() => void onImport()}
            onReport={() => void onReport(checked.result.report)}
            onRestart={restart}
          />
        </Spin>
      ) : (
        !check.running && (
          <Spin spinning={reading}>
            <ImportPick onFile={(f) => void onFile(f)} error={fileError} disabled={reading} />
          </Spin>
        )
      )}
    </div>
  )
}
