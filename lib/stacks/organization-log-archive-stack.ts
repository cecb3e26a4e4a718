import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { AuditLogArchive } from '../constructs/audit-log-archive';
import { BaselineKey } from '../constructs/baseline-key';
import { ConfigHistoryBucket } from '../constructs/config-history-bucket';
import { DNS_QUERY_LOG_PREFIX } from '../constructs/dns-query-logging';
import { FLOW_LOG_PREFIX } from '../constructs/flow-logs';
import { declareControls } from '../controls/declare';
import { warn } from '../controls/warnings';
import { orgNaming } from '../organization/names';
import type { OrganizationStackProps } from './organization-stack-props';

/**
 * Log archive account (organisation mode): the key for logs and the central archives every account writes
 * to — the Object Lock audit-log bucket receiving the organisation trail (management account) and the
 * network account's flow logs and DNS query logs, and the bucket every account's AWS Config delivers to.
 * Writers are admitted by organisation id, account and source ARN; the names are fixed, since no other
 * account can reference these resources.
 */
export class OrganizationLogArchiveStack extends Stack {
  public readonly logsKey: BaselineKey;
  public readonly archive: AuditLogArchive;
  public readonly configHistory: ConfigHistoryBucket;
  private readonly prefix: string;

  constructor(scope: Construct, id: string, props: OrganizationStackProps) {
    super(scope, id, props);
    const { config } = props;
    const org = config.organization;
    const prefix = config.namePrefix;
    this.prefix = prefix;
    const retentionDays = Math.ceil(config.auditLogRetentionYears * 365.25);

    this.logsKey = new BaselineKey(this, 'LogsKey', { purpose: 'logs', namePrefix: prefix });
    this.archive = new AuditLogArchive(this, 'Archive', {
      encryptionKey: this.logsKey.key,
      retentionYears: config.auditLogRetentionYears,
      objectLockMode: config.objectLockMode,
      bucketName: orgNaming.auditLogBucket(prefix, this.account, this.region),
    });
    if (config.objectLockMode === 'GOVERNANCE') warn(this.archive.bucket, 'HIPAABaseline-ObjectLockGovernanceMode');
    this.configHistory = new ConfigHistoryBucket(this, 'ConfigHistory', {
      encryptionKey: this.logsKey.key,
      accessLogBucket: this.archive.accessLogBucket,
      retentionDays,
      bucketName: orgNaming.configBucket(prefix, this.account, this.region),
    });

    this.allowOrganizationTrail(org.managementAccount, config.organizationId);
    this.allowOrganizationConfig(config.organizationId);
    this.allowLogDelivery(org.networkAccount);
    declareControls(this.configHistory, {
      citations: ['164.308(a)(1)(ii)(D)', '164.312(b)'],
      statement:
        "Every account of the organisation delivers its AWS Config history to this one bucket of the log archive account, admitted by organisation id and encrypted with the archive's key.",
    });
  }

