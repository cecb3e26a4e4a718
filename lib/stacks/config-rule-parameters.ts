import { Fn } from 'aws-cdk-lib';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { BaselineConfig } from '../config/schema';
import type { SegmentedNetwork } from '../constructs/segmented-network';
import { INTERNET_INGRESS_PORT } from '../constructs/tier-security-groups';
import type { ConfigRuleIdentifier } from '../controls/catalog.generated';
import { naming } from '../data/naming';

export interface DerivedParameterSources {
  readonly config: BaselineConfig;
  /** Region of the security tooling stack (a token when the configuration leaves it open). */
  readonly region: string;
  /** The segmented network: which VPCs have an internet gateway, which route tables route to it. */
  readonly network: SegmentedNetwork;
  /** The alert topic every audit alarm notifies. */
  readonly alertTopic: sns.ITopic;
}

type Parameters = Partial<Record<ConfigRuleIdentifier, Record<string, string>>>;

/**
 * Parameters that follow the configuration alone (password policy, backup retention): the same in every
 * account, so an organisation conformance pack takes them too.
 */
export function accountConfigRuleParameters(config: BaselineConfig): Parameters {
  const password = config.detection.passwordPolicy;
  return {
    IAM_PASSWORD_POLICY: {
      MaxPasswordAge: String(password.maxPasswordAgeDays),
      MinimumPasswordLength: String(password.minimumLength),
      PasswordReusePrevention: String(password.passwordReusePrevention),
      RequireLowercaseCharacters: String(password.requireLowercase),
      RequireNumbers: String(password.requireNumbers),
      RequireSymbols: String(password.requireSymbols),
      RequireUppercaseCharacters: String(password.requireUppercase),
    },
    BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK: {
      requiredRetentionDays: String(config.dataProtection.backup.dailyRetentionDays),
    },
  };
}

/**
 * Parameters of the managed rules that follow what the baseline builds, so the rules judge the baseline
 * by its own design rather than by the pack's placeholders. Values may be tokens (VPC and route table ids
 * from the network stack, the topic ARN): individual rules take them as cross-stack references, a
 * conformance pack as input parameters (HipaaConfigRules). `controls.configRuleParameters` overrides any.
 */
export function derivedConfigRuleParameters(sources: DerivedParameterSources): Parameters {
  const { config, network } = sources;
  const environments = Object.values(network.environments);
  const withGateway = environments.filter((env) => env.vpc.internetGatewayId !== undefined);
  const ingressRouteTables = environments.flatMap((env) => env.vpc.publicSubnets.map((s) => s.routeTable.routeTableId));
  const parameters: Parameters = {
    ...accountConfigRuleParameters(config),
    // The audit alarms treat missing data as not breaching (they never go INSUFFICIENT_DATA once evaluated),
    // and an anomaly model without enough data is not an incident: what must hold is that every alarm
    // notifies the alert topic when it fires.
    CLOUDWATCH_ALARM_ACTION_CHECK: {
      alarmActionRequired: 'true',
      insufficientDataActionRequired: 'false',
      okActionRequired: 'false',
      action1: sources.alertTopic.topicArn,
    },
    // Object-level audit events are recorded for the PHI buckets only (all buckets would log the log archive's
    // own writes): the rule checks exactly those buckets.
    CLOUDTRAIL_S3_DATAEVENTS_ENABLED: {
      S3BucketNames: naming
        .dataEventBuckets(config.namePrefix, sources.region, config.dataProtection.drRegion, {
          bedrockLogs: config.ai.bedrock.invocationLogging.enabled,
        })
        .join(','),
    },
  };
  if (withGateway.length > 0) {
    parameters.INTERNET_GATEWAY_AUTHORIZED_VPC_ONLY = {
      AuthorizedVpcIds: Fn.join(
        ',',
        withGateway.map((env) => env.vpc.vpcId),
      ),
    };
  }
  if (ingressRouteTables.length > 0) {
    // The ingress tier's route tables: internet-facing load balancers need the default route to the gateway.
    parameters.NO_UNRESTRICTED_ROUTE_TO_IGW = { routeTableIds: Fn.join(',', ingressRouteTables) };
    parameters.VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS = { authorizedTcpPorts: String(INTERNET_INGRESS_PORT) };
  }
  return parameters;
}
