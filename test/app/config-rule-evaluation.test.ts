/**
 * The self-check is live: each evaluator turns NON_COMPLIANT when a resource of the default baseline is
 * changed the way the managed rule forbids (non-compliant scenarios on a copy of the templates).
 */
import { loadAssembly, type StackInput } from '../../lib/cli/control-map/load';
import type { ConfigRuleIdentifier } from '../../lib/controls/catalog.generated';
import { DEFAULT_ASSEMBLY } from '../helpers/paths';
import { coverageOf, deployedManagedRules, type Evaluation } from '../support/config-rule-evaluation';

const original = loadAssembly(DEFAULT_ASSEMBLY).stacks;

/** The stacks with one change, and the evaluations of one rule over them. */
function evaluateWith(rule: ConfigRuleIdentifier, change: (stacks: StackInput[]) => void): Evaluation[] {
  const stacks = structuredClone(original) as StackInput[];
  change(stacks);
  const deployed = deployedManagedRules(stacks).find((r) => r.identifier === rule)!;
  const coverage = coverageOf(rule);
  if (coverage?.kind !== 'evaluated') throw new Error(`${rule} is not evaluated`);
  return coverage.evaluate({ rule: deployed, stacks });
}

const find = (stacks: StackInput[], stack: string, prefix: string): any => {
  const resources = stacks.find((s) => s.id === stack)!.template.Resources!;
  return resources[Object.keys(resources).find((id) => new RegExp(`^${prefix}[0-9A-F]{8}$`).test(id))!];
};
const failing = (results: Evaluation[]) =>
  results.filter((e) => e.compliance === 'NON_COMPLIANT').map((e) => e.logicalId);

describe('evaluators catch what their rule forbids', () => {
  test('S3_BUCKET_PUBLIC_READ_PROHIBITED: a public-read policy without RestrictPublicBuckets', () => {
    const results = evaluateWith('S3_BUCKET_PUBLIC_READ_PROHIBITED', (stacks) => {
      find(stacks, 'WorkloadData', 'ZonesRawPhi').Properties.PublicAccessBlockConfiguration = {};
      find(stacks, 'WorkloadData', 'ZonesRawPhiPolicy').Properties.PolicyDocument.Statement.push({
        Effect: 'Allow',
        Principal: '*',
        Action: 's3:GetObject',
        Resource: '*',
      });
    });
    expect(failing(results)).toEqual([expect.stringMatching(/^ZonesRawPhi[0-9A-F]{8}$/)]);
  });

  test('S3_BUCKET_SSL_REQUESTS_ONLY: a bucket policy without the TLS deny', () => {
    const results = evaluateWith('S3_BUCKET_SSL_REQUESTS_ONLY', (stacks) => {
      const policy = find(stacks, 'LogArchive', 'FindingsPolicy').Properties.PolicyDocument;
      policy.Statement = policy.Statement.filter((s: any) => !s.Condition?.Bool);
    });
    expect(failing(results)).toEqual([expect.stringMatching(/^Findings/)]);
  });

  test('IAM_PASSWORD_POLICY: a policy shorter than the deployed MinimumPasswordLength', () => {
    const results = evaluateWith('IAM_PASSWORD_POLICY', (stacks) => {
      find(stacks, 'SecurityTooling', 'AccountHardeningSettings').Properties.PasswordPolicy.MinimumPasswordLength = 8;
    });
    expect(results.map((e) => [e.compliance, e.why])).toEqual([['NON_COMPLIANT', 'MinimumPasswordLength is shorter']]);
  });

  test('INTERNET_GATEWAY_AUTHORIZED_VPC_ONLY: a gateway attached to a VPC not in AuthorizedVpcIds', () => {
    const results = evaluateWith('INTERNET_GATEWAY_AUTHORIZED_VPC_ONLY', (stacks) => {
      find(stacks, 'Network', 'NetworkNonprodVpcVPCGW').Properties.VpcId = { Ref: 'NetworkSharedVpcE8604868' };
    });
    expect(failing(results)).toEqual([expect.stringMatching(/^NetworkNonprodVpcIGW/)]);
  });

  test('VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS and INCOMING_SSH_DISABLED: SSH open to the internet', () => {
    const openSsh = (stacks: StackInput[]) =>
      (find(stacks, 'Network', 'NetworkProdSecurityGroupsApp').Properties.SecurityGroupIngress = [
        { CidrIp: '0.0.0.0/0', IpProtocol: 'tcp', FromPort: 22, ToPort: 22 },
      ]);
    for (const rule of ['VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS', 'INCOMING_SSH_DISABLED'] as const) {
      expect(failing(evaluateWith(rule, openSsh))).toEqual([expect.stringMatching(/^NetworkProdSecurityGroupsApp/)]);
    }
  });

  test('CLOUDWATCH_ALARM_ACTION_CHECK: an alarm that notifies another topic than action1', () => {
    const results = evaluateWith('CLOUDWATCH_ALARM_ACTION_CHECK', (stacks) => {
      find(stacks, 'SecurityTooling', 'AuditAlarmsRootAccountUseAlarm').Properties.AlarmActions = ['arn:aws:sns:x'];
    });
    expect(failing(results)).toEqual([expect.stringMatching(/^AuditAlarmsRootAccountUseAlarm/)]);
  });

  test('CLOUDTRAIL_S3_DATAEVENTS_ENABLED: the trail stops recording a PHI bucket', () => {
    const results = evaluateWith('CLOUDTRAIL_S3_DATAEVENTS_ENABLED', (stacks) => {
      const selectors = find(stacks, 'LogArchive', 'Trail').Properties.AdvancedEventSelectors;
      selectors[1].FieldSelectors[2].StartsWith.pop();
    });
    expect(results.map((e) => e.compliance)).toEqual(['NON_COMPLIANT']);
  });

  test('IAM_CUSTOMER_POLICY_BLOCKED_KMS_ACTIONS: kms:Decrypt on every key', () => {
    const results = evaluateWith('IAM_CUSTOMER_POLICY_BLOCKED_KMS_ACTIONS', (stacks) => {
      find(stacks, 'WorkloadData', 'ZonesIngestPolicy').Properties.PolicyDocument.Statement.push({
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: '*',
      });
    });
    expect(failing(results)).toEqual([expect.stringMatching(/^ZonesIngestPolicy/)]);
  });

  test('BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED: the deny without PutBackupVaultAccessPolicy', () => {
    const results = evaluateWith('BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED', (stacks) => {
      const [deny] = find(stacks, 'WorkloadData', 'BackupVault').Properties.AccessPolicy.Statement;
      deny.Action = deny.Action.filter((a: string) => a !== 'backup:PutBackupVaultAccessPolicy');
    });
    expect(results.filter((e) => e.stack === 'WorkloadData').map((e) => e.compliance)).toEqual(['NON_COMPLIANT']);
  });
});
