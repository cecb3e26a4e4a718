import type { ConfigRuleIdentifier } from '../../../lib/controls/catalog.generated';
import { inBackupSelection } from './backup';
import { asArray, canonical, eachOfType, judge, props, refOf, resourcesOf, type Located } from './template';
import type { Evaluator, RuleContext } from './types';

const INSTANCE = 'AWS::RDS::DBInstance';
const CLUSTER = 'AWS::RDS::DBCluster';

/** The cluster an Aurora instance belongs to (its storage, backups and logs are the cluster's). */
const clusterOf = (context: RuleContext, instance: Located): Located | undefined =>
  resourcesOf(context.stacks, CLUSTER).find(
    (cluster) => canonical(props(instance).DBClusterIdentifier, instance.stack, context.stacks) === refOf(cluster),
  );

/** Log types an engine writes, which RDS_LOGGING_ENABLED expects exported. */
const ENGINE_LOGS: Record<string, string[]> = {
  'aurora-postgresql': ['postgresql'],
  'aurora-mysql': ['audit', 'error', 'general', 'slowquery'],
  postgres: ['postgresql', 'upgrade'],
  mysql: ['error', 'general', 'slowquery'],
  mariadb: ['audit', 'error', 'general', 'slowquery'],
};

const selected = (what: string) => (context: RuleContext) => (located: Located) =>
  inBackupSelection(context, located) ? undefined : `no AWS Backup selection covers this ${what}`;

/** AWS Config managed rules over RDS instances and clusters and DynamoDB tables. */
export const DATA_STORE_EVALUATORS: Partial<Record<ConfigRuleIdentifier, Evaluator>> = {
  AURORA_RESOURCES_PROTECTED_BY_BACKUP_PLAN: (context) =>
    eachOfType(context, CLUSTER, selected('cluster')(context), 'an AWS Backup plan selects the cluster'),
  RDS_IN_BACKUP_PLAN: (context) =>
    eachOfType(context, INSTANCE, selected('instance')(context), 'an AWS Backup plan selects the instance'),
  DYNAMODB_IN_BACKUP_PLAN: (context) =>
    eachOfType(context, 'AWS::DynamoDB::Table', selected('table')(context), 'an AWS Backup plan selects the table'),
  DB_INSTANCE_BACKUP_ENABLED: (context) =>
    eachOfType(
      context,
      INSTANCE,
      (instance) => {
        const owner = clusterOf(context, instance) ?? instance;
        return props(owner).BackupRetentionPeriod === 0 ? 'automated backups are off (retention 0)' : undefined;
      },
      'automated backups are on',
    ),
  RDS_AUTOMATIC_MINOR_VERSION_UPGRADE_ENABLED: (context) =>
    eachOfType(
      context,
      INSTANCE,
      (i) => (props(i).AutoMinorVersionUpgrade === false ? 'minor version upgrades are off' : undefined),
      'minor versions upgrade automatically',
    ),
  RDS_CLUSTER_DELETION_PROTECTION_ENABLED: (context) =>
    eachOfType(
      context,
      CLUSTER,
      (c) => (props(c).DeletionProtection === true ? undefined : 'deletion protection is off'),
      'deletion protection is on',
    ),
  RDS_CLUSTER_MULTI_AZ_ENABLED: (context) =>
    eachOfType(
      context,
      CLUSTER,
      (cluster) => {
        const members = resourcesOf(context.stacks, INSTANCE).filter(
          (i) => canonical(props(i).DBClusterIdentifier, i.stack, context.stacks) === refOf(cluster),
        );
        return members.length >= 2 ? undefined : 'a single instance: no replica to fail over to in another zone';
      },
      'a writer and a reader, which Aurora places in different zones',
    ),
  RDS_ENHANCED_MONITORING_ENABLED: (context) =>
    eachOfType(
      context,
      INSTANCE,
      (i) => (Number(props(i).MonitoringInterval ?? 0) > 0 ? undefined : 'enhanced monitoring is off'),
      'enhanced monitoring is on',
    ),
  RDS_INSTANCE_PUBLIC_ACCESS_CHECK: (context) =>
    eachOfType(
      context,
      INSTANCE,
      (i) => (props(i).PubliclyAccessible === true ? 'publicly accessible' : undefined),
      'not publicly accessible',
    ),
  RDS_LOGGING_ENABLED: (context) =>
    eachOfType(
      context,
      INSTANCE,
      (instance) => {
        const owner = clusterOf(context, instance) ?? instance;
        const expected = ENGINE_LOGS[String(props(instance).Engine)];
        if (!expected) return `no known log types for engine ${String(props(instance).Engine)}`;
        const exported = asArray<string>(props(owner).EnableCloudwatchLogsExports);
        const missing = expected.filter((log) => !exported.includes(log));
        return missing.length > 0 ? `does not export ${missing.join(', ')} logs` : undefined;
      },
      'exports every log type of its engine',
    ),
  RDS_MULTI_AZ_SUPPORT: (context) =>
    resourcesOf(context.stacks, INSTANCE).map((instance) =>
      String(props(instance).Engine).startsWith('aurora')
        ? judge(context, instance, 'NOT_APPLICABLE', 'the rule does not evaluate Aurora instances')
        : judge(
            context,
            instance,
            props(instance).MultiAZ === true ? 'COMPLIANT' : 'NON_COMPLIANT',
            props(instance).MultiAZ === true ? 'Multi-AZ' : 'single-AZ',
          ),
    ),
  RDS_STORAGE_ENCRYPTED: (context) =>
    eachOfType(
      context,
      INSTANCE,
      (instance) =>
        props(clusterOf(context, instance) ?? instance).StorageEncrypted === true
          ? undefined
          : 'storage is not encrypted',
      'storage is encrypted',
    ),
  DYNAMODB_AUTOSCALING_ENABLED: (context) =>
    eachOfType(
      context,
      'AWS::DynamoDB::Table',
      (table) =>
        props(table).BillingMode === 'PAY_PER_REQUEST' ||
        resourcesOf(context.stacks, 'AWS::ApplicationAutoScaling::ScalableTarget').some((target) =>
          canonical(props(target).ResourceId, target.stack, context.stacks).includes(refOf(table)),
        )
          ? undefined
          : 'provisioned capacity without auto scaling',
      'on-demand capacity, or provisioned capacity that scales',
    ),
  DYNAMODB_PITR_ENABLED: (context) =>
    eachOfType(
      context,
      'AWS::DynamoDB::Table',
      (table) =>
        props(table).PointInTimeRecoverySpecification?.PointInTimeRecoveryEnabled === true
          ? undefined
          : 'point-in-time recovery is off',
      'point-in-time recovery is on',
    ),
};
