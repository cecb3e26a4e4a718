/**
 * What a CSV column or a JSON key says about its values: an identifier type (every value is rendered as
 * that type: `dob` → the year, `zip` → three digits, `ssn` → `[SSN]`), KEEP for fields Safe Harbor
 * allows (`state`, `gender`), or TEXT for everything else, which goes through the rules and Comprehend
 * Medical like free text. Names are compared as words: `patient_DOB`, `patientDob` and `Patient DOB` are
 * the words "patient dob".
 */
import type { IdentifierType } from './identifiers';

export type FieldRule = IdentifierType | 'KEEP' | 'TEXT';

/** The words of a field name: split at non-alphanumerics and lower-to-upper case changes, lower-cased. */
export function fieldWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
}

const set = (words: string) => new Set(words.split(/\s*,\s*/));

/** Whole names (words joined) that decide the rule on their own. */
const EXACT: ReadonlyMap<string, FieldRule> = new Map<string, FieldRule>([
  ...[...set('state, statecode, country, countrycode, gender, sex, race, ethnicity, language')].map(
    (n) => [n, 'KEEP'] as const,
  ),
  ...[...set('dob, dod, dos, birthyear, yearofbirth, deathyear')].map((n) => [n, 'DATE'] as const),
  ...[...set('ssn, socialsecurity, socialsecuritynumber, itin, taxid, tin, sin')].map((n) => [n, 'SSN'] as const),
  ...[...set('mrn, medicalrecordnumber, medicalrecord, medicalrecordno, chartnumber, chartno')].map(
    (n) => [n, 'MRN'] as const,
  ),
  ...[
    ...set(
      'memberid, membernumber, memberno, policynumber, policyid, policyno, insuranceid, insurancenumber, subscriberid, subscribernumber, beneficiaryid, beneficiarynumber, healthplanid, healthplannumber, medicareid, medicarenumber, medicaidid, medicaidnumber, mbi, hicn, groupnumber',
    ),
  ].map((n) => [n, 'HEALTH_PLAN'] as const),
  ...[
    ...set(
      'account, accountnumber, accountno, accountid, acct, acctno, acctnumber, billingaccount, bankaccount, iban, creditcard, creditcardnumber, cardnumber, routingnumber',
    ),
  ].map((n) => [n, 'ACCOUNT'] as const),
  ...[
    ...set(
      'license, licence, licensenumber, licenseno, driverslicense, driverlicense, driverslicensenumber, dl, dlnumber, certificate, certificatenumber, passport, passportnumber, dea, deanumber, npi, permit, permitnumber',
    ),
  ].map((n) => [n, 'LICENSE'] as const),
  ...[
    ...set(
      'vin, licenseplate, licenceplate, plate, platenumber, vehicleid, vehicleidentificationnumber, vehicleserial, vehicleplate',
    ),
  ].map((n) => [n, 'VEHICLE'] as const),
  ...[
    ...set(
      'serial, serialnumber, serialno, sn, deviceid, deviceserial, deviceidentifier, udi, imei, macaddress, mac, implantid, implantserial',
    ),
  ].map((n) => [n, 'DEVICE'] as const),
  ...[...set('url, uri, website, homepage, webpage, link, profileurl')].map((n) => [n, 'URL'] as const),
  ...[...set('ip, ipaddress, ipv4, ipv6, clientip, sourceip, remoteip')].map((n) => [n, 'IP'] as const),
  ...[
    ...set(
      'fingerprint, fingerprintid, voiceprint, voiceprintid, biometric, biometricid, retinascan, irisscan, faceprint, palmprint',
    ),
  ].map((n) => [n, 'BIOMETRIC'] as const),
  ...[
    ...set(
      'photo, photograph, photourl, photoid, picture, image, imageurl, headshot, portrait, avatar, selfie, faceimage',
    ),
  ].map((n) => [n, 'PHOTO'] as const),
  ...[
    ...set(
      'name, fullname, patientname, firstname, lastname, middlename, givenname, familyname, surname, fname, lname, mname, maidenname, mothersmaidenname, nickname, alias, guarantor, guarantorname, nextofkin, emergencycontact, emergencycontactname, spouse, spousename, mother, father, insuredname, subscribername, contactname, relative, employer, employername, signature',
    ),
  ].map((n) => [n, 'NAME'] as const),
  ...[...set('username, userid, login, handle, uuid, guid, id, identifier')].map((n) => [n, 'OTHER_ID'] as const),
]);

/** Words before "name" that make it the name of something other than a person. */
const NOT_PERSON = set(
  'drug, medication, med, test, procedure, diagnosis, facility, hospital, clinic, department, dept, file, product, brand, generic, payer, company, organization, org, lab, plan, unit, ward, specialty, condition, allergy, vaccine, device, study, program, code, column, field, display, resource',
);

/** The rule for the values of a field. */
export function classifyField(name: string): FieldRule {
  const words = fieldWords(name);
  if (words.length === 0) return 'TEXT';
  const joined = words.join('');
  const exact = EXACT.get(joined);
  if (exact) return exact;
  const has = (...w: string[]) => w.some((x) => words.includes(x));
  const last = words[words.length - 1];
  if (has('state', 'gender', 'sex')) return 'KEEP';
  if (has('date', 'datetime', 'timestamp', 'dob', 'dod', 'birthday', 'birthdate') || joined.endsWith('date'))
    return 'DATE';
  if ((last === 'at' || last === 'on') && words.length > 1) return 'DATE';
  if (has('age')) return 'AGE';
  if (has('zip', 'zipcode', 'postal', 'postcode', 'postalcode')) return 'ZIP';
  if (has('fax')) return 'FAX';
  if (has('phone', 'telephone', 'tel', 'mobile', 'cell', 'cellphone', 'pager')) return 'PHONE';
  if (has('email', 'mail')) return 'EMAIL';
  if (has('ssn')) return 'SSN';
  if (has('mrn')) return 'MRN';
  if (
    has('address', 'addr', 'street', 'city', 'county', 'town', 'municipality', 'precinct', 'neighborhood') ||
    has('latitude', 'longitude', 'lat', 'lon', 'lng', 'geo', 'geolocation', 'coordinates', 'line1', 'line2')
  )
    return 'ADDRESS';
  if (last === 'name' && !NOT_PERSON.has(words[words.length - 2] ?? '')) return 'NAME';
  if (has('url', 'uri', 'website')) return 'URL';
  if (has('ip', 'ipaddress')) return 'IP';
  if (has('vin', 'plate')) return 'VEHICLE';
  if (has('serial', 'imei', 'udi')) return 'DEVICE';
  if (has('license', 'licence', 'certificate', 'passport')) return 'LICENSE';
  if (has('policy', 'beneficiary', 'subscriber', 'medicare', 'medicaid', 'member') && has('id', 'number', 'no'))
    return 'HEALTH_PLAN';
  if (has('account', 'acct')) return 'ACCOUNT';
  if (has('photo', 'picture', 'image')) return 'PHOTO';
  if (has('fingerprint', 'voiceprint', 'biometric')) return 'BIOMETRIC';
  if (['id', 'identifier', 'uuid', 'guid', 'number', 'no', 'num', 'nbr'].includes(last) && words.length > 1)
    return 'OTHER_ID';
  return 'TEXT';
}
