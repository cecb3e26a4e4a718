/**
 * Negative suite, CDK code: insecure changes made with escape hatches (property and deletion overrides,
 * raw CfnResources) that the construct-tree gate cannot see. One small app is synthesized in process
 * without the gate and without the CloudFormation validator, then its templates are checked once; each
 * case must be caught with the expected rule on the expected resource.
 */
import { CfnElement, CfnResource, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as config from 'aws-cdk-lib/aws-config';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { CheckResult } from '../../../lib/cli/check/build';
import { testApp } from '../../helpers/app';
import { checkPaths } from '../../helpers/check';

type Hatch = (stack: Stack) => CfnResource;
const l1 = <T extends CfnResource>(construct: { node: { defaultChild?: unknown } }) => construct.node.defaultChild as T;
const retainedKey = (stack: Stack, id: string) =>
  new kms.Key(stack, id, { enableKeyRotation: true, removalPolicy: RemovalPolicy.RETAIN });

/** Each case: what the escape hatch does, the rule that must catch it, and the change itself. */
const CASES: Array<[string, string, Hatch]> = [
  [
    'S3: bucket encryption deleted by an override',
    'HIPAA.Security-S3DefaultEncryptionKMS',
    (s) => {
      const bucket = l1<s3.CfnBucket>(new s3.Bucket(s, 'EncryptionDeleted', { encryption: s3.BucketEncryption.KMS }));
      bucket.addDeletionOverride('Properties.BucketEncryption');
      return bucket;
    },
  ],
  [
    'S3: public access block deleted by an override',
    'HIPAABaseline-S3BucketPublicAccessBlocked',
    (s) => {
      const bucket = l1<s3.CfnBucket>(
        new s3.Bucket(s, 'BlockDeleted', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL }),
      );
      bucket.addDeletionOverride('Properties.PublicAccessBlockConfiguration');
      return bucket;
    },
  ],
  [
    'S3: a raw CfnResource bucket',
    'HIPAA.Security-S3DefaultEncryptionKMS',
    (s) => new CfnResource(s, 'RawBucket', { type: 'AWS::S3::Bucket' }),
  ],
  [
    'KMS: rotation overridden to false',
    'HIPAABaseline-KMSKeyRotationEnabled',
    (s) => {
      const key = l1<kms.CfnKey>(retainedKey(s, 'RotationOff'));
      key.addPropertyOverride('EnableKeyRotation', false);
      return key;
    },
  ],
  [
    'KMS: DeletionPolicy overridden to Delete',
    'HIPAABaseline-StatefulResourceRetained',
    (s) => {
      const key = l1<kms.CfnKey>(retainedKey(s, 'Deletable'));
      key.addOverride('DeletionPolicy', 'Delete');
      return key;
    },
  ],
  [
    'CloudTrail: log file validation overridden off',
    'HIPAA.Security-CloudTrailLogFileValidationEnabled',
    (s) => {
      const trail = new cloudtrail.CfnTrail(s, 'Trail', {
        isLogging: true,
        s3BucketName: 'logs',
        enableLogFileValidation: true,
      });
      trail.addPropertyOverride('EnableLogFileValidation', false);
      return trail;
    },
  ],
  [
    'Logs: retention overridden to one day',
    'HIPAABaseline-LogGroupMinimumRetention',
    (s) => {
      const group = l1<logs.CfnLogGroup>(
        new logs.LogGroup(s, 'Logs', { retention: logs.RetentionDays.ONE_YEAR, removalPolicy: RemovalPolicy.RETAIN }),
      );
      group.addPropertyOverride('RetentionInDays', 1);
      return group;
    },
  ],
  [
    'SG: SSH from anywhere added by an override',
    'HIPAA.Security-EC2RestrictedSSH',
    (s) => {
      const group = new ec2.CfnSecurityGroup(s, 'AdminSg', { groupDescription: 'admin', vpcId: 'vpc-1' });
      group.addPropertyOverride('SecurityGroupIngress', [
        { CidrIp: '0.0.0.0/0', IpProtocol: 'tcp', FromPort: 22, ToPort: 22 },
      ]);
      return group;
    },
  ],
  [
    'NACL: a deny entry overridden to allow all traffic',
    'HIPAABaseline-NetworkAclNoUnrestrictedIngress',
    (s) => {
      const entry = new ec2.CfnNetworkAclEntry(s, 'AclEntry', {
        networkAclId: 'acl-1',
        ruleNumber: 100,
        protocol: -1,
        ruleAction: 'deny',
        cidrBlock: '0.0.0.0/0',
      });
      entry.addPropertyOverride('RuleAction', 'allow');
      return entry;
    },
  ],
  [
    'VPC: a raw VPC without flow logs',
    'HIPAA.Security-VPCFlowLogsEnabled',
    (s) => new ec2.CfnVPC(s, 'RawVpc', { cidrBlock: '10.8.0.0/16' }),
  ],
  [
    'GuardDuty: detector overridden to disabled',
    'HIPAABaseline-GuardDutyDetectorEnabled',
    (s) => {
      const detector = new guardduty.CfnDetector(s, 'Detector', { enable: true });
      detector.addPropertyOverride('Enable', false);
      return detector;
    },
  ],
  [
    'Config: recorder overridden to a list of types',
    'HIPAABaseline-ConfigRecorderAllResourceTypes',
    (s) => {
      const recorder = new config.CfnConfigurationRecorder(s, 'Recorder', {
        roleArn: 'arn:aws:iam::123456789012:role/c',
        recordingGroup: { allSupported: true },
      });
      recorder.addPropertyOverride('RecordingGroup', { AllSupported: false, ResourceTypes: ['AWS::S3::Bucket'] });
      return recorder;
    },
  ],
  [
    'IAM: a statement widened to admin by an override',
    'HIPAA.Security-IAMPolicyNoStatementsWithAdminAccess',
    (s) => {
      const policy = l1<iam.CfnManagedPolicy>(
        new iam.ManagedPolicy(s, 'Narrow', {
          statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::bucket/*'] })],
        }),
      );
      policy.addPropertyOverride('PolicyDocument.Statement.0.Action', '*');
      policy.addPropertyOverride('PolicyDocument.Statement.0.Resource', '*');
      return policy;
    },
  ],
  [
    'SNS: topic key deleted by an override',
    'HIPAA.Security-SNSEncryptedKMS',
    (s) => {
      const topic = l1<sns.CfnTopic>(new sns.Topic(s, 'Alerts', { masterKey: retainedKey(s, 'TopicKey') }));
      topic.addDeletionOverride('Properties.KmsMasterKeyId');
      return topic;
    },
  ],
  [
    'SQS: encryption switched off by an override',
    'AwsSolutions-SQS2',
    (s) => {
      const queue = l1<sqs.CfnQueue>(
        new sqs.Queue(s, 'Work', { encryption: sqs.QueueEncryption.SQS_MANAGED, enforceSSL: true }),
      );
      queue.addPropertyOverride('SqsManagedSseEnabled', false);
      return queue;
    },
  ],
  [
    'Lambda: VPC configuration deleted by an override',
    'HIPAA.Security-LambdaInsideVPC',
    (s) => {
      const fn = new lambda.CfnFunction(s, 'Handler', {
        code: { zipFile: 'exports.handler = async () => 1;' },
        role: 'arn:aws:iam::123456789012:role/f',
        runtime: 'nodejs20.x',
        handler: 'index.handler',
        vpcConfig: { subnetIds: ['subnet-1'], securityGroupIds: ['sg-1'] },
      });
      fn.addDeletionOverride('Properties.VpcConfig');
      return fn;
    },
  ],
  [
    'RDS: storage encryption overridden off',
    'HIPAA.Security-RDSStorageEncrypted',
    (s) => {
      const db = new rds.CfnDBInstance(s, 'Db', {
        engine: 'postgres',
        dbInstanceClass: 'db.t3.micro',
        allocatedStorage: '20',
        storageEncrypted: true,
      });
      db.addPropertyOverride('StorageEncrypted', false);
      return db;
    },
  ],
  [
    'DynamoDB: point-in-time recovery overridden off',
    'HIPAA.Security-DynamoDBPITREnabled',
    (s) => {
      const table = l1<dynamodb.CfnTable>(
        new dynamodb.Table(s, 'Table', {
          partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
          pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
          removalPolicy: RemovalPolicy.RETAIN,
        }),
      );
      table.addPropertyOverride('PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled', false);
      return table;
    },
  ],
  [
    'Backup: vault DeletionPolicy overridden to Delete',
    'HIPAABaseline-StatefulResourceRetained',
    (s) => {
      const vault = l1<backup.CfnBackupVault>(
        new backup.BackupVault(s, 'Vault', {
          removalPolicy: RemovalPolicy.RETAIN,
          encryptionKey: retainedKey(s, 'VaultKey'),
        }),
      );
      vault.addOverride('DeletionPolicy', 'Delete');
      return vault;
    },
  ],
];

let result: CheckResult;
const logicalIds = new Map<string, string>();

beforeAll(() => {
  // The project's feature flags, but no gate and no CloudFormation validator: only `check` judges.
  const app = testApp({ '@aws-cdk/core:validateAgainstDefaultRules': false });
  const stack = new Stack(app, 'EscapeHatches', { env: { account: '123456789012', region: 'us-east-1' } });
  for (const [name, , hatch] of CASES) logicalIds.set(name, stack.getLogicalId(hatch(stack) as CfnElement));
  const validation = process.env.CDK_VALIDATION;
  process.env.CDK_VALIDATION = 'false'; // skip the bundled CloudFormation validator for this throwaway app
  try {
    app.synth({ force: true, validateOnSynthesis: false });
  } finally {
    if (validation === undefined) delete process.env.CDK_VALIDATION;
    else process.env.CDK_VALIDATION = validation;
  }
  result = checkPaths([app.outdir]);
});

describe('negative suite: escape hatches in CDK code', () => {
  test.each(CASES.map(([name, rule]) => [name, rule] as const))('%s → %s', (name, rule) => {
    expect(result.findings).toContainEqual(
      expect.objectContaining({ rule, logicalId: logicalIds.get(name), template: 'EscapeHatches', severity: 'error' }),
    );
  });
});
