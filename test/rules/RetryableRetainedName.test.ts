import { Aws, CfnDeletionPolicy, Fn, RemovalPolicy } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { RetryableRetainedName } from '../../rules/RetryableRetainedName';
import { evaluate, ruleStack } from '../helpers/rules';

const l1 = (bucket: s3.Bucket) => bucket.node.defaultChild as s3.CfnBucket;
const suffix = () => Fn.select(0, Fn.split('-', Fn.select(2, Fn.split('/', Aws.STACK_ID))));

describe('HIPAABaseline-RetryableRetainedName', () => {
  test('non-compliant: a retained bucket with a fixed name (L2)', () => {
    const bucket = new s3.Bucket(ruleStack(), 'B', { bucketName: 'clinic-phi', removalPolicy: RemovalPolicy.RETAIN });
    expect(evaluate(RetryableRetainedName, l1(bucket))).toBe('non-compliant');
  });

  test('non-compliant: a retained vault and log group named from the account and region (L1)', () => {
    const stack = ruleStack();
    const vault = new backup.CfnBackupVault(stack, 'V', { backupVaultName: `vault-${Aws.ACCOUNT_ID}` });
    vault.cfnOptions.deletionPolicy = CfnDeletionPolicy.RETAIN;
    expect(evaluate(RetryableRetainedName, vault)).toBe('non-compliant');
    const group = new logs.CfnLogGroup(stack, 'G', { logGroupName: `/app/${Aws.REGION}` });
    group.cfnOptions.deletionPolicy = CfnDeletionPolicy.RETAIN;
    expect(evaluate(RetryableRetainedName, group)).toBe('non-compliant');
  });

  test('non-compliant: RetainExceptOnCreate turned into Retain by an override', () => {
    const bucket = new s3.Bucket(ruleStack(), 'B', {
      bucketName: 'clinic-phi',
      removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    });
    l1(bucket).addOverride('DeletionPolicy', 'Retain');
    expect(evaluate(RetryableRetainedName, l1(bucket))).toBe('non-compliant');
  });

  test('compliant: no fixed name; a name unique to the stack creation; RetainExceptOnCreate', () => {
    const stack = ruleStack();
    expect(
      evaluate(RetryableRetainedName, l1(new s3.Bucket(stack, 'A', { removalPolicy: RemovalPolicy.RETAIN }))),
    ).toBe('compliant');
    const suffixed = new s3.Bucket(stack, 'B', {
      bucketName: `clinic-${suffix()}`,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    expect(evaluate(RetryableRetainedName, l1(suffixed))).toBe('compliant');
    const adoptable = new s3.Bucket(stack, 'C', {
      bucketName: 'clinic-phi',
      removalPolicy: RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE,
    });
    expect(evaluate(RetryableRetainedName, l1(adoptable))).toBe('compliant');
  });

  test('not applicable: types without a physical name property', () => {
    const policy = new s3.CfnBucketPolicy(ruleStack(), 'P', { bucket: 'x', policyDocument: {} });
    policy.cfnOptions.deletionPolicy = CfnDeletionPolicy.RETAIN;
    expect(evaluate(RetryableRetainedName, policy)).toBe('not-applicable');
  });
});
