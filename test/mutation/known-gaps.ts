// Mutants `check` does not catch yet, each with the reason: the gate's known gaps. The test asserts that
// these are still missed (a fixed gap must leave this list) and that every other mutant is caught.
import type { Mutant } from './generate';

export interface KnownGap {
  readonly resourceType: string;
  readonly operator: string;
  /** Only mutants of resources whose logical id matches (all of the type × operator when absent). */
  readonly logicalId?: RegExp;
  readonly reason: string;
}

/** What closes most of them: recording the resource in the template's control inventory, so ControlIntact compares it. */
const INVENTORY = 'not in the control inventory (fix: recordControl in its construct, then ControlIntact compares it)';

export const KNOWN_GAPS: readonly KnownGap[] = [
  {
    resourceType: 'AWS::S3::BucketPolicy',
    operator: 'deny-statements-removed',
    reason: `intended Deny statements (Config history deletion, the analytics role on raw PHI) are ${INVENTORY}`,
  },
  {
    resourceType: 'AWS::KMS::Key',
    operator: 'deny-statements-removed',
    reason: `the raw-PHI keys' Deny of the analytics role is ${INVENTORY}`,
  },
  {
    resourceType: 'AWS::IAM::ManagedPolicy',
    operator: 'deny-statements-removed',
    reason: `the analytics role's Deny of raw PHI and the require-MFA policy's Deny are ${INVENTORY}`,
  },
  {
    resourceType: 'AWS::IAM::Role',
    operator: 'mfa-condition-removed',
    reason: `the privileged roles' trust (MFA, session age) is ${INVENTORY}`,
  },
  {
    resourceType: 'AWS::IAM::Role',
    operator: 'twelve-hour-sessions',
    reason: `the privileged roles' 1-hour MaxSessionDuration is ${INVENTORY}`,
  },
  {
    resourceType: 'AWS::Route53Resolver::ResolverQueryLoggingConfig',
    operator: 'removed',
    reason: `DNS query logging is ${INVENTORY}`,
  },
  {
    resourceType: 'AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation',
    operator: 'removed',
    reason: `DNS query logging is ${INVENTORY}`,
  },
  { resourceType: 'AWS::Backup::BackupPlan', operator: 'one-day-lifecycle', reason: `the backup plan is ${INVENTORY}` },
  { resourceType: 'AWS::Backup::BackupPlan', operator: 'copies-removed', reason: `the backup plan is ${INVENTORY}` },
  { resourceType: 'AWS::Backup::BackupPlan', operator: 'removed', reason: `the backup plan is ${INVENTORY}` },
  {
    resourceType: 'AWS::Backup::BackupSelection',
    operator: 'removed',
    logicalId: /PhiSelection/,
    reason: `the backup selection is ${INVENTORY} (PhiInBackupSelection checks the backup tag, not the tag-based selection; the selection by ARN is caught by cdk-nag)`,
  },
  {
    resourceType: 'AWS::RDS::DBClusterParameterGroup',
    operator: 'connection-logging-off',
    reason: `the database audit parameters are ${INVENTORY} (RDSForcesTls reads rds.force_ssl only)`,
  },
  ...[
    'password-policy-weakened',
    'account-public-access-block-off',
    'ebs-default-encryption-removed',
    'inspector-off',
    'macie-discovery-off',
    'removed',
  ].map((operator) => ({
    resourceType: 'Custom::AccountSettings',
    operator,
    reason: `the account hardening custom resource is ${INVENTORY}`,
  })),
  ...['disabled', 'targets-removed', 'removed'].map((operator) => ({
    resourceType: 'AWS::Events::Rule',
    operator,
    logicalId: /^IncidentResponse/,
    reason: `the incident response rule (unlike the alert rules) is ${INVENTORY}`,
  })),
  {
    resourceType: 'AWS::EC2::SecurityGroup',
    operator: 'egress-to-anywhere',
    logicalId: /^IncidentResponse/,
    reason:
      'the segmentation analysis sees only the Network template; a security group of another stack in its VPCs is ' +
      `outside it, and this one is ${INVENTORY}`,
  },
];

/** The known gap a mutant falls under, if any. */
export function knownGapOf(mutant: Mutant): KnownGap | undefined {
  return KNOWN_GAPS.find(
    (gap) =>
      gap.resourceType === mutant.resourceType &&
      gap.operator === mutant.operator &&
      (gap.logicalId === undefined || gap.logicalId.test(mutant.logicalId)),
  );
}
