/** Why an object cannot be de-identified; each sends it to quarantine with an alert. */
export const QUARANTINE_REASONS = {
  'unsupported-format': 'the object is not text, CSV, TSV, JSON or JSON Lines (by its key suffix or content type)',
  'not-utf8': 'the object is not valid UTF-8 text',
  'binary-content': 'the object holds binary data (NUL bytes)',
  'malformed-csv': 'the CSV is malformed',
  'malformed-json': 'the JSON is malformed',
  'too-large': 'the object is larger than the pipeline accepts',
  'line-too-long': 'a line or record is longer than the pipeline accepts',
  'identifiers-in-key': 'the object key itself holds identifiers',
  'key-too-long': 'the object key is too long for the output prefixes (S3 keys hold at most 1,024 bytes)',
  'model-rejected': 'Amazon Comprehend Medical refused the text',
  'retries-exhausted': 'processing kept failing until the last delivery attempt',
} as const;

export type QuarantineReason = keyof typeof QUARANTINE_REASONS;

/**
 * A problem with the object's content: never retried, the object goes to quarantine. The message says
 * where (line, row, position) and never quotes the content.
 */
export class InputError extends Error {
  constructor(
    readonly reason: QuarantineReason,
    message: string,
  ) {
    super(message);
    this.name = 'InputError';
  }
}
