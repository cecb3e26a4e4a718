import { Stack } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { responseEnvironment } from '../config/detection-schema';
import { AccountHardening } from '../constructs/account-hardening';
import { AuditAlarms } from '../constructs/audit-alarms';
import { BaselineKey } from '../constructs/baseline-key';
import { HipaaConfigRules } from '../constructs/hipaa-config-rules';
import { IncidentResponse } from '../constructs/incident-response';
import type { DeidentificationPipeline } from '../constructs/deidentification-pipeline';
import { PatchComplianceAlert } from '../constructs/patch-compliance-alert';
import { PatchManagement } from '../constructs/patch-management';
import type { SegmentedNetwork } from '../constructs/segmented-network';
import { PrivilegedAccess } from '../constructs/privileged-access';
import { complianceAlertPattern, SecurityAlerts } from '../constructs/security-alerts';
import { guardDutyFeatures, securityHubStandardArns, ThreatDetection } from '../constructs/threat-detection';
import { configRuleSpecs } from '../controls/config-rule-specs';
import { derivedConfigRuleParameters } from './config-rule-parameters';
import { EXPOSURE_RULES } from '../controls/exposure-rules';
import { DEIDENTIFIED, PHI } from '../controls/tags';
import { EVENT_SOURCE, QUARANTINE_DETAIL_TYPE } from '../functions/deidentify/layout';
import type { BaselineStackProps } from './baseline-stack-props';

export interface SecurityToolingStackProps extends BaselineStackProps {
  /** The CloudTrail log group (log archive). */
  readonly trailLogGroup: logs.ILogGroup;
  /** Bucket and key receiving exported GuardDuty findings (log archive). */
  readonly findingsBucket: s3.IBucket;
  readonly findingsKey: kms.IKey;
  /** The PHI data key (workload data), watched for unusual Decrypt volume. */
  readonly dataKey: kms.IKey;
  /** The dedicated EBS key (workload data), set as the account's default EBS encryption key. */
  readonly ebsKey: kms.IKey;
  /** The segmented network: the response runs in one environment and can quarantine in all. */
  readonly network: SegmentedNetwork;
  /**
   * The de-identification pipeline (workload data): its quarantine events and dead letters alert people.
   * @default - not deployed
   */
  readonly deidentification?: DeidentificationPipeline;
}

/**
 * Security tooling role: threat detection, alerting, privileged access and automated response. In a
 * multi-account organisation this stack belongs in the security-tooling (audit) account.
 */
export class SecurityToolingStack extends Stack {
  /** Key encrypting alert topics and queues. */
  public readonly alertsKey: BaselineKey;
  public readonly detection: ThreatDetection;
  public readonly alerts: SecurityAlerts;
  public readonly access: PrivilegedAccess;
  public readonly alarms: AuditAlarms;
  public readonly configRules: HipaaConfigRules;
  public readonly response: IncidentResponse;
  public readonly hardening: AccountHardening;
  /** Patch baselines, scan and install windows (absent with `patching.enabled: false`). */
  public readonly patching?: PatchManagement;
  /** Alert on instances still unpatched after the grace period (absent with `patching.enabled: false`). */
  public readonly patchComplianceAlert?: PatchComplianceAlert;

