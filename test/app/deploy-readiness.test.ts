/**
 * Deploy blockers no offline validator reports, each pinned by a test that fails when it comes back:
 * reserved concurrency, creation order, the NAT gateway and the internet gateway attachment, retrying a
 * failed first deploy, regions other than us-east-1, and services that exist once per account.
 */
import type { Stack } from 'aws-cdk-lib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildBaseline } from '../../lib/app/build-baseline';
import { parseConfig } from '../../lib/config/load';
import { HOME_REGION_RULE_ID } from '../../lib/stacks/home-region-rule';
import { testApp } from '../helpers/app';
import { defaultTemplateJson } from '../helpers/assembly';
import { DEFAULT_ASSEMBLY, ROOT } from '../helpers/paths';
import { flat, resources } from '../helpers/template-query';

const STACKS = ['LogArchive', 'Network', 'DisasterRecovery', 'WorkloadData', 'SecurityTooling', 'AiWorkloads'];
/** The physical-name property of the retained types the baseline creates. */
const NAME_PROPERTY: Record<string, string> = {
  'AWS::S3::Bucket': 'BucketName',
  'AWS::Backup::BackupVault': 'BackupVaultName',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::RDS::DBCluster': 'DBClusterIdentifier',
  'AWS::RDS::DBInstance': 'DBInstanceIdentifier',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::SecretsManager::Secret': 'Name',
};
const dependsOn = (resource: { DependsOn?: string | string[] }) => [resource.DependsOn ?? []].flat();

/** Synthesizes the stacks of a configuration in process (no gate), as templates by stack id. */
function templatesOf(raw: unknown): Record<string, any> {
  const app = testApp();
  const stacks = buildBaseline(app, parseConfig(raw), { gate: false });
  const assembly = app.synth();
  return Object.fromEntries(
    Object.values(stacks).map((stack: Stack) => [stack.node.id, assembly.getStackArtifact(stack.artifactId).template]),
  );
}

