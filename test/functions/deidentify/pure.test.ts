/** The de-identification core without AWS: rules, rendering, fields, CSV, formats, request signing. */
import { SignatureV4 } from '@smithy/signature-v4';
import { createHash, createHmac } from 'node:crypto';
import { CsvParser, csvField } from '../../../lib/functions/deidentify/csv';
import { generalizeAge, generalizeDate, yearOf } from '../../../lib/functions/deidentify/dates';
import { Deidentifier } from '../../../lib/functions/deidentify/deidentifier';
import { classifyField, fieldWords } from '../../../lib/functions/deidentify/fields';
import { formatOf, processStream, type Format } from '../../../lib/functions/deidentify/formats';
import { IDENTIFIER_TYPES, RULE_BASED_TYPES } from '../../../lib/functions/deidentify/identifiers';
import { InputError } from '../../../lib/functions/deidentify/input-error';
import { locateEntity } from '../../../lib/functions/deidentify/model';
import { CharacterBudget } from '../../../lib/functions/deidentify/rate-limit';
import { applyReplacements, planReplacements } from '../../../lib/functions/deidentify/redact';
import { detectByRules } from '../../../lib/functions/deidentify/rules';
import { signRequest } from '../../../lib/functions/deidentify/sigv4';
import { Tally } from '../../../lib/functions/deidentify/tally';
import { decodeUtf8, splitLines } from '../../../lib/functions/deidentify/text-stream';
import { generalizeZip, RESTRICTED_ZIP3 } from '../../../lib/functions/deidentify/zip';

const CONTEXT = { referenceYear: 2025 };

/** The text with the rules' replacements applied. */
function scrub(text: string): string {
  return applyReplacements(text, planReplacements(text, detectByRules(text), CONTEXT));
}

/** The types the rules find, with the text of each span. */
function found(text: string): [string, string][] {
  return detectByRules(text)
    .sort((a, b) => a.start - b.start)
    .map((d) => [d.type, text.slice(d.start, d.end)]);
}

describe('identifier types', () => {
  test('cover the 18 Safe Harbor identifiers; only names and addresses rely on the model', () => {
    expect(IDENTIFIER_TYPES).toHaveLength(20); // phone/fax and ZIP/other geography are told apart
    expect(IDENTIFIER_TYPES.filter((t) => !RULE_BASED_TYPES.includes(t))).toEqual(['NAME', 'ADDRESS']);
  });
});

describe('ZIP codes', () => {
  test('keep three digits, or 000 for the 17 restricted three-digit areas', () => {
    expect(RESTRICTED_ZIP3.size).toBe(17);
    expect(generalizeZip('02139')).toBe('021**');
    expect(generalizeZip('02139-4307')).toBe('021**');
    expect(generalizeZip('03601')).toBe('000**');
    expect(generalizeZip('89001')).toBe('000**');
    expect(generalizeZip('8900')).toBeUndefined();
  });
});

describe('dates and ages', () => {
  test.each([
    ['03/14/1962', '1962'],
    ['2024-03-14T10:22:00Z', '2024'],
    ['March 14, 1962', '1962'],
    ['14 Mar 2020', '2020'],
    ['19620314', '1962'],
    ['3/14/62', '[DATE]'], // a two-digit year cannot be kept
    ['March 14', '[DATE]'],
    ['03/14/1931', '[DATE]'], // 1931 reveals an age over 89 in 2025
    ['1935', '[DATE]'], // someone born in 1935 may be 90 in 2025
    ['1935-12-31', '[DATE]'],
    ['1936', '1936'], // at most 89 in 2025: the year may stay
  ])('%s → %s', (date, expected) => {
    expect(generalizeDate(date, CONTEXT.referenceYear)).toBe(expected);
  });

  test('a compact date gives its year only when month and day are plausible', () => {
    expect(yearOf('19621399')).toBeUndefined();
  });

  test('ages over 89 become 90+, younger ones stay', () => {
    expect(generalizeAge('92-year-old')).toBe('90+-year-old');
    expect(generalizeAge('in her 90s')).toBe('in her 90+');
    expect(generalizeAge('101')).toBe('90+');
    expect(generalizeAge('89')).toBe('89');
    expect(generalizeAge('45-year-old')).toBe('45-year-old');
  });
});

