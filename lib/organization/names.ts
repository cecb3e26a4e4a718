/**
 * Fixed names of organisation-mode resources that stacks in other accounts address: CloudFormation has
 * no cross-account references, so the trail, every member's AWS Config and the network account's flow
 * logs find the log archive by name.
 */
export const orgNaming = {
  /** The Object Lock audit-log bucket of the log archive account (trail, flow logs, DNS query logs). */
  auditLogBucket: (prefix: string, logArchiveAccount: string, region: string) =>
    `${prefix}-audit-logs-${logArchiveAccount}-${region}`,
  /** The bucket every account's AWS Config delivers to. */
  configBucket: (prefix: string, logArchiveAccount: string, region: string) =>
    `${prefix}-config-${logArchiveAccount}-${region}`,
  /** Alias of the log archive's key (BaselineKey purpose `logs`). */
  logsKeyAlias: (prefix: string) => `alias/${prefix}/logs`,
  /** ARN of that alias: CloudTrail accepts a key by alias ARN, and the alias is known before the key exists. */
  logsKeyAliasArn: (partition: string, prefix: string, logArchiveAccount: string, region: string) =>
    `arn:${partition}:kms:${region}:${logArchiveAccount}:${orgNaming.logsKeyAlias(prefix)}`,
  /** The organisation trail (management account). */
  organizationTrail: (prefix: string) => `${prefix}-organization-trail`,
  /** ARN of the organisation trail. */
  organizationTrailArn: (partition: string, prefix: string, managementAccount: string, region: string) =>
    `arn:${partition}:cloudtrail:${region}:${managementAccount}:trail/${orgNaming.organizationTrail(prefix)}`,
  /** The member baseline StackSet. */
  memberStackSet: (prefix: string) => `${prefix}-member-baseline`,
};
