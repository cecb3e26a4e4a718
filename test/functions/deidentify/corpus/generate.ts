/**
 * Generates the synthetic de-identification corpus (test/fixtures/deid-corpus): clinical notes, a CSV
 * extract, a JSON document and JSON Lines, every identifier invented (names from ./lexicon.ts, 555-01xx
 * telephone numbers, 9xx social security numbers that are never issued, example.org addresses, the IP
 * documentation ranges), with the ground truth: the type and place of every identifier (line or cell or
 * JSON path, and offsets), so recall per identifier type can be measured. Deterministic: the same seed
 * gives the same bytes, and a test checks the committed corpus is what this script writes.
 *
 * Run: node --import tsx test/functions/deidentify/corpus/generate.ts [output-dir]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IDENTIFIER_TYPES, type IdentifierType } from '../../../../lib/functions/deidentify/identifiers';
import { CITIES, FAMILY_NAMES, GIVEN_NAMES, PROFESSIONS, STATES, STREET_NAMES, STREET_SUFFIXES } from './lexicon';

/** Where the committed corpus lives. */
export const CORPUS_DIR = join(__dirname, '..', '..', '..', 'fixtures', 'deid-corpus');
/** Year every corpus object is written in (dates are judged against it). */
export const CORPUS_YEAR = 2025;

/** One labelled identifier: its type and where it is (offsets into the line, cell or JSON string). */
export interface TruthEntry {
  readonly type: IdentifierType;
  readonly start: number;
  readonly end: number;
  readonly line?: number;
  readonly row?: number;
  readonly column?: number;
  readonly path?: string;
}

export type Truth = Record<string, TruthEntry[]>;

/** mulberry32: a small deterministic pseudo-random generator. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** Invented values of each kind, drawn from one random source. */
export class Faker {
  constructor(readonly rnd: () => number) {}