describe('rules', () => {
  test.each<[string, [string, string][]]>([
    [
      'SSN 912-44-1234 and masked XXX-XX-6789',
      [
        ['SSN', '912-44-1234'],
        ['SSN', 'XXX-XX-6789'],
      ],
    ],
    [
      'Phone: (617) 555-0123, Fax: 617.555.0199',
      [
        ['PHONE', '(617) 555-0123'],
        ['FAX', '617.555.0199'],
      ],
    ],
    [
      'fax 617-555-0199; call 617-555-0123',
      [
        ['FAX', '617-555-0199'],
        ['PHONE', '617-555-0123'],
      ],
    ],
    [
      'cell: 6175550123 or +44 20 7946 0958',
      [
        ['PHONE', '6175550123'],
        ['PHONE', '+44 20 7946 0958'],
      ],
    ],
    ['write maria.lopez@example.org.', [['EMAIL', 'maria.lopez@example.org']]],
    [
      'MRN: 00482913; Medical record number 55-1029',
      [
        ['MRN', '00482913'],
        ['MRN', '55-1029'],
      ],
    ],
    [
      'Member ID: XKH448812001, MBI 1EG4-TE5-MK73',
      [
        ['HEALTH_PLAN', 'XKH448812001'],
        ['HEALTH_PLAN', '1EG4-TE5-MK73'],
      ],
    ],
    [
      'Acct #: 7730019922, card 4111 1111 1111 1111',
      [
        ['ACCOUNT', '7730019922'],
        ['ACCOUNT', '4111 1111 1111 1111'],
      ],
    ],
    [
      "Driver's license: S530-4412-9981, DEA AB1234563",
      [
        ['LICENSE', 'S530-4412-9981'],
        ['LICENSE', 'AB1234563'],
      ],
    ],
    [
      'plate 7ABC123, VIN 1HGCM82633A004352',
      [
        ['VEHICLE', '7ABC123'],
        ['VEHICLE', '1HGCM82633A004352'],
      ],
    ],
    [
      'S/N PX-44819-B, MAC 00:1a:2b:3c:4d:5e',
      [
        ['DEVICE', 'PX-44819-B'],
        ['DEVICE', '00:1a:2b:3c:4d:5e'],
      ],
    ],
    ['UDI (01)00844588003288(17)141120(21)A1', [['DEVICE', '(01)00844588003288(17)141120(21)A1']]],
    [
      'see https://portal.example.org/p/4411. or www.example.com',
      [
        ['URL', 'https://portal.example.org/p/4411'],
        ['URL', 'www.example.com'],
      ],
    ],
    [
      'from 192.0.2.44 and 2001:db8::ff00:42:8329',
      [
        ['IP', '192.0.2.44'],
        ['IP', '2001:db8::ff00:42:8329'],
      ],
    ],
    [
      'voiceprint ID: VP-2231-X; photo: IMG_4411.jpg',
      [
        ['BIOMETRIC', 'VP-2231-X'],
        ['PHOTO', 'IMG_4411.jpg'],
      ],
    ],
    [
      'Claim #: CLM-2024-88812, Patient ID 88121',
      [
        ['OTHER_ID', 'CLM-2024-88812'],
        ['OTHER_ID', '88121'],
      ],
    ],
    [
      'Boston, MA 02139; zip code 03601',
      [
        ['ZIP', '02139'],
        ['ZIP', '03601'],
      ],
    ],
    [
      'a 92-year-old, aged 95, in her 90s',
      [
        ['AGE', '92'],
        ['AGE', '95'],
        ['AGE', '90s'],
      ],
    ],
    [
      "Name: Maria O'Brien-Smith DOB: 19310314",
      [
        ['NAME', "Maria O'Brien-Smith"],
        ['DATE', '19310314'],
      ],
    ],
    ['lives at 12 Main St, Apt 4', [['ADDRESS', '12 Main St, Apt 4']]],
  ])('%s', (text, expected) => {
    for (const entry of expected) expect(found(text)).toContainEqual(entry);
  });

  test('clinical content that only looks like an identifier is kept', () => {
    const text =
      'BP 128/82, HR 72, A1c 7.2%, metformin 500 mg, serial troponins q6h, poor control A1c 8.1, take 1/2 tablet, ' +
      'age 45, 45-year-old, in 2019, follow up in 3 weeks, ICD-10 E11.9, CA 19-9 normal, 10:30:45, patient may 2 tablets, ' +
      'a case-control study, type-2 diabetes, plate-like atelectasis, Group B strep, order-set for sepsis, ' +
      'notes/visit-0001.txt, case-12.csv';
    expect(scrub(text)).toBe(text);
  });

  test('replacements: dates to years, ages to 90+, ZIP codes to three digits, the rest to a token', () => {
    expect(scrub('Seen 03/14/2024; DOB 03/14/1931; a 92-year-old; Boston, MA 02139; SSN 912-44-1234.')).toBe(
      'Seen 2024; DOB [DATE]; a 90+-year-old; Boston, MA 021**; SSN [SSN].',
    );
  });

  test('a value found by two rules is replaced once, typed by the labelled rule', () => {
    const text = 'Member ID: XKH448812001';
    const replacements = planReplacements(text, detectByRules(text), CONTEXT);
    expect(replacements).toEqual([expect.objectContaining({ type: 'HEALTH_PLAN', text: '[HEALTH_PLAN]' })]);
  });

  test('overlapping detections merge into one replacement over their union', () => {
    const text = 'Lives at 12 Main St, Boston';
    const replacements = planReplacements(
      text,
      [
        { start: 9, end: 19, type: 'ADDRESS', method: 'rule' },
        { start: 12, end: 27, type: 'ADDRESS', method: 'model' },
      ],
      CONTEXT,
    );
    expect(applyReplacements(text, replacements)).toBe('Lives at [ADDRESS]');
  });

  test('every rule terminates quickly on long adversarial input', () => {
    const inputs = [
      '1'.repeat(50_000),
      'a-'.repeat(25_000),
      ':'.repeat(50_000),
      'MRN '.repeat(12_000),
      'A1 '.repeat(16_000),
    ];
    const start = Date.now();
    for (const input of inputs) detectByRules(input);
    expect(Date.now() - start).toBeLessThan(5_000);
  });
});

