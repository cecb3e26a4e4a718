import { AuditLogBucketObjectLock } from './AuditLogBucketObjectLock';
import { ConfigRecorderAllResourceTypes } from './ConfigRecorderAllResourceTypes';
import { GuardDutyDetectorEnabled } from './GuardDutyDetectorEnabled';
import { KMSKeyRotationEnabled } from './KMSKeyRotationEnabled';
import { LogGroupMinimumRetention } from './LogGroupMinimumRetention';
import { NetworkAclNoUnrestrictedIngress } from './NetworkAclNoUnrestrictedIngress';
import type { OwnRule } from './rule';
import { S3BucketPublicAccessBlocked } from './S3BucketPublicAccessBlocked';
import { StatefulResourceRetained } from './StatefulResourceRetained';

/** This project's rules; the pack, the template check and the control map iterate this registry. */
export const OWN_RULES: readonly OwnRule[] = [
  KMSKeyRotationEnabled,
  LogGroupMinimumRetention,
  StatefulResourceRetained,
  AuditLogBucketObjectLock,
  GuardDutyDetectorEnabled,
  ConfigRecorderAllResourceTypes,
  NetworkAclNoUnrestrictedIngress,
  S3BucketPublicAccessBlocked,
];

export { OWN_PACK_NAME, RULE_SETTINGS_METADATA_KEY } from './rule';
export type { OwnRule, RuleContext, RuleResult, RuleSettings, TemplateResource } from './rule';