  int(min: number, max: number): number {
    return min + Math.floor(this.rnd() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.rnd() * items.length)];
  }
  digits(n: number): string {
    return Array.from({ length: n }, () => String(this.int(0, 9))).join('');
  }
  letters(n: number): string {
    return Array.from({ length: n }, () => 'ABCDEFGHJKLMNPRSTUVWXYZ'[this.int(0, 22)]).join('');
  }
  pad = (n: number, width = 2) => String(n).padStart(width, '0');

  given(): string {
    return this.pick(GIVEN_NAMES);
  }
  family(): string {
    return this.pick(FAMILY_NAMES);
  }
  fullName(): string {
    return this.rnd() < 0.2
      ? `${this.given()} ${this.letters(1)}. ${this.family()}`
      : `${this.given()} ${this.family()}`;
  }
  street(): string {
    const unit = this.rnd() < 0.25 ? `, Apt ${this.int(1, 40)}${this.letters(1)}` : '';
    return `${this.int(1, 9999)} ${this.pick(STREET_NAMES)} ${this.pick(STREET_SUFFIXES)}${unit}`;
  }
  city(): string {
    return this.pick(CITIES);
  }
  state(): string {
    return this.pick(STATES);
  }
  /** A ZIP code; one in five in a restricted three-digit area. */
  zip(): string {
    const restricted = ['036', '059', '063', '102', '203', '556', '692', '790', '821', '823', '830', '831', '878'];
    const first = this.rnd() < 0.2 ? this.pick(restricted) : this.pad(this.int(10, 999), 3);
    return `${first}${this.digits(2)}${this.rnd() < 0.2 ? `-${this.digits(4)}` : ''}`;
  }
  /** Fictional North American numbers (555-0100 to 555-0199). */
  phone(): string {
    const area = String(this.int(201, 989));
    const line = `01${this.digits(2)}`;
    return this.pick([
      `(${area}) 555-${line}`,
      `${area}-555-${line}`,
      `${area}.555.${line}`,
      `+1 ${area} 555 ${line}`,
      `${area}-555-${line} ext. ${this.int(10, 999)}`,
    ]);
  }
  email(first: string, last: string): string {
    const user = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '');
    return `${user}${this.int(1, 99)}@${this.pick(['example.org', 'example.com', 'example.net', 'mail.example.org'])}`;
  }
  /** Social security numbers with area 900-999: never issued. */
  ssn(): string {
    const n = `9${this.digits(2)}-${this.digits(2)}-${this.digits(4)}`;
    return this.rnd() < 0.15 ? n.replace(/-/g, ' ') : n;
  }
  mrn(): string {
    return this.pick([this.digits(8), `${this.digits(2)}-${this.digits(6)}`, `MR${this.digits(7)}`]);
  }
  memberId(): string {
    return this.pick([
      `${this.letters(3)}${this.digits(9)}`,
      `${this.digits(1)}${this.letters(2)}${this.digits(1)}-${this.letters(2)}${this.digits(1)}-${this.letters(2)}${this.digits(2)}`,
    ]);
  }
  account(): string {
    return this.pick([this.digits(10), `${this.digits(4)}-${this.digits(6)}`]);
  }
  /** A 16-digit number starting 4000 that passes the Luhn check (a test-card range). */
  card(): string {
    const body = `4000${this.digits(11)}`;
    let sum = 0;
    for (let i = 0; i < body.length; i++) {
      let d = Number(body[body.length - 1 - i]);
      if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
    const full = `${body}${(10 - (sum % 10)) % 10}`;
    return full.replace(/(\d{4})(?=\d)/g, '$1 ');
  }
  license(): string {
    return this.pick([
      `${this.letters(1)}${this.digits(3)}-${this.digits(4)}-${this.digits(4)}`,
      `RN-${this.digits(6)}`,
      `${this.letters(2)}${this.digits(7)}`,
    ]);
  }
  plate(): string {
    return `${this.digits(1)}${this.letters(3)}${this.digits(3)}`;
  }
  vin(): string {
    const chars = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
    const vin = Array.from({ length: 17 }, () => chars[this.int(0, chars.length - 1)]).join('');
    return `${this.int(1, 5)}${this.letters(1)}${vin.slice(2, 16)}${this.digits(1)}`;
  }
  serial(): string {
    return this.pick([
      `${this.letters(2)}-${this.digits(5)}-${this.letters(1)}`,
      `SN${this.digits(8)}`,
      `${this.digits(4)}${this.letters(2)}${this.digits(4)}`,
    ]);
  }
  udi(): string {
    return `(01)${this.digits(14)}(17)${this.digits(6)}(21)${this.letters(2)}${this.digits(5)}`;
  }
  mac(): string {
    return Array.from({ length: 6 }, () => this.int(0, 255).toString(16).padStart(2, '0')).join(':');
  }
  url(): string {
    return this.pick([
      `https://portal.example.org/patients/${this.digits(5)}`,
      `http://records.example.com/chart?id=${this.digits(6)}`,
      `www.example-clinic.org/p/${this.digits(4)}`,
    ]);
  }
  /** Addresses from the documentation ranges (RFC 5737, RFC 3849). */
  ip(): string {
    return this.pick([
      `192.0.2.${this.int(1, 254)}`,
      `198.51.100.${this.int(1, 254)}`,
      `203.0.113.${this.int(1, 254)}`,
      `2001:db8::${this.int(1, 65535).toString(16)}:${this.int(1, 65535).toString(16)}`,
    ]);
  }
  biometricId(prefix: string): string {
    return `${prefix}-${this.digits(5)}-${this.letters(1)}`;
  }
  photoFile(): string {
    return this.pick([`IMG_${this.digits(4)}.jpg`, `headshot_${this.digits(4)}.png`, `PT-${this.digits(4)}.jpeg`]);
  }
  otherId(): string {
    return this.pick([
      `CLM-${this.int(2015, 2024)}-${this.digits(5)}`,
      `E-${this.digits(7)}`,
      `${this.int(2015, 2024)}-CV-${this.digits(4)}`,
      this.digits(6),
    ]);
  }
  /** A date in one of the formats clinical text uses; `year` between the bounds. */
  date(minYear: number, maxYear: number): string {
    const y = this.int(minYear, maxYear);
    const m = this.int(1, 12);
    const d = this.int(1, 28);
    const month = MONTHS[m - 1];
    return this.pick([
      `${this.pad(m)}/${this.pad(d)}/${y}`,
      `${m}/${d}/${y}`,
      `${y}-${this.pad(m)}-${this.pad(d)}`,
      `${month} ${d}, ${y}`,
      `${month.slice(0, 3)} ${d} ${y}`,
      `${d} ${month} ${y}`,
      `${this.pad(d)}-${month.slice(0, 3)}-${y}`,
      `${month} ${y}`,
      `${this.pad(m)}/${this.pad(d)}/${String(y).slice(2)}`,
      `${y}-${this.pad(m)}-${this.pad(d)}T${this.pad(this.int(0, 23))}:${this.pad(this.int(0, 59))}:00Z`,
      `${month} ${d}`,
    ]);
  }
  /** An age over 89 as clinical text states it; the span is the number (or "90s"). */
  oldAge(): { before: string; value: string; after: string } {
    const n = String(this.int(90, 104));
    return this.pick([
      { before: 'a ', value: n, after: '-year-old' },
      { before: '', value: n, after: ' y/o' },
      { before: 'aged ', value: n, after: '' },
      { before: 'age ', value: n, after: '' },
      { before: '', value: n, after: ' years old' },
      { before: 'in her ', value: '90s', after: '' },
    ]);
  }
}

