import { describe, expect, it } from 'vitest'
import type { Findings } from '../../src/api/screeningFindings'
import { findingKeys } from '../../src/core/screening/findingKeys'

const side = (birads: string) => ({ cbe: 'normal', birads })
const breast = (l: string, r: string) => ({ kind: 'breast', left: side(l), right: side(r), ultrasoundDone: true, mammography: 'not_referred' }) as unknown as Findings

describe('finding keys of the dashboard', () => {
  it('counts a breast record under the more severe BI-RADS of its sides, 0 (incomplete: more imaging) above 3', () => {
    expect(findingKeys(breast('2', '1'))).toContain('birads.2')
    expect(findingKeys(breast('0', '2'))).toContain('birads.0')
    expect(findingKeys(breast('3', '0'))).toContain('birads.0')
    expect(findingKeys(breast('0', '4A'))).toContain('birads.4A')
    expect(findingKeys(breast('6', '5'))).toContain('birads.6')
  })

  it('counts a man under the higher varicocele grade of his sides', () => {
    const f = { kind: 'male_reproductive', left: { varicocele: 'II' }, right: { varicocele: 'I' }, prostate: 'normal', penisUrethra: 'normal' } as unknown as Findings
    expect(findingKeys(f)).toEqual(['varicocele.II', 'prostate.normal', 'penisUrethra.normal'])
  })
})