describe('fields', () => {
  test('names are read as words', () => {
    expect(fieldWords('patientDOB')).toEqual(['patient', 'dob']);
    expect(fieldWords('Date_of-Birth')).toEqual(['date', 'of', 'birth']);
    expect(fieldWords('MRNNumber')).toEqual(['mrn', 'number']);
  });

  test.each([
    ['first_name', 'NAME'],
    ['patientName', 'NAME'],
    ['drug_name', 'TEXT'],
    ['dob', 'DATE'],
    ['admitDate', 'DATE'],
    ['created_at', 'DATE'],
    ['age', 'AGE'],
    ['page', 'TEXT'],
    ['zip', 'ZIP'],
    ['postal_code', 'ZIP'],
    ['street_address', 'ADDRESS'],
    ['city', 'ADDRESS'],
    ['state', 'KEEP'],
    ['gender', 'KEEP'],
    ['home_phone', 'PHONE'],
    ['fax', 'FAX'],
    ['email', 'EMAIL'],
    ['ssn', 'SSN'],
    ['mrn', 'MRN'],
    ['member_id', 'HEALTH_PLAN'],
    ['account_number', 'ACCOUNT'],
    ['drivers_license', 'LICENSE'],
    ['vin', 'VEHICLE'],
    ['device_serial', 'DEVICE'],
    ['website', 'URL'],
    ['ip_address', 'IP'],
    ['fingerprint_id', 'BIOMETRIC'],
    ['photo_url', 'PHOTO'],
    ['encounter_id', 'OTHER_ID'],
    ['note', 'TEXT'],
    ['diagnosis', 'TEXT'],
  ])('%s → %s', (name, rule) => {
    expect(classifyField(name)).toBe(rule);
  });
});