/** The ways clinical documents label each identifier (the header block of a note picks one). */
const LABELS = {
  DOB: ['DOB: ', 'D.O.B. ', 'Date of birth: ', 'Birth date - ', 'dob:'],
  MRN: ['MRN: ', 'MRN# ', 'Medical record number: ', 'MR # ', 'Med Rec No. ', 'mrn '],
  PHONE: ['Phone: ', 'Tel. ', 'Telephone: ', 'Home phone: ', 'Mobile: ', 'ph: '],
  FAX: ['Fax: ', 'FAX # ', 'Fax number: ', 'fax '],
  SSN: ['SSN: ', 'SS# ', 'Social Security No. ', 'SSN '],
  HEALTH_PLAN: ['Member ID: ', 'Policy #: ', 'Subscriber ID ', 'Medicaid ID: ', 'Insurance ID - ', 'Health plan no. '],
  ACCOUNT: ['Account #: ', 'Acct no. ', 'Billing account: ', 'ACCT ', 'Account number '],
  LICENSE: ["Driver's license: ", 'DL #: ', 'License no. ', 'Drivers License ', 'Passport: '],
  OTHER_ID: ['Encounter ID: ', 'Case no. ', 'Visit #: ', 'Patient ID: ', 'Ref #: ', 'Claim number: '],
} as const;

/** Text built piece by piece, recording where each identifier lands (line and offsets). */
class Lines {
  readonly lines: string[] = [''];
  readonly truth: TruthEntry[] = [];

  text(value: string): this {
    const parts = value.split('\n');
    this.lines[this.lines.length - 1] += parts[0];
    for (const part of parts.slice(1)) this.lines.push(part);
    return this;
  }
  id(type: IdentifierType, value: string): this {
    const line = this.lines.length;
    const start = this.lines[line - 1].length;
    this.lines[line - 1] += value;
    this.truth.push({ type, line, start, end: start + value.length });
    return this;
  }
  toString(): string {
    return `${this.lines.join('\n')}`;
  }
}

/** A cell or string built piece by piece, with its identifiers' offsets. */
class Pieces {
  value = '';
  readonly spans: { type: IdentifierType; start: number; end: number }[] = [];
  text(value: string): this {
    this.value += value;
    return this;
  }
  id(type: IdentifierType, value: string): this {
    this.spans.push({ type, start: this.value.length, end: this.value.length + value.length });
    this.value += value;
    return this;
  }
}

