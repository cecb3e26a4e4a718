/**
 * The deterministic rules: patterns for identifiers with a shape of their own (SSNs, phone numbers,
 * e-mail and IP addresses, URLs, dates, VINs, UDIs, MAC addresses, card numbers) and labelled values
 * for those that have none (`MRN: 00482913`, `Member ID: XKH448812`, `Serial #: PX-44819-B`). Every
 * rule works on one segment of text (a line, a batch of lines, a cell) and never looks past a line
 * break for a label's value. Each detection names the span of the identifier itself, not its label.
 */
import { isIP } from 'node:net';
import { MAX_STATED_AGE, MONTH } from './dates';
import type { Detection, IdentifierType } from './identifiers';

interface Rule {
  readonly type: IdentifierType | ((text: string, start: number, value: string) => IdentifierType);
  /** Global pattern; a named group `v` marks the identifier inside the match (else the whole match). */
  readonly pattern: RegExp;
  /** Extra check of a candidate value (ranges, check digits, the case of a month name). */
  readonly accept?: (value: string) => boolean;
}

/** A case-insensitive regular expression source for a literal word (`ci('mrn')` → `[Mm][Rr][Nn]`). */
function ci(word: string): string {
  return word.replace(/[a-z]/gi, (c) => `[${c.toUpperCase()}${c.toLowerCase()}]`);
}

/** Optional words and punctuation between a label and its value: `MRN: `, `MRN 004`, `MRN-004`, `Acct #`, `Policy no. `, `ID - `. */
const SEP = String.raw`[ \t]*(?:(?:[Nn][Oo]\.?|[Nn]umber|[Nn]um\.?|#)(?![A-Za-z]))?[ \t]*[:#=-]?[ \t]*#?[ \t]*`;
/**
 * What must stand between a generic label and its value (`Claim #`, `Visit no.`, `Case: `, `Order ID`,
 * `Ref - `): after words that also occur in clinical prose ("serial troponins q6h", "poor control A1c") and
 * in file names (`visit-0001.txt`) a bare space or dash is not enough.
 */
const STRICT_SEP = String.raw`[ \t]*(?:(?:[Nn][Oo]\.?|[Nn]umber|[Nn]um\.?|[Ii][Dd]|#)(?![A-Za-z])[ \t]*[:#=-]?|[:#=]|-(?=[ \t]))[ \t]*#?[ \t]*`;

/**
 * An identifier value: letters, digits and inner `-./`, at least one digit, optionally followed by up to
 * three more space-separated groups that hold digits (`S530 4412 9981`).
 */
const ID_VALUE = String.raw`(?=[A-Za-z0-9./-]{0,40}\d)[A-Za-z0-9][A-Za-z0-9./-]{0,40}[A-Za-z0-9](?:[ ](?=[A-Za-z]{0,20}\d)[A-Za-z0-9]{2,20}){0,3}`;

/** Labels as one case-insensitive alternation (words of a label may be separated by spaces or not). */
const labelSource = (labels: readonly string[]) =>
  labels
    .map((label) =>
      label
        .split(' ')
        .map(ci)
        .join(String.raw`[ \t]*`),
    )
    .join('|');

/**
 * A rule for the values after labels: `labels` may be followed by a bare space, `generic` labels only by
 * `#`, `:`, `no.`, `number` or `ID` (labels are matched case-insensitively).
 */
function labelled(
  type: IdentifierType,
  labels: readonly string[],
  generic: readonly string[] = [],
  value = ID_VALUE,
): Rule {
  const tail = String.raw`(?![A-Za-z])`;
  const specific = labels.length ? `(?:${labelSource(labels)})${tail}${SEP}` : undefined;
  const strict = generic.length ? `(?:${labelSource(generic)})${tail}${STRICT_SEP}` : undefined;
  const label = [specific, strict].filter(Boolean).join('|');
  return { type, pattern: new RegExp(String.raw`(?<![A-Za-z])(?:${label})(?<v>${value})`, 'dg') };
}

