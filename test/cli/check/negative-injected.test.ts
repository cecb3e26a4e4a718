/**
 * Negative suite, raw: insecure resources injected into, and insecure edits made to, copies of the default
 * templates (what a template from elsewhere or a hand edit can bring). All changes go into one assembly,
 * checked once; each case must be caught with the expected rule on the expected resource.
 */
import type { CheckResult } from '../../../lib/cli/check/build';
import { changedAssembly, checkPaths, cli, idAt } from '../../helpers/check';

const retained = { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' };
const KEY_ARN = 'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555';
const open = (port: number) => ({ CidrIp: '0.0.0.0/0', IpProtocol: 'tcp', FromPort: port, ToPort: port });

/** Resources injected into the LogArchive template, by logical id. */
const INJECTED: Record<string, any> = {
  PlainBucket: { Type: 'AWS::S3::Bucket', ...retained },
  DeletableKey: { Type: 'AWS::KMS::Key', Properties: { KeyPolicy: {}, EnableKeyRotation: true } },
  Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.9.0.0/16' } },
  SshOpen: {
    Type: 'AWS::EC2::SecurityGroup',
    Properties: { GroupDescription: 'ssh', VpcId: { Ref: 'Vpc' }, SecurityGroupIngress: [open(22)] },
  },
  RdpOpen: {
    Type: 'AWS::EC2::SecurityGroup',
    Properties: { GroupDescription: 'rdp', VpcId: { Ref: 'Vpc' }, SecurityGroupIngress: [open(3389)] },
  },
  Acl: { Type: 'AWS::EC2::NetworkAcl', Properties: { VpcId: { Ref: 'Vpc' } } },
  AclAllowAll: {
    Type: 'AWS::EC2::NetworkAclEntry',
    Properties: {
      NetworkAclId: { Ref: 'Acl' },
      RuleNumber: 100,
      Protocol: -1,
      RuleAction: 'allow',
      Egress: false,
      CidrBlock: '0.0.0.0/0',
    },
  },
  PublicSubnet: {
    Type: 'AWS::EC2::Subnet',
    Properties: { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.9.0.0/24', MapPublicIpOnLaunch: true },
  },
  Igw: { Type: 'AWS::EC2::InternetGateway' },
  RouteTable: { Type: 'AWS::EC2::RouteTable', Properties: { VpcId: { Ref: 'Vpc' } } },
  RouteToInternet: {
    Type: 'AWS::EC2::Route',
    Properties: { RouteTableId: { Ref: 'RouteTable' }, DestinationCidrBlock: '0.0.0.0/0', GatewayId: { Ref: 'Igw' } },
  },
  Detector: { Type: 'AWS::GuardDuty::Detector', Properties: { Enable: false } },
  AdminPolicy: {
    Type: 'AWS::IAM::ManagedPolicy',
    Properties: {
      PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
    },
  },
  PolicyUser: {
    Type: 'AWS::IAM::User',
    Properties: {
      Policies: [
        {
          PolicyName: 'p',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }],
          },
        },
      ],
    },
  },
  PlainTopic: { Type: 'AWS::SNS::Topic' },
  PlainQueue: { Type: 'AWS::SQS::Queue', Properties: { SqsManagedSseEnabled: false } },
  OutsideVpcFunction: {
    Type: 'AWS::Lambda::Function',
    Properties: {
      Runtime: 'nodejs20.x',
      Handler: 'index.handler',
      Role: 'arn:aws:iam::123456789012:role/r',
      Code: { ZipFile: 'exports.handler=()=>1' },
    },
  },
  PublicInvoke: {
    Type: 'AWS::Lambda::Permission',
    Properties: { Action: 'lambda:InvokeFunction', FunctionName: { Ref: 'OutsideVpcFunction' }, Principal: '*' },
  },
  UnencryptedDb: {
    Type: 'AWS::RDS::DBInstance',
    DeletionPolicy: 'Snapshot',
    UpdateReplacePolicy: 'Snapshot',
    Properties: { Engine: 'postgres', DBInstanceClass: 'db.t3.micro', AllocatedStorage: '20', StorageEncrypted: false },
  },
  PublicDb: {
    Type: 'AWS::RDS::DBInstance',
    DeletionPolicy: 'Snapshot',
    UpdateReplacePolicy: 'Snapshot',
    Properties: {
      Engine: 'postgres',
      DBInstanceClass: 'db.t3.micro',
      AllocatedStorage: '20',
      StorageEncrypted: true,
      KmsKeyId: KEY_ARN,
      PubliclyAccessible: true,
    },
  },
  NoPitrTable: {
    Type: 'AWS::DynamoDB::Table',
    ...retained,
    Properties: {
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
    },
  },
  DeletableTable: {
    Type: 'AWS::DynamoDB::Table',
    Properties: {
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    },
  },
  DeletableVault: {
    Type: 'AWS::Backup::BackupVault',
    Properties: { BackupVaultName: 'phi', EncryptionKeyArn: KEY_ARN },
  },
};

