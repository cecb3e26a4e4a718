/**
 * The identifiers the pipeline removes: the 18 HIPAA Safe Harbor identifiers (45 CFR 164.514(b)(2)(i)),
 * one type each, or several where the text shows the difference (telephone and fax numbers, ZIP codes
 * beside other geographic subdivisions). Imports nothing, so the construct, the handler and the tests
 * share one list.
 */

/** Every identifier type the pipeline reports, in the order of the Safe Harbor list. */
export const IDENTIFIER_TYPES = [
  'NAME', // (A) names
  'ADDRESS', // (B) geographic subdivisions smaller than a state: street address, city, county, geocodes
  'ZIP', // (B) ZIP codes: the first three digits kept where the three-digit area has more than 20,000 people
  'DATE', // (C) elements of dates except the year (and years that reveal an age over 89)
  'AGE', // (C) ages over 89, grouped as 90+
  'PHONE', // (D) telephone numbers
  'FAX', // (E) fax numbers
  'EMAIL', // (F) e-mail addresses
  'SSN', // (G) social security numbers
  'MRN', // (H) medical record numbers
  'HEALTH_PLAN', // (I) health plan beneficiary numbers
  'ACCOUNT', // (J) account numbers
  'LICENSE', // (K) certificate and license numbers
  'VEHICLE', // (L) vehicle identifiers, serial numbers and license plates
  'DEVICE', // (M) device identifiers and serial numbers
  'URL', // (N) web addresses
  'IP', // (O) IP addresses
  'BIOMETRIC', // (P) biometric identifiers (finger and voice prints), where the text refers to them
  'PHOTO', // (Q) full-face photographs and comparable images, where the text refers to them
  'OTHER_ID', // (R) any other unique identifying number, characteristic or code
] as const;

export type IdentifierType = (typeof IDENTIFIER_TYPES)[number];

/**
 * The types found by deterministic rules (patterns, labels, column and key names): the pipeline's own
 * recall on them is measured against the synthetic corpus and must be at least 0.99. Names and street
 * or city names in free text are found by Amazon Comprehend Medical (rules add labelled names and street
 * addresses), so their recall is that of the model.
 */
export const RULE_BASED_TYPES: readonly IdentifierType[] = IDENTIFIER_TYPES.filter(
  (type) => type !== 'NAME' && type !== 'ADDRESS',
);

/** Types found by Amazon Comprehend Medical DetectPHI in free text. */
export const MODEL_TYPES: readonly IdentifierType[] = ['NAME', 'ADDRESS'];

/**
 * Version of the rule set. It is written into every output object and manifest; raising it makes every
 * object of the raw zone eligible again (an object is skipped only when its output carries the same
 * source ETag and the same rule set version).
 */
export const RULE_SET_VERSION = '2025.1';

/** How a detection was made: a text rule, Comprehend Medical, or the column or key it is under. */
export type DetectionMethod = 'rule' | 'model' | 'field';

/** A span of text found to hold an identifier (offsets in UTF-16 code units, end exclusive). */
export interface Detection {
  readonly start: number;
  readonly end: number;
  readonly type: IdentifierType;
  readonly method: DetectionMethod;
}
