/**
 * Behaviours that deploy fine but would defeat their purpose, each pinned by a test: Macie can read the
 * PHI zones, every zone is backed up, keys are selected by the Config rules about them.
 */
import { defaultTemplateJson } from '../helpers/assembly';
import { byPath, flat } from '../helpers/template-query';

const MACIE_ROLE = /:role\/aws-service-role\/macie\.amazonaws\.com\/AWSServiceRoleForAmazonMacie$/;

describe('Macie can classify the SSE-KMS objects of the PHI zones, and only those', () => {
  const workload = defaultTemplateJson('WorkloadData');
  test.each([
    ['DataKey', 'hipaa-raw-phi-'],
    ['DeidentifiedKey', 'hipaa-deidentified-'],
  ])('%s lets Macie decrypt objects of its zone through S3', (key, bucketPrefix) => {
    const [, resource] = byPath(workload, `${key}/Key/Resource`);
    const statement = resource.Properties.KeyPolicy.Statement.find((s: any) => s.Sid === 'AllowMacieClassification');
    expect(statement).toBeDefined();
    expect(statement.Effect).toBe('Allow');
    expect(statement.Action).toBe('kms:Decrypt');
    expect(flat(statement.Condition.ArnEquals['aws:PrincipalArn'])).toMatch(MACIE_ROLE);
    expect(flat(statement.Condition.StringEquals['kms:ViaService'])).toBe('s3.<AWS::Region>.amazonaws.com');
    const contexts = statement.Condition.StringLike['kms:EncryptionContext:aws:s3:arn'].map(flat);
    expect(contexts).toEqual([
      `arn:<AWS::Partition>:s3:::${bucketPrefix}<AWS::AccountId>-<AWS::Region>`,
      `arn:<AWS::Partition>:s3:::${bucketPrefix}<AWS::AccountId>-<AWS::Region>/*`,
    ]);
  });

  test('no other key lets Macie in', () => {
    for (const stack of ['LogArchive', 'SecurityTooling', 'WorkloadData']) {
      const template = defaultTemplateJson(stack);
      const keys = Object.entries(template.Resources as Record<string, any>).filter(
        ([, r]) => r.Type === 'AWS::KMS::Key',
      );
      for (const [id, key] of keys) {
        const macie = key.Properties.KeyPolicy.Statement.some((s: any) => s.Sid === 'AllowMacieClassification');
        expect([id, macie]).toEqual([id, /^(DataKey|DeidentifiedKey)/.test(id)]);
      }
    }
  });
});

describe('endpoint policies admit what AWS publishes and workloads must read', () => {
  const network = defaultTemplateJson('Network');
  const endpoints = Object.values(network.Resources as Record<string, any>).filter(
    (r) => r.Type === 'AWS::EC2::VPCEndpoint',
  );
  const service = (r: any) => flat(r.Properties.ServiceName).split('.').slice(-2).join('.');
  const statement = (r: any, sid: string) => r.Properties.PolicyDocument.Statement.find((s: any) => s.Sid === sid);

  test.each([
    ['ecr.api', ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], ['*']],
    ['ecr.dkr', ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], ['*']],
    [
      'ssm',
      ['ssm:GetDocument', 'ssm:GetParameter'],
      [
        'arn:<AWS::Partition>:ssm:<AWS::Region>::document/*',
        'arn:<AWS::Partition>:ssm:<AWS::Region>::parameter/aws/service/*',
      ],
    ],
  ])('%s: read-only access to AWS-owned resources, for this account’s principals only', (name, actions, resources) => {
    const matching = endpoints.filter(
      (r) => r.Properties.ServiceName && flat(r.Properties.ServiceName).endsWith(`.${name}`),
    );
    expect(matching.length).toBe(3); // one per environment
    for (const endpoint of matching) {
      const read = statement(endpoint, 'AwsOwnedResourcesRead');
      expect(read.Effect).toBe('Allow');
      expect(read.Action).toEqual(expect.arrayContaining(actions));
      expect(
        read.Action.some((a: string) => /Put|Create|Delete|Upload|Send/.test(a) && a !== 'ecr:GetAuthorizationToken'),
      ).toBe(false);
      expect([read.Resource].flat().map(flat)).toEqual(resources);
      expect(read.Condition.StringEquals['aws:PrincipalAccount']).toEqual({ Ref: 'AWS::AccountId' });
      // The perimeter statement is still there for everything else.
      expect(statement(endpoint, 'OwnPrincipalsOwnResources').Condition.StringEqualsIfExists).toEqual({
        'aws:ResourceAccount': { Ref: 'AWS::AccountId' },
      });
    }
  });

  test('other endpoints admit nothing beyond the perimeter', () => {
    for (const endpoint of endpoints.filter(
      (r) => !/\.(ecr\.api|ecr\.dkr|ssm|s3)$/.test(flat(r.Properties.ServiceName)),
    )) {
      expect([service(endpoint), statement(endpoint, 'AwsOwnedResourcesRead')]).toEqual([service(endpoint), undefined]);
    }
  });
});

