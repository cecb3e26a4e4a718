import type { BaselineConfig } from '../../config/schema';
import { deidentificationEnabled } from '../../config/deidentification-schema';
import { DATA_ZONES, naming } from '../../data/naming';

/** Kinds of resource the baseline gives a fixed physical name, which must be free before it deploys. */
export type FixedNameKind =
  'bucket' | 'backup-vault' | 'trail' | 'iam-role' | 'iam-policy' | 'kms-alias' | 'config-aggregator';

/** The CloudFormation type and name property of each kind (the test compares the list with the templates). */
export const NAME_PROPERTIES: Readonly<Record<FixedNameKind, { readonly type: string; readonly property: string }>> = {
  bucket: { type: 'AWS::S3::Bucket', property: 'BucketName' },
  'backup-vault': { type: 'AWS::Backup::BackupVault', property: 'BackupVaultName' },
  trail: { type: 'AWS::CloudTrail::Trail', property: 'TrailName' },
  'iam-role': { type: 'AWS::IAM::Role', property: 'RoleName' },
  'iam-policy': { type: 'AWS::IAM::ManagedPolicy', property: 'ManagedPolicyName' },
  'kms-alias': { type: 'AWS::KMS::Alias', property: 'AliasName' },
  'config-aggregator': { type: 'AWS::Config::ConfigurationAggregator', property: 'ConfigurationAggregatorName' },
};

export interface FixedName {
  readonly kind: FixedNameKind;
  readonly name: string;
  /** The region of the stack that creates it (IAM names are account-wide, bucket names global). */
  readonly region: string;
}

/**
 * Every physical name the baseline fixes for a configuration, in a stable order: the PHI zone buckets and
 * their replicas, the Bedrock invocation log bucket, the backup vaults, the trail, the privileged roles and their policy, the key aliases of
 * both regions and the Config aggregator. Names unique to one creation of a stack are not listed.
 */
export function fixedNames(config: BaselineConfig, account: string): FixedName[] {
  const prefix = config.namePrefix;
  const primary = config.homeRegion;
  const dr = config.dataProtection.drRegion;
  const data = config.dataProtection;
  const alias = (purpose: string, region: string): FixedName => ({
    kind: 'kms-alias',
    name: `alias/${prefix}/${purpose}`,
    region,
  });
  return [
    ...DATA_ZONES.map((zone) => ({
      kind: 'bucket' as const,
      name: naming.zoneBucket(prefix, zone, primary, account),
      region: primary,
    })),
    ...DATA_ZONES.map((zone) => ({
      kind: 'bucket' as const,
      name: naming.replicaBucket(prefix, zone, dr, account),
      region: dr,
    })),
    ...(config.ai.bedrock.invocationLogging.enabled
      ? [{ kind: 'bucket' as const, name: naming.bedrockLogBucket(prefix, primary, account), region: primary }]
      : []),
    { kind: 'backup-vault', name: naming.vault(prefix), region: primary },
    { kind: 'backup-vault', name: naming.replicaVault(prefix), region: dr },
    { kind: 'trail', name: `${prefix}-audit-trail`, region: primary },
    { kind: 'iam-role', name: `${prefix}-administrator`, region: primary },
    { kind: 'iam-role', name: `${prefix}-break-glass`, region: primary },
    { kind: 'iam-role', name: naming.analyticsRole(prefix), region: primary },
    { kind: 'iam-policy', name: `${prefix}-require-mfa`, region: primary },
    alias('logs', primary),
    alias('alerts', primary),
    ...(data.rawZone ? [] : [alias('data', primary)]),
    alias('ebs', primary),
    ...(data.deidentifiedZone ? [] : [alias('deidentified', primary)]),
    ...(deidentificationEnabled(config) ? [alias('deidentification-pipeline', primary)] : []),
    alias('backup', primary),
    ...(config.ai.bedrock.invocationLogging.enabled ? [alias('ai-logs', primary)] : []),
    ...DATA_ZONES.map((zone) => alias(`dr-${zone}`, dr)),
    alias('dr-backup', dr),
    alias('dr-logs', dr),
    { kind: 'config-aggregator', name: `${prefix}-hipaa-baseline`, region: primary },
  ];
}
