import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { cli, tempDir } from '../../helpers/check';
import { DEFAULT_ASSEMBLY, ROOT } from '../../helpers/paths';

const BASELINE = join(ROOT, 'test', 'fixtures', 'baseline');

describe('check on the default baseline', () => {
  test('the synthesized default assembly is clean: exit 0, no error, acknowledgements counted', () => {
    const result = cli(['check', DEFAULT_ASSEMBLY, '--format', 'json']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    // The default configuration names nobody to alert: the one warning says so.
    expect(report.findings).toEqual([
      expect.objectContaining({
        rule: 'HIPAABaseline-AlertTopicHasSubscriber',
        severity: 'warning',
        template: 'SecurityTooling',
        logicalId: expect.stringMatching(/^AlertsTopic/),
      }),
    ]);
    expect(report.summary).toEqual({ errors: 0, warnings: 1, acknowledged: report.acknowledged.length });
    expect(report.acknowledged).toContainEqual({
      rule: 'HIPAA.Security-S3DefaultEncryptionKMS',
      template: 'LogArchive',
      logicalId: expect.stringMatching(/^ArchiveAccessLogs/),
      reason: 'S3 server access log delivery supports only SSE-S3 encrypted destination buckets.',
    });
  });

  test('the guard finds no stateful change against the committed baseline (npm run baseline:update refreshes it)', () => {
    const result = cli(['check', DEFAULT_ASSEMBLY, '--baseline', BASELINE]);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^\d+ templates checked: 0 errors, 1 warning, \d+ acknowledged$/m);
    expect(result.status).toBe(0);
  });

  test('without a path, check reads cdk.out of the working directory', () => {
    const project = tempDir();
    expect(cli(['check'], project)).toMatchObject({
      status: 2,
      stderr: 'hipaa-baseline: cdk.out: no such file or directory\n',
    });
    symlinkSync(DEFAULT_ASSEMBLY, join(project, 'cdk.out'));
    expect(cli(['check'], project)).toMatchObject({ status: 0, stderr: '' });
  });
});
