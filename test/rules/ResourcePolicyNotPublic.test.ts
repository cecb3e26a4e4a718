import { Aws } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secrets from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { ResourcePolicyNotPublic } from '../../rules/ResourcePolicyNotPublic';
import { evaluate, ruleStack, SETTINGS } from '../helpers/rules';

const statement = (extra: Record<string, unknown>) => ({
  Effect: 'Allow',
  Principal: '*',
  Action: 's3:GetObject',
  Resource: 'arn:aws:s3:::b/*',
  ...extra,
});
function bucketPolicy(...statements: Record<string, unknown>[]) {
  return new s3.CfnBucketPolicy(ruleStack(), 'P', {
    bucket: 'b',
    policyDocument: { Version: '2012-10-17', Statement: statements },
  });
}
const check = (resource: Parameters<typeof evaluate>[1], settings = SETTINGS) =>
  evaluate(ResourcePolicyNotPublic, resource, settings);

describe('HIPAABaseline-ResourcePolicyNotPublic', () => {
  test('non-compliant: a bucket policy allowing anyone, with no condition (L1)', () => {
    expect(check(bucketPolicy(statement({})))).toBe('non-compliant');
    expect(check(bucketPolicy(statement({ Principal: { AWS: '*' } })))).toBe('non-compliant');
    expect(check(bucketPolicy(statement({ Principal: { AWS: ['arn:aws:iam::111122223333:root', '*'] } })))).toBe(
      'non-compliant',
    );
  });

  test('non-compliant: conditions that do not confine (IfExists, negated, ForAllValues, a wildcard value)', () => {
    for (const condition of [
      { StringEqualsIfExists: { 'aws:PrincipalAccount': Aws.ACCOUNT_ID } },
      { StringNotEquals: { 'aws:PrincipalAccount': '111122223333' } },
      { 'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
      { StringLike: { 'aws:PrincipalAccount': '*' } },
      { StringEquals: { 'aws:SecureTransport': 'true' } },
    ]) {
      expect([condition, check(bucketPolicy(statement({ Condition: condition })))]).toEqual([
        condition,
        'non-compliant',
      ]);
    }
  });

  test('non-compliant: NotPrincipal in an Allow', () => {
    expect(check(bucketPolicy(statement({ Principal: undefined, NotPrincipal: { AWS: 'arn:aws:iam::1:root' } })))).toBe(
      'non-compliant',
    );
  });

  test('non-compliant: a foreign account when the configuration names this one', () => {
    const policy = bucketPolicy(statement({ Principal: { AWS: 'arn:aws:iam::444455556666:root' } }));
    expect(check(policy, { ...SETTINGS, account: '111122223333' })).toBe('non-compliant');
    expect(check(policy)).toBe('compliant'); // without a configured account, a named account is the author's choice
  });

  test('non-compliant: a condition value the rule cannot resolve fails loudly', () => {
    const policy = bucketPolicy(
      statement({ Condition: { StringEquals: { 'aws:PrincipalOrgID': { 'Fn::ImportValue': 'org-id' } } } }),
    );
    expect(check(policy)).toBe('non-compliant');
    expect(
      ResourcePolicyNotPublic.findings!(
        { logicalId: 'P', Type: 'AWS::S3::BucketPolicy', Properties: { PolicyDocument: policy.policyDocument } },
        { settings: SETTINGS, resources: new Map(), templateMetadata: {} },
      ),
    ).toEqual(['Statement0-unresolvable']);
  });

  test('non-compliant: a role trust for anyone; a secret policy as a JSON string; a public statement added by an override', () => {
    const role = new iam.CfnRole(ruleStack(), 'R', {
      assumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] },
    });
    expect(check(role)).toBe('non-compliant');
    const secretPolicy = new secrets.CfnResourcePolicy(ruleStack(), 'S', {
      secretId: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:x',
      resourcePolicy: {},
    });
    // A template may carry the document as a JSON string.
    secretPolicy.addPropertyOverride(
      'ResourcePolicy',
      JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'secretsmanager:*' }] }),
    );
    expect(check(secretPolicy)).toBe('non-compliant');
    const stack = ruleStack();
    const queue = new sqs.Queue(stack, 'Q');
    queue.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.AccountRootPrincipal()],
        actions: ['sqs:SendMessage'],
        resources: ['*'],
      }),
    );
    const cfnPolicy = queue.node.findChild('Policy').node.defaultChild as sqs.CfnQueuePolicy;
    cfnPolicy.addPropertyOverride('PolicyDocument.Statement.1', {
      Effect: 'Allow',
      Principal: '*',
      Action: 'sqs:*',
      Resource: '*',
    });
    expect(check(cfnPolicy)).toBe('non-compliant');
  });

  test('non-compliant: a Lambda permission for anyone without a source condition', () => {
    const stack = ruleStack();
    const permission = new lambda.CfnPermission(stack, 'Invoke', {
      action: 'lambda:InvokeFunction',
      functionName: 'fn',
      principal: '*',
    });
    expect(check(permission)).toBe('non-compliant');
  });

  test('compliant: anyone confined by aws:PrincipalAccount, aws:PrincipalOrgID, kms:CallerAccount or aws:SourceArn', () => {
    expect(
      check(bucketPolicy(statement({ Condition: { StringEquals: { 'aws:PrincipalAccount': Aws.ACCOUNT_ID } } }))),
    ).toBe('compliant');
    expect(
      check(bucketPolicy(statement({ Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }))),
    ).toBe('compliant');
    const key = new kms.Key(ruleStack(), 'K');
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.AnyPrincipal()],
        actions: ['kms:Decrypt'],
        resources: ['*'],
        conditions: {
          StringEquals: { 'kms:CallerAccount': Aws.ACCOUNT_ID, 'kms:ViaService': 's3.us-east-1.amazonaws.com' },
        },
      }),
    );
    expect(check(key.node.defaultChild as kms.CfnKey)).toBe('compliant');
    const permission = new lambda.CfnPermission(ruleStack(), 'Invoke', {
      action: 'lambda:InvokeFunction',
      functionName: 'fn',
      principal: '*',
      sourceArn: 'arn:aws:events:us-east-1:111122223333:rule/x',
    });
    expect(check(permission)).toBe('compliant');
  });

  test('compliant: service principals, account principals and Deny statements for anyone', () => {
    const policy = bucketPolicy(
      { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 's3:PutObject', Resource: '*' },
      {
        Effect: 'Allow',
        Principal: { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' } },
        Action: 's3:*',
        Resource: '*',
      },
      {
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: '*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    );
    expect(check(policy)).toBe('compliant');
  });

  test('not applicable: a type without a resource policy', () => {
    expect(check(new sqs.CfnQueue(ruleStack(), 'Q'))).toBe('not-applicable');
  });
});
