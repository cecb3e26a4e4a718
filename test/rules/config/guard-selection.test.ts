/**
 * Every custom Config rule must evaluate at least one resource the default baseline creates (a rule that
 * selects nothing checks nothing), and the baseline's own resources must pass it. The configuration items
 * are derived from the synthesized templates the way AWS Config would record those resources.
 */
import { GUARD_CONFIG_RULES } from '../../../rules/config';
import { defaultTemplateJson } from '../../helpers/assembly';
import { GuardEvaluator } from '../../helpers/guard';
import { resources, type Resource } from '../../helpers/template-query';

const STACKS = ['LogArchive', 'Network', 'DisasterRecovery', 'WorkloadData', 'SecurityTooling', 'AiWorkloads'];
const guard = new GuardEvaluator();
afterAll(() => guard.dispose());

const tags = (resource: Resource) =>
  Object.fromEntries((resource.Properties.Tags ?? []).map((t: { Key: string; Value: string }) => [t.Key, t.Value]));

/** The configuration item AWS Config records for a template resource (the fields the Guard rules read). */
function configurationItem(id: string, resource: Resource): unknown {
  const p = resource.Properties ?? {};
  switch (resource.Type) {
    case 'AWS::KMS::Key':
      return {
        resourceType: resource.Type,
        resourceId: id,
        configuration: { keyManager: 'CUSTOMER', keySpec: p.KeySpec ?? 'SYMMETRIC_DEFAULT', keyState: 'Enabled' },
        supplementaryConfiguration: { KeyRotationStatus: String(p.EnableKeyRotation === true) },
        tags: tags(resource),
      };
    case 'AWS::S3::Bucket':
      return {
        resourceType: resource.Type,
        resourceId: id,
        configuration: { name: id },
        supplementaryConfiguration: {
          ServerSideEncryptionConfiguration: {
            rules: (p.BucketEncryption?.ServerSideEncryptionConfiguration ?? []).map((rule: any) => ({
              applyServerSideEncryptionByDefault: {
                sseAlgorithm: rule.ServerSideEncryptionByDefault?.SSEAlgorithm,
                ...(rule.ServerSideEncryptionByDefault?.KMSMasterKeyID
                  ? { kmsMasterKeyID: `arn:aws:kms:us-east-1:111122223333:key/${id}` }
                  : {}),
              },
            })),
          },
        },
        tags: tags(resource),
      };
    case 'AWS::Logs::LogGroup':
      return {
        resourceType: resource.Type,
        resourceId: id,
        configuration: { logGroupName: id, retentionInDays: p.RetentionInDays },
        tags: tags(resource),
      };
    default:
      throw new Error(`no configuration item shape for ${resource.Type}: add one for the new rule`);
  }
}

describe('custom Config rules select the default baseline’s resources', () => {
  test.each(GUARD_CONFIG_RULES.map((rule) => [rule.id, rule] as const))('%s', (_id, rule) => {
    const results = STACKS.flatMap((stack) =>
      resources(defaultTemplateJson(stack))
        .filter(([, r]) => rule.resourceTypes.includes(r.Type))
        .map(([id, r]) => [`${stack}/${id}`, guard.evaluate(rule.id, configurationItem(id, r))] as const),
    );
    const evaluated = results.filter(([, status]) => status !== 'SKIP');
    expect(evaluated.length).toBeGreaterThan(0);
    expect(evaluated.filter(([, status]) => status !== 'PASS')).toEqual([]);
  });
});
