import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import { AccessLogBucket } from '../constructs/access-log-bucket';
import { AnalyticsStudioDomain } from '../constructs/analytics-studio-domain';
import { GuardrailEnforcement } from '../constructs/guardrail-enforcement';
import { ModelInvocationLogging } from '../constructs/model-invocation-logging';
import { PhiGuardrail } from '../constructs/phi-guardrail';
import { SageMakerJobConditions } from '../constructs/sagemaker-job-conditions';
import type { SegmentedNetwork } from '../constructs/segmented-network';
import type { PhiDataZones } from '../constructs/phi-data-zones';
import { naming } from '../data/naming';
import type { BaselineStackProps } from './baseline-stack-props';

export interface AiWorkloadsStackProps extends BaselineStackProps {
  /** The segmented network: the SageMaker domain and jobs run in one environment's app tier. */
  readonly network: SegmentedNetwork;
  /** The data zones (workload data): the analytics role's boundary, the raw-PHI roles. */
  readonly zones: PhiDataZones;
  /** The de-identified key (workload data): guardrail, domain, job volumes and outputs. */
  readonly deidentifiedKey: kms.IKey;
}

/**
 * Guardrails for the AI services, in the workload account and region (Bedrock logs only to destinations of
 * its own account and region): model invocation logging, the guardrail and its IAM enforcement on the
 * analytics/ML role, the SageMaker job conditions and the SageMaker domain. Every part follows its switch in
 * `ai`; the deny of model use on the raw-PHI roles is always there.
 */
export class AiWorkloadsStack extends Stack {
  public readonly invocationLogging?: ModelInvocationLogging;
  public readonly guardrail?: PhiGuardrail;
  public readonly enforcement: GuardrailEnforcement;
  public readonly jobConditions: SageMakerJobConditions;
  public readonly domain?: AnalyticsStudioDomain;

  constructor(scope: Construct, id: string, props: AiWorkloadsStackProps) {
    super(scope, id, props);
    const { config } = props;
    const prefix = config.namePrefix;
    const ai = config.ai;
    const analyticsRoleName = naming.analyticsRole(prefix);
    const analyticsRole = iam.Role.fromRoleName(this, 'AnalyticsRole', analyticsRoleName, { mutable: false });
    const analyticsRoleArn = `arn:${this.partition}:iam::${this.account}:role/${analyticsRoleName}`;

    if (ai.bedrock.invocationLogging.enabled) {
      this.invocationLogging = new ModelInvocationLogging(this, 'InvocationLogging', {
        namePrefix: prefix,
        accessLogBucket: new AccessLogBucket(this, 'AccessLogs', { retentionDays: 2192 }),
        retentionDays: ai.bedrock.invocationLogging.retentionDays,
        logGroupRetentionDays: config.logGroupRetentionDays,
        objectLockMode: ai.bedrock.invocationLogging.objectLockMode,
        analyticsRoleArn,
      });
    }
    if (ai.bedrock.guardrail.enabled) {
      this.guardrail = new PhiGuardrail(this, 'Guardrail', {
        name: `${prefix}-phi-guardrail`,
        piiAction: ai.bedrock.guardrail.piiAction,
        contentFilterStrength: ai.bedrock.guardrail.contentFilterStrength,
        blockedMessage: ai.bedrock.guardrail.blockedMessage,
        encryptionKey: props.deidentifiedKey,
      });
    }
    this.enforcement = new GuardrailEnforcement(this, 'GuardrailEnforcement', {
      analyticsRole,
      rawPhiRoles: [props.zones.ingestRole, props.zones.deidentificationRole],
      ...(this.guardrail
        ? {
            guardrail: {
              versionedArn: this.guardrail.versionedArn,
              guardrailArn: this.guardrail.guardrailArn,
              encryptionKey: props.deidentifiedKey,
            },
          }
        : {}),
    });

    const home =
      props.network.environments[ai.sagemaker.domain.environment] ?? Object.values(props.network.environments)[0];
    const appSubnets = { subnetGroupName: 'app' };
    this.jobConditions = new SageMakerJobConditions(this, 'SageMakerJobConditions', {
      analyticsRole,
      subnetIds: home.vpc.selectSubnets(appSubnets).subnetIds,
      securityGroupId: home.securityGroups.app.securityGroupId,
      encryptionKey: props.deidentifiedKey,
    });
    if (ai.sagemaker.domain.enabled) {
      this.domain = new AnalyticsStudioDomain(this, 'StudioDomain', {
        domainName: `${prefix}-analytics`,
        vpc: home.vpc,
        subnets: appSubnets,
        securityGroup: home.securityGroups.app,
        encryptionKey: props.deidentifiedKey,
        executionRoleArn: analyticsRoleArn,
      });
    }
  }
}
