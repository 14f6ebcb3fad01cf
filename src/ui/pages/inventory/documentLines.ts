/**
 * What a document of lines (a delivery note, an issue to a village) does before it is sent:
 * blank lines are dropped from the form, then its fields are checked. Null, with the reason
 * said through `say` (a locale key), when there is no line or a field is still red.
 */
import type { FormInstance } from 'antd'

export async function checkedDocument<V extends { lines?: L[] }, L>(
  form: FormInstance<V>,
  blank: (line: L) => boolean,
  say: (key: string) => void
): Promise<{ values: V; lines: L[] } | null> {
  const all = ((form.getFieldValue('lines' as never) as L[] | undefined) ?? []) as L[]
  const lines = all.filter((l) => !blank(l))
  if (!lines.length) return say('inventory.receive.noLines'), null
  if (lines.length !== all.length) form.setFieldValue('lines' as never, lines as never)
  try {
    return { values: await form.validateFields(), lines }
  } catch {
    return say('inventory.error.checkRed'), null
  }
}
