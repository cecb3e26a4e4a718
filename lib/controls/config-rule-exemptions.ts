import type { ConfigRuleIdentifier } from './catalog.generated';
import { ROLE_TAG, ROLES, type BaselineRole } from './tags';

/**
 * The baseline resources an exemption covers, as the templates show them: a resource type and either the
 * `hipaa-baseline:role` tag value, or a construct path pattern (`*` matches any run of characters;
 * construct ids are stable words, so the path of a resource does not change between releases).
 */
export type ExemptResources =
  { readonly type: string; readonly role: BaselineRole } | { readonly type: string; readonly path: string };

/** A deployed AWS Config managed rule the baseline deliberately does not pass, on which resources and why. */
export interface ConfigRuleExemption {
  readonly rule: ConfigRuleIdentifier;
  readonly resources: ExemptResources;
  /** Why the resources do not comply (at least 20 characters), for auditors. */
  readonly reason: string;
}

const BUCKET = 'AWS::S3::Bucket';
const accessLogs = { type: BUCKET, role: ROLES.accessLog } as const;
const replicas = { type: BUCKET, path: 'DisasterRecovery/*-replica/Resource' } as const;
const bedrockLogs = { type: BUCKET, path: 'AiWorkloads/InvocationLogging/Bucket/Resource' } as const;

/**
 * Every NON_COMPLIANT result the baseline's own resources give on a deployed managed rule, recorded with
 * its reason. The self-compliance test fails on a NON_COMPLIANT result no entry covers, and on an entry
 * that no longer matches any NON_COMPLIANT result; the control map shows each entry under its rule.
 */
export const CONFIG_RULE_EXEMPTIONS: readonly ConfigRuleExemption[] = [
  {
    rule: 'S3_DEFAULT_ENCRYPTION_KMS',
    resources: accessLogs,
    reason:
      'S3 server access logging only delivers to buckets whose default encryption is SSE-S3; SSE-KMS destinations are not supported.',
  },
  {
    rule: 'S3_BUCKET_LOGGING_ENABLED',
    resources: accessLogs,
    reason:
      'This bucket is the server access log destination; logging it to itself would loop, and every request to it is in CloudTrail.',
  },
  {
    rule: 'S3_BUCKET_DEFAULT_LOCK_ENABLED',
    resources: accessLogs,
    reason:
      'S3 buckets with Object Lock cannot be destinations of server access logs; the bucket is versioned and retained instead.',
  },
  {
    rule: 'S3_BUCKET_DEFAULT_LOCK_ENABLED',
    resources: { type: BUCKET, role: ROLES.configHistory },
    reason:
      'AWS Config cannot deliver to a bucket with Object Lock; its bucket policy denies deleting objects to every principal instead.',
  },
  {
    rule: 'S3_BUCKET_DEFAULT_LOCK_ENABLED',
    resources: { type: BUCKET, role: ROLES.securityFindings },
    reason:
      "GuardDuty's findings export does not send the checksums Object Lock requires; findings stay in GuardDuty and Security Hub too.",
  },
  {
    rule: 'S3_BUCKET_DEFAULT_LOCK_ENABLED',
    resources: { type: BUCKET, path: 'WorkloadData/Zones/*/Resource' },
    reason:
      'PHI in the data zones must be amendable and disposable under the retention policy (45 CFR 164.526, 164.310(d)(2)(i)); versioning, cross-region replication and Vault Lock backups protect it instead (PhiBucket objectLock opts in).',
  },
  {
    rule: 'S3_BUCKET_DEFAULT_LOCK_ENABLED',
    resources: replicas,
    reason:
      'Replicas of the PHI zones follow their source, including amendments and deletions; Object Lock would keep what the source disposed of.',
  },
  {
    rule: 'S3_BUCKET_DEFAULT_LOCK_ENABLED',
    resources: bedrockLogs,
    reason:
      'Bedrock invocation logs hold prompts and outputs (PHI) that must stay disposable under the retention policy; versioning keeps every overwritten log (ai.bedrock.invocationLogging.objectLockMode opts in).',
  },
  {
    rule: 'S3_BUCKET_REPLICATION_ENABLED',
    resources: bedrockLogs,
    reason:
      'Bedrock delivers invocation logs only within its region; a copy elsewhere would spread PHI without a recovery need (the calling workloads hold the source data).',
  },
  {
    rule: 'S3_BUCKET_REPLICATION_ENABLED',
    resources: accessLogs,
    reason:
      'Holds only server access logs of buckets in its own region; it is not itself a copy of PHI, and CloudTrail records PHI object access.',
  },
  {
    rule: 'S3_BUCKET_REPLICATION_ENABLED',
    resources: { type: BUCKET, role: ROLES.auditLog },
    reason:
      'Single-region log archive: integrity comes from versioning and Object Lock in compliance mode; a regional loss of the archive is an accepted risk.',
  },
  {
    rule: 'S3_BUCKET_REPLICATION_ENABLED',
    resources: { type: BUCKET, role: ROLES.configHistory },
    reason:
      'Configuration history is reproducible from AWS Config, which keeps its own record; a cross-region copy adds nothing for audit.',
  },
  {
    rule: 'S3_BUCKET_REPLICATION_ENABLED',
    resources: { type: BUCKET, role: ROLES.securityFindings },
    reason: 'Exported findings are copies; GuardDuty and Security Hub keep the originals and can export them again.',
  },
  {
    rule: 'S3_BUCKET_REPLICATION_ENABLED',
    resources: replicas,
    reason: 'This bucket is the cross-region replica of a primary PHI zone bucket; replicating it again would loop.',
  },
  {
    rule: 'RDS_IN_BACKUP_PLAN',
    resources: { type: 'AWS::RDS::DBInstance', path: '*/Cluster/*/Resource' },
    reason:
      'Aurora instances hold no data of their own: AWS Backup protects the cluster (AURORA_RESOURCES_PROTECTED_BY_BACKUP_PLAN), which the PHI plan selects.',
  },
];

