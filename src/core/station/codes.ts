import regions from '../../../resources/codes/regions.json'

/**
 * GB/T 2260 region codes and the statistical township codes (resources/codes/regions.json,
 * made by scripts/gen-region-codes.cjs).
 */
const table = regions as {
  provinces: Record<string, string>
  cities: Record<string, string>
  counties: Record<string, string>
  townships: Record<string, string>
}

export function countyName(code6: string): string | null {
  const county = table.counties[code6]
  if (!county) return null
  const province = table.provinces[code6.slice(0, 2)] ?? ''
  const cityRaw = table.cities[code6.slice(0, 4)] ?? ''
  const city = cityRaw === '市辖区' || cityRaw === '县' || cityRaw === province ? '' : cityRaw
  return `${province}${city}${county}`
}

export function townshipName(code9: string): string | null {
  return table.townships[code9] ?? null
}

export function isKnownCounty(code6: string): boolean {
  return code6 in table.counties
}

/** full name of a 6-, 9- or 12-digit code as far as the tables know it */
export function regionName(code: string): string | null {
  const county = countyName(code.slice(0, 6))
  if (!county) return null
  if (code.length === 6) return county
  const town = townshipName(code.slice(0, 9))
  if (code.length === 9) return code.endsWith('000') ? county : town ? county + town : null
  return town ? county + town : null
}
