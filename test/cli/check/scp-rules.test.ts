/**
 * `check` on a final template holding service control policies: the own SCP rules judge them with the
 * exemptions the template records in its rule settings (organisation mode records break-glass and the
 * remediation role), and a malformed recorded exemption is an error naming the setting.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { STACKSETS_EXECUTION_ROLE_ARN } from '../../../rules/ServiceControlPolicyExemptions';
import { checkPaths, ruleAndResource, tempDir } from '../../helpers/check';

const BREAK_GLASS = 'arn:*:iam::*:role/clinic-break-glass';

function check(settings: Record<string, unknown>, exempt: string[], padding = 0) {
  const file = join(tempDir(), 'management.template.json');
  const content = {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: `DenyStop${'x'.repeat(padding)}`,
        Effect: 'Deny',
        Action: ['cloudtrail:StopLogging'],
        Resource: '*',
        Condition: { ArnNotLike: { 'aws:PrincipalARN': exempt } },
      },
    ],
  };
  writeFileSync(
    file,
    JSON.stringify({
      Metadata: { 'hipaa-baseline:rule-settings': settings, 'hipaa-baseline:control-inventory': {} },
      Resources: {
        Guardrail: {
          Type: 'AWS::Organizations::Policy',
          Properties: { Name: 'g', Type: 'SERVICE_CONTROL_POLICY', Content: content, TargetIds: ['ou-ab12-11111111'] },
        },
      },
    }),
  );
  return checkPaths([file]);
}

describe('check: service control policies', () => {
  test('a Deny missing the recorded break-glass exemption is an error; with it, no finding', () => {
    const settings = { guardrailExemptPrincipalArns: [BREAK_GLASS] };
    expect(ruleAndResource(check(settings, [STACKSETS_EXECUTION_ROLE_ARN]))).toEqual([
      'HIPAABaseline-ServiceControlPolicyExemptions[DenyStop] Guardrail',
    ]);
    expect(ruleAndResource(check(settings, [STACKSETS_EXECUTION_ROLE_ARN, BREAK_GLASS]))).toEqual([]);
  });

  test('an SCP over 5,120 characters is an error', () => {
    expect(ruleAndResource(check({}, [STACKSETS_EXECUTION_ROLE_ARN], 5200))).toEqual([
      expect.stringMatching(/^HIPAABaseline-ServiceControlPolicySize\[5\d{3}Characters\] Guardrail$/),
    ]);
  });

  test('a recorded exemption that is no role ARN is an error naming the setting', () => {
    const result = check({ guardrailExemptPrincipalArns: ['break-glass'] }, [STACKSETS_EXECUTION_ROLE_ARN]);
    expect(ruleAndResource(result)).toEqual(['HIPAABaseline-RuleSettingsValid (template)']);
    expect(result.findings[0].message).toContain('guardrailExemptPrincipalArns');
  });
});
