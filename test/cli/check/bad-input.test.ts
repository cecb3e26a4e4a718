import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadBaseline, loadInputs } from '../../../lib/cli/check/load-templates';
import { UsageError } from '../../../lib/cli/usage-error';
import { cli, tempDir } from '../../helpers/check';
import { DEFAULT_ASSEMBLY } from '../../helpers/paths';

/** Writes files into a fresh directory; returns it. */
function files(contents: Record<string, string>): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(contents)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** Runs check in `dir`; expects exit 2 and exactly one stderr line, no stack trace, nothing on stdout. */
function badInput(args: string[], dir: string): string {
  const result = cli(['check', ...args], dir);
  expect(result.status).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr.split('\n')).toHaveLength(2);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  return result.stderr.trim();
}

/** The same input in process (faster): the line the CLI prints for the UsageError it throws. */
function problem(load: () => unknown): string {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return `hipaa-baseline: ${(error as Error).message}`;
  }
  throw new Error('no UsageError');
}

const VALID = JSON.stringify({ Resources: { Topic: { Type: 'AWS::SNS::Topic' } } });

describe('check: bad input exits 2 with one line naming the file and the problem', () => {
  test('a path that does not exist (CLI)', () => {
    expect(badInput(['missing.out'], tempDir())).toBe('hipaa-baseline: missing.out: no such file or directory');
  });

  test('malformed JSON, with the line and column (CLI)', () => {
    const dir = files({ 'stack.json': '{\n  "Resources": {\n    "A": }\n}' });
    expect(badInput(['stack.json'], dir)).toBe(
      "hipaa-baseline: stack.json: not valid JSON: Unexpected token '}' at line 3, column 10",
    );
  });

  test('--baseline pointing at nothing (CLI)', () => {
    const dir = files({ 'stack.json': VALID });
    expect(badInput(['stack.json', '--baseline', 'base.out'], dir)).toBe(
      'hipaa-baseline: base.out: no such directory (--baseline)',
    );
  });

  test('an unknown --format (CLI)', () => {
    const result = cli(['check', DEFAULT_ASSEMBLY, '--format', 'xml']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("argument 'xml' is invalid. Allowed choices are text, json.");
    expect(result.stdout).toBe('');
  });

  test('a directory with no templates', () => {
    const dir = files({ 'empty/readme.txt': 'nothing here' });
    expect(problem(() => loadInputs([join(dir, 'empty')]))).toBe(
      `hipaa-baseline: ${join(dir, 'empty')}: no CloudFormation templates (no manifest.json, no *.template.json, *.template.yaml or *.template files)`,
    );
  });

  test('a cloud assembly without stacks', () => {
    const dir = files({ 'cdk.out/manifest.json': JSON.stringify({ version: '55.0.0', artifacts: {} }) });
    expect(problem(() => loadInputs([join(dir, 'cdk.out')]))).toBe(
      `hipaa-baseline: ${join(dir, 'cdk.out')}: the cloud assembly holds no CloudFormation stacks`,
    );
  });

  test('a malformed manifest', () => {
    const dir = files({ 'cdk.out/manifest.json': '{"artifacts": ' });
    expect(problem(() => loadInputs([join(dir, 'cdk.out')]))).toMatch(
      /cdk.out\/manifest.json: not valid JSON: .+ at line 1, column \d+$/,
    );
  });

  test('malformed YAML, with the line and column', () => {
    const file = join(files({ 'stack.yaml': 'Resources:\n  A:\n    Type: [AWS::SNS::Topic\n' }), 'stack.yaml');
    expect(problem(() => loadInputs([file]))).toMatch(/stack.yaml: not valid YAML: .* at line \d+, column \d+$/);
  });

  test('YAML with an unknown tag', () => {
    const file = join(files({ 'stack.yml': 'Resources:\n  A:\n    Type: !Nope AWS::SNS::Topic\n' }), 'stack.yml');
    expect(problem(() => loadInputs([file]))).toBe(
      `hipaa-baseline: ${file}: not valid YAML: Unresolved tag: !Nope at line 3, column 11`,
    );
  });

  test('a JSON file that is not a template', () => {
    const file = join(files({ 'package.json': JSON.stringify({ name: 'x' }) }), 'package.json');
    expect(problem(() => loadInputs([file]))).toBe(
      `hipaa-baseline: ${file}: not a CloudFormation template (no Resources section)`,
    );
  });

  test('a resource without a Type', () => {
    const file = join(
      files({ 'stack.json': JSON.stringify({ Resources: { Topic: { Properties: {} } } }) }),
      'stack.json',
    );
    expect(problem(() => loadInputs([file]))).toBe(
      `hipaa-baseline: ${file}: Resources.Topic: not a resource (no Type)`,
    );
  });

  test('a file that is not a template file', () => {
    const file = join(files({ 'notes.txt': 'Resources' }), 'notes.txt');
    expect(problem(() => loadInputs([file]))).toBe(
      `hipaa-baseline: ${file}: not a template file (expected .json, .yaml, .yml or .template)`,
    );
  });

  test('--baseline pointing at a file, or at a directory without templates', () => {
    const dir = files({ 'stack.json': VALID, 'base/readme.txt': 'x' });
    expect(problem(() => loadBaseline(join(dir, 'stack.json')))).toBe(
      `hipaa-baseline: ${join(dir, 'stack.json')}: not a directory (--baseline expects a cloud assembly)`,
    );
    expect(problem(() => loadBaseline(join(dir, 'base')))).toMatch(/base: no CloudFormation templates/);
  });
});