let result: CheckResult;
const ids: Record<string, string> = {};

beforeAll(() => {
  const dir = changedAssembly(({ LogArchive: t }) => {
    const id = (path: string) => idAt(t, path);
    const r = t.Resources;
    Object.assign(ids, {
      auditLogs: id('LogArchive/Archive/AuditLogs/Resource'),
      auditLogsPolicy: id('LogArchive/Archive/AuditLogs/Policy/Resource'),
      accessLogs: id('LogArchive/Archive/AccessLogs/Resource'),
      logsKey: id('LogArchive/LogsKey/Key/Resource'),
      trail: id('LogArchive/Trail/Trail'),
      logGroup: id('LogArchive/Trail/LogGroup/Resource'),
      recorder: id('LogArchive/ConfigRecording/Recorder'),
    });
    delete r[ids.auditLogs].Properties.PublicAccessBlockConfiguration;
    delete r[ids.auditLogs].Properties.ObjectLockConfiguration;
    r[ids.accessLogs].Properties.VersioningConfiguration = { Status: 'Suspended' };
    r[ids.auditLogsPolicy].Properties.PolicyDocument.Statement = r[
      ids.auditLogsPolicy
    ].Properties.PolicyDocument.Statement.filter(
      (statement: any) => !statement.Condition?.Bool?.['aws:SecureTransport'],
    );
    r[ids.logsKey].Properties.EnableKeyRotation = false;
    r[ids.trail].Properties.EnableLogFileValidation = false;
    delete r[ids.trail].Properties.KMSKeyId;
    delete r[ids.trail].Properties.CloudWatchLogsLogGroupArn;
    r[ids.logGroup].Properties.RetentionInDays = 7;
    delete r[ids.logGroup].Properties.KmsKeyId;
    r[ids.recorder].Properties.RecordingGroup = { AllSupported: false, ResourceTypes: ['AWS::S3::Bucket'] };
    Object.assign(r, INJECTED);
  });
  result = checkPaths([dir]);
});