const ofWords = (words: string) => words.split(',').map((w) => w.trim());

/** Whether a digit string passes the Luhn check (payment card numbers). */
function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}

/** PHONE, or FAX when the nearest phone-like label before the number on its line is a fax label. */
function phoneOrFax(text: string, start: number): IdentifierType {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const before = text.slice(Math.max(lineStart, start - 40), start).toLowerCase();
  const labels = [...before.matchAll(/fax|phone|tel|cell|mobile|pager|call|contact/g)];
  return labels.length > 0 && labels[labels.length - 1][0] === 'fax' ? 'FAX' : 'PHONE';
}

const validDay = (month: number, day: number) => month >= 1 && month <= 12 && day >= 1 && day <= 31;

/** `m/d/y` or `d/m/y` with a plausible month and day. */
function numericDate(value: string): boolean {
  const [a, b] = value.split(/[/.-]/).map(Number);
  return validDay(a, b) || validDay(b, a);
}

/** `yyyy-mm-dd` (time allowed after it) with a plausible month and day. */
function isoDate(value: string): boolean {
  const [, month, day] = value.slice(0, 10).split(/[-/]/).map(Number);
  return validDay(month, day);
}

/** A month name match is a date unless it is the verb "may" (lower case). */
const notTheVerbMay = (value: string) => !/^may\b/.test(value);

const isAgeOver89 = (value: string) => {
  const age = Number(/\d+/.exec(value)?.[0]);
  return age > MAX_STATED_AGE && age < 130;
};

const STATE_ABBREVIATIONS =
  'AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR|GU|VI|AS|MP';
const STATE_NAMES =
  'Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming|Puerto Rico';

const STREET_SUFFIX =
  'Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Square|Sq|Trail|Trl|Loop|Row|Alley|Plaza';

/** A personal name: capitalised words (`Maria`, `O'Brien`, `Smith-Jones`, `McDonald`), initials between. */
const NAME_WORD = String.raw`(?:[A-Z]['’])?[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:[A-Z][a-z]+)?`;
const PERSON_NAME = String.raw`${NAME_WORD}(?:[ \t]+(?:[A-Z]\.|${NAME_WORD})){0,3}`;

