/**
 * HIPAABaseline-PhiInBackupSelection — a resource tagged DataClassification=PHI or Deidentified (the
 * de-identified zone can still hold residual identifiers) of a type AWS Backup protects is in a backup
 * selection: it carries `backup=true` (the baseline's tag selection) or a selection in the same template
 * names it.
 *
 * Scenarios:
 * - non-compliant: PHI table/cluster/bucket/file system without backup=true and not named by any selection
 * - compliant: PHI resource tagged backup=true; PHI resource whose ARN a BackupSelection lists
 * - not applicable: resources tagged neither PHI nor Deidentified; types AWS Backup does not protect
 */
import { BACKUP_TAG, DATA_CLASSIFICATION_TAG, DEIDENTIFIED, PHI } from '../lib/controls/tags';
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
  info: 'The PHI or de-identified data store is not in any AWS Backup selection.',
  explanation:
    `Tag it ${BACKUP_TAG}=true (the baseline backs up every resource tagged ${BACKUP_TAG}=true daily and ` +
    `monthly, with copies in the DR region) or add it to a backup selection.`,
  citations: ['164.308(a)(7)(ii)(A)', '164.310(d)(2)(iv)'],
  configRules: [
    'DYNAMODB_IN_BACKUP_PLAN',
    'RDS_IN_BACKUP_PLAN',
    'EBS_IN_BACKUP_PLAN',
    'EFS_IN_BACKUP_PLAN',
    'AURORA_RESOURCES_PROTECTED_BY_BACKUP_PLAN',
  ],
  check(resource, { resources }) {
    const classified =
      hasTag(resource, DATA_CLASSIFICATION_TAG, PHI) || hasTag(resource, DATA_CLASSIFICATION_TAG, DEIDENTIFIED);
    if (!BACKUP_TYPES.has(resource.Type) || !classified) return 'not-applicable';
    if (hasTag(resource, BACKUP_TAG, 'true')) return 'compliant';
    const named = [...resources.values()].some(
      (other) =>
        other.Type === 'AWS::Backup::BackupSelection' &&
        referencedIds(other.Properties?.BackupSelection?.Resources).includes(resource.logicalId),
    );
    return named ? 'compliant' : 'non-compliant';
  },
};
