import { CfnResource } from 'aws-cdk-lib';
import { buildBaseline } from '../../lib/app/build-baseline';
import { parseConfig } from '../../lib/config/load';
import { testApp } from '../helpers/app';
import { defaultTemplateJson } from '../helpers/assembly';
import { byPath, flat, resources, tagsOf } from '../helpers/template-query';

describe('example PHI workload (default baseline)', () => {
  const template = defaultTemplateJson('WorkloadData');
  const [clusterId, cluster] = byPath(template, 'ExampleDatabase/Cluster/Resource');
  const [tableId, table] = byPath(template, 'ExampleTable/Table/Resource');

  test('Aurora PostgreSQL: data key, IAM authentication, deletion protection, backups, TLS forced, logs exported', () => {
    expect(cluster.Properties).toMatchObject({
      Engine: 'aurora-postgresql',
      StorageEncrypted: true,
      KmsKeyId: { 'Fn::GetAtt': [expect.stringMatching(/^DataKey/), 'Arn'] },
      EnableIAMDatabaseAuthentication: true,
      DeletionProtection: true,
      BackupRetentionPeriod: 14,
      EnableCloudwatchLogsExports: ['postgresql'],
      ManageMasterUserPassword: true,
      MasterUserSecret: { KmsKeyId: { 'Fn::GetAtt': [expect.stringMatching(/^DataKey/), 'Arn'] } },
    });
    // Retain: a Snapshot policy makes CloudFormation try to delete the protected cluster on a rollback.
    expect(cluster.DeletionPolicy).toBe('Retain');
    const group = template.Resources[cluster.Properties.DBClusterParameterGroupName.Ref];
    expect(group.Properties.Parameters['rds.force_ssl']).toBe('1');
  });

  test('a writer and a reader (two zones), in the data tier, open only to the app tier', () => {
    const instances = resources(template, 'AWS::RDS::DBInstance').filter(
      ([, i]) => i.Properties.DBClusterIdentifier?.Ref === clusterId,
    );
    expect(instances).toHaveLength(2);
    const [, subnets] = resources(template, 'AWS::RDS::DBSubnetGroup')[0];
    expect(JSON.stringify(subnets.Properties.SubnetIds)).toMatch(/ProdVpcdataSubnet/i);
    expect(JSON.stringify(cluster.Properties.VpcSecurityGroupIds)).toMatch(/ProdSecurityGroupsData/);
    const network = defaultTemplateJson('Network');
    const [, dataGroup] = byPath(network, 'Prod/SecurityGroups/Data/Resource');
    const ingress = resources(network, 'AWS::EC2::SecurityGroupIngress').filter(([, r]) =>
      flat(r.Properties.GroupId).includes('ProdSecurityGroupsData'),
    );
    expect(dataGroup.Properties.SecurityGroupIngress ?? []).toEqual([]);
    expect(ingress.map(([, r]) => [flat(r.Properties.SourceSecurityGroupId), r.Properties.FromPort])).toEqual(
      expect.arrayContaining([[expect.stringMatching(/ProdSecurityGroupsApp/), 5432]]),
    );
  });

  test('the exported log group is encrypted, keeps the configured minimum and is named after the cluster', () => {
    const [, log] = byPath(template, 'ExampleDatabase/PostgresqlLog/Resource');
    // The cluster identifier ends with a suffix unique to the stack's creation: a retry after a failed
    // first deploy never collides with a retained leftover cluster or log group.
    const [prefix, suffix] = cluster.Properties.DBClusterIdentifier['Fn::Join'][1];
    expect(prefix).toBe('hipaa-phi-example-');
    expect(JSON.stringify(suffix)).toContain('AWS::StackId');
    expect(log.Properties).toMatchObject({
      LogGroupName: { 'Fn::Join': ['', ['/aws/rds/cluster/hipaa-phi-example-', suffix, '/postgresql']] },
      RetentionInDays: 365,
    });
    expect(flat(log.Properties.KmsKeyId)).toMatch(/DataKey/);
  });

  test('DynamoDB: customer key, point-in-time recovery, deletion protection, retained', () => {
    expect(table.Properties).toMatchObject({
      SSESpecification: {
        SSEEnabled: true,
        SSEType: 'KMS',
        KMSMasterKeyId: { 'Fn::GetAtt': [expect.stringMatching(/^DataKey/), 'Arn'] },
      },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
    });
    expect(table.DeletionPolicy).toBe('Retain');
  });

  test('both are tagged PHI for the backup plan and named by an explicit selection', () => {
    expect(tagsOf(cluster)).toMatchObject({ DataClassification: 'PHI', backup: 'true' });
    expect(tagsOf(table)).toMatchObject({ DataClassification: 'PHI', backup: 'true' });
    const [, selection] = byPath(template, 'BackupPlan/ExampleWorkload');
    const named = JSON.stringify(selection.Properties.BackupSelection.Resources);
    expect(named).toContain(clusterId);
    expect(named).toContain(tableId);
  });
});

describe('example PHI workload switch', () => {
  test('platform-only deployments leave it out', () => {
    const app = testApp();
    const stacks = buildBaseline(app, parseConfig({ dataProtection: { exampleWorkload: false } }), { gate: false });
    const types = stacks.workloadData.node
      .findAll()
      .filter((c): c is CfnResource => CfnResource.isCfnResource(c))
      .map((c) => c.cfnResourceType);
    expect(types).not.toContain('AWS::RDS::DBCluster');
    expect(types).not.toContain('AWS::DynamoDB::Table');
    expect(types).toContain('AWS::Backup::BackupVault');
    expect(stacks.workloadData.database).toBeUndefined();
  });
});
