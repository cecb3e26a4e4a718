import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

const VALID = JSON.stringify({ Resources: { Topic: { Type: 'AWS::SNS::Topic' } } });

describe('check: bad input exits 2 with one line naming the file and the problem', () => {
  test('a path that does not exist', () => {
    expect(badInput(['missing.out'], tempDir())).toBe('hipaa-baseline: missing.out: no such file or directory');
  });

  test('a directory with no templates', () => {
    const dir = files({ 'empty/readme.txt': 'nothing here' });
    expect(badInput(['empty'], dir)).toBe(
      'hipaa-baseline: empty: no CloudFormation templates (no manifest.json, no *.template.json, *.template.yaml or *.template files)',
    );
  });

  test('a cloud assembly without stacks', () => {
    const dir = files({ 'cdk.out/manifest.json': JSON.stringify({ version: '55.0.0', artifacts: {} }) });
    expect(badInput([], dir)).toBe('hipaa-baseline: cdk.out: the cloud assembly holds no CloudFormation stacks');
  });

  test('a malformed manifest', () => {
    const dir = files({ 'cdk.out/manifest.json': '{"artifacts": ' });
    expect(badInput(['cdk.out'], dir)).toMatch(/^hipaa-baseline: cdk.out\/manifest.json: not valid JSON: .+/);
  });

  test('malformed JSON, with the line and column', () => {
    const dir = files({ 'stack.json': '{\n  "Resources": {\n    "A": }\n}' });
    expect(badInput(['stack.json'], dir)).toMatch(
      /^hipaa-baseline: stack.json: not valid JSON: .* at line 3, column \d+$/,
    );
  });

  test('malformed YAML, with the line and column', () => {
    const dir = files({ 'stack.yaml': 'Resources:\n  A:\n    Type: [AWS::SNS::Topic\n' });
    expect(badInput(['stack.yaml'], dir)).toMatch(
      /^hipaa-baseline: stack.yaml: not valid YAML: .* at line \d+, column \d+$/,
    );
  });

  test('YAML with an unknown tag', () => {
    const dir = files({ 'stack.yml': 'Resources:\n  A:\n    Type: !Nope AWS::SNS::Topic\n' });
    expect(badInput(['stack.yml'], dir)).toBe(
      'hipaa-baseline: stack.yml: not valid YAML: Unresolved tag: !Nope at line 3, column 11',
    );
  });

  test('a JSON file that is not a template', () => {
    const dir = files({ 'package.json': JSON.stringify({ name: 'x' }) });
    expect(badInput(['package.json'], dir)).toBe(
      'hipaa-baseline: package.json: not a CloudFormation template (no Resources section)',
    );
  });

  test('a resource without a Type', () => {
    const dir = files({ 'stack.json': JSON.stringify({ Resources: { Topic: { Properties: {} } } }) });
    expect(badInput(['stack.json'], dir)).toBe('hipaa-baseline: stack.json: Resources.Topic: not a resource (no Type)');
  });

  test('a file that is not a template file', () => {
    const dir = files({ 'notes.txt': 'Resources' });
    expect(badInput(['notes.txt'], dir)).toBe(
      'hipaa-baseline: notes.txt: not a template file (expected .json, .yaml, .yml or .template)',
    );
  });

  test('--baseline pointing at nothing', () => {
    const dir = files({ 'stack.json': VALID });
    expect(badInput(['stack.json', '--baseline', 'base.out'], dir)).toBe(
      'hipaa-baseline: base.out: no such directory (--baseline)',
    );
  });

  test('--baseline pointing at a file, or at a directory without templates', () => {
    const dir = files({ 'stack.json': VALID, 'base/readme.txt': 'x' });
    expect(badInput(['stack.json', '--baseline', 'stack.json'], dir)).toBe(
      'hipaa-baseline: stack.json: not a directory (--baseline expects a cloud assembly)',
    );
    expect(badInput(['stack.json', '--baseline', 'base'], dir)).toMatch(
      /^hipaa-baseline: base: no CloudFormation templates/,
    );
  });

  test('an unknown --format', () => {
    const result = cli(['check', DEFAULT_ASSEMBLY, '--format', 'xml']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("argument 'xml' is invalid. Allowed choices are text, json.");
    expect(result.stdout).toBe('');
  });
});
