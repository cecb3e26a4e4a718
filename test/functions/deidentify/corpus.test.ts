/** The committed synthetic corpus is exactly what the deterministic generator writes, and invents everything. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CORPUS_DIR, generateCorpus, random, renderTruth, writeCorpus } from './corpus/generate';
import { tempDir } from '../../helpers/temp';

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

test('regenerating the corpus gives the committed files byte for byte', () => {
  const dir = tempDir('deid-corpus-');
  writeCorpus(dir);
  expect(files(dir)).toEqual(files(CORPUS_DIR));
  for (const name of files(dir)) {
    expect({ name, text: readFileSync(join(dir, name), 'utf8') }).toEqual({
      name,
      text: readFileSync(join(CORPUS_DIR, name), 'utf8'),
    });
  }
});

test('another seed gives another corpus; the generator is seeded, not clocked', () => {
  expect(random(1)()).toBe(random(1)());
  const a = generateCorpus(1);
  expect(generateCorpus(1).files).toEqual(a.files);
  expect(generateCorpus(2).files['records.csv']).not.toBe(a.files['records.csv']);
  expect(renderTruth(generateCorpus(1).truth)).toBe(renderTruth(a.truth));
});

test('every invented identifier comes from a range that is never real', () => {
  const { files: corpus } = generateCorpus();
  const all = Object.values(corpus).join('\n');
  for (const ssn of all.match(/\b\d{3}[- ]\d{2}[- ]\d{4}\b/g) ?? []) expect(ssn[0]).toBe('9'); // never issued
  for (const phone of all.match(/\b555[-. ]\d{4}\b/g) ?? []) expect(phone).toMatch(/555[-. ]01\d\d/); // fictional
  for (const email of all.match(/@[\w-]+(?:\.[\w-]+)+/g) ?? []) expect(email).toMatch(/example\.(org|com|net)$/);
  for (const ip of all.match(/\b\d+\.\d+\.\d+\.\d+\b/g) ?? [])
    expect(ip).toMatch(/^(192\.0\.2|198\.51\.100|203\.0\.113)\./);
});
