/** the findings form of each campaign kind (see kinds.ts for their common shape) */
import type { ScreeningKind } from '../../../../api/screeningFindings'
import { breastForm } from './BreastFields'
import { cervicalForm } from './CervicalFields'
import { gynecologicalForm } from './GynecologicalFields'
import type { KindForm } from './kinds'
import { maleForm } from './MaleFields'

export const KIND_FORMS: Record<ScreeningKind, KindForm> = {
  breast: breastForm,
  cervical: cervicalForm,
  male_reproductive: maleForm,
  gynecological: gynecologicalForm
}
