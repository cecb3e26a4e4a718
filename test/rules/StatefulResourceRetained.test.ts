import { CfnDeletionPolicy, RemovalPolicy } from 'aws-cdk-lib';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { StatefulResourceRetained } from '../../rules/StatefulResourceRetained';
import { evaluate, ruleStack } from '../helpers/rules';

const check = (resource: any) => evaluate(StatefulResourceRetained, resource);

describe('HIPAABaseline-StatefulResourceRetained', () => {
  test('non-compliant: L2 bucket destroyed on delete', () => {
    const bucket = new s3.Bucket(ruleStack(), 'B', { removalPolicy: RemovalPolicy.DESTROY });
    expect(check(bucket.node.defaultChild)).toBe('non-compliant');
  });

  test('non-compliant: Retain removed by a deletion override', () => {
    const bucket = new s3.Bucket(ruleStack(), 'B', { removalPolicy: RemovalPolicy.RETAIN });
    (bucket.node.defaultChild as s3.CfnBucket).addDeletionOverride('DeletionPolicy');
    expect(check(bucket.node.defaultChild)).toBe('non-compliant');
  });

  test('non-compliant: raw L1 bucket with no policies', () => {
    expect(check(new s3.CfnBucket(ruleStack(), 'B'))).toBe('non-compliant');
  });

  test('non-compliant: Snapshot on a type that cannot snapshot', () => {
    const bucket = new s3.CfnBucket(ruleStack(), 'B');
    bucket.cfnOptions.deletionPolicy = CfnDeletionPolicy.SNAPSHOT;
    bucket.cfnOptions.updateReplacePolicy = CfnDeletionPolicy.SNAPSHOT;
    expect(check(bucket)).toBe('non-compliant');
  });

  test('compliant: L2 bucket retained (the default)', () => {
    expect(check(new s3.Bucket(ruleStack(), 'B').node.defaultChild)).toBe('compliant');
  });

  test('compliant: database with Snapshot policies', () => {
    const cluster = new rds.CfnDBCluster(ruleStack(), 'C', { engine: 'aurora-postgresql' });
    cluster.cfnOptions.deletionPolicy = CfnDeletionPolicy.SNAPSHOT;
    cluster.cfnOptions.updateReplacePolicy = CfnDeletionPolicy.SNAPSHOT;
    expect(check(cluster)).toBe('compliant');
  });

  test('not applicable: a queue holds no durable data', () => {
    expect(check(new sqs.Queue(ruleStack(), 'Q').node.defaultChild)).toBe('not-applicable');
  });
});

describe('HIPAABaseline-StatefulResourceRetained (cluster members)', () => {
  test('not applicable: an Aurora cluster member holds no data of its own', () => {
    const instance = new rds.CfnDBInstance(ruleStack(), 'I', { engine: 'aurora-postgresql', dbClusterIdentifier: 'c' });
    expect(check(instance)).toBe('not-applicable');
  });
});