describe('the DR region, which holds PHI replicas and backup copies, is watched and bounded like the primary', () => {
  const dr = defaultTemplateJson('DisasterRecovery');
  const types = Object.values(dr.Resources as Record<string, any>).map((r) => r.Type);

  test('GuardDuty, Security Hub with its standards, Macie, Access Analyzer and Config recording run there', () => {
    for (const type of [
      'AWS::GuardDuty::Detector',
      'AWS::GuardDuty::PublishingDestination',
      'AWS::SecurityHub::Hub',
      'AWS::SecurityHub::Standard',
      'AWS::Macie::Session',
      'AWS::AccessAnalyzer::Analyzer',
      'AWS::Config::ConfigurationRecorder',
      'AWS::Config::DeliveryChannel',
    ]) {
      expect([type, types.includes(type)]).toEqual([type, true]);
    }
  });

  test('its Security Hub findings are aggregated into the primary region, where the alert rules are', () => {
    const tooling = defaultTemplateJson('SecurityTooling');
    const aggregator = Object.values(tooling.Resources as Record<string, any>).find(
      (r) => r.Type === 'AWS::SecurityHub::FindingAggregator',
    );
    expect(aggregator.Properties).toEqual({ RegionLinkingMode: 'SPECIFIED_REGIONS', Regions: ['us-west-2'] });
  });

  test('the analytics role is denied the raw-PHI replica and its key, by bucket, key and its own policy', () => {
    const workload = defaultTemplateJson('WorkloadData');
    const [, role] = byPath(workload, 'Zones/AnalyticsRole/Resource');
    expect(role.Properties.RoleName).toBe('hipaa-analytics');
    // The DR stack has an explicit region, so its partition is a literal.
    const roleArn = /^arn:(aws|<AWS::Partition>):iam::<AWS::AccountId>:role\/hipaa-analytics$/;
    const [, replicaPolicy] = byPath(dr, 'raw-phi-replica/Policy/Resource');
    const bucketDeny = replicaPolicy.Properties.PolicyDocument.Statement.find(
      (s: any) => s.Sid === 'DenyAnalyticsRole',
    );
    expect(bucketDeny.Effect).toBe('Deny');
    expect(flat(bucketDeny.Condition.ArnEquals['aws:PrincipalArn'])).toMatch(roleArn);
    const [, key] = byPath(dr, 'raw-phi-key/Key/Resource');
    const keyDeny = key.Properties.KeyPolicy.Statement.find((s: any) => s.Sid === 'DenyAnalyticsRole');
    expect(keyDeny.Effect).toBe('Deny');
    expect(flat(keyDeny.Condition.ArnEquals['aws:PrincipalArn'])).toMatch(roleArn);
    // Not the de-identified replica: analytics reads de-identified data.
    const [, deidentifiedPolicy] = byPath(dr, 'deidentified-replica/Policy/Resource');
    expect(deidentifiedPolicy.Properties.PolicyDocument.Statement.map((s: any) => s.Sid)).not.toContain(
      'DenyAnalyticsRole',
    );
    const [, analyticsPolicy] = byPath(workload, 'Zones/AnalyticsPolicy/Resource');
    const sids = analyticsPolicy.Properties.PolicyDocument.Statement.map((s: any) => s.Sid);
    expect(sids).toEqual(expect.arrayContaining(['DenyRawPhiReplica', 'DenyRawReplicaKey']));
  });
});
