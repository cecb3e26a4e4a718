import { GUARD_CONFIG_RULES, guardPolicyText } from '../../../rules/config';
import { GuardEvaluator } from '../../helpers/guard';

const guard = new GuardEvaluator();
afterAll(() => guard.dispose());
const evaluate = (id: string, item: unknown, minRetentionDays?: number) => guard.evaluate(id, item, minRetentionDays);

const kmsKey = (rotation: string, tags: Record<string, string> = { DataClassification: 'PHI' }) => ({
  resourceType: 'AWS::KMS::Key',
  configuration: { keyManager: 'CUSTOMER', keySpec: 'SYMMETRIC_DEFAULT', keyState: 'Enabled' },
  supplementaryConfiguration: { KeyRotationStatus: rotation },
  tags,
});
const bucket = (byDefault: Record<string, string>, tags: Record<string, string> = { DataClassification: 'PHI' }) => ({
  resourceType: 'AWS::S3::Bucket',
  configuration: { name: 'b' },
  supplementaryConfiguration: {
    ServerSideEncryptionConfiguration: {
      rules: [{ applyServerSideEncryptionByDefault: byDefault, bucketKeyEnabled: true }],
    },
  },
  tags,
});

describe('Guard custom policy rules (evaluated by cfn-guard on AWS Config configuration items)', () => {
  test('phi-kms-key-rotation: non-compliant when a PHI key does not rotate', () => {
    expect(evaluate('phi-kms-key-rotation', kmsKey('false'))).toBe('FAIL');
  });
  test('phi-kms-key-rotation: compliant when it rotates', () => {
    expect(evaluate('phi-kms-key-rotation', kmsKey('true'))).toBe('PASS');
  });
  test('phi-kms-key-rotation: not applicable to keys without the PHI tag', () => {
    expect(evaluate('phi-kms-key-rotation', kmsKey('false', {}))).toBe('SKIP');
  });

  test('phi-bucket-customer-key: non-compliant with SSE-S3 or the AWS-managed key', () => {
    expect(evaluate('phi-bucket-customer-key', bucket({ sseAlgorithm: 'AES256' }))).toBe('FAIL');
    expect(evaluate('phi-bucket-customer-key', bucket({ sseAlgorithm: 'aws:kms' }))).toBe('FAIL');
    expect(
      evaluate(
        'phi-bucket-customer-key',
        bucket({ sseAlgorithm: 'aws:kms', kmsMasterKeyID: 'arn:aws:kms:us-east-1:111122223333:alias/aws/s3' }),
      ),
    ).toBe('FAIL');
  });
  test('phi-bucket-customer-key: compliant with a customer key', () => {
    const key = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    expect(evaluate('phi-bucket-customer-key', bucket({ sseAlgorithm: 'aws:kms', kmsMasterKeyID: key }))).toBe('PASS');
  });
  test('phi-bucket-customer-key: not applicable to buckets without the PHI tag', () => {
    expect(
      evaluate('phi-bucket-customer-key', bucket({ sseAlgorithm: 'AES256' }, { DataClassification: 'Public' })),
    ).toBe('SKIP');
  });

  const logGroup = (retentionInDays?: number) => ({
    resourceType: 'AWS::Logs::LogGroup',
    configuration: { logGroupName: 'g', ...(retentionInDays === undefined ? {} : { retentionInDays }) },
    tags: {},
  });
  test('log-group-minimum-retention: non-compliant below the configured minimum', () => {
    expect(evaluate('log-group-minimum-retention', logGroup(30))).toBe('FAIL');
    expect(evaluate('log-group-minimum-retention', logGroup(400), 731)).toBe('FAIL');
  });
  test('log-group-minimum-retention: compliant at or above it', () => {
    expect(evaluate('log-group-minimum-retention', logGroup(365))).toBe('PASS');
  });
  test('log-group-minimum-retention: not applicable when events never expire', () => {
    expect(evaluate('log-group-minimum-retention', logGroup())).toBe('SKIP');
  });

  test('an unfilled placeholder is an error, not a broken policy', () => {
    const rule = GUARD_CONFIG_RULES.find((r) => r.id === 'log-group-minimum-retention')!;
    expect(() => guardPolicyText(rule, {} as never)).toThrow(
      'log-group-minimum-retention.guard: no value for {{MIN_RETENTION_DAYS}}',
    );
  });
});
