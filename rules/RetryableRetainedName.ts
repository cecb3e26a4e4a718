/**
 * HIPAABaseline-RetryableRetainedName — when a first deploy fails, CloudFormation rolls the creation back
 * but keeps every resource with DeletionPolicy Retain. A kept resource with a fixed physical name makes
 * every retry fail with "already exists". Such a resource must have no fixed name, a name unique to each
 * creation of the stack (one that contains the stack id), or DeletionPolicy RetainExceptOnCreate (the
 * rollback of the operation that created it deletes it; later operations keep it).
 *
 * Scenarios:
 * - non-compliant: Retain with a literal or account/region-derived name (bucket, vault, log group,
 *   cluster, instance, table, secret, queue, topic, repository, stream, subnet/parameter group)
 * - compliant: no name; a name built from AWS::StackId; RetainExceptOnCreate
 * - not applicable: other types; DeletionPolicy Delete or Snapshot (nothing is kept by a rollback)
 */
import type { OwnRule, TemplateResource } from './rule';

/** The physical-name property of each type that can be retained, from the CloudFormation resource reference. */
export const NAME_PROPERTIES: Readonly<Record<string, string>> = {
  'AWS::S3::Bucket': 'BucketName',
  'AWS::Backup::BackupVault': 'BackupVaultName',
  'AWS::Logs::LogGroup': 'LogGroupName',
  'AWS::RDS::DBCluster': 'DBClusterIdentifier',
  'AWS::RDS::DBInstance': 'DBInstanceIdentifier',
  'AWS::RDS::DBSubnetGroup': 'DBSubnetGroupName',
  'AWS::RDS::DBClusterParameterGroup': 'DBClusterParameterGroupName',
  'AWS::RDS::DBParameterGroup': 'DBParameterGroupName',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::SecretsManager::Secret': 'Name',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::ECR::Repository': 'RepositoryName',
  'AWS::Kinesis::Stream': 'Name',
  'AWS::KMS::Alias': 'AliasName',
};

/** True when a name value contains a reference to the stack id (unique to each creation of the stack). */
function uniquePerCreation(value: unknown): boolean {
  return JSON.stringify(value).includes('AWS::StackId');
}

/** The fixed name of a retained resource, or undefined when a failed creation cannot leave it behind. */
function fixedName(resource: TemplateResource): unknown {
  const property = NAME_PROPERTIES[resource.Type];
  if (!property || resource.DeletionPolicy !== 'Retain') return undefined;
  const name = resource.Properties?.[property];
  return name === undefined || uniquePerCreation(name) ? undefined : name;
}

export const RetryableRetainedName: OwnRule = {
  id: 'RetryableRetainedName',
  level: 'error',
  info: 'A failed first deploy keeps this resource under a fixed name, and every retry fails with "already exists".',
  explanation:
    'Remove the fixed name; or end it with a suffix unique to the stack creation (Fn::Select of the stack id); or, ' +
    'when other stacks or regions must know the name, use DeletionPolicy RetainExceptOnCreate ' +
    '(RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE), so the rollback of its creation deletes it.',
  citations: ['164.308(a)(7)(ii)(B)', '164.308(a)(7)(ii)(C)'],
  check(resource) {
    if (!NAME_PROPERTIES[resource.Type]) return 'not-applicable';
    return fixedName(resource) === undefined ? 'compliant' : 'non-compliant';
  },
};
