import { ServiceControlPolicyExemptions } from '../../rules/ServiceControlPolicyExemptions';
import {
  GLOBAL_SERVICE_ACTIONS,
  guardrails,
  MODEL_INVOCATION_ACTIONS,
  SCP_MAX_CHARACTERS,
  scpSize,
  STACKSETS_EXECUTION_ROLE_ARN,
  type GuardrailOptions,
} from '../../lib/organization/guardrails';
import { SETTINGS } from '../helpers/rules';

const OPTIONS: GuardrailOptions = {
  namePrefix: 'clinic',
  allowedRegions: ['us-east-1', 'us-west-2'],
  exemptPrincipalArns: [STACKSETS_EXECUTION_ROLE_ARN, 'arn:*:iam::*:role/clinic-break-glass'],
  denyNonHipaaEligibleServices: false,
};

const statement = (id: string, sid: string, options = OPTIONS) =>
  guardrails(options)
    .find((g) => g.id === id)!
    .document.Statement.find((s) => s.Sid === sid)!;

describe('preventive guardrails (SCP documents)', () => {
  test('deny leaving the organisation, with no exemption', () => {
    expect(statement('ProtectBaseline', 'DenyLeavingOrganization')).toEqual({
      Sid: 'DenyLeavingOrganization',
      Effect: 'Deny',
      Action: ['organizations:LeaveOrganization'],
      Resource: '*',
    });
  });

  test('deny stopping or deleting the trail, the recorder, GuardDuty, Security Hub and Macie', () => {
    const actions = statement('ProtectBaseline', 'DenyStoppingSecurityServices').Action;
    expect(actions).toEqual(
      expect.arrayContaining([
        'cloudtrail:StopLogging',
        'cloudtrail:DeleteTrail',
        'config:StopConfigurationRecorder',
        'config:DeleteConfigurationRecorder',
        'guardduty:DeleteDetector',
        'securityhub:DisableSecurityHub',
        'macie2:DisableMacie',
      ]),
    );
  });

  test('deny turning off the S3 account public access block and EBS default encryption', () => {
    expect(statement('ProtectBaseline', 'DenyDisablingAccountProtections').Action).toEqual(
      expect.arrayContaining(['s3:PutAccountPublicAccessBlock', 'ec2:DisableEbsEncryptionByDefault']),
    );
  });

  test('deny regions outside the allowed list, global services and cross-region inference exempt', () => {
    const regional = statement('AllowedRegions', 'DenyOutsideAllowedRegions');
    expect(regional.Condition?.StringNotEquals).toEqual({ 'aws:RequestedRegion': ['us-east-1', 'us-west-2'] });
    expect(regional.NotAction).toEqual(
      expect.arrayContaining(['iam:*', 'organizations:*', 'sts:*', 'route53:*', ...MODEL_INVOCATION_ACTIONS]),
    );
    expect(regional.NotAction).toEqual([...GLOBAL_SERVICE_ACTIONS, ...MODEL_INVOCATION_ACTIONS]);
    const direct = statement('AllowedRegions', 'DenyDirectModelInvocationOutsideAllowedRegions');
    expect(direct.Action).toEqual(MODEL_INVOCATION_ACTIONS);
    expect(direct.Condition?.Null).toEqual({ 'bedrock:InferenceProfileArn': 'true' });
  });

  test('the HIPAA eligible services guardrail only when opted in', () => {
    expect(guardrails(OPTIONS).map((g) => g.id)).toEqual(['ProtectBaseline', 'AllowedRegions']);
    const optedIn = { ...OPTIONS, denyNonHipaaEligibleServices: true };
    const eligible = statement('HipaaEligibleServices', 'DenyNonHipaaEligibleServices', optedIn);
    expect(eligible.NotAction).toEqual(expect.arrayContaining(['s3:*', 'kms:*', 'cloudformation:*']));
    expect(eligible.NotAction).not.toContain('gamelift:*');
  });

  test('every Deny but leaving exempts the given roles, and the own rule agrees', () => {
    const all = guardrails({ ...OPTIONS, denyNonHipaaEligibleServices: true });
    for (const guardrail of all) {
      for (const s of guardrail.document.Statement.filter((x) => x.Sid !== 'DenyLeavingOrganization')) {
        expect([s.Sid, s.Condition?.ArnNotLike]).toEqual([s.Sid, { 'aws:PrincipalARN': OPTIONS.exemptPrincipalArns }]);
      }
      const resource = {
        logicalId: guardrail.id,
        Type: 'AWS::Organizations::Policy',
        Properties: { Type: 'SERVICE_CONTROL_POLICY', Content: guardrail.document },
      };
      const context = {
        settings: { ...SETTINGS, guardrailExemptPrincipalArns: ['arn:*:iam::*:role/clinic-break-glass'] },
        resources: new Map(),
        templateMetadata: {},
      };
      expect([guardrail.id, ServiceControlPolicyExemptions.check(resource, context)]).toEqual([
        guardrail.id,
        'compliant',
      ]);
    }
  });

  test('every guardrail stays under the size limit with many allowed regions', () => {
    const many = {
      ...OPTIONS,
      allowedRegions: Array.from({ length: 17 }, (_, i) => `ap-southeast-${i + 1}`),
      denyNonHipaaEligibleServices: true,
    };
    for (const guardrail of guardrails(many)) {
      expect([guardrail.id, scpSize(guardrail.document) <= SCP_MAX_CHARACTERS]).toEqual([guardrail.id, true]);
    }
  });

  test('pure: the same options give the same documents', () => {
    expect(guardrails(OPTIONS)).toEqual(guardrails(OPTIONS));
  });
});
