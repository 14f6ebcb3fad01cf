/**
 * A modal with an antd form: the first field takes the focus when it opens, Enter moves from
 * field to field and submits at the end, the API's field errors go under their fields and any
 * other error shows in the modal (FORBIDDEN as a toast, as everywhere).
 */
import { Alert, Form, Modal, type FormInstance } from 'antd'
import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react'
import type { ApiError } from '../../api/contract'
import { applyFieldErrors, errorText } from '../app/errors'
import { useI18n } from '../app/i18n'
import { useNotify } from '../app/useNotify'
import { enterToNext, focusFirstField } from './enterNav'

export interface FormModalProps<V extends object> {
  open: boolean
  title: ReactNode
  initialValues?: Partial<V>
  onCancel(): void
  /** null when done (the caller closes the modal), else the API's error */
  onSubmit(values: V): Promise<ApiError | null>
  /**
   * a page's own reading of an error: a message to show in the modal, null when the page has
   * dealt with it itself, undefined for the usual handling (field errors, then errorText)
   */
  onError?(e: ApiError, form: FormInstance<V>): string | null | undefined
  /** API field paths that differ from the form's names */
  fieldPaths?: Record<string, (string | number)[]>
  okText?: ReactNode
  okTestId?: string
  okDanger?: boolean
  testId?: string
  width?: number
  /** text above the fields */
  intro?: ReactNode
  form?: FormInstance<V>
  labelWidth?: number
  onValuesChange?(changed: Partial<V>, all: V): void
  children: ReactNode
}

export function FormModal<V extends object>(props: FormModalProps<V>) {
  const { t, has } = useI18n()
  const { fail } = useNotify()
  const [own] = Form.useForm<V>()
  const form = props.form ?? own
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const body = useRef<HTMLDivElement>(null)

  useEffect(() => {
    if (props.open) setError(null)
  }, [props.open])

  const finish = async (values: V) => {
    setBusy(true)
    setError(null)
    let e: ApiError | null
    try {
      e = await props.onSubmit(values)
    } catch (thrown) {
      setBusy(false)
      fail(thrown)
      return
    }
    setBusy(false)
    if (!e) return
    if (e.code === 'FORBIDDEN' || e.code === 'UNAUTHENTICATED' || e.code === 'SESSION_LOCKED') {
      fail(e)
      return
    }
    const own = props.onError?.(e, form)
    if (own === null) return
    if (typeof own === 'string') {
      setError(own)
      return
    }
    if (applyFieldErrors(form, t, has, e, props.fieldPaths)) return
    setError(errorText(t, has, e))
  }

  return (
    <Modal
      open={props.open}
      title={props.title}
      width={props.width ?? 560}
      onCancel={props.onCancel}
      onOk={() => form.submit()}
      okText={props.okText ?? t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': props.okTestId ?? 'modal-ok', danger: props.okDanger }}
      mask={{ closable: false }}
      destroyOnHidden
      afterOpenChange={(open) => {
        if (open && !body.current?.contains(document.activeElement)) focusFirstField(body.current)
      }}
      wrapProps={props.testId ? { 'data-testid': props.testId } : undefined}
    >
      <div ref={body} onKeyDownCapture={enterToNext(() => form.submit())}>
        {props.intro && <div style={{ marginBottom: 16 }}>{props.intro}</div>}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="modal-error" />}
        <Form<V>
          form={form}
          layout="horizontal"
          labelCol={{ flex: `${props.labelWidth ?? 112}px` }}
          labelWrap
          wrapperCol={{ flex: '1 1 0', style: { minWidth: 0 } }}
          colon={false}
          initialValues={props.initialValues}
          onFinish={finish}
          onValuesChange={props.onValuesChange}
          requiredMark
          preserve={false}
          style={{ marginTop: 20 }}
        >
          <OnOpen form={form} body={body} />
          {props.children}
        </Form>
      </div>
    </Modal>
  )
}

/**
 * Mounted with the form each time the modal opens (destroyOnHidden): the form instance outlives
 * the modal, so the values of the last opening are cleared here, once the Form has taken this
 * opening's initialValues; then the first field gets the focus (rc-dialog focuses its own panel
 * on open, so a moment later).
 */
function OnOpen({ form, body }: { form: FormInstance; body: RefObject<HTMLDivElement | null> }) {
  useEffect(() => {
    form.resetFields()
    const h = setTimeout(() => focusFirstField(body.current), 60)
    return () => clearTimeout(h)
  }, [form, body])
  return null
}
