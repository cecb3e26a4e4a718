/**
 * CloudFormation resource types that hold data (or, for keys, make data readable). Deleting or
 * replacing one loses data, so the baseline retains them and the stateful-change guard watches them.
 * `snapshot: true` marks types whose DeletionPolicy may be Snapshot instead of Retain.
 */
export const STATEFUL_TYPES: ReadonlyMap<string, { readonly snapshot: boolean }> = new Map([
  ['AWS::S3::Bucket', { snapshot: false }],
  ['AWS::KMS::Key', { snapshot: false }],
  ['AWS::Logs::LogGroup', { snapshot: false }],
  ['AWS::Backup::BackupVault', { snapshot: false }],
  ['AWS::RDS::DBCluster', { snapshot: true }],
  ['AWS::RDS::DBInstance', { snapshot: true }],
  ['AWS::DynamoDB::Table', { snapshot: false }],
  ['AWS::DynamoDB::GlobalTable', { snapshot: false }],
  ['AWS::EFS::FileSystem', { snapshot: false }],
  ['AWS::SecretsManager::Secret', { snapshot: false }],
  ['AWS::EC2::Volume', { snapshot: true }],
  ['AWS::Neptune::DBCluster', { snapshot: true }],
  ['AWS::DocDB::DBCluster', { snapshot: true }],
  ['AWS::Redshift::Cluster', { snapshot: true }],
  ['AWS::ElastiCache::ReplicationGroup', { snapshot: true }],
  ['AWS::OpenSearchService::Domain', { snapshot: false }],
  ['AWS::Elasticsearch::Domain', { snapshot: false }],
  ['AWS::FSx::FileSystem', { snapshot: false }],
  ['AWS::Kinesis::Stream', { snapshot: false }],
  ['AWS::HealthLake::FHIRDatastore', { snapshot: false }],
  ['AWS::SageMaker::FeatureGroup', { snapshot: false }],
  ['AWS::Timestream::Table', { snapshot: false }],
  ['AWS::KMS::ReplicaKey', { snapshot: false }],
  ['AWS::CloudTrail::EventDataStore', { snapshot: false }],
  ['AWS::Backup::LogicallyAirGappedBackupVault', { snapshot: false }],
  ['AWS::S3Express::DirectoryBucket', { snapshot: false }],
  ['AWS::S3Tables::TableBucket', { snapshot: false }],
  ['AWS::Cognito::UserPool', { snapshot: false }],
  ['AWS::ECR::Repository', { snapshot: false }],
  ['AWS::DocDBElastic::Cluster', { snapshot: false }],
  ['AWS::RedshiftServerless::Namespace', { snapshot: false }],
  ['AWS::MemoryDB::Cluster', { snapshot: false }],
  ['AWS::ElastiCache::CacheCluster', { snapshot: true }],
  ['AWS::Cassandra::Table', { snapshot: false }],
  ['AWS::OpenSearchServerless::Collection', { snapshot: false }],
  ['AWS::MSK::Cluster', { snapshot: false }],
  ['AWS::HealthImaging::Datastore', { snapshot: false }],
  ['AWS::Omics::SequenceStore', { snapshot: false }],
  ['AWS::Omics::ReferenceStore', { snapshot: false }],
]);

/** Deletion policies that keep the data of a stateful resource. */
export function keepsData(type: string, policy: string | undefined): boolean {
  if (policy === 'Retain' || policy === 'RetainExceptOnCreate') return true;
  return policy === 'Snapshot' && STATEFUL_TYPES.get(type)?.snapshot === true;
}

/**
 * True when a resource holds data of its own: a stateful type, except instances that are members of an
 * Aurora (or other RDS) cluster — the cluster holds the data.
 */
export function holdsData(
  resource: { readonly Type?: string; readonly Properties?: Record<string, unknown> } | undefined,
): boolean {
  if (!resource?.Type || !STATEFUL_TYPES.has(resource.Type)) return false;
  return !(resource.Type === 'AWS::RDS::DBInstance' && resource.Properties?.DBClusterIdentifier !== undefined);
}
