import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { RDSForcesTls } from '../../rules/RDSForcesTls';
import { evaluate, ruleStack } from '../helpers/rules';

function cluster(parameters?: Record<string, string>) {
  const stack = ruleStack();
  const vpc = new ec2.Vpc(stack, 'V', { availabilityZones: ['us-east-1a', 'us-east-1b'], natGateways: 0 });
  const engine = rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 });
  const db = new rds.DatabaseCluster(stack, 'C', {
    engine,
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    writer: rds.ClusterInstance.serverlessV2('writer'),
    parameterGroup: parameters ? new rds.ParameterGroup(stack, 'P', { engine, parameters }) : undefined,
  });
  return db.node.defaultChild as rds.CfnDBCluster;
}

describe('HIPAABaseline-RDSForcesTls', () => {
  test('non-compliant: Aurora PostgreSQL cluster with the engine default parameters', () => {
    expect(evaluate(RDSForcesTls, cluster())).toBe('non-compliant');
  });

  test('non-compliant: parameter group that does not force TLS', () => {
    expect(evaluate(RDSForcesTls, cluster({ log_connections: '1' }))).toBe('non-compliant');
  });

  test('non-compliant: raw L1 instance with a parameter group name from outside the template', () => {
    const db = new rds.CfnDBInstance(ruleStack(), 'D', { engine: 'postgres', dbParameterGroupName: 'external-group' });
    expect(evaluate(RDSForcesTls, db)).toBe('non-compliant');
  });

  test('compliant: cluster parameter group with rds.force_ssl = 1', () => {
    expect(evaluate(RDSForcesTls, cluster({ 'rds.force_ssl': '1' }))).toBe('compliant');
  });

  test('not applicable: SQL Server', () => {
    expect(evaluate(RDSForcesTls, new rds.CfnDBInstance(ruleStack(), 'D', { engine: 'sqlserver-se' }))).toBe(
      'not-applicable',
    );
  });
});
