/**
 * What a scanner typed on a machine with a Chinese input method, made readable: full-width
 * characters folded, blanks dropped. When the input method swallowed the `SD1:` prefix (its
 * letters went into the composition window and the `1` chose a candidate), the digits after the
 * colon are still the certificate's: they are read as `SD1:` + digits, and `repaired` says so.
 * The signature covers the version byte inside the digits, so a wrong guess cannot pass.
 */
export function scanText(raw: string): { text: string; repaired: boolean } {
  const folded = raw.normalize('NFKC').replace(/\s+/g, '')
  if (/^SD\d+:/i.test(folded) || !folded) return { text: folded, repaired: false }
  const m = /^[^:\d]*:(\d{60,})$/.exec(folded)
  if (m) return { text: `SD1:${m[1]}`, repaired: true }
  return { text: folded, repaired: false }
}
