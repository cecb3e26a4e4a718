/**
 * Bytes to text, text to lines, without holding more than a chunk and one line: UTF-8 is decoded
 * strictly (an invalid sequence is an InputError, never replaced), a NUL byte means binary content, a
 * leading byte order mark is dropped.
 */
import { InputError } from './input-error';

/** Longest line (or CSV record) accepted, in UTF-16 code units. */
export const MAX_LINE_CHARS = 8 * 1024 * 1024;

/** The text of a byte stream, chunk by chunk. */
export async function* decodeUtf8(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let offset = 0;
  for await (const chunk of chunks) {
    if (chunk.includes(0)) throw new InputError('binary-content', `NUL byte near byte ${offset + chunk.indexOf(0)}`);
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw new InputError('not-utf8', `invalid UTF-8 between bytes ${offset} and ${offset + chunk.length}`);
    }
    offset += chunk.length;
    if (text) yield text;
  }
  let rest: string;
  try {
    rest = decoder.decode();
  } catch {
    throw new InputError('not-utf8', `incomplete UTF-8 sequence at the end (byte ${offset})`);
  }
  if (rest) yield rest;
}

/** A line and the break that ended it (`\n`, `\r\n`, or '' for a last line without one). */
export interface Line {
  readonly text: string;
  readonly eol: string;
}

/** The lines of a text stream. */
export async function* splitLines(text: AsyncIterable<string>): AsyncGenerator<Line> {
  let pending = '';
  let line = 0;
  for await (const chunk of text) {
    let start = 0;
    let at: number;
    while ((at = chunk.indexOf('\n', start)) >= 0) {
      let piece = chunk.slice(start, at);
      if (pending) {
        piece = pending + piece;
        pending = '';
      }
      const cr = piece.endsWith('\r');
      line++;
      yield { text: cr ? piece.slice(0, -1) : piece, eol: cr ? '\r\n' : '\n' };
      start = at + 1;
    }
    pending += chunk.slice(start);
    if (pending.length > MAX_LINE_CHARS) {
      throw new InputError('line-too-long', `line ${line + 1} is longer than ${MAX_LINE_CHARS} characters`);
    }
  }
  if (pending.length > 0) yield { text: pending, eol: '' };
}
