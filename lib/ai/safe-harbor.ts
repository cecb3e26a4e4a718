/**
 * What the Bedrock guardrail looks for: the identifiers of the HIPAA Safe Harbor method (45 CFR
 * 164.514(b)(2)(i)(A)–(R)), each mapped to the guardrail's built-in PII entity types and, where Bedrock has
 * no entity type for it, to a regular expression of this project. Identifiers without a fixed shape
 * (medical record, health plan, account, certificate and device numbers) are recognised by their label
 * ("MRN: 12-345-678", "member id A12345") — a number with no label cannot be told from any other number.
 * Patterns use only what RE2-style engines accept (no lookaround, no backreferences) and stay under
 * Bedrock's limit of 500 characters; test/ai/safe-harbor.test.ts proves what each one matches and misses.
 */

/** A custom regular-expression filter of the guardrail. */
export interface RegexFilter {
  /** Name shown in the guardrail's trace (letters, digits, hyphens). */
  readonly name: string;
  readonly description: string;
  readonly pattern: string;
}

export interface SafeHarborIdentifier {
  /** The letter of 164.514(b)(2)(i). */
  readonly item: string;
  readonly identifier: string;
  /** Built-in guardrail PII entity types that detect it. */
  readonly piiEntities: readonly string[];
  /** This project's patterns for what no entity type detects. */
  readonly regexes: readonly RegexFilter[];
  /** Why the guardrail cannot detect it in text, when it cannot. */
  readonly notDetectable?: string;
}

/** A word in any letter case, as a character class per letter (`Mrn` → `[Mm][Rr][Nn]`). */
export const anyCase = (text: string): string =>
  text.replace(/[a-z]/gi, (c) => `[${c.toUpperCase()}${c.toLowerCase()}]`).replace(/ /g, '\\s+');

const oneOf = (...words: string[]) => `(?:${words.map(anyCase).join('|')})`;
/** "number", "no.", "#", "id": what follows a label before the value. */
const NUMBER_WORD = `(?:${oneOf('number', 'identifier', 'id', 'no')}\\.?|#)`;
/** The value after a label: letters, digits and hyphens with at least one digit, 1–39 characters. */
const ID_VALUE = '[A-Za-z0-9-]{0,19}[0-9][A-Za-z0-9-]{0,19}';
/** A labelled identifier: `<label> <number word> [:#] <value>`. */
const labelled = (labels: string, numberWord: string) => `\\b${labels}\\.?\\s*${numberWord}\\s*[:#]?\\s*${ID_VALUE}`;

/** Letters of a Medicare Beneficiary Identifier (no S, L, O, I, B, Z). */
const MBI_LETTER = '[AC-HJKMNP-RT-Y]';
const MBI_LETTER_OR_DIGIT = '[AC-HJKMNP-RT-Y0-9]';
/** Month names as written in dates, first letter in either case (`[Mm]ar(?:ch)?`). */
const MONTH = `(?:${[
  ['jan', 'uary'],
  ['feb', 'ruary'],
  ['mar', 'ch'],
  ['apr', 'il'],
  ['may', ''],
  ['jun', 'e'],
  ['jul', 'y'],
  ['aug', 'ust'],
  ['sep', 't(?:ember)?'],
  ['oct', 'ober'],
  ['nov', 'ember'],
  ['dec', 'ember'],
]
  .map(([start, rest]) => `[${start[0].toUpperCase()}${start[0]}]${start.slice(1)}${rest ? `(?:${rest})?` : ''}`)
  .join('|')})`;
const DAY = '(?:0?[1-9]|[12][0-9]|3[01])';
const MONTH_NUMBER = '(?:0?[1-9]|1[0-2])';
const YEAR = '(?:19|20)[0-9]{2}';
const OVER_89 = '(?:9[0-9]|1[01][0-9])';