/** Clinical sentences without identifiers: what de-identification must leave alone. */
function clinical(f: Faker): string {
  return f.pick([
    `BP ${f.int(100, 160)}/${f.int(60, 95)}, HR ${f.int(55, 110)}, SpO2 ${f.int(92, 100)}% on room air.`,
    `A1c ${f.int(5, 11)}.${f.int(0, 9)}% on metformin ${f.pick([500, 850, 1000])} mg twice daily.`,
    `Started lisinopril ${f.pick([5, 10, 20])} mg daily; follow up in ${f.int(2, 8)} weeks.`,
    `Troponin negative x2; ECG shows sinus rhythm, QTc ${f.int(400, 460)} ms.`,
    `Creatinine ${f.int(0, 2)}.${f.int(1, 9)} mg/dL, potassium ${f.int(3, 5)}.${f.int(0, 9)} mmol/L.`,
    `Assessment: type 2 diabetes (ICD-10 E11.9), hypertension (I10), stable.`,
    `Take 1/2 tablet at bedtime; dose ${f.int(1, 4)}.${f.int(0, 9)} mL as needed.`,
    `Smoker for ${f.int(5, 40)} years, quit in ${f.int(2000, 2022)}.`,
    `Patient is a ${f.int(20, 89)}-year-old with a history of asthma.`,
  ]);
}

/** One clinical note: a header block of labelled identifiers, then a narrative. */
function note(f: Faker): Lines {
  const doc = new Lines();
  const first = f.given();
  const last = f.family();
  const relative = f.fullName();
  const age = f.oldAge();
  doc.text('CLINIC NOTE\n');
  doc.text('Patient: ').id('NAME', `${first} ${last}`).text('\n');
  const label = (type: keyof typeof LABELS) => f.pick(LABELS[type]);
  doc
    .text(label('DOB'))
    .id('DATE', f.date(1925, 1990))
    .text(`    ${label('MRN')}`)
    .id('MRN', f.mrn())
    .text('\n');
  doc
    .text('Address: ')
    .id('ADDRESS', f.street())
    .text(', ')
    .id('ADDRESS', f.city())
    .text(`, ${f.state()} `)
    .id('ZIP', f.zip())
    .text('\n');
  doc
    .text(label('PHONE'))
    .id('PHONE', f.phone())
    .text(`    ${label('FAX')}`)
    .id('FAX', f.phone())
    .text('\n');
  doc.text('Email: ').id('EMAIL', f.email(first, last)).text('\n');
  doc
    .text(label('SSN'))
    .id('SSN', f.ssn())
    .text(`    ${label('HEALTH_PLAN')}`)
    .id('HEALTH_PLAN', f.memberId())
    .text('\n');
  doc
    .text(label('ACCOUNT'))
    .id('ACCOUNT', f.account())
    .text(`    ${label('LICENSE')}`)
    .id('LICENSE', f.license())
    .text('\n');
  doc
    .text('Visit date: ')
    .id('DATE', f.date(2018, 2025))
    .text(`    ${label('OTHER_ID')}`)
    .id('OTHER_ID', f.otherId())
    .text('\n');
  doc.text('\nHPI: ').id('NAME', first).text(' is ').text(age.before).id('AGE', age.value).text(age.after);
  doc
    .text(`, a ${f.pick(PROFESSIONS)}, seen on `)
    .id('DATE', f.date(2020, 2025))
    .text('. ')
    .text(clinical(f))
    .text('\n');
  doc.text(`Accompanied by ${f.pick(['her daughter', 'his son', 'a neighbor'])} `).id('NAME', relative);
  doc
    .text(', reachable at ')
    .id('PHONE', f.phone())
    .text(' or ')
    .id('EMAIL', f.email(f.given(), f.family()))
    .text('.\n');
  doc.text(clinical(f)).text(' ').text(clinical(f)).text('\n');
  const extras: ((d: Lines) => void)[] = [
    (d) =>
      d.text('Pacemaker serial number: ').id('DEVICE', f.serial()).text(', UDI ').id('DEVICE', f.udi()).text('.\n'),
    (d) =>
      d
        .text('Drives a car with license plate ')
        .id('VEHICLE', f.plate())
        .text(', VIN ')
        .id('VEHICLE', f.vin())
        .text('.\n'),
    (d) => d.text('Portal: ').id('URL', f.url()).text(' (last login from ').id('IP', f.ip()).text(').\n'),
    (d) =>
      d
        .text('Fingerprint template: ')
        .id('BIOMETRIC', f.biometricId('FP'))
        .text('; voiceprint ID ')
        .id('BIOMETRIC', f.biometricId('VP'))
        .text('.\n'),
    (d) => d.text('Photo: ').id('PHOTO', f.photoFile()).text(' on file.\n'),
    (d) =>
      d
        .text('Claim #: ')
        .id('OTHER_ID', f.otherId())
        .text('; Medicare ID: ')
        .id('HEALTH_PLAN', f.memberId())
        .text('.\n'),
    (d) =>
      d
        .text('Billing card ')
        .id('ACCOUNT', f.card())
        .text(' on file; DEA ')
        .id('LICENSE', `${f.letters(2)}${f.digits(7)}`)
        .text('.\n'),
    (d) => d.text('Home glucometer S/N ').id('DEVICE', f.serial()).text(', MAC ').id('DEVICE', f.mac()).text('.\n'),
    (d) =>
      d
        .text('Lives at ')
        .id('ADDRESS', f.street())
        .text(' in ')
        .id('ADDRESS', f.city())
        .text(', zip code ')
        .id('ZIP', f.zip())
        .text('.\n'),
    (d) =>
      d
        .text('Admitted ')
        .id('DATE', f.date(2019, 2025))
        .text(', discharged ')
        .id('DATE', f.date(2019, 2025))
        .text('.\n'),
    (d) => d.text('Husband: ').id('NAME', f.fullName()).text(', cell: ').id('PHONE', f.phone()).text('.\n'),
    (d) => d.text('Records sent from ').id('IP', f.ip()).text(' to ').id('URL', f.url()).text('.\n'),
  ];
  for (let i = 0; i < 5; i++) f.pick(extras)(doc);
  doc.text(`Plan: ${clinical(f)}\n`);
  doc.text('Signed: Dr. ').id('NAME', f.family()).text(', ').id('DATE', f.date(2023, 2025)).text('\n');
  return doc;
}

