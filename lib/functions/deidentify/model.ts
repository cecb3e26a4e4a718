/**
 * The model side of detection: Amazon Comprehend Medical DetectPHI finds names, addresses and the other
 * PHI of free text. Texts are sent in requests of at most `requestBytes` UTF-8 bytes (the API accepts
 * fewer than 20,000), joined on line breaks; a text longer than that is cut at whitespace. The entities
 * come back as offsets into the request, which are mapped back to each text (Comprehend Medical counts
 * characters as code points; texts with characters outside the Basic Multilingual Plane are converted).
 */
import type { Detection, IdentifierType } from './identifiers';
import { mapWithConcurrency } from './concurrency';
import type { CharacterBudget } from './rate-limit';

/** DetectPHI's limit on one request's text (bytes of UTF-8). */
export const DETECT_PHI_MAX_BYTES = 20_000;
/** Bytes sent per request by default: under the limit with a margin. */
export const DEFAULT_REQUEST_BYTES = 19_000;

/** What finds identifiers in free text besides the rules. */
export interface PhiModel {
  /** Detections for each text, in the order of the texts. */
  detect(texts: readonly string[]): Promise<Detection[][]>;
}

/** An entity of a DetectPHI answer (the fields the function reads). */
export interface PhiEntity {
  readonly BeginOffset?: number;
  readonly EndOffset?: number;
  readonly Text?: string;
  readonly Type?: string;
  readonly Score?: number;
}

/** DetectPHI entity types and what the pipeline calls them; PROFESSION is not a Safe Harbor identifier. */
export const MODEL_TYPE_MAP: Readonly<Record<string, IdentifierType | undefined>> = {
  NAME: 'NAME',
  ADDRESS: 'ADDRESS',
  AGE: 'AGE',
  DATE: 'DATE',
  EMAIL: 'EMAIL',
  ID: 'OTHER_ID',
  PHONE_OR_FAX: 'PHONE',
  URL: 'URL',
  PROFESSION: undefined,
};

/** Calls DetectPHI on one text (the JSON client's `call('DetectPHI', { Text })`). */
export type DetectPhi = (text: string) => Promise<{ Entities?: PhiEntity[]; ModelVersion?: string }>;

export interface ComprehendModelOptions {
  /** @default DEFAULT_REQUEST_BYTES */
  readonly requestBytes?: number;
  /** Requests in flight at once. @default 4 */
  readonly concurrency?: number;
  /** Characters per second this instance may send (its share of the account quota). @default - no limit */
  readonly budget?: CharacterBudget;
}

/** Requests made and characters sent, for the manifest (never the text). */
export interface ModelUsage {
  requests: number;
  characters: number;
  modelVersion?: string;
}

interface Piece {
  readonly text: number;
  readonly offset: number;
  readonly value: string;
}

const LETTER = /\p{L}/u;

/**
 * End (exclusive) of the piece of `text` starting at `start` that fits in `bytes` UTF-8 bytes: the end of
 * the text when the rest fits, else the last line break, sentence end or space in the second half of what
 * fits, in that order of preference (so a name is rarely cut in two), or exactly what fits.
 */
function pieceEnd(text: string, start: number, bytes: number): number {
  let used = 0;
  let index = start;
  while (index < text.length) {
    const code = text.codePointAt(index)!;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    if (used + size > bytes) break;
    used += size;
    index += code >= 0x10000 ? 2 : 1;
  }
  if (index >= text.length) return text.length;
  const half = start + (index - start) / 2;
  for (const separator of ['\n', '. ', ' ']) {
    const at = text.lastIndexOf(separator, index - separator.length);
    if (at > half) return at + separator.length;
  }
  return Math.max(index, start + 1);
}

/** The texts cut into pieces that fit one request; pieces without a letter are left out (nothing to find). */
function piecesOf(texts: readonly string[], bytes: number): Piece[] {
  const pieces: Piece[] = [];
  texts.forEach((value, text) => {
    for (let offset = 0; offset < value.length;) {
      const end = pieceEnd(value, offset, bytes);
      const piece = value.slice(offset, end);
      if (LETTER.test(piece)) pieces.push({ text, offset, value: piece });
      offset = end;
    }
  });
  return pieces;
}

/** Offsets of an entity in the request text in UTF-16 code units, trying the answer's Text to settle them. */
export function locateEntity(request: string, entity: PhiEntity): [number, number] | undefined {
  const begin = entity.BeginOffset;
  const end = entity.EndOffset;
  if (begin === undefined || end === undefined || end <= begin) return undefined;
  const text = entity.Text;
  if (text === undefined || request.slice(begin, end) === text) return [begin, end];
  // Code points → code units.
  const units: number[] = [];
  for (let i = 0; i < request.length;) {
    units.push(i);
    i += request.codePointAt(i)! >= 0x10000 ? 2 : 1;
  }
  units.push(request.length);
  if (end < units.length && request.slice(units[begin], units[end]) === text) return [units[begin], units[end]];
  const near = request.indexOf(text, Math.max(0, begin - 64));
  if (near >= 0 && near <= begin + 64) return [near, near + text.length];
  return [Math.min(begin, request.length), Math.min(end, request.length)];
}

/** Amazon Comprehend Medical DetectPHI as the pipeline's model. */
export class ComprehendMedicalModel implements PhiModel {
  readonly usage: ModelUsage = { requests: 0, characters: 0 };
  private readonly requestBytes: number;

  constructor(
    private readonly detectPhi: DetectPhi,
    private readonly options: ComprehendModelOptions = {},
  ) {
    this.requestBytes = Math.min(options.requestBytes ?? DEFAULT_REQUEST_BYTES, DETECT_PHI_MAX_BYTES - 1);
  }

  async detect(texts: readonly string[]): Promise<Detection[][]> {
    const found: Detection[][] = texts.map(() => []);
    const requests: Piece[][] = [];
    let current: Piece[] = [];
    let bytes = 0;
    for (const piece of piecesOf(texts, this.requestBytes)) {
      const size = Buffer.byteLength(piece.value) + 1;
      if (current.length > 0 && bytes + size > this.requestBytes) {
        requests.push(current);
        current = [];
        bytes = 0;
      }
      current.push(piece);
      bytes += size;
    }
    if (current.length > 0) requests.push(current);

    await mapWithConcurrency(requests, this.options.concurrency ?? 4, async (pieces) => {
      const request = pieces.map((p) => p.value).join('\n');
      const characters = [...request].length;
      await this.options.budget?.take(characters);
      this.usage.requests++;
      this.usage.characters += characters;
      const answer = await this.detectPhi(request);
      if (answer.ModelVersion) this.usage.modelVersion = answer.ModelVersion;
      const starts: number[] = [];
      let at = 0;
      for (const p of pieces) {
        starts.push(at);
        at += p.value.length + 1;
      }
      for (const entity of answer.Entities ?? []) {
        const type = MODEL_TYPE_MAP[entity.Type ?? ''];
        const span = type && locateEntity(request, entity);
        if (!type || !span) continue;
        pieces.forEach((piece, i) => {
          const start = Math.max(span[0], starts[i]);
          const end = Math.min(span[1], starts[i] + piece.value.length);
          if (end <= start) return;
          found[piece.text].push({
            start: piece.offset + start - starts[i],
            end: piece.offset + end - starts[i],
            type,
            method: 'model',
          });
        });
      }
    });
    return found;
  }
}
