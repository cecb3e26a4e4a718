import {
  anyCase,
  CREDENTIAL_ENTITIES,
  SAFE_HARBOR_IDENTIFIERS,
  safeHarborEntities,
  safeHarborRegexes,
} from '../../lib/ai/safe-harbor';

const pattern = (name: string) => new RegExp(safeHarborRegexes().find((r) => r.name === name)!.pattern, 'g');
const matches = (name: string, text: string) => text.match(pattern(name)) ?? [];

describe('the Safe Harbor identifiers the guardrail looks for', () => {
  test('cover the 18 identifiers of 164.514(b)(2)(i), A to R, each detected or said why not', () => {
    expect(SAFE_HARBOR_IDENTIFIERS.map((i) => i.item).join('')).toBe('ABCDEFGHIJKLMNOPQR');
    for (const identifier of SAFE_HARBOR_IDENTIFIERS) {
      const detected = identifier.piiEntities.length + identifier.regexes.length > 0;
      expect([identifier.item, detected || (identifier.notDetectable?.length ?? 0) > 20]).toEqual([
        identifier.item,
        true,
      ]);
    }
  });

  test('entity types are listed once, and credentials are not among them (they are always blocked)', () => {
    const entities = safeHarborEntities();
    expect(new Set(entities).size).toBe(entities.length);
    expect(entities.filter((e) => CREDENTIAL_ENTITIES.includes(e))).toEqual([]);
    expect(entities).toEqual(
      expect.arrayContaining(['NAME', 'ADDRESS', 'PHONE', 'EMAIL', 'US_SOCIAL_SECURITY_NUMBER']),
    );
  });

  test('patterns fit Bedrock (names of letters, digits and hyphens; at most 500 characters; no lookaround or backreference)', () => {
    const names = safeHarborRegexes().map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    for (const regex of safeHarborRegexes()) {
      expect(regex.name).toMatch(/^[a-z0-9-]{1,100}$/);
      expect(regex.pattern.length).toBeLessThanOrEqual(500);
      expect(regex.pattern).not.toMatch(/\(\?[=!<]|\\[1-9]/);
      expect(regex.description.length).toBeLessThanOrEqual(1000);
    }
  });

  test('anyCase spells a word in either case and lets words be separated by any whitespace', () => {
    expect(anyCase('mrn no')).toBe('[Mm][Rr][Nn]\\s+[Nn][Oo]');
    expect(new RegExp(anyCase('medical record')).test('MEDICAL  Record')).toBe(true);
  });

  test.each([
    ['full-date', 'seen 03/14/2021, 14.03.2021 and 2021-03-14', ['03/14/2021', '14.03.2021', '2021-03-14']],
    ['full-date', 'in 2021, version 1.2.3, dose 2/5, 13/13/2020', []],
    [
      'written-date',
      'born March 14, 2021; 14 Mar 2021; sept. 3 2020',
      ['March 14, 2021', '14 Mar 2021', 'sept. 3 2020'],
    ],
    ['written-date', 'in May 2021, March madness', []],
    ['age-over-89', 'a 92 years old man, 95-year-old, 101 y/o, aged 93', ['92 years', '95-year', '101 y/o', 'aged 93']],
    ['age-over-89', 'a 45 years old woman, in 1990 years, 89 y/o', []],
    [
      'medical-record-number',
      'MRN: 00123456; Medical Record No. A-12345; patient id 7788',
      ['MRN: 00123456', 'Medical Record No. A-12345', 'patient id 7788'],
    ],
    ['medical-record-number', 'the medical record shows 3 visits; patient reported pain', []],
    ['medicare-beneficiary-identifier', 'MBI 1EG4-TE5-MK73 or 1EG4TE5MK73', ['1EG4-TE5-MK73', '1EG4TE5MK73']],
    ['medicare-beneficiary-identifier', 'code 1SG4TE5MK73 (S is never used), 12345678901', []],
    [
      'health-plan-number',
      'Member ID W123456789, subscriber no. 88-1234, Medicaid # 1234567',
      ['Member ID W123456789', 'subscriber no. 88-1234', 'Medicaid # 1234567'],
    ],
    ['health-plan-number', 'a member of staff; policy changes in 2 weeks', []],
    ['account-number', 'account number 4400-1234, acct # 99812', ['account number 4400-1234', 'acct # 99812']],
    ['account-number', 'on account of 2 days of fever', []],
    [
      'certificate-license-number',
      'license no. D1234567, certificate # 2019-001234',
      ['license no. D1234567', 'certificate # 2019-001234'],
    ],
    ['certificate-license-number', 'licensed for 5 years', []],
    ['device-udi', 'UDI (01)00844588003288(17)141120', ['(01)00844588003288']],
    [
      'device-serial-number',
      'serial no. SN-884411, device id 7731-22, implant # 55A12, S/N 4471',
      ['serial no. SN-884411', 'device id 7731-22', 'implant # 55A12', 'S/N 4471'],
    ],
    ['device-serial-number', 'the pump 3000X works; the device failed twice', []],
  ])('%s in %j finds %j', (name, text, found) => {
    expect(matches(name, text)).toEqual(found);
  });
});