  constructor(scope: Construct, id: string, props: SecurityToolingStackProps) {
    super(scope, id, props);
    const { config } = props;
    const settings = config.detection;
    this.alertsKey = new BaselineKey(this, 'AlertsKey', { purpose: 'alerts', namePrefix: config.namePrefix });

    this.detection = new ThreatDetection(this, 'Detection', {
      settings,
      services: config.accountServices,
      aggregateRegions: [config.dataProtection.drRegion],
      findingsBucket: props.findingsBucket,
      findingsKey: props.findingsKey,
    });
    this.alerts = new SecurityAlerts(this, 'Alerts', {
      encryptionKey: this.alertsKey,
      email: config.alertEmail,
      subscriptions: config.alertSubscriptions,
      guardDutySeverity: settings.alertSeverity,
    });
    this.access = new PrivilegedAccess(this, 'PrivilegedAccess', {
      namePrefix: config.namePrefix,
      mfaMaxAgeSeconds: settings.mfaMaxAgeSeconds,
      identityCenterPermissionSets: settings.privilegedAccess.identityCenterPermissionSets,
      breakGlassPrincipalArns: settings.privilegedAccess.breakGlassPrincipalArns,
    });
    this.alerts.alertOn('BreakGlassRoleUse', {
      detailType: ['AWS API Call via CloudTrail'],
      detail: {
        eventSource: ['sts.amazonaws.com'],
        requestParameters: { roleArn: [this.access.breakGlassRole.roleArn] },
      },
    });
    this.alarms = new AuditAlarms(this, 'AuditAlarms', {
      trailLogGroup: props.trailLogGroup,
      alertTopic: this.alerts.topic,
      breakGlassRoleArn: this.access.breakGlassRole.roleArn,
      phiBucketPrefix: `${config.namePrefix}-raw-phi-`,
      dataKeyArn: props.dataKey.keyArn,
      ...(props.deidentification
        ? { deadLetterQueues: { Deidentification: props.deidentification.deadLetterQueue } }
        : {}),
    });
    if (props.deidentification) {
      // Objects the pipeline could not de-identify: quarantined in the raw zone, people decide what to do.
      this.alerts.alertOn('DeidentificationQuarantine', {
        source: [EVENT_SOURCE],
        detailType: [QUARANTINE_DETAIL_TYPE],
      });
    }

    const home = props.network.environments[responseEnvironment(config)];
    this.response = new IncidentResponse(this, 'IncidentResponse', {
      vpc: home.vpc,
      subnets: { subnetGroupName: 'app' },
      quarantine: Object.values(props.network.environments).map((env) => ({
        vpc: env.vpc,
        quarantineGroup: env.securityGroups.quarantine,
      })),
      alertTopic: this.alerts.topic,
      encryptionKey: this.alertsKey,
      findingTypes: settings.response.findingTypes,
      minSeverity: settings.response.minSeverity,
      dryRun: settings.response.dryRun,
      reservedConcurrency: settings.response.reservedConcurrency,
      logRetentionDays: config.logGroupRetentionDays,
    });

    const rules = configRuleSpecs({
      namePrefix: config.namePrefix,
      parameterOverrides: config.controls.configRuleParameters,
      derivedParameters: derivedConfigRuleParameters({
        config,
        region: config.region ?? this.region,
        network: props.network,
        alertTopic: this.alerts.topic,
      }),
      logGroupRetentionDays: config.logGroupRetentionDays,
      region: config.homeRegion,
    });
    const asConformancePack = config.controls.configRulesDeployment === 'conformance-pack';
    this.configRules = new HipaaConfigRules(this, 'ConfigRules', {
      rules,
      asConformancePack,
      packName: `${config.namePrefix}-hipaa-security`,
      aggregator: config.controls.aggregator,
      aggregatorName: `${config.namePrefix}-hipaa-baseline`,
    });
    // Only the rules whose failure means exposure now page people; the rest are reviewed as evidence.
    const exposure = rules.filter((spec) => spec.sourceIdentifier && EXPOSURE_RULES.includes(spec.sourceIdentifier));
    this.alerts.alertOn(
      'ConfigComplianceChanges',
      complianceAlertPattern(
        exposure.map((spec) => spec.name),
        asConformancePack,
      ),
    );

    if (config.patching.enabled) {
      this.patching = new PatchManagement(this, 'Patching', {
        namePrefix: config.namePrefix,
        settings: config.patching,
        environments: config.environments.map((env) => ({ name: env.name, production: env.production })),
      });
      const patchRule = rules.find(
        (spec) => spec.sourceIdentifier === 'EC2_MANAGEDINSTANCE_PATCH_COMPLIANCE_STATUS_CHECK',
      );
      if (!patchRule) throw new Error('the patch compliance Config rule is not among the deployed rules');
      this.patchComplianceAlert = new PatchComplianceAlert(this, 'PatchComplianceAlert', {
        ruleName: patchRule.name,
        inConformancePack: asConformancePack,
        gracePeriodDays: config.patching.gracePeriodDays,
        alertTopic: this.alerts.topic,
        encryptionKey: this.alertsKey,
        logRetentionDays: config.logGroupRetentionDays,
      });
    }

    this.hardening = new AccountHardening(this, 'AccountHardening', {
      passwordPolicy: settings.passwordPolicy,
      ebsKey: props.ebsKey,
      macieTagValues: [PHI, DEIDENTIFIED],
      macieSession: this.detection.macieSession,
      services: config.accountServices,
      guardDuty: {
        features: guardDutyFeatures(settings),
        findingsBucket: props.findingsBucket,
        findingsKey: props.findingsKey,
      },
      securityHubStandardArns: securityHubStandardArns(this, settings),
      encryptionKey: this.alertsKey,
      logRetentionDays: config.logGroupRetentionDays,
    });
    // Residual identifiers in the de-identified zone: Macie findings on its buckets alert people.
    this.alerts.alertOn('DeidentifiedZoneSensitiveData', {
      source: ['aws.macie'],
      detailType: ['Macie Finding'],
      detail: { resourcesAffected: { s3Bucket: { name: [{ prefix: `${config.namePrefix}-deidentified-` }] } } },
    });
  }
}
