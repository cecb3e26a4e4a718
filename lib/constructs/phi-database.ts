import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';
import { acknowledge } from '../controls/acknowledge';
import { declareControls } from '../controls/declare';
import { BACKUP_TAG, DATA_CLASSIFICATION_TAG, PHI } from '../controls/tags';
import { stackUniqueSuffix } from '../data/naming';
import { recordControl } from '../controls/control-inventory';

export interface PhiDatabaseProps {
  /**
   * Start of the cluster identifier; the cluster is `<prefix>-<8 hex digits unique to the stack's creation>`,
   * which fixes the name of its log group before the cluster exists, yet never collides with a cluster a
   * failed first deploy left behind (HIPAABaseline-RetryableRetainedName).
   */
  readonly clusterIdentifierPrefix: string;
  readonly vpc: ec2.IVpc;
  /** Data-tier subnets (isolated: no route to the internet). HIPAA 164.312(e)(1). */
  readonly subnets: ec2.SubnetSelection;
  /** Security group admitting only the app tier on the database port. HIPAA 164.312(a)(1). */
  readonly securityGroup: ec2.ISecurityGroup;
  /** Customer key for storage, the master secret and the exported logs. HIPAA 164.312(a)(2)(iv); AWS Config RDS_STORAGE_ENCRYPTED. */
  readonly encryptionKey: kms.IKey;
  /** Days of automated backups (at least 7). HIPAA 164.308(a)(7)(ii)(A); AWS Config DB_INSTANCE_BACKUP_ENABLED. */
  readonly backupRetentionDays: number;
  /** Retention of the exported PostgreSQL log, days. HIPAA 164.312(b). */
  readonly logRetentionDays: number;
}

const ENGINE = rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 });

/**
 * An Aurora PostgreSQL cluster for PHI: encrypted with the data key, IAM database authentication, TLS
 * forced by its parameter group, deletion protection and retention on delete, automated backups, a writer
 * and a reader in different zones, logs exported to an encrypted log group, the master password managed
 * by Secrets Manager under the customer key, enhanced monitoring, tagged for the PHI backup plan.
 */
export class PhiDatabase extends Construct {
  public readonly cluster: rds.DatabaseCluster;

  constructor(scope: Construct, id: string, props: PhiDatabaseProps) {
    super(scope, id);
    const clusterIdentifier = `${props.clusterIdentifierPrefix}-${stackUniqueSuffix()}`;
    const logGroup = new logs.LogGroup(this, 'PostgresqlLog', {
      logGroupName: `/aws/rds/cluster/${clusterIdentifier}/postgresql`,
      encryptionKey: props.encryptionKey,
      retention: props.logRetentionDays as logs.RetentionDays,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const parameterGroup = new rds.ParameterGroup(this, 'Parameters', {
      engine: ENGINE,
      description: 'PHI database: TLS required, connections and DDL logged',
      parameters: { 'rds.force_ssl': '1', log_connections: '1', log_disconnections: '1', log_statement: 'ddl' },
      // The retained cluster keeps using it: deleting it on a rollback would fail (HIPAABaseline-RollbackCanDelete).
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const monitoringRole = new iam.Role(this, 'MonitoringRole', {
      assumedBy: new iam.ServicePrincipal('monitoring.rds.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': Stack.of(this).account },
      }),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonRDSEnhancedMonitoringRole')],
    });
    acknowledge(
      monitoringRole,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole]',
      'AWS maintains the enhanced monitoring policy: it only writes RDSOSMetrics to CloudWatch Logs.',
    );

    this.cluster = new rds.DatabaseCluster(this, 'Cluster', {
      engine: ENGINE,
      clusterIdentifier,
      credentials: rds.Credentials.fromUsername('phi_admin', { encryptionKey: props.encryptionKey }),
      manageMasterUserPassword: true,
      writer: rds.ClusterInstance.serverlessV2('writer', { autoMinorVersionUpgrade: true }),
      readers: [rds.ClusterInstance.serverlessV2('reader', { scaleWithWriter: true, autoMinorVersionUpgrade: true })],
      serverlessV2MinCapacity: 0.5,
      serverlessV2MaxCapacity: 4,
      vpc: props.vpc,
      vpcSubnets: props.subnets,
      securityGroups: [props.securityGroup],
      storageEncrypted: true,
      storageEncryptionKey: props.encryptionKey,
      iamAuthentication: true,
      deletionProtection: true,
      // Retain, not Snapshot: CloudFormation cannot delete a deletion-protected cluster, so a Snapshot policy
      // turns the rollback of a failed first deploy into ROLLBACK_FAILED (HIPAABaseline-RollbackCanDelete).
      removalPolicy: RemovalPolicy.RETAIN,
      backup: { retention: Duration.days(props.backupRetentionDays) },
      parameterGroup,
      cloudwatchLogsExports: ['postgresql'],
      monitoringInterval: Duration.seconds(60),
      monitoringRole,
      copyTagsToSnapshot: true,
    });
    this.cluster.node.addDependency(logGroup);
    const parameters = parameterGroup.node.children.find((c) => c instanceof rds.CfnDBClusterParameterGroup);
    if (parameters) {
      recordControl(parameters as rds.CfnDBClusterParameterGroup, 'database-audit-parameters', ['Parameters']);
    }
    const cfn = this.cluster.node.defaultChild as rds.CfnDBCluster;
    cfn.tags.setTag(DATA_CLASSIFICATION_TAG, PHI);
    cfn.tags.setTag(BACKUP_TAG, 'true');
    for (const instance of this.cluster.node.findAll().filter((c) => c instanceof rds.CfnDBInstance)) {
      acknowledge(
        instance,
        'HIPAA.Security-RDSInBackupPlan',
        'Aurora instances hold no data of their own: AWS Backup protects the cluster, which the PHI plan selects.',
      );
    }
    acknowledge(
      this.cluster,
      'AwsSolutions-RDS11',
      'The data tier admits only the app tier, on the declared database port; a non-default port adds nothing behind that.',
    );

    declareControls(this, {
      citations: [
        '164.312(a)(2)(iv)',
        '164.312(e)(1)',
        '164.312(e)(2)(ii)',
        '164.312(d)',
        '164.312(b)',
        '164.312(c)(1)',
        '164.308(a)(7)(ii)(A)',
        '164.308(a)(7)(ii)(C)',
      ],
      statement:
        'The example PHI database is encrypted with the data key, reachable only from the app tier over TLS, authenticated with IAM, protected from deletion, backed up, spread over two zones and audit-logged.',
    });
  }
}