describe('CSV parser', () => {
  const parse = (chunks: string[], delimiter: ',' | '\t' = ',') => {
    const parser = new CsvParser(delimiter);
    return [...chunks.flatMap((c) => parser.push(c)), ...parser.end()].map((r) => r.fields);
  };

  test('quoted fields hold delimiters, doubled quotes and line breaks, across chunk boundaries', () => {
    expect(parse(['a,"b,', '1""x""\n2",c\r', '\nd,e,f'])).toEqual([
      ['a', 'b,1"x"\n2', 'c'],
      ['d', 'e', 'f'],
    ]);
    expect(parse(['a\tb\n1\t"2\t3"\n'], '\t')).toEqual([
      ['a', 'b'],
      ['1', '2\t3'],
    ]);
  });

  test.each([
    ['a,b\n1,"2\n', 'the quoted field of the record on line 2 is never closed'],
    ['a,b\n1,2"x\n', 'a quote inside an unquoted field on line 2'],
    ['a,b\n1,"2"x\n', 'text after the closing quote of a field on line 2'],
    ['a,b\r1,2\n', 'a carriage return not followed by a line feed on line 1'],
  ])('malformed: %j', (text, message) => {
    expect(() => parse([text])).toThrow(new InputError('malformed-csv', message));
  });

  test('fields are quoted only when they must be', () => {
    expect(csvField('plain', ',')).toBe('plain');
    expect(csvField('a,b', ',')).toBe('"a,b"');
    expect(csvField('say "x"', ',')).toBe('"say ""x"""');
    expect(csvField('a,b', '\t')).toBe('a,b');
  });
});

describe('text streams', () => {
  async function* bytes(...chunks: (string | number[])[]) {
    for (const c of chunks) yield typeof c === 'string' ? Buffer.from(c) : Uint8Array.from(c);
  }
  const collect = async <T>(items: AsyncIterable<T>) => {
    const out: T[] = [];
    for await (const item of items) out.push(item);
    return out;
  };

  test('UTF-8 split across chunks decodes; lines keep their breaks', async () => {
    const euro = [...Buffer.from('€')];
    const lines = await collect(splitLines(decodeUtf8(bytes('a\r\nb', euro.slice(0, 1), euro.slice(1), '\nlast'))));
    expect(lines).toEqual([
      { text: 'a', eol: '\r\n' },
      { text: 'b€', eol: '\n' },
      { text: 'last', eol: '' },
    ]);
  });

  test('invalid UTF-8 and binary content are input errors', async () => {
    await expect(collect(decodeUtf8(bytes('ok', [0xff, 0xfe])))).rejects.toMatchObject({ reason: 'not-utf8' });
    await expect(collect(decodeUtf8(bytes('ok', [0x41, 0x00])))).rejects.toMatchObject({ reason: 'binary-content' });
  });
});

