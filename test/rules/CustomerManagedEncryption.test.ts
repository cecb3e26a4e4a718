import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as backup from 'aws-cdk-lib/aws-backup';
import { CustomerManagedEncryption } from '../../rules/CustomerManagedEncryption';
import { evaluate, ruleStack } from '../helpers/rules';

const check = (resource: Parameters<typeof evaluate>[1]) => evaluate(CustomerManagedEncryption, resource);
const l1 = <T>(construct: { node: { defaultChild?: unknown } }) => construct.node.defaultChild as T;

describe('HIPAABaseline-CustomerManagedEncryption', () => {
  test('non-compliant: SSE-S3 bucket, SQS-managed queue, unencrypted topic and log group (L2)', () => {
    const stack = ruleStack();
    expect(check(l1(new s3.Bucket(stack, 'B', { encryption: s3.BucketEncryption.S3_MANAGED })))).toBe('non-compliant');
    expect(check(l1(new sqs.Queue(stack, 'Q', { encryption: sqs.QueueEncryption.SQS_MANAGED })))).toBe('non-compliant');
    expect(check(l1(new sns.Topic(stack, 'T')))).toBe('non-compliant');
    expect(check(l1(new logs.LogGroup(stack, 'G')))).toBe('non-compliant');
  });

  test('non-compliant: the AWS-managed key (L1)', () => {
    const queue = new sqs.CfnQueue(ruleStack(), 'Q', { kmsMasterKeyId: 'alias/aws/sqs' });
    expect(check(queue)).toBe('non-compliant');
  });

  test('non-compliant: the key removed by an override', () => {
    const stack = ruleStack();
    const vault = new backup.BackupVault(stack, 'V', { encryptionKey: new kms.Key(stack, 'K') });
    const cfn = l1<backup.CfnBackupVault>(vault);
    cfn.addPropertyDeletionOverride('EncryptionKeyArn');
    expect(check(cfn)).toBe('non-compliant');
  });

  test('compliant: a customer key of the template or by ARN', () => {
    const stack = ruleStack();
    const key = new kms.Key(stack, 'K');
    expect(check(l1(new s3.Bucket(stack, 'B', { encryptionKey: key })))).toBe('compliant');
    expect(check(l1(new sqs.Queue(stack, 'Q', { encryptionMasterKey: key })))).toBe('compliant');
    expect(check(l1(new logs.LogGroup(stack, 'G', { encryptionKey: key })))).toBe('compliant');
    const topic = new sns.CfnTopic(stack, 'T', {
      kmsMasterKeyId: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    });
    expect(check(topic)).toBe('compliant');
  });

  describe('function environment variables', () => {
    const fn = (props: Partial<lambda.CfnFunctionProps> = {}) =>
      new lambda.CfnFunction(ruleStack(), 'F', {
        role: 'arn:aws:iam::111122223333:role/r',
        code: { zipFile: 'exports.handler = async () => 1' },
        runtime: 'nodejs20.x',
        handler: 'index.handler',
        ...props,
      });
    const variables = { environment: { variables: { SETTING: 'value' } } };

    test('non-compliant: environment variables under the AWS-managed key (no KmsKeyArn)', () => {
      expect(check(fn(variables))).toBe('non-compliant');
    });

    test('non-compliant: the key removed by an override', () => {
      const f = fn({ ...variables, kmsKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/k' });
      f.addDeletionOverride('Properties.KmsKeyArn');
      expect(check(f)).toBe('non-compliant');
    });

    test('compliant: environment variables under a customer key', () => {
      expect(check(fn({ ...variables, kmsKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/k' }))).toBe('compliant');
    });

    test('not applicable: a function without environment variables', () => {
      expect(check(fn())).toBe('not-applicable');
    });
  });

  test('not applicable: types that hold no data', () => {
    expect(check(new sns.CfnSubscription(ruleStack(), 'S', { topicArn: 'x', protocol: 'email' }))).toBe(
      'not-applicable',
    );
  });
});