/** A CSV field as written (quoted when it must be). */
const csvCell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

const CSV_COLUMNS: { name: string; make: (f: Faker, p: Pieces) => void }[] = [
  { name: 'patient_name', make: (f, p) => p.id('NAME', f.fullName()) },
  { name: 'dob', make: (f, p) => p.id('DATE', f.date(1925, 1995)) },
  {
    name: 'age',
    make: (f, p) => {
      const age = f.int(18, 104);
      if (age > 89) p.id('AGE', String(age));
      else p.text(String(age));
    },
  },
  { name: 'street_address', make: (f, p) => p.id('ADDRESS', f.street()) },
  { name: 'city', make: (f, p) => p.id('ADDRESS', f.city()) },
  { name: 'state', make: (f, p) => p.text(f.state()) },
  { name: 'zip', make: (f, p) => p.id('ZIP', f.zip()) },
  { name: 'phone', make: (f, p) => p.id('PHONE', f.phone()) },
  { name: 'fax', make: (f, p) => p.id('FAX', f.phone()) },
  { name: 'email', make: (f, p) => p.id('EMAIL', f.email(f.given(), f.family())) },
  { name: 'ssn', make: (f, p) => p.id('SSN', f.ssn()) },
  { name: 'mrn', make: (f, p) => p.id('MRN', f.mrn()) },
  { name: 'member_id', make: (f, p) => p.id('HEALTH_PLAN', f.memberId()) },
  { name: 'account_number', make: (f, p) => p.id('ACCOUNT', f.account()) },
  { name: 'drivers_license', make: (f, p) => p.id('LICENSE', f.license()) },
  { name: 'vehicle_vin', make: (f, p) => p.id('VEHICLE', f.vin()) },
  { name: 'device_serial', make: (f, p) => p.id('DEVICE', f.serial()) },
  { name: 'portal_url', make: (f, p) => p.id('URL', f.url()) },
  { name: 'last_login_ip', make: (f, p) => p.id('IP', f.ip()) },
  { name: 'fingerprint_id', make: (f, p) => p.id('BIOMETRIC', f.biometricId('FP')) },
  { name: 'photo_file', make: (f, p) => p.id('PHOTO', f.photoFile()) },
  { name: 'encounter_id', make: (f, p) => p.id('OTHER_ID', f.otherId()) },
  { name: 'admit_date', make: (f, p) => p.id('DATE', f.date(2018, 2025)) },
  {
    name: 'diagnosis',
    make: (f, p) =>
      p.text(f.pick(['E11.9 type 2 diabetes', 'I10 hypertension', 'J45.909 asthma', 'N18.3 CKD stage 3'])),
  },
  {
    name: 'note',
    make: (f, p) => {
      p.text(`${clinical(f)} `);
      const pick = f.int(0, 3);
      if (pick === 0)
        p.text('Daughter ').id('NAME', f.fullName()).text(' called from ').id('PHONE', f.phone()).text('.');
      if (pick === 1)
        p.text('Seen "early" on ').id('DATE', f.date(2020, 2025)).text(', SSN ').id('SSN', f.ssn()).text(' verified.');
      if (pick === 2)
        p.text('Moved to ')
          .id('ADDRESS', f.street())
          .text(',\n')
          .id('ADDRESS', f.city())
          .text(', ')
          .text(f.state())
          .text(' ')
          .id('ZIP', f.zip());
      if (pick === 3) p.text('Claim #: ').id('OTHER_ID', f.otherId()).text('; portal ').id('URL', f.url());
    },
  },
];