  /** The organisation trail of the management account writes its log files here and encrypts them with the logs key. */
  private allowOrganizationTrail(managementAccount: string, organizationId: string): void {
    const trailArn = orgNaming.organizationTrailArn(this.partition, this.prefix, managementAccount, this.region);
    const fromTrail = { StringEquals: { 'aws:SourceArn': trailArn } };
    const cloudtrail = new iam.ServicePrincipal('cloudtrail.amazonaws.com');
    const bucket = this.archive.bucket;
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowOrganizationTrailAclCheck',
        principals: [cloudtrail],
        actions: ['s3:GetBucketAcl'],
        resources: [bucket.bucketArn],
        conditions: fromTrail,
      }),
    );
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowOrganizationTrailWrite',
        principals: [cloudtrail],
        actions: ['s3:PutObject'],
        resources: [
          bucket.arnForObjects(`AWSLogs/${managementAccount}/*`),
          bucket.arnForObjects(`AWSLogs/${organizationId}/*`),
        ],
        conditions: { StringEquals: { ...fromTrail.StringEquals, 's3:x-amz-acl': 'bucket-owner-full-control' } },
      }),
    );
    this.logsKey.allowService({
      sid: 'AllowOrganizationTrailEncryptLogs',
      service: 'cloudtrail.amazonaws.com',
      actions: ['kms:GenerateDataKey*'],
      conditions: {
        ...fromTrail,
        StringLike: {
          'kms:EncryptionContext:aws:cloudtrail:arn': `arn:${this.partition}:cloudtrail:*:${managementAccount}:trail/*`,
        },
      },
    });
    this.logsKey.allowService({
      sid: 'AllowOrganizationTrailDescribeKey',
      service: 'cloudtrail.amazonaws.com',
      actions: ['kms:DescribeKey'],
      conditions: fromTrail,
    });
  }

  /** Every account's AWS Config (its recorder role, or Config's service principal) delivers here. */
  private allowOrganizationConfig(organizationId: string): void {
    const bucket = this.configHistory;
    const inOrganization = { 'aws:PrincipalOrgID': organizationId };
    const ownerAcl = { 's3:x-amz-acl': 'bucket-owner-full-control' };
    const anyone = new iam.AnyPrincipal();
    const config = new iam.ServicePrincipal('config.amazonaws.com');
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowOrganizationConfigAclCheck',
        principals: [anyone],
        actions: ['s3:GetBucketAcl', 's3:ListBucket'],
        resources: [bucket.bucketArn],
        conditions: { StringEquals: inOrganization },
      }),
    );
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowOrganizationConfigWrite',
        principals: [anyone],
        actions: ['s3:PutObject'],
        resources: [bucket.arnForObjects('config/AWSLogs/*')],
        conditions: { StringEquals: { ...inOrganization, ...ownerAcl } },
      }),
    );
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowConfigServiceAclCheck',
        principals: [config],
        actions: ['s3:GetBucketAcl', 's3:ListBucket'],
        resources: [bucket.bucketArn],
        conditions: { StringEquals: { 'aws:SourceOrgID': organizationId } },
      }),
    );
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowConfigServiceWrite',
        principals: [config],
        actions: ['s3:PutObject'],
        resources: [bucket.arnForObjects('config/AWSLogs/*')],
        conditions: { StringEquals: { 'aws:SourceOrgID': organizationId, ...ownerAcl } },
      }),
    );
    this.logsKey.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowOrganizationConfigDelivery',
        principals: [anyone],
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: ['*'],
        conditions: {
          StringEquals: { ...inOrganization, 'kms:ViaService': `s3.${this.region}.amazonaws.com` },
        },
      }),
    );
    this.logsKey.allowService({
      sid: 'AllowConfigServiceDelivery',
      service: 'config.amazonaws.com',
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      conditions: { StringEquals: { 'aws:SourceOrgID': organizationId } },
    });
  }

  /**
   * The network account's log delivery service (VPC flow logs, Route 53 Resolver query logs) writes under
   * its prefixes and encrypts with the logs key.
   */
  private allowLogDelivery(networkAccount: string): void {
    const delivery = new iam.ServicePrincipal('delivery.logs.amazonaws.com');
    const fromNetwork = {
      StringEquals: { 'aws:SourceAccount': networkAccount },
      ArnLike: { 'aws:SourceArn': `arn:${this.partition}:logs:${this.region}:${networkAccount}:*` },
    };
    const bucket = this.archive.bucket;
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowLogDeliveryAclCheck',
        principals: [delivery],
        actions: ['s3:GetBucketAcl', 's3:ListBucket'],
        resources: [bucket.bucketArn],
        conditions: fromNetwork,
      }),
    );
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowLogDeliveryWrite',
        principals: [delivery],
        actions: ['s3:PutObject'],
        resources: [FLOW_LOG_PREFIX, DNS_QUERY_LOG_PREFIX].map((prefix) => bucket.arnForObjects(`${prefix}/AWSLogs/*`)),
        conditions: {
          ...fromNetwork,
          StringEquals: { ...fromNetwork.StringEquals, 's3:x-amz-acl': 'bucket-owner-full-control' },
        },
      }),
    );
    this.logsKey.allowService({
      sid: 'AllowLogDeliveryEncrypt',
      service: 'delivery.logs.amazonaws.com',
      actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
      conditions: fromNetwork,
    });
  }
}
