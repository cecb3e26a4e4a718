/**
 * HIPAABaseline-PhiInBackupSelection — a resource tagged DataClassification=PHI of a type AWS Backup
 * protects is in a backup selection: it carries `backup=true` (the baseline's tag selection selects
 * DataClassification=PHI AND backup=true) or a selection in the same template names it.
 *
 * Scenarios:
 * - non-compliant: PHI table/cluster/bucket/file system without backup=true and not named by any selection
 * - compliant: PHI resource tagged backup=true; PHI resource whose ARN a BackupSelection lists
 * - not applicable: resources not tagged PHI; types AWS Backup does not protect
 */
import { BACKUP_TAG, DATA_CLASSIFICATION_TAG, PHI } from '../lib/controls/tags';
import { hasTag, referencedIds, type OwnRule } from './rule';

const BACKUP_TYPES = new Set([
  'AWS::S3::Bucket',
  'AWS::DynamoDB::Table',
  'AWS::RDS::DBCluster',
  'AWS::RDS::DBInstance',
  'AWS::EFS::FileSystem',
  'AWS::EC2::Volume',
  'AWS::EC2::Instance',
  'AWS::FSx::FileSystem',
  'AWS::Neptune::DBCluster',
  'AWS::DocDB::DBCluster',
  'AWS::Redshift::Cluster',
]);

export const PhiInBackupSelection: OwnRule = {
  id: 'PhiInBackupSelection',
  level: 'error',
  info: 'The PHI resource is not in any AWS Backup selection.',
  explanation:
    `Tag it ${BACKUP_TAG}=true (the baseline backs up every resource tagged ${DATA_CLASSIFICATION_TAG}=${PHI} and ` +
    `${BACKUP_TAG}=true daily and monthly, with copies in the DR region) or add it to a backup selection.`,
  citations: ['164.308(a)(7)(ii)(A)', '164.310(d)(2)(iv)'],
  configRules: [
    'DYNAMODB_IN_BACKUP_PLAN',
    'RDS_IN_BACKUP_PLAN',
    'EBS_IN_BACKUP_PLAN',
    'EFS_IN_BACKUP_PLAN',
    'AURORA_RESOURCES_PROTECTED_BY_BACKUP_PLAN',
  ],
  check(resource, { resources }) {
    if (!BACKUP_TYPES.has(resource.Type) || !hasTag(resource, DATA_CLASSIFICATION_TAG, PHI)) return 'not-applicable';
    if (hasTag(resource, BACKUP_TAG, 'true')) return 'compliant';
    const named = [...resources.values()].some(
      (other) =>
        other.Type === 'AWS::Backup::BackupSelection' &&
        referencedIds(other.Properties?.BackupSelection?.Resources).includes(resource.logicalId),
    );
    return named ? 'compliant' : 'non-compliant';
  },
};