function csv(f: Faker, rows: number): { text: string; truth: TruthEntry[] } {
  const truth: TruthEntry[] = [];
  const lines = [CSV_COLUMNS.map((c) => c.name).join(',')];
  for (let row = 1; row <= rows; row++) {
    const cells = CSV_COLUMNS.map((column, index) => {
      const pieces = new Pieces();
      column.make(f, pieces);
      for (const span of pieces.spans) truth.push({ ...span, row, column: index });
      return csvCell(pieces.value);
    });
    lines.push(cells.join(','));
  }
  return { text: `${lines.join('\r\n')}\r\n`, truth };
}

/** A FHIR-like patient record, its identifiers recorded by JSON path. */
function patient(f: Faker, path: string, truth: TruthEntry[], line?: number): Record<string, unknown> {
  const at = (sub: string, type: IdentifierType, value: string, start = 0, end = value.length) => {
    truth.push({ type, path: `${path}${sub}`, start, end, ...(line === undefined ? {} : { line }) });
    return value;
  };
  const given = f.given();
  const family = f.family();
  const notes = new Pieces()
    .text(`${clinical(f)} Wife `)
    .id('NAME', f.fullName())
    .text(' asks to be called at ')
    .id('PHONE', f.phone())
    .text('; records from ')
    .id('IP', f.ip())
    .text(`. Age: `);
  const age = String(f.int(90, 103));
  notes.id('AGE', age).text('.');
  notes.spans.forEach((s) => at('.note', s.type, notes.value, s.start, s.end));
  return {
    resourceType: 'Patient',
    id: at('.id', 'OTHER_ID', `pt-${f.digits(6)}`),
    name: { given: at('.name.given', 'NAME', given), family: at('.name.family', 'NAME', family) },
    birthDate: at('.birthDate', 'DATE', `${f.int(1925, 1995)}-${f.pad(f.int(1, 12))}-${f.pad(f.int(1, 28))}`),
    gender: f.pick(['female', 'male', 'other']),
    address: {
      line1: at('.address.line1', 'ADDRESS', f.street()),
      city: at('.address.city', 'ADDRESS', f.city()),
      state: f.state(),
      postalCode: at('.address.postalCode', 'ZIP', f.zip()),
    },
    telecom: [
      { system: 'phone', value: at('.telecom[0].value', 'PHONE', f.phone()) },
      { system: 'email', value: at('.telecom[1].value', 'EMAIL', f.email(given, family)) },
    ],
    mrn: at('.mrn', 'MRN', f.mrn()),
    insurance: { memberId: at('.insurance.memberId', 'HEALTH_PLAN', f.memberId()) },
    ssn: at('.ssn', 'SSN', f.ssn()),
    device: { serialNumber: at('.device.serialNumber', 'DEVICE', f.serial()) },
    photo: { url: at('.photo.url', 'PHOTO', `https://img.example.org/${f.photoFile()}`) },
    lastVisit: at('.lastVisit', 'DATE', f.date(2018, 2025)),
    note: notes.value,
    heightCm: f.int(150, 195),
    active: true,
  };
}

