import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { GENERATED_FILES } from '../lib/generated-files';
import { ROOT } from './helpers/paths';

describe('generated files', () => {
  test.each(GENERATED_FILES.map((file) => [relative(ROOT, file.path), file] as const))(
    '%s is up to date (run `npm run generate`)',
    (_name, file) => {
      expect(readFileSync(file.path, 'utf8')).toBe(file.render());
    },
  );

  test('the JSON Schema rejects what the configuration rejects', () => {
    const schema = JSON.parse(readFileSync(GENERATED_FILES[1].path, 'utf8'));
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.auditLogRetentionYears.minimum).toBe(6);
    expect(schema.properties.objectLockMode.enum).toEqual(['GOVERNANCE', 'COMPLIANCE']);
    expect(schema.required ?? []).toEqual([]);
  });
});
