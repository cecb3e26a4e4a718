/**
 * hipaa-baseline as a construct library: the building blocks of the baseline for your own CDK app.
 *
 * ```ts
 * import { App, Stack } from 'aws-cdk-lib';
 * import { AccessLogBucket, BaselineKey, PhiBucket, registerGate, parseConfig } from 'hipaa-baseline';
 * ```
 *
 * Data protection: {@link PhiBucket}, {@link PhiBackupVault}, {@link PhiBackupPlan}, {@link BaselineKey},
 * {@link AccessLogBucket}. Network: {@link SegmentedNetwork} with {@link planNetwork}. The gate:
 * {@link registerGate} (cdk-nag HIPAA Security and AWS Solutions packs plus {@link HipaaBaselineChecks}),
 * {@link acknowledge} and {@link acknowledgeWildcardResource}. The whole baseline: {@link buildBaseline}.
 *
 * @packageDocumentation
 */
export { buildBaseline, type BaselineStacks, type BuildOptions } from './app/build-baseline';
export { registerGate, ruleSettings } from './app/gate';
export { ConfigError, loadConfig, parseConfig, type ContextSource } from './config/load';
export type { BaselineConfig, BaselineConfigInput } from './config/schema';
export { AccessLogBucket, type AccessLogBucketProps } from './constructs/access-log-bucket';
export { BaselineKey, type BaselineKeyProps, type KeyPurpose } from './constructs/baseline-key';
export { PhiBackupPlan, type PhiBackupPlanProps } from './constructs/phi-backup-plan';
export { PhiBackupVault, type PhiBackupVaultProps } from './constructs/phi-backup-vault';
export { PhiBucket, type PhiBucketProps, type PhiReplication } from './constructs/phi-bucket';
export { SegmentedNetwork, type SegmentedNetworkProps } from './constructs/segmented-network';
export { acknowledge, acknowledgeWildcardResource } from './controls/acknowledge';
export { declareControls } from './controls/declare';
export { planNetwork, type NetworkPlan } from './network/plan';
export { packageVersion } from './package-info';
export { OWN_RULES } from '../rules';
export { HipaaBaselineChecks } from '../rules/pack';
