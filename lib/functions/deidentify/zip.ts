/**
 * ZIP codes under Safe Harbor (45 CFR 164.514(b)(2)(i)(B)): the first three digits may stay when the
 * geographic unit formed by all ZIP codes with those three digits holds more than 20,000 people; for the
 * others the three digits become 000. The list is the one HHS published from the 2000 Census (OCR
 * guidance on de-identification, section 3.4); it changes only when HHS publishes a new one.
 */
export const RESTRICTED_ZIP3: ReadonlySet<string> = new Set([
  '036',
  '059',
  '063',
  '102',
  '203',
  '556',
  '692',
  '790',
  '821',
  '823',
  '830',
  '831',
  '878',
  '879',
  '884',
  '890',
  '893',
]);

/** A 5-digit ZIP code or ZIP+4 (`02139`, `02139-4307`, `021394307`). */
const ZIP = /^(\d{3})\d{2}(?:-?\d{4})?$/;

/**
 * The ZIP code reduced to what Safe Harbor allows: the first three digits followed by `**`, or `000**`
 * for a restricted three-digit area. Undefined when the text is not a ZIP code.
 */
export function generalizeZip(text: string): string | undefined {
  const match = ZIP.exec(text.trim());
  if (!match) return undefined;
  return `${RESTRICTED_ZIP3.has(match[1]) ? '000' : match[1]}**`;
}
