/**
 * A local double of Amazon Comprehend Medical DetectPHI on 127.0.0.1 (JSON 1.1 protocol, `X-Amz-Target:
 * ComprehendMedical_20181030.DetectPHI`, SigV4 with the `comprehendmedical` signing name). It answers
 * like the service: entities with code-point offsets, types NAME, ADDRESS, DATE, AGE and PROFESSION;
 * TextSizeLimitExceededException for a text of 20,000 bytes or more; injected faults (ThrottlingException,
 * InternalServerException, …) through AwsDouble.
 *
 * Its "model" reads text the way a named-entity recogniser would, by vocabulary and shape: capitalised
 * words from the lexicon's name lists (with initials and "Dr."-style titles), city names, street addresses,
 * month-name dates, "N-year-old" ages, professions. It does not know the corpus's ground truth.
 */
import { AwsDouble, json, restJsonError, type DoubleAnswer, type DoubleRequest } from '../../helpers/aws-double';
import { CITIES, FAMILY_NAMES, GIVEN_NAMES, PROFESSIONS, STREET_SUFFIXES } from './corpus/lexicon';

export interface DoubleEntity {
  Id: number;
  BeginOffset: number;
  EndOffset: number;
  Score: number;
  Text: string;
  Category: 'PROTECTED_HEALTH_INFORMATION';
  Type: string;
  Traits: [];
}

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const NAME_WORDS = [...GIVEN_NAMES, ...FAMILY_NAMES].map(escape).join('|');
const NAME = new RegExp(String.raw`\b(?:${NAME_WORDS})(?:[ \t]+(?:[A-Z]\.[ \t]+)?(?:${NAME_WORDS}))*(?![\w'])`, 'g');
const CITY = new RegExp(String.raw`\b(?:${CITIES.map(escape).join('|')})\b`, 'g');
const STREET = new RegExp(String.raw`\b\d{1,5}[ \t]+(?:[A-Z][a-z]+[ \t]+){1,3}(?:${STREET_SUFFIXES.join('|')})\b`, 'g');
const MONTH_DATE =
  /\b(?:January|February|March|April|May|June|July|August|September|October|November|December)[ \t]+\d{1,2}(?:,[ \t]*\d{4})?\b/g;
const AGE = /\b\d{1,3}-year-old\b/g;
const PROFESSION = new RegExp(String.raw`\b(?:${PROFESSIONS.join('|')})\b`, 'g');

/** Code-point offsets of UTF-16 indexes (the service counts characters, not code units). */
function codePointOffsets(text: string): (index: number) => number {
  if (!/[\uD800-\uDFFF]/.test(text)) return (index) => index;
  const offsets = new Uint32Array(text.length + 1);
  let points = 0;
  for (let i = 0; i < text.length; i++) {
    offsets[i] = points;
    const code = text.charCodeAt(i);
    if (!(code >= 0xd800 && code <= 0xdbff)) points++;
  }
  offsets[text.length] = points;
  return (index) => offsets[index];
}

/** What the double's model finds in a text. */
export function detectPhi(text: string): DoubleEntity[] {
  const entities: DoubleEntity[] = [];
  const codePoints = codePointOffsets(text);
  const add = (pattern: RegExp, type: string) => {
    for (const match of text.matchAll(pattern)) {
      const start = match.index!;
      const end = start + match[0].length;
      entities.push({
        Id: entities.length,
        BeginOffset: codePoints(start),
        EndOffset: codePoints(end),
        Score: 0.9,
        Text: match[0],
        Category: 'PROTECTED_HEALTH_INFORMATION',
        Type: type,
        Traits: [],
      });
    }
  };
  add(NAME, 'NAME');
  add(CITY, 'ADDRESS');
  add(STREET, 'ADDRESS');
  add(MONTH_DATE, 'DATE');
  add(AGE, 'AGE');
  add(PROFESSION, 'PROFESSION');
  return entities.sort((a, b) => a.BeginOffset - b.BeginOffset);
}

export class ComprehendMedicalDouble extends AwsDouble {
  /** Texts DetectPHI answered (not those an injected fault intercepted), in order. */
  readonly texts: string[] = [];

  protected identify(req: DoubleRequest): string {
    const target = String(req.headers['x-amz-target'] ?? '');
    return target.startsWith('ComprehendMedical_20181030.') ? target.split('.')[1] : `unknown ${target}`;
  }

  protected error(_req: DoubleRequest, status: number, code: string, message: string): DoubleAnswer {
    return restJsonError(status, code, message);
  }

  protected answer(req: DoubleRequest): DoubleAnswer {
    if (req.service !== 'comprehendmedical') {
      return restJsonError(403, 'InvalidSignatureException', `signed for ${req.service}, not comprehendmedical`);
    }
    if (req.action !== 'DetectPHI') return restJsonError(400, 'UnknownOperationException', req.action);
    const text = req.json?.Text;
    if (typeof text !== 'string' || text.length === 0) {
      return restJsonError(400, 'ValidationException', 'Text: must have length greater than or equal to 1');
    }
    this.texts.push(text);
    if (Buffer.byteLength(text) >= 20_000) {
      return restJsonError(400, 'TextSizeLimitExceededException', 'Text must be fewer than 20,000 bytes');
    }
    return json({ Entities: detectPhi(text), ModelVersion: '0.1.0-double' });
  }
}