describe('deploys on the first try', () => {
  test('no function reserves concurrency by default (a new account’s quota of 10 admits no reservation)', () => {
    for (const stack of STACKS) {
      for (const [id, fn] of resources(defaultTemplateJson(stack), 'AWS::Lambda::Function')) {
        expect([id, fn.Properties.ReservedConcurrentExecutions]).toEqual([id, undefined]);
      }
    }
  });

  test('the response function reserves concurrency only when the configuration opts in', () => {
    const templates = templatesOf({ detection: { response: { reservedConcurrency: 5 } } });
    const reserved = resources(templates.SecurityTooling, 'AWS::Lambda::Function')
      .map(([, fn]) => fn.Properties.ReservedConcurrentExecutions)
      .filter((value) => value !== undefined);
    expect(reserved).toEqual([5]);
  });

  test('the trail and the Config delivery channel are created after every policy of their roles', () => {
    const template = defaultTemplateJson('LogArchive');
    const policyOf = (role: string) =>
      resources(template, 'AWS::IAM::ManagedPolicy')
        .filter(([, p]) => (p.Properties.Roles ?? []).some((r: any) => r.Ref === role))
        .map(([id]) => id);
    const [[, trail]] = resources(template, 'AWS::CloudTrail::Trail');
    const trailPolicies = policyOf(trail.Properties.CloudWatchLogsRoleArn['Fn::GetAtt'][0]);
    expect(trailPolicies).toHaveLength(1);
    expect(dependsOn(trail)).toEqual(expect.arrayContaining(trailPolicies));
    const [[, recorder]] = resources(template, 'AWS::Config::ConfigurationRecorder');
    const [[, channel]] = resources(template, 'AWS::Config::DeliveryChannel');
    const deliveryPolicies = policyOf(recorder.Properties.RoleARN['Fn::GetAtt'][0]);
    expect(deliveryPolicies).toHaveLength(1);
    expect(dependsOn(channel)).toEqual(expect.arrayContaining(deliveryPolicies));
  });

  test('AWS Config delivers to a bucket without Object Lock (it does not support Object Lock buckets)', () => {
    const template = defaultTemplateJson('LogArchive');
    const [[, channel]] = resources(template, 'AWS::Config::DeliveryChannel');
    const bucket = template.Resources[channel.Properties.S3BucketName.Ref];
    expect(bucket.Type).toBe('AWS::S3::Bucket');
    expect(bucket.Properties.ObjectLockEnabled).toBeUndefined();
    expect(bucket.Properties.ObjectLockConfiguration).toBeUndefined();
  });

  test('every NAT gateway is created after its VPC’s internet gateway is attached', () => {
    const template = defaultTemplateJson('Network');
    const nats = resources(template, 'AWS::EC2::NatGateway');
    expect(nats.length).toBeGreaterThan(0);
    for (const [, nat] of nats) {
      const attachment = resources(template, 'AWS::EC2::VPCGatewayAttachment').find(
        ([, a]) => a.Properties.VpcId.Ref === nat.Properties.VpcId.Ref && a.Properties.InternetGatewayId,
      );
      expect(attachment).toBeDefined();
      expect(dependsOn(nat)).toContain(attachment![0]);
    }
  });

  test('the stacks live in two regions, and the README bootstraps both', () => {
    const manifest = JSON.parse(readFileSync(join(DEFAULT_ASSEMBLY, 'manifest.json'), 'utf8'));
    const environments = new Set(
      Object.values(manifest.artifacts as Record<string, any>)
        .filter((a) => a.type === 'aws:cloudformation:stack')
        .map((a) => a.environment),
    );
    expect([...environments].sort()).toEqual([
      'aws://unknown-account/unknown-region',
      'aws://unknown-account/us-west-2',
    ]);
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toMatch(/npx cdk bootstrap aws:\/\/<account>\/<region> aws:\/\/<account>\/<drRegion>/);
    expect(readme).toMatch(/--trust <pipeline-account>/);
  });

  test('retained resources with fixed names are removed by a failed creation or carry a per-creation suffix', () => {
    for (const stack of STACKS) {
      for (const [id, r] of resources(defaultTemplateJson(stack))) {
        if (r.DeletionPolicy !== 'Retain' && r.DeletionPolicy !== 'Snapshot') continue;
        const name = NAME_PROPERTY[r.Type];
        if (!name || r.Properties?.[name] === undefined) continue;
        expect([stack, id, JSON.stringify(r.Properties[name])]).toEqual([
          stack,
          id,
          expect.stringContaining('AWS::StackId'),
        ]);
      }
    }
  });

  test('the deletion-protected database is retained, not snapshotted, and so is what it keeps using', () => {
    const template = defaultTemplateJson('WorkloadData');
    const [[, cluster]] = resources(template, 'AWS::RDS::DBCluster');
    expect(cluster.Properties.DeletionProtection).toBe(true);
    expect(cluster.DeletionPolicy).toBe('Retain');
    for (const property of ['DBSubnetGroupName', 'DBClusterParameterGroupName']) {
      expect(template.Resources[cluster.Properties[property].Ref].DeletionPolicy).toBe('Retain');
    }
  });

  test('the PHI buckets and vaults, whose names other stacks and regions address, are RetainExceptOnCreate', () => {
    const named = [
      ...resources(defaultTemplateJson('WorkloadData')),
      ...resources(defaultTemplateJson('DisasterRecovery')),
    ].filter(([, r]) => r.Properties?.BucketName !== undefined || r.Properties?.BackupVaultName !== undefined);
    expect(named.length).toBe(6);
    for (const [, r] of named) {
      expect(r.DeletionPolicy).toBe('RetainExceptOnCreate');
      expect(r.UpdateReplacePolicy).toBe('Retain');
    }
  });
});