export const SAFE_HARBOR_IDENTIFIERS: readonly SafeHarborIdentifier[] = [
  { item: 'A', identifier: 'Names', piiEntities: ['NAME'], regexes: [] },
  {
    item: 'B',
    identifier: 'Geographic subdivisions smaller than a state (street address, city, county, ZIP code)',
    piiEntities: ['ADDRESS'],
    regexes: [],
  },
  {
    item: 'C',
    identifier: 'Elements of dates (except year) related to an individual, and ages over 89',
    piiEntities: [],
    regexes: [
      {
        name: 'full-date',
        description: 'A numeric date with day and month: 03/14/2021, 14.03.2021, 2021-03-14.',
        pattern: `\\b(?:${MONTH_NUMBER}[/.-]${DAY}[/.-]${YEAR}|${DAY}[/.-]${MONTH_NUMBER}[/.-]${YEAR}|${YEAR}-${MONTH_NUMBER}-${DAY})\\b`,
      },
      {
        name: 'written-date',
        description: 'A written date with day and month: March 14, 2021, 14 Mar 2021, Sept. 3 2020.',
        pattern: `\\b(?:${MONTH}\\.?\\s+${DAY},?\\s+${YEAR}|${DAY}\\s+${MONTH}\\.?,?\\s+${YEAR})\\b`,
      },
      {
        name: 'age-over-89',
        description: 'An age of 90 or more: 92 years old, 95-year-old, 101 y/o, aged 93.',
        pattern: `\\b(?:${OVER_89}[\\s-]*${oneOf('years', 'year', 'yrs', 'yr', 'y/o', 'yo')}|${oneOf('aged', 'age')}\\s*:?\\s*${OVER_89})\\b`,
      },
    ],
  },
  { item: 'D', identifier: 'Telephone numbers', piiEntities: ['PHONE'], regexes: [] },
  { item: 'E', identifier: 'Fax numbers', piiEntities: ['PHONE'], regexes: [] },
  { item: 'F', identifier: 'Electronic mail addresses', piiEntities: ['EMAIL'], regexes: [] },
  { item: 'G', identifier: 'Social security numbers', piiEntities: ['US_SOCIAL_SECURITY_NUMBER'], regexes: [] },
  {
    item: 'H',
    identifier: 'Medical record numbers',
    piiEntities: [],
    regexes: [
      {
        name: 'medical-record-number',
        description: 'A labelled medical record number: MRN 00123456, medical record no. A-12345.',
        pattern: `(?:\\b${anyCase('mrn')}\\s*[:#]?\\s*${ID_VALUE}|${labelled(oneOf('medical record', 'patient'), NUMBER_WORD)})`,
      },
    ],
  },
  {
    item: 'I',
    identifier: 'Health plan beneficiary numbers',
    piiEntities: ['CA_HEALTH_NUMBER', 'UK_NATIONAL_HEALTH_SERVICE_NUMBER'],
    regexes: [
      {
        name: 'medicare-beneficiary-identifier',
        description: 'A Medicare Beneficiary Identifier (11 characters, CMS format): 1EG4-TE5-MK73.',
        pattern: `\\b[1-9]${MBI_LETTER}${MBI_LETTER_OR_DIGIT}[0-9]-?${MBI_LETTER}${MBI_LETTER_OR_DIGIT}[0-9]-?${MBI_LETTER}{2}[0-9]{2}\\b`,
      },
      {
        name: 'health-plan-number',
        description: 'A labelled health plan number: member id W123456789, subscriber no. 88-1234, Medicaid # 1234567.',
        pattern: labelled(
          oneOf(
            'member',
            'subscriber',
            'beneficiary',
            'policy',
            'health plan',
            'insurance',
            'medicaid',
            'medicare',
            'group',
          ),
          NUMBER_WORD,
        ),
      },
    ],
  },
  {
    item: 'J',
    identifier: 'Account numbers',
    piiEntities: ['US_BANK_ACCOUNT_NUMBER', 'INTERNATIONAL_BANK_ACCOUNT_NUMBER', 'CREDIT_DEBIT_CARD_NUMBER'],
    regexes: [
      {
        name: 'account-number',
        description: 'A labelled account number: account number 4400-1234, acct # 99812, billing account no. 12345.',
        pattern: labelled(oneOf('account', 'acct', 'billing account', 'patient account'), NUMBER_WORD),
      },
    ],
  },
  {
    item: 'K',
    identifier: 'Certificate/license numbers',
    piiEntities: ['DRIVER_ID'],
    regexes: [
      {
        name: 'certificate-license-number',
        description: 'A labelled certificate or license number: license no. D1234567, certificate # 2019-001234.',
        pattern: labelled(oneOf('license', 'licence', 'certificate', 'cert', 'permit'), NUMBER_WORD),
      },
    ],
  },
  {
    item: 'L',
    identifier: 'Vehicle identifiers and serial numbers, including license plate numbers',
    piiEntities: ['VEHICLE_IDENTIFICATION_NUMBER', 'LICENSE_PLATE'],
    regexes: [],
  },
  {
    item: 'M',
    identifier: 'Device identifiers and serial numbers',
    piiEntities: ['MAC_ADDRESS'],
    regexes: [
      {
        name: 'device-udi',
        description: 'The device identifier of a GS1 Unique Device Identifier: (01)00844588003288.',
        pattern: '\\(01\\)[0-9]{14}',
      },
      {
        name: 'device-serial-number',
        description: 'A labelled device serial number: serial no. SN-884411, device id 7731-22, implant # 55A12.',
        pattern: `(?:${labelled(oneOf('serial', 's/n', 'sn'), `(?:${NUMBER_WORD})?`)}|${labelled(oneOf('device', 'implant', 'pacemaker', 'pump'), NUMBER_WORD)})`,
      },
    ],
  },
  { item: 'N', identifier: 'Web Universal Resource Locators (URLs)', piiEntities: ['URL'], regexes: [] },
  { item: 'O', identifier: 'Internet Protocol (IP) address numbers', piiEntities: ['IP_ADDRESS'], regexes: [] },
  {
    item: 'P',
    identifier: 'Biometric identifiers, including finger and voice prints',
    piiEntities: [],
    regexes: [],
    notDetectable: 'biometric templates are binary data, not text a filter can recognise',
  },
  {
    item: 'Q',
    identifier: 'Full face photographic images and any comparable images',
    piiEntities: [],
    regexes: [],
    notDetectable: 'images are not inspected by sensitive-information filters; invocation logging records them',
  },
  {
    item: 'R',
    identifier: 'Any other unique identifying number, characteristic, or code',
    piiEntities: [
      'US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER',
      'US_PASSPORT_NUMBER',
      'CA_SOCIAL_INSURANCE_NUMBER',
      'UK_NATIONAL_INSURANCE_NUMBER',
      'UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER',
    ],
    regexes: [],
  },
];

/**
 * Secrets that must never reach a model, whatever the Safe Harbor action: the guardrail always blocks them.
 */
export const CREDENTIAL_ENTITIES: readonly string[] = [
  'PASSWORD',
  'AWS_ACCESS_KEY',
  'AWS_SECRET_KEY',
  'PIN',
  'CREDIT_DEBIT_CARD_CVV',
  'CREDIT_DEBIT_CARD_EXPIRY',
];

/** Every PII entity type of the Safe Harbor identifiers, once each, in catalog order. */
export const safeHarborEntities = (): string[] => [
  ...new Set(SAFE_HARBOR_IDENTIFIERS.flatMap((identifier) => identifier.piiEntities)),
];

/** Every regex filter of the Safe Harbor identifiers, in catalog order. */
export const safeHarborRegexes = (): RegexFilter[] =>
  SAFE_HARBOR_IDENTIFIERS.flatMap((identifier) => identifier.regexes);
