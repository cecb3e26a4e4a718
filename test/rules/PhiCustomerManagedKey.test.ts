import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as opensearch from 'aws-cdk-lib/aws-opensearchservice';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { PhiCustomerManagedKey } from '../../rules/PhiCustomerManagedKey';
import { evaluate, ruleStack } from '../helpers/rules';

const phi = <T extends { tags: { setTag(k: string, v: string): void } }>(resource: T): T => {
  resource.tags.setTag('DataClassification', 'PHI');
  return resource;
};
const check = (resource: any) => evaluate(PhiCustomerManagedKey, resource);

describe('HIPAABaseline-PhiCustomerManagedKey', () => {
  test('non-compliant: PHI bucket with SSE-S3 (L2)', () => {
    const bucket = new s3.Bucket(ruleStack(), 'B', { encryption: s3.BucketEncryption.S3_MANAGED });
    expect(check(phi(bucket.node.defaultChild as s3.CfnBucket))).toBe('non-compliant');
  });

  test('non-compliant: PHI bucket with the AWS-managed key', () => {
    const bucket = new s3.CfnBucket(ruleStack(), 'B', {
      bucketEncryption: {
        serverSideEncryptionConfiguration: [
          { serverSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: 'alias/aws/s3' } },
        ],
      },
    });
    expect(check(phi(bucket))).toBe('non-compliant');
  });

  test('non-compliant: PHI table with the AWS-owned key (L1)', () => {
    const table = new dynamodb.CfnTable(ruleStack(), 'T', { keySchema: [{ attributeName: 'id', keyType: 'HASH' }] });
    expect(check(phi(table))).toBe('non-compliant');
  });

  test('non-compliant: encryption key removed by an override', () => {
    const stack = ruleStack();
    const bucket = new s3.Bucket(stack, 'B', { encryptionKey: new kms.Key(stack, 'K') });
    const cfn = phi(bucket.node.defaultChild as s3.CfnBucket);
    cfn.addPropertyOverride(
      'BucketEncryption.ServerSideEncryptionConfiguration.0.ServerSideEncryptionByDefault.SSEAlgorithm',
      'AES256',
    );
    expect(check(cfn)).toBe('non-compliant');
  });

  test('compliant: PHI bucket and table with a customer key', () => {
    const stack = ruleStack();
    const key = new kms.Key(stack, 'K');
    const bucket = new s3.Bucket(stack, 'B', { encryptionKey: key });
    const table = new dynamodb.Table(stack, 'T', {
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: key,
    });
    expect(check(phi(bucket.node.defaultChild as s3.CfnBucket))).toBe('compliant');
    expect(check(phi(table.node.defaultChild as dynamodb.CfnTable))).toBe('compliant');
  });

  test('not applicable: untagged bucket; PHI-tagged role (holds no data)', () => {
    expect(check(new s3.CfnBucket(ruleStack(), 'B'))).toBe('not-applicable');
    const role = new iam.CfnRole(ruleStack(), 'R', { assumeRolePolicyDocument: {} });
    expect(check(phi(role))).toBe('not-applicable');
  });

  test('not applicable: a customer-managed key tagged with the classification of what it protects', () => {
    const key = new kms.Key(ruleStack(), 'K', { enableKeyRotation: true });
    expect(check(phi(key.node.defaultChild as kms.CfnKey))).toBe('not-applicable');
  });

  test('a PHI-tagged data store the rule cannot judge fails loudly', () => {
    const stack = ruleStack();
    const domain = new opensearch.CfnDomain(stack, 'D', {});
    domain.tags.setTag('DataClassification', 'PHI');
    expect(() => check(domain)).toThrow(
      /AWS::OpenSearchService::Domain is tagged PHI but PhiCustomerManagedKey cannot judge/,
    );
  });
});
