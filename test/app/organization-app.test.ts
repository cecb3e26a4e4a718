/**
 * Organisation mode built in process: the synth gate follows the member template (an insecure resource
 * added to the StackSet's template, a file asset and not a stack of the assembly, fails `cdk synth` like
 * one in any stack), and the guardrail options of the configuration reach the SCPs and the rule settings.
 */
import { readFileSync } from 'node:fs';
import { Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { buildOrganization } from '../../lib/app/build-organization';
import { parseConfig } from '../../lib/config/load';
import { organizationMode } from '../../lib/stacks/organization-stack-props';
import { testApp } from '../helpers/app';
import { ORGANIZATION_CONFIG } from '../helpers/paths';

const example = JSON.parse(readFileSync(ORGANIZATION_CONFIG, 'utf8'));
const configOf = (raw: any) => organizationMode(parseConfig(raw))!;

test('an unencrypted bucket in the member template fails synth, named at its path in the template', () => {
  const app = testApp();
  const stacks = buildOrganization(app, configOf(example));
  new s3.CfnBucket(stacks.management.memberBaseline.template, 'InjectedBucket');
  let message = '';
  try {
    app.synth();
  } catch (error) {
    message = (error as Error).message;
  }
  const path = stacks.management.memberBaseline.template.node.path;
  const finding = (rule: string) =>
    new RegExp(`${path}/InjectedBucket [^\\n]*\\n\\s+Acknowledge with '[^']*::${rule.replace(/\./g, '\\.')}'`);
  expect(message).toMatch(finding('HIPAA.Security-S3DefaultEncryptionKMS'));
  expect(message).toMatch(finding('HIPAABaseline-StatefulResourceRetained'));
});

test('opted-in HIPAA eligible services guardrail, own guardrail targets and break-glass role reach the SCPs', () => {
  const app = testApp();
  const config = configOf({
    ...example,
    organization: {
      ...example.organization,
      guardrailTargets: ['ou-ab12-99999999'],
      denyNonHipaaEligibleServices: true,
      breakGlassRoleName: 'Emergency',
    },
  });
  const { management } = buildOrganization(app, config);
  const template = Template.fromStack(management);
  const policies = Object.values(template.findResources('AWS::Organizations::Policy')) as any[];
  expect(policies.map((p) => p.Properties.Name).sort()).toEqual([
    'clinic-allowed-regions',
    'clinic-hipaa-eligible-services',
    'clinic-protect-baseline',
  ]);
  for (const policy of policies) {
    expect(policy.Properties.TargetIds).toEqual(['ou-ab12-99999999']);
    expect(JSON.stringify(policy.Properties.Content)).toContain('arn:*:iam::*:role/Emergency');
  }
  expect(template.toJSON().Metadata['hipaa-baseline:rule-settings'].guardrailExemptPrincipalArns).toContain(
    'arn:*:iam::*:role/Emergency',
  );
});
