/** valid ID numbers for the import tests (region 420302, 茅箭区) */
import { checkDigit } from '../../../src/api/idNumber'

export function makeId(birth: string, seq: string, region = '420302'): string {
  const first17 = `${region}${birth.replace(/-/g, '')}${seq}`
  return first17 + checkDigit(first17)
}
