import * as backup from 'aws-cdk-lib/aws-backup';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { PhiInBackupSelection } from '../../rules/PhiInBackupSelection';
import { evaluate, ruleStack } from '../helpers/rules';

function phiTable(stack = ruleStack(), tags: Record<string, string> = {}) {
  const table = new dynamodb.Table(stack, 'T', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });
  const cfn = table.node.defaultChild as dynamodb.CfnTable;
  cfn.tags.setTag('DataClassification', 'PHI');
  for (const [k, v] of Object.entries(tags)) cfn.tags.setTag(k, v);
  return { table, cfn };
}

describe('HIPAABaseline-PhiInBackupSelection', () => {
  test('non-compliant: PHI table without backup=true and named by no selection', () => {
    expect(evaluate(PhiInBackupSelection, phiTable().cfn)).toBe('non-compliant');
  });

  test('non-compliant: backup tag set to another value', () => {
    expect(evaluate(PhiInBackupSelection, phiTable(ruleStack(), { backup: 'false' }).cfn)).toBe('non-compliant');
  });

  test('compliant: PHI table tagged backup=true', () => {
    expect(evaluate(PhiInBackupSelection, phiTable(ruleStack(), { backup: 'true' }).cfn)).toBe('compliant');
  });

  test('compliant: PHI table listed by a backup selection (L1)', () => {
    const stack = ruleStack();
    const { table, cfn } = phiTable(stack);
    new backup.CfnBackupSelection(stack, 'S', {
      backupPlanId: 'plan',
      backupSelection: {
        selectionName: 's',
        iamRoleArn: 'arn:aws:iam::123456789012:role/r',
        resources: [table.tableArn],
      },
    });
    expect(evaluate(PhiInBackupSelection, cfn)).toBe('compliant');
  });

  test('not applicable: untagged table', () => {
    const stack = ruleStack();
    const table = new dynamodb.CfnTable(stack, 'T', { keySchema: [{ attributeName: 'id', keyType: 'HASH' }] });
    expect(evaluate(PhiInBackupSelection, table)).toBe('not-applicable');
  });
});
