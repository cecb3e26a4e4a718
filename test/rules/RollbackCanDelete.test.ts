import { CfnDeletionPolicy, RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { RollbackCanDelete } from '../../rules/RollbackCanDelete';
import { evaluate, ruleStack } from '../helpers/rules';

function cluster(removalPolicy?: RemovalPolicy, ownGroup = false) {
  const stack = ruleStack();
  const vpc = new ec2.Vpc(stack, 'Vpc', {
    availabilityZones: ['us-east-1a', 'us-east-1b'],
    natGateways: 0,
    subnetConfiguration: [{ name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
  });
  const db = new rds.DatabaseCluster(stack, 'Db', {
    engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }),
    writer: rds.ClusterInstance.serverlessV2('writer'),
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    // A group of another stack: CloudFormation never deletes it with this one.
    securityGroups: ownGroup
      ? undefined
      : [ec2.SecurityGroup.fromSecurityGroupId(stack, 'Data', 'sg-0123456789abcdef0')],
    deletionProtection: true,
    removalPolicy,
  });
  return { db, cfn: db.node.defaultChild as rds.CfnDBCluster };
}

describe('HIPAABaseline-RollbackCanDelete', () => {
  test('non-compliant: a deletion-protected cluster with the default Snapshot policy (L2)', () => {
    expect(evaluate(RollbackCanDelete, cluster().cfn)).toBe('non-compliant');
  });

  test('non-compliant: a deletion-protected table switched to Delete by an override (L1)', () => {
    const table = new dynamodb.CfnTable(ruleStack(), 'T', {
      keySchema: [{ attributeName: 'id', keyType: 'HASH' }],
      attributeDefinitions: [{ attributeName: 'id', attributeType: 'S' }],
      deletionProtectionEnabled: true,
    });
    table.cfnOptions.deletionPolicy = CfnDeletionPolicy.RETAIN;
    table.addOverride('DeletionPolicy', 'Delete');
    expect(evaluate(RollbackCanDelete, table)).toBe('non-compliant');
  });

  test('non-compliant: a retained cluster whose subnet group is deleted on rollback', () => {
    const { db, cfn } = cluster(RemovalPolicy.RETAIN);
    const subnets = db.node.findAll().find((c) => c instanceof rds.CfnDBSubnetGroup) as rds.CfnDBSubnetGroup;
    subnets.addOverride('DeletionPolicy', 'Delete');
    expect(evaluate(RollbackCanDelete, cfn)).toBe('non-compliant');
  });

  test('non-compliant: a retained cluster using a security group of its own template that is not retained', () => {
    expect(evaluate(RollbackCanDelete, cluster(RemovalPolicy.RETAIN, true).cfn)).toBe('non-compliant');
  });

  test('compliant: deletion protection with Retain, and what it uses retained too', () => {
    expect(evaluate(RollbackCanDelete, cluster(RemovalPolicy.RETAIN).cfn)).toBe('compliant');
  });

  test('not applicable: nothing protected or retained', () => {
    const table = new dynamodb.CfnTable(ruleStack(), 'T', {
      keySchema: [{ attributeName: 'id', keyType: 'HASH' }],
      attributeDefinitions: [{ attributeName: 'id', attributeType: 'S' }],
    });
    expect(evaluate(RollbackCanDelete, table)).toBe('not-applicable');
  });
});
