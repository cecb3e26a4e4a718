import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Directory holding the project's HIPAA data files (copied from the published catalog). */
export const DATA_DIR = join(__dirname, 'data');

/**
 * Reads a tab-separated file with a header row into records keyed by column name.
 * Fails loudly on a row whose column count differs from the header: data errors must not pass silently.
 */
export function readTsv(fileName: string): Record<string, string>[] {
  const file = join(DATA_DIR, fileName);
  const lines = readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '');
  const [header, ...rows] = lines;
  const columns = header.split('\t');
  return rows.map((line, index) => {
    const cells = line.split('\t');
    if (cells.length !== columns.length) {
      throw new Error(`${fileName}:${index + 2}: expected ${columns.length} columns, found ${cells.length}`);
    }
    return Object.fromEntries(columns.map((column, i) => [column, cells[i]]));
  });
}

/** Splits a `;`-separated list cell into trimmed, non-empty items. */
export function splitList(cell: string | undefined): string[] {
  return (cell ?? '')
    .split(';')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}
