import { AlertTopicHasSubscriber } from './AlertTopicHasSubscriber';
import { AuditLogBucketObjectLock } from './AuditLogBucketObjectLock';
import { BackupVaultLocked } from './BackupVaultLocked';
import { BedrockGuardrailConfigured } from './BedrockGuardrailConfigured';
import { BedrockInvokeRequiresGuardrail } from './BedrockInvokeRequiresGuardrail';
import { ConfigDeliveryBucketNotObjectLocked } from './ConfigDeliveryBucketNotObjectLocked';
import { ConfigRecorderAllResourceTypes } from './ConfigRecorderAllResourceTypes';
import { CustomerManagedEncryption } from './CustomerManagedEncryption';
import { DatabaseBackupRetention } from './DatabaseBackupRetention';
import { DataDeletionProtection } from './DataDeletionProtection';
import { GuardDutyDetectorEnabled } from './GuardDutyDetectorEnabled';
import { InternetGatewayAttachedFirst } from './InternetGatewayAttachedFirst';
import { KMSKeyRotationEnabled } from './KMSKeyRotationEnabled';
import { LogGroupMinimumRetention } from './LogGroupMinimumRetention';
import { NetworkAclNoUnrestrictedIngress } from './NetworkAclNoUnrestrictedIngress';
import { NetworkSegmentationMatchesMatrix } from './NetworkSegmentationMatchesMatrix';
import { PhiCustomerManagedKey } from './PhiCustomerManagedKey';
import { PhiInBackupSelection } from './PhiInBackupSelection';
import { PhiNoPublicEndpoint } from './PhiNoPublicEndpoint';
import { RDSForcesTls } from './RDSForcesTls';
import { ResourcePolicyNotPublic } from './ResourcePolicyNotPublic';
import { RetryableRetainedName } from './RetryableRetainedName';
import { RollbackCanDelete } from './RollbackCanDelete';
import type { OwnRule } from './rule';
import { S3BucketAclsDisabled } from './S3BucketAclsDisabled';
import { S3BucketPublicAccessBlocked } from './S3BucketPublicAccessBlocked';
import { SageMakerIsolated } from './SageMakerIsolated';
import { ServiceControlPolicyExemptions } from './ServiceControlPolicyExemptions';
import { ServiceControlPolicySize } from './ServiceControlPolicySize';
import { ServiceRolePoliciesAttachedFirst } from './ServiceRolePoliciesAttachedFirst';
import { StatefulResourceRetained } from './StatefulResourceRetained';

/** This project's rules; the pack, the template check and the control map iterate this registry. */
export const OWN_RULES: readonly OwnRule[] = [
  KMSKeyRotationEnabled,
  LogGroupMinimumRetention,
  StatefulResourceRetained,
  AuditLogBucketObjectLock,
  PhiCustomerManagedKey,
  PhiInBackupSelection,
  PhiNoPublicEndpoint,
  RDSForcesTls,
  BackupVaultLocked,
  DataDeletionProtection,
  DatabaseBackupRetention,
  GuardDutyDetectorEnabled,
  ConfigRecorderAllResourceTypes,
  ConfigDeliveryBucketNotObjectLocked,
  NetworkAclNoUnrestrictedIngress,
  S3BucketPublicAccessBlocked,
  S3BucketAclsDisabled,
  NetworkSegmentationMatchesMatrix,
  AlertTopicHasSubscriber,
  ServiceRolePoliciesAttachedFirst,
  InternetGatewayAttachedFirst,
  RetryableRetainedName,
  RollbackCanDelete,
  ResourcePolicyNotPublic,
  CustomerManagedEncryption,
  BedrockInvokeRequiresGuardrail,
  BedrockGuardrailConfigured,
  SageMakerIsolated,
  ServiceControlPolicySize,
  ServiceControlPolicyExemptions,
];

export { OWN_PACK_NAME, RULE_SETTINGS_METADATA_KEY } from './rule';
export type { OwnRule, RuleContext, RuleResult, RuleSettings, TemplateResource } from './rule';