/** Minimum length of an exemption reason. */
export const MIN_REASON_LENGTH = 20;

/** A construct path pattern as a regular expression (`*` is any run of characters). */
const pathPattern = (pattern: string) =>
  new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);

/** The resources of an exemption in words (`AWS::S3::Bucket tagged hipaa-baseline:role=access-log`). */
export function describeExemptResources(resources: ExemptResources): string {
  return 'role' in resources
    ? `${resources.type} tagged ${ROLE_TAG}=${resources.role}`
    : `${resources.type} at ${resources.path}`;
}

/** A template resource as exemptions match it. */
export interface TemplateResource {
  readonly Type: string;
  readonly Properties?: Record<string, any>;
  readonly Metadata?: Record<string, any>;
}

/** Whether an exemption's resources include a template resource. */
export function exemptionCovers(exemption: ConfigRuleExemption, resource: TemplateResource): boolean {
  const selector = exemption.resources;
  if (resource.Type !== selector.type) return false;
  if ('path' in selector) return pathPattern(selector.path).test(String(resource.Metadata?.['aws:cdk:path'] ?? ''));
  const tags = resource.Properties?.Tags;
  return Array.isArray(tags) && tags.some((tag) => tag.Key === ROLE_TAG && tag.Value === selector.role);
}

/** The exemptions recorded for a rule. */
export function exemptionsOf(rule: string): ConfigRuleExemption[] {
  return CONFIG_RULE_EXEMPTIONS.filter((exemption) => exemption.rule === rule);
}

for (const exemption of CONFIG_RULE_EXEMPTIONS) {
  if (exemption.reason.trim().length < MIN_REASON_LENGTH) {
    throw new Error(
      `config-rule-exemptions.ts: ${exemption.rule}: the reason needs at least ${MIN_REASON_LENGTH} characters`,
    );
  }
}