/** Every corpus file and the ground truth, by file name. */
export function generateCorpus(seed = 15): { files: Record<string, string>; truth: Truth } {
  const f = new Faker(random(seed));
  const files: Record<string, string> = {};
  const truth: Truth = {};
  for (let i = 1; i <= 40; i++) {
    const doc = note(f);
    const name = `notes/note-${String(i).padStart(3, '0')}.txt`;
    files[name] = `${doc}`;
    truth[name] = doc.truth;
  }
  const table = csv(f, 100);
  files['records.csv'] = table.text;
  truth['records.csv'] = table.truth;

  const jsonTruth: TruthEntry[] = [];
  const patients = Array.from({ length: 40 }, (_, i) => patient(f, `$[${i}]`, jsonTruth));
  files['records.json'] = `${JSON.stringify(patients, null, 2)}\n`;
  truth['records.json'] = jsonTruth;

  const linesTruth: TruthEntry[] = [];
  const lines = Array.from({ length: 40 }, (_, i) => JSON.stringify(patient(f, '$', linesTruth, i + 1)));
  files['records.jsonl'] = `${lines.join('\n')}\n`;
  truth['records.jsonl'] = linesTruth;
  return { files, truth };
}

/** Notes of the corpus's kind, one after the other, until the text holds at least `bytes` bytes (benchmarks). */
export function syntheticNotes(bytes: number, seed = 1515): string {
  const f = new Faker(random(seed));
  const parts: string[] = [];
  let size = 0;
  while (size < bytes) {
    const text = `${note(f)}\n`;
    parts.push(text);
    size += Buffer.byteLength(text);
  }
  return parts.join('');
}

/** A CSV extract of the corpus's kind with at least `bytes` bytes (benchmarks). */
export function syntheticCsv(bytes: number, seed = 1516): string {
  const f = new Faker(random(seed));
  const sample = csv(f, 20).text;
  const header = sample.indexOf('\r\n') + 2;
  const perRow = (Buffer.byteLength(sample) - header) / 20;
  return csv(f, Math.ceil(bytes / perRow)).text;
}

/** Writes the corpus and truth.json into a directory. */
export function writeCorpus(dir: string, seed?: number): void {
  const { files, truth } = generateCorpus(seed);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  writeFileSync(join(dir, 'truth.json'), renderTruth(truth));
}

/** The ground truth as JSON with one entry per line (readable, and small diffs when the generator changes). */
export function renderTruth(truth: Truth): string {
  const files = Object.entries(truth).map(
    ([name, entries]) =>
      `  ${JSON.stringify(name)}: [\n${entries.map((e) => `    ${JSON.stringify(e)}`).join(',\n')}\n  ]`,
  );
  return `{\n${files.join(',\n')}\n}\n`;
}

/** The types a corpus labels, in Safe Harbor order. */
export function labelledTypes(truth: Truth): IdentifierType[] {
  const seen = new Set(Object.values(truth).flatMap((entries) => entries.map((e) => e.type)));
  return IDENTIFIER_TYPES.filter((t) => seen.has(t));
}

if (require.main === module) {
  const dir = process.argv[2] ?? CORPUS_DIR;
  writeCorpus(dir);
  console.log(`wrote the de-identification corpus to ${dir}`);
}