const CASES: Array<[string, string, () => string]> = [
  ['S3: a bucket without default encryption', 'HIPAA.Security-S3DefaultEncryptionKMS', () => 'PlainBucket'],
  ['S3: public access block deleted', 'HIPAABaseline-S3BucketPublicAccessBlocked', () => ids.auditLogs],
  ['S3: versioning suspended', 'HIPAA.Security-S3BucketVersioningEnabled', () => ids.accessLogs],
  [
    'S3: TLS-only statement removed from the bucket policy',
    'HIPAA.Security-S3BucketSSLRequestsOnly',
    () => ids.auditLogs,
  ],
  ['S3: Object Lock removed from the audit-log bucket', 'HIPAABaseline-AuditLogBucketObjectLock', () => ids.auditLogs],
  ['KMS: rotation switched off', 'HIPAABaseline-KMSKeyRotationEnabled', () => ids.logsKey],
  ['KMS: a key that is not retained', 'HIPAABaseline-StatefulResourceRetained', () => 'DeletableKey'],
  ['CloudTrail: log file validation off', 'HIPAA.Security-CloudTrailLogFileValidationEnabled', () => ids.trail],
  ['CloudTrail: encryption removed', 'HIPAA.Security-CloudTrailEncryptionEnabled', () => ids.trail],
  ['CloudTrail: CloudWatch Logs delivery removed', 'HIPAA.Security-CloudTrailCloudWatchLogsEnabled', () => ids.trail],
  ['Logs: retention shortened to 7 days', 'HIPAABaseline-LogGroupMinimumRetention', () => ids.logGroup],
  ['Logs: encryption removed', 'HIPAA.Security-CloudWatchLogGroupEncrypted', () => ids.logGroup],
  ['VPC: no flow logs', 'HIPAA.Security-VPCFlowLogsEnabled', () => 'Vpc'],
  ['SG: SSH open to the internet', 'HIPAA.Security-EC2RestrictedSSH', () => 'SshOpen'],
  ['SG: RDP open to the internet', 'HIPAA.Security-EC2RestrictedCommonPorts', () => 'RdpOpen'],
  ['NACL: all traffic allowed from anywhere', 'HIPAABaseline-NetworkAclNoUnrestrictedIngress', () => 'AclAllowAll'],
  ['VPC: subnet assigning public IPs', 'HIPAA.Security-VPCSubnetAutoAssignPublicIpDisabled', () => 'PublicSubnet'],
  [
    'VPC: unrestricted route to an internet gateway',
    'HIPAA.Security-VPCNoUnrestrictedRouteToIGW',
    () => 'RouteToInternet',
  ],
  ['GuardDuty: detector disabled', 'HIPAABaseline-GuardDutyDetectorEnabled', () => 'Detector'],
  ['Config: recorder limited to a list of types', 'HIPAABaseline-ConfigRecorderAllResourceTypes', () => ids.recorder],
  ['IAM: administrator policy', 'HIPAA.Security-IAMPolicyNoStatementsWithAdminAccess', () => 'AdminPolicy'],
  ['IAM: user with its own policies', 'HIPAA.Security-IAMUserNoPolicies', () => 'PolicyUser'],
  ['SNS: topic without a KMS key', 'HIPAA.Security-SNSEncryptedKMS', () => 'PlainTopic'],
  ['SQS: queue without encryption', 'AwsSolutions-SQS2', () => 'PlainQueue'],
  ['Lambda: function outside a VPC', 'HIPAA.Security-LambdaInsideVPC', () => 'OutsideVpcFunction'],
  ['Lambda: invocation open to everyone', 'HIPAA.Security-LambdaFunctionPublicAccessProhibited', () => 'PublicInvoke'],
  ['RDS: storage not encrypted', 'HIPAA.Security-RDSStorageEncrypted', () => 'UnencryptedDb'],
  ['RDS: publicly accessible instance', 'HIPAA.Security-RDSInstancePublicAccess', () => 'PublicDb'],
  ['DynamoDB: no point-in-time recovery', 'HIPAA.Security-DynamoDBPITREnabled', () => 'NoPitrTable'],
  ['DynamoDB: table not retained', 'HIPAABaseline-StatefulResourceRetained', () => 'DeletableTable'],
  ['Backup: vault not retained', 'HIPAABaseline-StatefulResourceRetained', () => 'DeletableVault'],
  ['Backup: table in no backup plan', 'HIPAA.Security-DynamoDBInBackupPlan', () => 'NoPitrTable'],
];

describe('negative suite: changes injected into the final templates', () => {
  test.each(CASES)('%s → %s', (_name, rule, logicalId) => {
    expect(result.findings).toContainEqual(
      expect.objectContaining({ rule, logicalId: logicalId(), template: 'LogArchive', severity: 'error' }),
    );
  });

  test('one injected change through the CLI exits 1 naming the resource and the rule', () => {
    const dir = changedAssembly(({ WorkloadData: t }) => {
      t.Resources.PlainTopic = INJECTED.PlainTopic;
    });
    const run = cli(['check', dir]);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^ {2}error +HIPAA\.Security-SNSEncryptedKMS +PlainTopic /m);
  });
});
