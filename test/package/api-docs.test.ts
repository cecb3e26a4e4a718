/**
 * The library's public API (lib/index.ts) as users read it: TypeDoc generates its reference from the TSDoc
 * (`npm run docs:api`), and every exported class, function, interface and type carries documentation —
 * TypeDoc's own validation, run here with warnings as errors. A construct used without the feature flag it
 * depends on fails with a message naming the flag.
 */
import { App, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as api from '../../lib';
import { ROOT } from '../helpers/paths';
import { tempDir } from '../helpers/temp';

test('TypeDoc documents the public API without a warning, and lists its constructs and the gate', () => {
  const out = tempDir('hipaa-baseline-api-');
  const json = join(out, 'api.json');
  const result = spawnSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'typedoc', 'bin', 'typedoc'),
      '--options',
      'typedoc.json',
      '--treatWarningsAsErrors',
      '--json',
      json,
      '--out',
      join(out, 'html'),
    ],
    { cwd: ROOT, encoding: 'utf8', timeout: 240_000 },
  );
  expect(
    result.stdout.split('\n').filter((line) => /warning|error/i.test(line) && !/Found 0 errors/.test(line)),
  ).toEqual([]);
  expect(result.status).toBe(0);
  const names = (JSON.parse(readFileSync(json, 'utf8')).children as { name: string }[]).map((c) => c.name);
  for (const name of ['PhiBucket', 'PhiBackupVault', 'SegmentedNetwork', 'HipaaBaselineChecks', 'acknowledge']) {
    expect(names).toContain(name);
  }
}, 300_000);

test('the index exports working constructs and the gate', () => {
  expect(typeof api.PhiBucket).toBe('function');
  expect(api.OWN_RULES.length).toBeGreaterThan(10);
  expect(
    new api.HipaaBaselineChecks({ logGroupRetentionDays: 365, auditLogRetentionYears: 6, backupMinRetentionDays: 35 })
      .readPackName,
  ).toBe('HIPAABaseline');
});

test('PhiBucket in an app without the S3 log-delivery flag names the flag to set', () => {
  const stack = new Stack(new App(), 'S');
  expect(
    () =>
      new api.PhiBucket(stack, 'B', {
        encryptionKey: new kms.Key(stack, 'K'),
        accessLogBucket: new s3.Bucket(stack, 'L'),
      }),
  ).toThrow(
    'PhiBucket needs the feature flag "@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy": true in the context of cdk.json',
  );
});
