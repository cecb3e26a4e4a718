import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { PhiNoPublicEndpoint } from '../../rules/PhiNoPublicEndpoint';
import { evaluate, ruleStack } from '../helpers/rules';

const phi = <T extends { tags: { setTag(k: string, v: string): void } }>(resource: T): T => {
  resource.tags.setTag('DataClassification', 'PHI');
  return resource;
};

describe('HIPAABaseline-PhiNoPublicEndpoint', () => {
  test('non-compliant: PHI database instance publicly accessible (L1)', () => {
    const db = new rds.CfnDBInstance(ruleStack(), 'D', { engine: 'postgres', publiclyAccessible: true });
    expect(evaluate(PhiNoPublicEndpoint, phi(db))).toBe('non-compliant');
  });

  test('non-compliant: PHI bucket with public access block removed by an override', () => {
    const bucket = new s3.Bucket(ruleStack(), 'B', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
    const cfn = phi(bucket.node.defaultChild as s3.CfnBucket);
    cfn.addPropertyDeletionOverride('PublicAccessBlockConfiguration');
    expect(evaluate(PhiNoPublicEndpoint, cfn)).toBe('non-compliant');
  });

  test('compliant: private PHI bucket (L2) and database', () => {
    const bucket = new s3.Bucket(ruleStack(), 'B', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
    expect(evaluate(PhiNoPublicEndpoint, phi(bucket.node.defaultChild as s3.CfnBucket))).toBe('compliant');
    const db = new rds.CfnDBInstance(ruleStack(), 'D', { engine: 'postgres', publiclyAccessible: false });
    expect(evaluate(PhiNoPublicEndpoint, phi(db))).toBe('compliant');
  });

  test('not applicable: a public bucket that is not PHI is another rule’s concern', () => {
    expect(evaluate(PhiNoPublicEndpoint, new s3.CfnBucket(ruleStack(), 'B'))).toBe('not-applicable');
  });
});
