/**
 * A streaming RFC 4180 parser and writer: fields separated by a delimiter (`,` or tab), records by LF or
 * CRLF, quoted fields may hold delimiters, quotes (doubled) and line breaks. Anything else — a quote in
 * the middle of an unquoted field, text after a closing quote, a quoted field never closed, a lone CR —
 * is malformed: an InputError naming the line, never a guess.
 */
import { InputError } from './input-error';
import { MAX_LINE_CHARS } from './text-stream';

export interface CsvRecord {
  readonly fields: string[];
  /** Line of the input the record starts on (1-based). */
  readonly line: number;
  /** The line break that ended it ('' at the end of the input). */
  readonly eol: string;
}

const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
}

export class CsvParser {
  private state = State.FieldStart;
  private field = '';
  private fields: string[] = [];
  private size = 0;
  private line = 1;
  private recordLine = 1;
  private sawCr = false;

  constructor(private readonly delimiter: ',' | '\t' = ',') {}

  /** The records completed by this chunk of text. */
  push(chunk: string): CsvRecord[] {
    const records: CsvRecord[] = [];
    const d = this.delimiter;
    let start = 0; // start of the field text not yet copied into this.field
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i];
      if (this.sawCr) {
        if (c !== '\n') throw this.malformed('a carriage return not followed by a line feed');
        records.push(this.endRecord());
        start = i + 1;
        continue;
      }
      switch (this.state) {
        case State.FieldStart:
          if (c === '"') {
            this.state = State.Quoted;
            start = i + 1;
          } else if (c === d || c === '\r' || c === '\n') {
            this.endField('');
            this.endOfField(c, records);
            start = i + 1;
          } else {
            this.state = State.Unquoted;
            start = i;
          }
          break;
        case State.Unquoted:
          if (c === d || c === '\r' || c === '\n') {
            this.endField(this.field + chunk.slice(start, i));
            this.endOfField(c, records);
            start = i + 1;
          } else if (c === '"') {
            throw this.malformed('a quote inside an unquoted field');
          }
          break;
        case State.Quoted:
          if (c === '"') {
            this.field += chunk.slice(start, i);
            this.state = State.QuoteInQuoted;
          } else if (c === '\n') {
            this.line++;
          }
          break;
        case State.QuoteInQuoted:
          if (c === '"') {
            this.field += '"';
            this.state = State.Quoted;
            start = i + 1;
          } else if (c === d || c === '\r' || c === '\n') {
            this.endField(this.field);
            this.endOfField(c, records);
            start = i + 1;
          } else {
            throw this.malformed('text after the closing quote of a field');
          }
          break;
      }
    }
    if (this.state === State.Unquoted || this.state === State.Quoted) this.field += chunk.slice(start);
    if (this.size + this.field.length > MAX_LINE_CHARS) {
      throw new InputError(
        'line-too-long',
        `the record on line ${this.recordLine} is longer than ${MAX_LINE_CHARS} characters`,
      );
    }
    return records;
  }

  /** The last record (if the input does not end with a line break); checks the input is complete. */
  end(): CsvRecord[] {
    if (this.state === State.Quoted) {
      throw new InputError(
        'malformed-csv',
        `the quoted field of the record on line ${this.recordLine} is never closed`,
      );
    }
    if (this.sawCr) return [this.endRecord()];
    if (this.state === State.FieldStart && this.fields.length === 0) return [];
    this.endField(this.field);
    return [{ ...this.endRecord(), eol: '' }];
  }

  /** After a field ended on `c`: a delimiter starts the next field, a line feed ends the record, CR waits for LF. */
  private endOfField(c: string, records: CsvRecord[]): void {
    if (c === '\r') this.sawCr = true;
    else if (c === '\n') records.push(this.endRecord());
  }

  private endField(value: string): void {
    this.fields.push(value);
    this.size += value.length;
    this.field = '';
    this.state = State.FieldStart;
  }

  private endRecord(): CsvRecord {
    const record = { fields: this.fields, line: this.recordLine, eol: this.sawCr ? '\r\n' : '\n' };
    this.sawCr = false;
    this.fields = [];
    this.size = 0;
    this.line++;
    this.recordLine = this.line;
    return record;
  }

  private malformed(what: string): InputError {
    return new InputError('malformed-csv', `${what} on line ${this.line}`);
  }
}

/** A field as written back: quoted when it holds the delimiter, a quote or a line break. */
export function csvField(value: string, delimiter: string): string {
  return value.includes(delimiter) || /["\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
