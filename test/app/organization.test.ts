/**
 * config/organization.example.json (organisation mode), synthesized offline by the global setup: one
 * stack per account role with an explicit environment, the member baseline as a StackSet whose template
 * is a file asset of the management stack, delegated administrators and org-wide services, and a gate
 * that passes with no finding.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ORGANIZATION_ASSEMBLY, ORGANIZATION_CONFIG } from '../helpers/paths';

const config = JSON.parse(readFileSync(ORGANIZATION_CONFIG, 'utf8'));
const org = config.organization;
const manifest = JSON.parse(readFileSync(join(ORGANIZATION_ASSEMBLY, 'manifest.json'), 'utf8'));
const json = (file: string) => JSON.parse(readFileSync(join(ORGANIZATION_ASSEMBLY, file), 'utf8'));
const template = (stack: string) => json(`${stack}.template.json`);
const resources = (t: any, type: string): any[] =>
  Object.values(t.Resources as Record<string, any>).filter((r) => r.Type === type);
const types = (t: any) => Object.values(t.Resources as Record<string, any>).map((r) => r.Type);

const stackSet = resources(template('Management'), 'AWS::CloudFormation::StackSet')[0];
const assets = json('Management.assets.json').files as Record<string, any>;
const memberAsset = Object.values(assets).find((asset) => asset.source.path.endsWith('.stackset.json'));
const member = json(memberAsset.source.path);

describe('organisation mode: role stacks with explicit environments', () => {
  test('one stack per account role, each in its account and region', () => {
    const stacks = Object.fromEntries(
      Object.entries(manifest.artifacts as Record<string, any>)
        .filter(([, a]) => a.type === 'aws:cloudformation:stack')
        .map(([id, a]) => [id, a.environment]),
    );
    expect(stacks).toEqual({
      Management: `aws://${org.managementAccount}/us-east-1`,
      'ManagementBaseline-us-east-1': `aws://${org.managementAccount}/us-east-1`,
      'ManagementBaseline-us-west-2': `aws://${org.managementAccount}/us-west-2`,
      LogArchive: `aws://${org.logArchiveAccount}/us-east-1`,
      SecurityTooling: `aws://${org.auditAccount}/us-east-1`,
      Network: `aws://${org.networkAccount}/us-east-1`,
    });
  });

  test('no cross-account reference: stacks only wait for each other', () => {
    for (const [id, artifact] of Object.entries(manifest.artifacts as Record<string, any>)) {
      if (artifact.type !== 'aws:cloudformation:stack') continue;
      const text = JSON.stringify(template(id));
      expect([id, text.includes('Fn::ImportValue') || text.includes('Fn::GetStackOutput')]).toEqual([id, false]);
    }
    expect(manifest.artifacts.Management.dependencies).toContain('LogArchive');
    expect(manifest.artifacts.SecurityTooling.dependencies).toContain('Management');
    expect(manifest.artifacts.Network.dependencies).toContain('LogArchive');
  });

  test('every template says which account role it is for', () => {
    expect(template('LogArchive').Metadata['hipaa-baseline:account']).toEqual({
      role: 'log-archive',
      account: org.logArchiveAccount,
    });
    expect(member.Metadata['hipaa-baseline:account']).toEqual({
      role: 'member',
      organizationalUnitIds: org.memberTargets.organizationalUnitIds,
      regions: org.memberTargets.regions,
    });
  });

  test('the gate reports no finding on any stack, the member template included (it is in the construct tree)', () => {
    const report = json('validation-report.json');
    expect(report.pluginReports.flatMap((r: any) => r.violations ?? [])).toEqual([]);
  });
});

describe('the member baseline StackSet', () => {
  test('is service-managed, auto-deployed, retains stacks of removed accounts, and runs as the management account', () => {
    expect(stackSet.Properties).toMatchObject({
      PermissionModel: 'SERVICE_MANAGED',
      CallAs: 'SELF',
      AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: true },
      ManagedExecution: { Active: true },
      OperationPreferences: {
        RegionConcurrencyType: 'PARALLEL',
        MaxConcurrentPercentage: 25,
        FailureTolerancePercentage: 0,
      },
      StackInstancesGroup: [
        {
          DeploymentTargets: { OrganizationalUnitIds: org.memberTargets.organizationalUnitIds },
          Regions: org.memberTargets.regions,
        },
      ],
    });
  });

  test('its template is a file asset of the management stack, not a stack of the assembly', () => {
    const [hash] = Object.entries(assets).find(([, asset]) => asset === memberAsset)!;
    expect(JSON.stringify(stackSet.Properties.TemplateURL)).toContain(`${hash}.json`);
    const stackTemplates = Object.values(manifest.artifacts as Record<string, any>)
      .filter((a) => a.type === 'aws:cloudformation:stack')
      .map((a) => a.properties.templateFile);
    expect(stackTemplates).not.toContain(memberAsset.source.path);
  });

  test('its template holds no Lambda code, no asset and no CDK bootstrap check (member accounts have neither)', () => {
    expect(types(member)).not.toContain('AWS::Lambda::Function');
    expect(member.Parameters).toBeUndefined();
    expect(member.Rules).toBeUndefined();
    expect(JSON.stringify(member)).not.toContain('cdk-hnb659fds');
  });

  test('records Config to the central archive, restores account protections, and has a locked backup vault and role', () => {
    const channel = resources(member, 'AWS::Config::DeliveryChannel')[0];
    expect(channel.Properties.S3BucketName).toBe(`clinic-config-${org.logArchiveAccount}-us-east-1`);
    const recorder = resources(member, 'AWS::Config::ConfigurationRecorder')[0];
    expect(recorder.Properties.RecordingGroup.IncludeGlobalResourceTypes).toEqual({
      'Fn::If': [expect.any(String), true, false],
    });
    const documents = resources(member, 'AWS::Config::RemediationConfiguration').map((r) => [
      r.Properties.TargetId,
      r.Properties.Automatic,
    ]);
    expect(documents.sort()).toEqual([
      ['AWSConfigRemediation-ConfigureS3PublicAccessBlock', true],
      ['AWSConfigRemediation-EnableEbsEncryptionByDefault', true],
      ['AWSConfigRemediation-SetIAMPasswordPolicy', true],
    ]);
    expect(resources(member, 'AWS::Backup::BackupVault')[0].Properties.LockConfiguration).toBeDefined();
    const backupRole = resources(member, 'AWS::IAM::Role').find(
      (r) => r.Properties.AssumeRolePolicyDocument.Statement[0].Principal.Service === 'backup.amazonaws.com',
    );
    expect(backupRole).toBeDefined();
  });

  test('account-wide settings only in the home region; EBS encryption by default in every region', () => {
    const rules = resources(member, 'AWS::Config::ConfigRule');
    const conditioned = rules.filter((r) => r.Condition).map((r) => r.Properties.Source.SourceIdentifier);
    expect(conditioned.sort()).toEqual(['IAM_PASSWORD_POLICY', 'S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC']);
    expect(Object.values(member.Conditions)).toEqual([{ 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] }]);
  });

  test('the management account gets the same baseline as a stack in each member region', () => {
    for (const region of org.memberTargets.regions) {
      expect(
        types(template(`ManagementBaseline-${region}`))
          .filter((t) => t !== 'AWS::CDK::Metadata')
          .sort(),
      ).toEqual(types(member).sort());
    }
  });
});

describe('preventive guardrails', () => {
  const management = template('Management');
  const policies = resources(management, 'AWS::Organizations::Policy');

  test('SCPs attached to the member OUs (no opt-in: integrity and regions only), each under 5,120 characters', () => {
    expect(policies.map((p) => p.Properties.Name).sort()).toEqual([
      'clinic-allowed-regions',
      'clinic-protect-baseline',
    ]);
    for (const policy of policies) {
      expect(policy.Properties).toMatchObject({
        Type: 'SERVICE_CONTROL_POLICY',
        TargetIds: org.memberTargets.organizationalUnitIds,
      });
      expect(JSON.stringify(policy.Properties.Content).length).toBeLessThanOrEqual(5120);
    }
  });

  test('every Deny but leaving exempts the StackSets execution, break-glass and remediation roles; the settings record them', () => {
    const expected = [
      'arn:*:iam::*:role/stacksets-exec-*',
      'arn:*:iam::*:role/clinic-break-glass',
      'arn:*:iam::*:role/clinic-remediation-*',
    ];
    const statements = policies.flatMap((p) => p.Properties.Content.Statement);
    for (const s of statements.filter((x: any) => x.Sid !== 'DenyLeavingOrganization')) {
      expect([s.Sid, s.Condition.ArnNotLike['aws:PrincipalARN']]).toEqual([s.Sid, expected]);
    }
    expect(management.Metadata['hipaa-baseline:rule-settings'].guardrailExemptPrincipalArns).toEqual(expected.slice(1));
    const regions = statements.find((s: any) => s.Sid === 'DenyOutsideAllowedRegions');
    expect(regions.Condition.StringNotEquals['aws:RequestedRegion']).toEqual(org.allowedRegions);
  });
});

describe('delegated administrators and org-wide services', () => {
  const management = template('Management');
  const security = template('SecurityTooling');

  test('the organisation trail writes to the log archive account, encrypted with its key', () => {
    expect(resources(management, 'AWS::CloudTrail::Trail')[0].Properties).toMatchObject({
      IsOrganizationTrail: true,
      IsMultiRegionTrail: true,
      EnableLogFileValidation: true,
      S3BucketName: `clinic-audit-logs-${org.logArchiveAccount}-us-east-1`,
      KMSKeyId: `arn:aws:kms:us-east-1:${org.logArchiveAccount}:alias/clinic/logs`,
    });
  });

  test('Security Hub delegated administrator is the audit account', () => {
    expect(resources(management, 'AWS::SecurityHub::DelegatedAdmin')[0].Properties).toEqual({
      AdminAccountId: org.auditAccount,
    });
  });

  test('the audit account runs GuardDuty (every plan), Macie, an organisation analyzer, aggregator and conformance pack', () => {
    const detector = resources(security, 'AWS::GuardDuty::Detector')[0].Properties;
    expect(detector.Features.every((f: any) => f.Status === 'ENABLED')).toBe(true);
    expect(resources(security, 'AWS::Macie::Session')).toHaveLength(1);
    expect(resources(security, 'AWS::AccessAnalyzer::Analyzer')[0].Properties.Type).toBe('ORGANIZATION');
    expect(
      resources(security, 'AWS::Config::ConfigurationAggregator')[0].Properties.OrganizationAggregationSource,
    ).toMatchObject({ AllAwsRegions: true });
    expect(
      JSON.parse(resources(security, 'AWS::Config::OrganizationConformancePack')[0].Properties.TemplateBody),
    ).toHaveProperty('Resources');
  });

  test('Security Hub central configuration is associated with every member OU', () => {
    expect(resources(security, 'AWS::SecurityHub::OrganizationConfiguration')[0].Properties.ConfigurationType).toBe(
      'CENTRAL',
    );
    const policy = resources(security, 'AWS::SecurityHub::ConfigurationPolicy')[0].Properties;
    expect(policy.ConfigurationPolicy.SecurityHub.ServiceEnabled).toBe(true);
    expect(policy.ConfigurationPolicy.SecurityHub.EnabledStandardIdentifiers.length).toBeGreaterThan(0);
    expect(
      resources(security, 'AWS::SecurityHub::PolicyAssociation')
        .map((r) => r.Properties.TargetId)
        .sort(),
    ).toEqual([...org.memberTargets.organizationalUnitIds].sort());
    expect(resources(security, 'AWS::SecurityHub::FindingAggregator')).toHaveLength(1);
  });

  test('the log archive admits the organisation trail and the organisation’s AWS Config by id', () => {
    const text = JSON.stringify(resources(template('LogArchive'), 'AWS::S3::BucketPolicy'));
    expect(text).toContain(`trail/clinic-organization-trail`);
    expect(text).toContain(`"aws:PrincipalOrgID":"${config.organizationId}"`);
    expect(text).toContain(`"aws:SourceAccount":"${org.networkAccount}"`);
  });
});