describe('any region', () => {
  test('with region eu-central-1 and no zones, every subnet is in an eu-central-1 zone', () => {
    const templates = templatesOf({ region: 'eu-central-1' });
    const zones = resources(templates.Network, 'AWS::EC2::Subnet').map(([, s]) => s.Properties.AvailabilityZone);
    expect(zones.length).toBeGreaterThan(0);
    expect(new Set(zones)).toEqual(new Set(['eu-central-1a', 'eu-central-1b', 'eu-central-1c']));
    expect(templates.DisasterRecovery).toBeDefined();
  });

  test('with region unset, every primary stack refuses at deploy time a region other than its zones’', () => {
    for (const stack of ['LogArchive', 'Network', 'WorkloadData', 'SecurityTooling', 'AiWorkloads']) {
      const rule = defaultTemplateJson(stack).Rules[HOME_REGION_RULE_ID];
      expect(rule.Assertions[0].Assert).toEqual({ 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] });
      expect(rule.Assertions[0].AssertDescription).toMatch(/Set hipaaBaseline\.region/);
    }
    expect(defaultTemplateJson('DisasterRecovery').Rules?.[HOME_REGION_RULE_ID]).toBeUndefined();
  });

  test('with region set, the stacks carry no such rule (their region is explicit)', () => {
    const templates = templatesOf({ region: 'eu-central-1' });
    for (const template of Object.values(templates)) expect(template.Rules?.[HOME_REGION_RULE_ID]).toBeUndefined();
  });
});

describe('services that exist once per account and region', () => {
  const ONCE_PER_ACCOUNT = [
    'AWS::GuardDuty::Detector',
    'AWS::SecurityHub::Hub',
    'AWS::Macie::Session',
    'AWS::AccessAnalyzer::Analyzer',
    'AWS::Config::ConfigurationRecorder',
    'AWS::Config::DeliveryChannel',
  ];
  const typesOf = (raw: unknown) =>
    Object.values(templatesOf(raw)).flatMap((t) => resources(t).map(([, r]) => r.Type as string));

  test('mode create (the default) creates each of them', () => {
    const types = STACKS.flatMap((stack) => resources(defaultTemplateJson(stack)).map(([, r]) => r.Type));
    for (const type of ONCE_PER_ACCOUNT) expect(types).toContain(type);
  });

  test('modes existing and organization create none of them', () => {
    for (const mode of ['existing', 'organization']) {
      const types = typesOf({
        accountServices: { guardDuty: mode, securityHub: mode, macie: mode, accessAnalyzer: mode, config: mode },
      });
      for (const type of ONCE_PER_ACCOUNT) expect([mode, types.includes(type)]).toEqual([mode, false]);
      expect(types).not.toContain('AWS::SecurityHub::Standard');
      expect(types).not.toContain('AWS::GuardDuty::PublishingDestination');
    }
  });

  test('each service is switched on its own', () => {
    const types = typesOf({ accountServices: { macie: 'organization' } });
    expect(types).not.toContain('AWS::Macie::Session');
    expect(types).toContain('AWS::GuardDuty::Detector');
    expect(types).toContain('AWS::Config::ConfigurationRecorder');
  });
});

