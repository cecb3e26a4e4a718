import { AuditLogBucketObjectLock } from './AuditLogBucketObjectLock';
import { KMSKeyRotationEnabled } from './KMSKeyRotationEnabled';
import { LogGroupMinimumRetention } from './LogGroupMinimumRetention';
import { NetworkSegmentationMatchesMatrix } from './NetworkSegmentationMatchesMatrix';
import type { OwnRule } from './rule';
import { StatefulResourceRetained } from './StatefulResourceRetained';

/** This project's rules; the pack, the template check and the control map iterate this registry. */
export const OWN_RULES: readonly OwnRule[] = [
  KMSKeyRotationEnabled,
  LogGroupMinimumRetention,
  StatefulResourceRetained,
  AuditLogBucketObjectLock,
  NetworkSegmentationMatchesMatrix,
];

export { OWN_PACK_NAME, RULE_SETTINGS_METADATA_KEY } from './rule';
export type { OwnRule, RuleContext, RuleResult, RuleSettings, TemplateResource } from './rule';
