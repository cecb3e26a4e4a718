import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as rds from 'aws-cdk-lib/aws-rds';
import { DataDeletionProtection } from '../../rules/DataDeletionProtection';
import { evaluate, ruleStack } from '../helpers/rules';

describe('HIPAABaseline-DataDeletionProtection', () => {
  test('non-compliant: DynamoDB table without deletion protection (L2)', () => {
    const table = new dynamodb.Table(ruleStack(), 'T', {
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
    });
    expect(evaluate(DataDeletionProtection, table.node.defaultChild as dynamodb.CfnTable)).toBe('non-compliant');
  });

  test('non-compliant: RDS cluster without deletion protection (L1)', () => {
    expect(
      evaluate(DataDeletionProtection, new rds.CfnDBCluster(ruleStack(), 'C', { engine: 'aurora-postgresql' })),
    ).toBe('non-compliant');
  });

  test('non-compliant: protection switched off by an override', () => {
    const table = new dynamodb.Table(ruleStack(), 'T', {
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
      deletionProtection: true,
    });
    const cfn = table.node.defaultChild as dynamodb.CfnTable;
    cfn.addPropertyOverride('DeletionProtectionEnabled', false);
    expect(evaluate(DataDeletionProtection, cfn)).toBe('non-compliant');
  });

  test('compliant: table and cluster protected', () => {
    const table = new dynamodb.Table(ruleStack(), 'T', {
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
      deletionProtection: true,
    });
    expect(evaluate(DataDeletionProtection, table.node.defaultChild as dynamodb.CfnTable)).toBe('compliant');
    const cluster = new rds.CfnDBCluster(ruleStack(), 'C', { engine: 'aurora-postgresql', deletionProtection: true });
    expect(evaluate(DataDeletionProtection, cluster)).toBe('compliant');
  });

  test('not applicable: an instance inside an Aurora cluster', () => {
    const instance = new rds.CfnDBInstance(ruleStack(), 'I', { engine: 'aurora-postgresql', dbClusterIdentifier: 'c' });
    expect(evaluate(DataDeletionProtection, instance)).toBe('not-applicable');
  });
});