/** Every rule, labelled rules first (a labelled value wins a tie with a bare pattern). */
export const RULES: readonly Rule[] = [
  // (H) medical record numbers
  labelled('MRN', ofWords('mrn, mr, medical record, med rec, medical rec, patient record, hospital number'), ['chart']),
  // (I) health plan beneficiary numbers
  labelled(
    'HEALTH_PLAN',
    ofWords(
      'member id, subscriber id, beneficiary id, health plan id, insurance id, policy id, medicare id, medicaid id, mbi, hicn',
    ),
    ofWords('member, subscriber, beneficiary, health plan, insurance, policy, medicare, medicaid, group'),
  ),
  // (J) account numbers
  labelled(
    'ACCOUNT',
    ofWords('account, acct, billing account, bank account, iban'),
    ofWords('a/c, card, credit card, routing'),
  ),
  // (L) vehicles: plates and VINs (before licenses, so "license plate" is a vehicle)
  labelled('VEHICLE', ofWords('license plate, licence plate, registration plate, tag plate, plate, vin, vehicle id'), [
    'vehicle',
  ]),
  // (K) certificates and licenses
  labelled(
    'LICENSE',
    ofWords("driver's license, drivers license, driver license, license, licence, dea, npi, passport"),
    ofWords('dl, certificate, cert, permit, registration'),
  ),
  // (M) devices
  labelled(
    'DEVICE',
    ofWords(
      'serial number, s/n, device id, device identifier, device serial, udi, imei, implant id, implant serial, pacemaker serial, equipment id',
    ),
    ofWords('serial, sn, device'),
  ),
  // (P) biometric identifiers
  labelled(
    'BIOMETRIC',
    ofWords(
      'fingerprint id, fingerprint template, fingerprint, finger print, voiceprint id, voiceprint, voice print, retina scan, retinal scan, iris scan, iris template, palm print, facial template, biometric id, biometric template',
    ),
    ['biometric'],
  ),
  // (Q) photographs
  labelled('PHOTO', ofWords('photo id, photo ref, photograph, photo, headshot, face image, portrait')),
  // (G) social security numbers
  labelled('SSN', ofWords('ssn, ss, social security, soc sec, itin, tin'), [], String.raw`\d{3}[ -]?\d{2}[ -]?\d{4}`),
  // (D)/(E) telephone and fax numbers given with a label, in any layout
  {
    type: phoneOrFax,
    pattern: new RegExp(
      String.raw`(?<![A-Za-z])(?:${ofWords('phone, telephone, tel, cell, mobile, pager, fax, contact number, home, work').map(ci).join('|')})(?![A-Za-z])${SEP}(?<v>\+?\(?\d[\d .()/-]{5,18}\d(?:[ \t]*(?:ext\.?|x)[ \t]*\d{1,5})?)`,
      'dg',
    ),
    accept: (value) => value.replace(/\D/g, '').length >= 7,
  },
  // (C) dates of birth written as YYYYMMDD
  {
    type: 'DATE',
    pattern: new RegExp(
      String.raw`(?<![A-Za-z])(?:${ofWords('dob, d.o.b., date of birth, birth date, birthdate, born').map(ci).join('|')})${SEP}(?<v>\d{8})(?!\d)`,
      'dg',
    ),
  },
  // (C) month/day without a year, after a date word
  {
    type: 'DATE',
    pattern: new RegExp(
      String.raw`(?<![A-Za-z])(?:${ofWords('on, since, from, until, through, dated, date, seen, admitted, discharged, born, dob').map(ci).join('|')})[ \t]*:?[ \t]*(?<v>(?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01]))(?![\d/.-])`,
      'dg',
    ),
  },
  // (C) ages over 89
  {
    type: 'AGE',
    pattern: new RegExp(
      String.raw`(?<![A-Za-z])(?:${ofWords('age, aged').map(ci).join('|')})[ \t]*[:=]?[ \t]*(?<v>\d{2,3})(?!\d)`,
      'dg',
    ),
    accept: isAgeOver89,
  },
  {
    type: 'AGE',
    pattern: /(?<![\d.])(?<v>\d{2,3})[ -]?(?:years?|yrs?|y\.?\s?o\.?|y\/o)(?:[ -]?old)?(?![A-Za-z])/dgi,
    accept: isAgeOver89,
  },
  { type: 'AGE', pattern: /\b(?:in (?:his|her|their) )(?<v>(?:9\d|1[0-2]\d)s)\b/dgi, accept: isAgeOver89 },
  // (B) ZIP codes: labelled, after a state, or ZIP+4
  labelled(
    'ZIP',
    ofWords('zip, zip code, zipcode, postal code, postcode, post code'),
    [],
    String.raw`\d{5}(?:-\d{4})?(?!\d)`,
  ),
  {
    type: 'ZIP',
    pattern: new RegExp(
      String.raw`\b(?:${STATE_ABBREVIATIONS}|${STATE_NAMES})\.?,?[ \t]+(?<v>\d{5}(?:-\d{4})?)(?![\d-])`,
      'dg',
    ),
  },
  { type: 'ZIP', pattern: /(?<![\w-])\d{5}-\d{4}(?![\w-])/g },
  // (A) names after a name label
  {
    type: 'NAME',
    pattern: new RegExp(
      String.raw`(?<![A-Za-z])(?:${ofWords(
        'patient name, full name, name, guarantor, emergency contact, next of kin, nok, insured, subscriber name, mother, father, spouse, husband, wife, son, daughter, sister, brother, caregiver',
      )
        .map((l) => l.split(' ').map(ci).join('[ \\t]*'))
        .join('|')})[ \t]*:[ \t]*(?<v>${PERSON_NAME})`,
      'dg',
    ),
  },
  // (B) street addresses and post office boxes
  {
    type: 'ADDRESS',
    pattern: new RegExp(
      String.raw`\b\d{1,6}[ \t]+(?:[NSEW]\.?[ \t]+)?(?:[A-Z][A-Za-z'.-]*[ \t]+){1,4}(?:${STREET_SUFFIX})\b\.?(?:,?[ \t]*(?:Apt|Apartment|Unit|Suite|Ste|Room|Rm|#)\.?[ \t]*#?[A-Za-z0-9-]+)?`,
      'g',
    ),
  },
  { type: 'ADDRESS', pattern: /\bP\.?[ \t]?O\.?[ \t]?Box[ \t]+\d+\b/gi },
  // (G) social security numbers in their own layout (also masked ones: XXX-XX-1234)
  { type: 'SSN', pattern: /(?<![\w-])(?:\d{3}|[Xx*]{3})-(?:\d{2}|[Xx*]{2})-\d{4}(?![\w-])/g },
  { type: 'SSN', pattern: /(?<![\w-])\d{3} \d{2} \d{4}(?![\w-])/g },
  // (D)/(E) North American and international telephone numbers
  {
    type: phoneOrFax,
    pattern:
      /(?<![\w+-])(?:\+?1[ .-]?)?(?:\(\d{3}\)[ .-]?|\d{3}[ .-])\d{3}[ .-]\d{4}(?:[ \t]*(?:ext\.?|x)[ \t]*\d{1,5})?(?![\w-])/g,
  },
  { type: phoneOrFax, pattern: /(?<![\w+])\+[2-9]\d{0,2}(?:[ .-]\d{1,4}){2,5}(?![\w-])/g },
  // (F) e-mail addresses
  { type: 'EMAIL', pattern: /(?<![\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g },
  // (N) URLs
  { type: 'URL', pattern: /\b(?:https?|ftp|sftp):\/\/[^\s<>"'{}|\\^`]*[^\s<>"'{}|\\^`.,;:!?)\]]/gi },
  { type: 'URL', pattern: /\bwww\.[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:\/[^\s<>"']*[^\s<>"'.,;:!?)\]])?/gi },
  // (O) IP addresses (validated)
  {
    type: 'IP',
    pattern:
      /(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\/\d{1,2})?(?!\d|\.\d)/g,
  },
  {
    type: 'IP',
    pattern: /(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?(?![\w:])/g,
    accept: (value) => isIP(value) === 6,
  },
  // (M) device identifiers: GS1 UDIs, MAC addresses
  { type: 'DEVICE', pattern: /\(01\)\d{14}(?:\(\d{2,4}\)[A-Za-z0-9./-]{1,30})*/g },
  { type: 'DEVICE', pattern: /(?<![\w:-])[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(?:\1[0-9A-Fa-f]{2}){4}(?![\w:-])/g },
  // (L) vehicle identification numbers: 17 characters, no I, O or Q, letters and digits both
  {
    type: 'VEHICLE',
    pattern:
      /(?<![A-Za-z0-9])(?=[A-HJ-NPR-Z0-9]*\d)(?=[A-HJ-NPR-Z0-9]*[A-HJ-NPR-Z])[A-HJ-NPR-Z0-9]{17}(?![A-Za-z0-9])/g,
  },
  // (J) payment card numbers (13-19 digits passing the Luhn check)
  {
    type: 'ACCOUNT',
    pattern: /(?<![\d-])\d{4}(?:[ -]?\d{4}){2}[ -]?\d{1,7}(?![\d-])/g,
    accept: (value) => {
      const digits = value.replace(/\D/g, '');
      return digits.length >= 13 && digits.length <= 19 && luhn(digits);
    },
  },
  // (Q) references to image files and inline images
  { type: 'PHOTO', pattern: /(?<![\w.-])[\w.-]*\w\.(?:jpe?g|png|gif|bmp|heic|heif|tiff?|webp)\b/gi },
  { type: 'PHOTO', pattern: /\bdata:image\/[A-Za-z+.-]+;base64,[A-Za-z0-9+/=]+/g },
  // (R) other identifying numbers with a label
  labelled(
    'OTHER_ID',
    ofWords(
      'patient id, employee id, student id, record id, lab id, study id, subject id, participant id, client id, customer id, id, identifier, uuid, guid, accession',
    ),
    ofWords(
      'case, claim, encounter, visit, admission, specimen, sample, order, requisition, ticket, reference, ref, employee, badge, file, document, tracking, confirmation, prescription, rx, subject, participant, enrollment, application, control, invoice, transaction, customer, household, account holder',
    ),
  ),
  // (C) dates: numeric, ISO, with month names
  {
    type: 'DATE',
    pattern: /(?<![\w/.-])\d{1,2}[/-]\d{1,2}[/-](?:\d{4}|\d{2})(?![\w/-])/g,
    accept: numericDate,
  },
  { type: 'DATE', pattern: /(?<![\w/.-])\d{1,2}\.\d{1,2}\.\d{4}(?![\w.])/g, accept: numericDate },
  {
    type: 'DATE',
    pattern:
      /(?<![\w/-])\d{4}[-/]\d{1,2}[-/]\d{1,2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\w/-])/g,
    accept: isoDate,
  },
  {
    type: 'DATE',
    pattern: new RegExp(String.raw`\b${MONTH}\.?[ \t]+\d{1,2}(?:st|nd|rd|th)?\b(?:,?[ \t]+\d{4}\b)?`, 'gi'),
    accept: notTheVerbMay,
  },
  {
    type: 'DATE',
    pattern: new RegExp(
      String.raw`\b\d{1,2}(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?${MONTH}\b\.?(?:,?[ \t]+\d{4}\b)?`,
      'gi',
    ),
    accept: (value) => !/\bmay\b/.test(value),
  },
  { type: 'DATE', pattern: new RegExp(String.raw`\b\d{1,2}-${MONTH}-(?:\d{4}|\d{2})\b`, 'gi') },
  {
    type: 'DATE',
    pattern: new RegExp(String.raw`\b${MONTH}\.?,?[ \t]+(?:of[ \t]+)?\d{4}\b`, 'gi'),
    accept: notTheVerbMay,
  },
  { type: 'DATE', pattern: /(?<![\w/.-])(?:0?[1-9]|1[0-2])\/(?:19|20)\d{2}(?![\w/])/g },
];

/**
 * The rules' detections for each of several texts, found in one pass over the texts joined by line breaks
 * (no rule matches across a line break; a detection that would is cut at the break). Far faster than one
 * pass per text when the texts are short lines or cells.
 */
export function detectByRulesEach(texts: readonly string[]): Detection[][] {
  const found: Detection[][] = texts.map(() => []);
  if (texts.length === 0) return found;
  const starts: number[] = [];
  let at = 0;
  for (const text of texts) {
    starts.push(at);
    at += text.length + 1;
  }
  for (const d of detectByRules(texts.join('\n'))) {
    // The text a detection starts in: the last start at or before it (binary search).
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle] <= d.start) low = middle;
      else high = middle - 1;
    }
    const offset = starts[low];
    const end = Math.min(d.end, offset + texts[low].length);
    if (end > d.start) found[low].push({ ...d, start: d.start - offset, end: end - offset });
  }
  return found;
}

/** Every identifier the rules find in a text, in no particular order (overlaps are resolved later). */
export function detectByRules(text: string): Detection[] {
  const found: Detection[] = [];
  for (const rule of RULES) {
    rule.pattern.lastIndex = 0;
    for (const match of text.matchAll(rule.pattern)) {
      const span = match.indices?.groups?.v ?? [match.index, match.index + match[0].length];
      const value = text.slice(span[0], span[1]);
      if (span[1] <= span[0] || (rule.accept && !rule.accept(value))) continue;
      const type = typeof rule.type === 'function' ? rule.type(text, span[0], value) : rule.type;
      found.push({ start: span[0], end: span[1], type, method: 'rule' });
    }
  }
  return found;
}
