import { Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { DatabaseBackupRetention } from '../../rules/DatabaseBackupRetention';
import { evaluate, ruleStack, SETTINGS } from '../helpers/rules';

const cluster = (props: Partial<rds.CfnDBClusterProps> = {}) =>
  new rds.CfnDBCluster(ruleStack(), 'C', { engine: 'aurora-postgresql', ...props });
const check = (resource: Parameters<typeof evaluate>[1]) => evaluate(DatabaseBackupRetention, resource);

describe('HIPAABaseline-DatabaseBackupRetention', () => {
  test('non-compliant: no BackupRetentionPeriod (the 1-day default)', () => {
    expect(check(cluster())).toBe('non-compliant');
  });

  test.each([0, 1, SETTINGS.backupMinRetentionDays - 1])('non-compliant: %d days', (days) => {
    expect(check(cluster({ backupRetentionPeriod: days }))).toBe('non-compliant');
  });

  test('non-compliant: shortened by an override', () => {
    const c = cluster({ backupRetentionPeriod: 14 });
    c.addPropertyOverride('BackupRetentionPeriod', 1);
    expect(check(c)).toBe('non-compliant');
  });

  test('non-compliant: an intrinsic the rule cannot read', () => {
    const c = cluster();
    c.addPropertyOverride('BackupRetentionPeriod', { 'Fn::ImportValue': 'days' });
    expect(check(c)).toBe('non-compliant');
  });

  test('non-compliant: a standalone instance with the default', () => {
    expect(
      check(new rds.CfnDBInstance(ruleStack(), 'I', { engine: 'postgres', dbInstanceClass: 'db.t4g.micro' })),
    ).toBe('non-compliant');
  });

  test('compliant: the L2 cluster keeping backups 14 days', () => {
    const stack = ruleStack();
    const db = new rds.DatabaseCluster(stack, 'Db', {
      engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }),
      writer: rds.ClusterInstance.serverlessV2('writer'),
      vpc: new ec2.Vpc(stack, 'Vpc'),
      backup: { retention: Duration.days(14) },
    });
    expect(check(db.node.defaultChild as rds.CfnDBCluster)).toBe('compliant');
  });

  test('compliant: exactly the minimum', () => {
    expect(check(cluster({ backupRetentionPeriod: SETTINGS.backupMinRetentionDays }))).toBe('compliant');
  });

  test('not applicable: a member instance of a cluster; other types', () => {
    const stack = ruleStack();
    const member = new rds.CfnDBInstance(stack, 'I', {
      engine: 'aurora-postgresql',
      dbClusterIdentifier: 'c',
      dbInstanceClass: 'db.serverless',
    });
    expect(check(member)).toBe('not-applicable');
    expect(check(new rds.CfnDBSubnetGroup(stack, 'S', { dbSubnetGroupDescription: 'd', subnetIds: ['s'] }))).toBe(
      'not-applicable',
    );
  });
});