describe('backups cover every data store that must be backed up', () => {
  /** Whether a resource of a template is selected by one of the template's backup selections. */
  function selected(template: any, id: string): boolean {
    const tagsOf = (r: any) =>
      Object.fromEntries((r.Properties.Tags ?? []).map((t: { Key: string; Value: string }) => [t.Key, t.Value]));
    const tags = tagsOf(template.Resources[id]);
    return resources(template, 'AWS::Backup::BackupSelection').some(([, s]) => {
      const selection = s.Properties.BackupSelection;
      if (JSON.stringify(selection.Resources ?? []).includes(`"${id}"`)) return true;
      const equals: { ConditionKey: string; ConditionValue: string }[] = selection.Conditions?.StringEquals ?? [];
      return (
        (selection.Resources ?? []).includes('*') &&
        equals.length > 0 &&
        equals.every((c) => tags[c.ConditionKey.replace('aws:ResourceTag/', '')] === c.ConditionValue)
      );
    });
  }

  test('both data zones, the database and the table are selected; the DR replicas are copies, not sources', () => {
    const workload = defaultTemplateJson('WorkloadData');
    const stores = resources(workload).filter(([, r]) =>
      ['AWS::S3::Bucket', 'AWS::RDS::DBCluster', 'AWS::DynamoDB::Table'].includes(r.Type),
    );
    const classified = stores.filter(([, r]) =>
      (r.Properties.Tags ?? []).some((t: any) => t.Key === 'DataClassification'),
    );
    expect(classified).toHaveLength(4);
    expect(classified.map(([id]) => id)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ExampleDatabaseCluster/),
        expect.stringMatching(/^ExampleTable/),
        expect.stringMatching(/^ZonesDeidentified/),
        expect.stringMatching(/^ZonesRawPhi/),
      ]),
    );
    for (const [id] of classified) expect([id, selected(workload, id)]).toEqual([id, true]);
    const dr = defaultTemplateJson('DisasterRecovery');
    expect(resources(dr, 'AWS::Backup::BackupSelection')).toEqual([]);
  });
});

describe('patch management: what Systems Manager and Step Functions refuse at creation', () => {
  const template = defaultTemplateJson('SecurityTooling');

  test('a patch group is registered with at most one baseline per operating system', () => {
    const pairs = resources(template, 'AWS::SSM::PatchBaseline').flatMap(([, b]) =>
      b.Properties.PatchGroups.map((group: string) => `${b.Properties.OperatingSystem} ${group}`),
    );
    expect(pairs.length).toBeGreaterThan(0);
    expect(new Set(pairs).size).toBe(pairs.length);
  });

  test('approval rules name a delay of 0-360 days, except Ubuntu’s, which may name none', () => {
    for (const [id, baseline] of resources(template, 'AWS::SSM::PatchBaseline')) {
      for (const rule of baseline.Properties.ApprovalRules.PatchRules) {
        const days = rule.ApproveAfterDays;
        if (baseline.Properties.OperatingSystem === 'UBUNTU')
          expect([id, days, rule.ApproveUntilDate]).toEqual([id, undefined, undefined]);
        else expect([id, Number.isInteger(days) && days >= 0 && days <= 360]).toEqual([id, true]);
      }
    }
  });

  test('maintenance windows last 1-24 hours with a shorter cutoff; targeted tasks set both rate controls', () => {
    const windows = resources(template, 'AWS::SSM::MaintenanceWindow');
    expect(windows.length).toBeGreaterThan(0);
    for (const [id, w] of windows) {
      const { Duration: hours, Cutoff: cutoff } = w.Properties;
      expect([id, hours >= 1 && hours <= 24, cutoff >= 0 && cutoff < hours]).toEqual([id, true, true]);
    }
    for (const [id, task] of resources(template, 'AWS::SSM::MaintenanceWindowTask')) {
      expect([id, typeof task.Properties.MaxConcurrency, typeof task.Properties.MaxErrors]).toEqual([
        id,
        'string',
        'string',
      ]);
    }
  });

  test('associations with AWS-owned documents name no document version (CreateAssociation fails with one)', () => {
    for (const [id, association] of resources(template, 'AWS::SSM::Association')) {
      if (String(association.Properties.Name).startsWith('AWS-')) {
        expect([id, association.Properties.DocumentVersion]).toEqual([id, undefined]);
      }
    }
  });

  test('the compliance check fits a standard workflow (at most a year) and outlives its own wait', () => {
    for (const [id, machine] of resources(template, 'AWS::StepFunctions::StateMachine')) {
      const definition = JSON.parse(flat(machine.Properties.DefinitionString));
      const waits = Object.values(definition.States as Record<string, any>)
        .filter((s) => s.Type === 'Wait')
        .reduce((sum, s) => sum + s.Seconds, 0);
      expect([id, definition.TimeoutSeconds <= 365 * 24 * 3600, definition.TimeoutSeconds > waits]).toEqual([
        id,
        true,
        true,
      ]);
    }
  });
});
