/**
 * Dates and ages under Safe Harbor (45 CFR 164.514(b)(2)(i)(C)): every element of a date but the year is
 * removed, and so is the year when it reveals an age over 89; ages over 89 are grouped as "90+".
 *
 * Which years reveal an age over 89 is judged against a reference year (the year the source object was
 * written, so the same object always gives the same output): a year 90 or more years before it could be
 * the birth year of someone over 89, so the whole date goes.
 */

/** Oldest age Safe Harbor allows to be stated; older ages are grouped as AGE_GROUP. */
export const MAX_STATED_AGE = 89;
/** What an age over 89 becomes. */
export const AGE_GROUP = '90+';
/** What a date becomes when not even its year may stay. */
export const DATE_TOKEN = '[DATE]';

/** Month names and their common abbreviations, as a regular expression source (no capture groups). */
export const MONTH =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';

const YEAR = /(?<![\d])(1[6-9]\d{2}|2[0-9]\d{2})(?![\d])/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

/**
 * The year a date gives, when it gives one: the four-digit year in it, or the first four digits of a
 * compact `YYYYMMDD`. Two-digit years give none (1962 or 2062 cannot be told apart).
 */
export function yearOf(text: string): number | undefined {
  const compact = COMPACT.exec(text.trim());
  if (compact) {
    const [month, day] = [Number(compact[2]), Number(compact[3])];
    return month >= 1 && month <= 12 && day >= 1 && day <= 31 ? Number(compact[1]) : undefined;
  }
  const match = YEAR.exec(text);
  return match ? Number(match[1]) : undefined;
}

/** Whether a year could be the birth year of someone older than 89 in the reference year. */
export function revealsAgeOver89(year: number, referenceYear: number): boolean {
  return referenceYear - year > MAX_STATED_AGE;
}

/**
 * What a date (or date and time) becomes: its year, or DATE_TOKEN when it has no four-digit year or when
 * its year reveals an age over 89. A bare year that may stay is returned unchanged.
 */
export function generalizeDate(text: string, referenceYear: number): string {
  const year = yearOf(text);
  if (year === undefined || revealsAgeOver89(year, referenceYear)) return DATE_TOKEN;
  return String(year);
}

const AGE_NUMBER = /(?<!\d)(\d{2,3})(s\b)?(?!\d)/g;

/**
 * The text with every age over 89 in it replaced by AGE_GROUP (`92-year-old` → `90+-year-old`,
 * `in her 90s` → `in her 90+`); the text unchanged when it states no such age.
 */
export function generalizeAge(text: string): string {
  return text.replace(AGE_NUMBER, (all, n: string) => {
    const age = Number(n);
    return age > MAX_STATED_AGE && age < 200 ? AGE_GROUP : all;
  });
}