describe('formats (rules only)', () => {
  async function run(format: Format, input: string, batchChars?: number) {
    const tally = new Tally();
    let out = '';
    async function* text() {
      for (let i = 0; i < input.length; i += 7) yield input.slice(i, i + 7); // small chunks: boundaries everywhere
    }
    const report = await processStream(
      format,
      text(),
      { write: async (t) => void (out += t) },
      {
        deidentifier: new Deidentifier(undefined, CONTEXT),
        tally,
        batchChars,
      },
    );
    return { out, report, tally };
  }

  test('formats are chosen by suffix, then content type', () => {
    expect(formatOf('a/b/notes.TXT')).toBe('text');
    expect(formatOf('a.tsv')).toBe('tsv');
    expect(formatOf('a.ndjson')).toBe('jsonl');
    expect(formatOf('a/noext', 'text/csv; charset=utf-8')).toBe('csv');
    expect(formatOf('a.pdf', 'text/plain')).toBeUndefined();
    expect(formatOf('a/noext')).toBeUndefined();
  });

  test('text: line by line, in order across batches, breaks kept', async () => {
    const lines = Array.from({ length: 40 }, (_, i) => `line ${i}: SSN 912-44-${String(1000 + i)}`);
    const { out, report, tally } = await run('text', `${lines.join('\r\n')}\n`, 100);
    expect(out).toBe(`${lines.map((_, i) => `line ${i}: SSN [SSN]`).join('\r\n')}\n`);
    expect(report).toEqual({ format: 'text', units: 40 });
    expect(tally.byType).toEqual({ SSN: 40 });
  });

  test('CSV: columns by header, free-text cells by the rules, quoting and line breaks kept', async () => {
    const csv =
      'patient_name,dob,zip,state,age,note\r\n' +
      'Maria Lopez,03/14/1962,02139,MA,92,"Called 617-555-0123, said ""fine"""\r\n' +
      'Li Wei,1931-02-02,03601,NH,45,"two\nlines"\r\n';
    const { out, report, tally } = await run('csv', csv, 10);
    expect(out).toBe(
      'patient_name,dob,zip,state,age,note\r\n' +
        '[NAME],1962,021**,MA,90+,"Called [PHONE], said ""fine"""\r\n' +
        '[NAME],[DATE],000**,NH,45,"two\nlines"\r\n',
    );
    expect(report).toEqual({
      format: 'csv',
      units: 2,
      columns: { NAME: 1, DATE: 1, ZIP: 1, KEEP: 1, AGE: 1, TEXT: 1 },
    });
    expect(tally.byType).toEqual({ NAME: 2, DATE: 2, ZIP: 2, AGE: 1, PHONE: 1 });
  });

  test('CSV: a record with the wrong number of fields is malformed', async () => {
    await expect(run('csv', 'a,b\n1,2\n3\n')).rejects.toThrow(
      new InputError('malformed-csv', 'the record on line 3 has 1 fields; the header has 2'),
    );
  });

  test('JSON: keys judged like headers, recursively, values under identifier keys inherit the type', async () => {
    const json = JSON.stringify(
      {
        patient: { name: { given: 'Maria', family: 'Lopez' }, birthDate: '1962-03-14', age: 93 },
        address: { line1: '12 Main St', city: 'Boston', state: 'MA', postalCode: 2139 },
        identifier: [{ system: 'mrn', value: 'A-1' }],
        notes: ['SSN 912-44-1234', 42],
        active: true,
      },
      null,
      2,
    );
    const { out, tally } = await run('json', `${json}\n`);
    expect(JSON.parse(out)).toEqual({
      patient: { name: { given: '[NAME]', family: '[NAME]' }, birthDate: '1962', age: '90+' },
      address: { line1: '[ADDRESS]', city: '[ADDRESS]', state: 'MA', postalCode: '021**' },
      identifier: [{ system: '[OTHER_ID]', value: '[OTHER_ID]' }],
      notes: ['SSN [SSN]', 42],
      active: true,
    });
    expect(out.endsWith('}\n')).toBe(true);
    expect(tally.byMethod).toEqual({ rule: 1, model: 0, field: 9 });
  });

  test('JSON errors name the position, never the content', async () => {
    const error = await run('json', '{"name": "Maria Lopez", }').catch((e: unknown) => e as InputError);
    expect(error).toMatchObject({ reason: 'malformed-json' });
    expect((error as Error).message).toMatch(/^the document is not valid JSON \(at position \d+/);
    expect((error as Error).message).not.toContain('Maria');
  });

  test('JSON Lines: line by line, blank lines kept, a bad line named', async () => {
    const { out } = await run('jsonl', '{"ssn":"912-44-1234"}\n\n{"note":"fax 617-555-0199"}\n');
    expect(out).toBe('{"ssn":"[SSN]"}\n\n{"note":"fax [FAX]"}\n');
    await expect(run('jsonl', '{"a":1}\n{"b":\n')).rejects.toThrow(/^line 2 is not valid JSON/);
  });
});

describe('model offsets', () => {
  test('code-point offsets of text with astral characters are converted', () => {
    const request = '😀 Maria Lopez';
    // Comprehend Medical counts the emoji as one character: Maria starts at 2, not 3.
    expect(locateEntity(request, { BeginOffset: 2, EndOffset: 13, Text: 'Maria Lopez' })).toEqual([3, 14]);
    expect(locateEntity('Maria Lopez', { BeginOffset: 0, EndOffset: 5, Text: 'Maria' })).toEqual([0, 5]);
  });
});

describe('SigV4 signing of the JSON client', () => {
  /** The SDK's own signer (a dependency of the AWS SDK), as the reference implementation. */
  class NodeSha256 {
    private readonly hash;
    constructor(secret?: unknown) {
      this.hash = secret ? createHmac('sha256', secret as Uint8Array) : createHash('sha256');
    }
    update(data: string | Uint8Array) {
      this.hash.update(data);
    }
    async digest() {
      return new Uint8Array(this.hash.digest());
    }
  }

  test.each([
    ['without a session token', undefined],
    ['with a session token', 'FwoGZXIvYXdzEJr//////////token'],
  ])('the Authorization header equals the SDK signer’s, %s', async (_name, sessionToken) => {
    const credentials = {
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
      sessionToken,
    };
    const now = new Date('2025-03-04T10:20:30.000Z');
    const body = JSON.stringify({ Text: 'Patient Maria Lopez, café ☕' });
    const headers = {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'ComprehendMedical_20181030.DetectPHI',
    };
    const ours = signRequest({
      method: 'POST',
      host: 'comprehendmedical.us-east-1.amazonaws.com',
      path: '/',
      headers,
      body,
      service: 'comprehendmedical',
      region: 'us-east-1',
      credentials,
      now,
    });
    const reference = await new SignatureV4({
      credentials,
      region: 'us-east-1',
      service: 'comprehendmedical',
      sha256: NodeSha256,
      uriEscapePath: true,
      applyChecksum: false, // the JSON protocol sends no x-amz-content-sha256 header
    }).sign(
      {
        method: 'POST',
        protocol: 'https:',
        hostname: 'comprehendmedical.us-east-1.amazonaws.com',
        path: '/',
        query: {},
        headers: { ...headers, host: 'comprehendmedical.us-east-1.amazonaws.com' },
        body,
      },
      { signingDate: now },
    );
    expect(ours.authorization).toBe((reference as { headers: Record<string, string> }).headers.authorization);
    expect(ours['x-amz-date']).toBe('20250304T102030Z');
  });
});

describe('character budget', () => {
  /** A clock that only moves when the budget sleeps. */
  function fakeClock() {
    let now = 0;
    const sleeps: number[] = [];
    return { sleeps, now: () => now, sleep: async (ms: number) => void (sleeps.push(ms), (now += ms)) };
  }

  test('spends up to one second’s characters at once, then waits for the rest', async () => {
    const clock = fakeClock();
    const budget = new CharacterBudget(1000, clock);
    await budget.take(600);
    await budget.take(400);
    expect(clock.now()).toBe(0);
    await budget.take(500);
    expect(clock.now()).toBe(500);
    await budget.take(1000);
    expect(clock.now()).toBe(1500);
  });

  test('a request larger than a second’s budget waits for a full second, then runs into debt', async () => {
    const clock = fakeClock();
    const budget = new CharacterBudget(1000, clock);
    await budget.take(1000);
    await budget.take(3000);
    expect(clock.now()).toBe(1000);
    await budget.take(1);
    expect(clock.now()).toBe(3001);
  });

  test('callers are served in order', async () => {
    const clock = fakeClock();
    const budget = new CharacterBudget(100, clock);
    const order: number[] = [];
    await Promise.all([1, 2, 3].map((n) => budget.take(100).then(() => order.push(n))));
    expect(order).toEqual([1, 2, 3]);
    expect(clock.now()).toBe(2000);
  });
});
