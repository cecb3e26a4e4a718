import { Stack } from 'aws-cdk-lib';
import * as accessanalyzer from 'aws-cdk-lib/aws-accessanalyzer';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as macie from 'aws-cdk-lib/aws-macie';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as securityhub from 'aws-cdk-lib/aws-securityhub';
import { Construct } from 'constructs';
import type { DetectionConfig } from '../config/detection-schema';
import { declareControls } from '../controls/declare';

export interface ThreatDetectionProps {
  /** GuardDuty protection plans, Security Hub standards. */
  readonly settings: DetectionConfig;
  /** Bucket in the log archive receiving exported GuardDuty findings. HIPAA 164.312(b). */
  readonly findingsBucket: s3.IBucket;
  /** Key encrypting exported findings (its policy must allow GuardDuty). HIPAA 164.312(a)(2)(iv). */
  readonly findingsKey: kms.IKey;
}

const STANDARD_ARNS: Record<
  DetectionConfig['securityHubStandards'][number],
  (partition: string, region: string) => string
> = {
  'aws-foundational-security-best-practices': (p, r) =>
    `arn:${p}:securityhub:${r}::standards/aws-foundational-security-best-practices/v/1.0.0`,
  'nist-800-53-r5': (p, r) => `arn:${p}:securityhub:${r}::standards/nist-800-53/v/5.0.0`,
};

/**
 * Continuous, machine-learning threat detection and posture assessment: GuardDuty with every protection
 * plan (switchable), 15-minute finding frequency and export of findings to the log archive; Security Hub
 * with consolidated control findings and the selected standards; Macie; IAM Access Analyzer.
 * HIPAA 164.308(a)(1)(ii)(D) activity review, 164.308(a)(5)(ii)(B)-(C), 164.308(a)(6)(ii), 164.312(b).
 * AWS Config GUARDDUTY_ENABLED_CENTRALIZED, SECURITYHUB_ENABLED.
 */
export class ThreatDetection extends Construct {
  public readonly detector: guardduty.CfnDetector;
  public readonly hub: securityhub.CfnHub;
  public readonly macieSession: macie.CfnSession;

  constructor(scope: Construct, id: string, props: ThreatDetectionProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const plans = props.settings.guardDuty;
    const feature = (
      name: string,
      enabled: boolean,
      additional?: string[],
    ): guardduty.CfnDetector.CFNFeatureConfigurationProperty => ({
      name,
      status: enabled ? 'ENABLED' : 'DISABLED',
      additionalConfiguration: additional?.map((extra) => ({ name: extra, status: enabled ? 'ENABLED' : 'DISABLED' })),
    });
    this.detector = new guardduty.CfnDetector(this, 'Detector', {
      enable: true,
      findingPublishingFrequency: 'FIFTEEN_MINUTES',
      features: [
        feature('S3_DATA_EVENTS', plans.s3DataEvents),
        feature('EKS_AUDIT_LOGS', plans.eksAuditLogs),
        feature('EBS_MALWARE_PROTECTION', plans.ebsMalwareProtection),
        feature('RDS_LOGIN_EVENTS', plans.rdsLoginEvents),
        feature('LAMBDA_NETWORK_LOGS', plans.lambdaNetworkLogs),
        feature('RUNTIME_MONITORING', plans.runtimeMonitoring, [
          'EKS_ADDON_MANAGEMENT',
          'ECS_FARGATE_AGENT_MANAGEMENT',
          'EC2_AGENT_MANAGEMENT',
        ]),
      ],
    });
    const destination = new guardduty.CfnPublishingDestination(this, 'FindingsExport', {
      detectorId: this.detector.ref,
      destinationType: 'S3',
      destinationProperties: { destinationArn: props.findingsBucket.bucketArn, kmsKeyArn: props.findingsKey.keyArn },
    });
    destination.node.addDependency(this.detector);

    this.hub = new securityhub.CfnHub(this, 'SecurityHub', {
      enableDefaultStandards: false,
      controlFindingGenerator: 'SECURITY_CONTROL',
      autoEnableControls: true,
    });
    for (const standard of props.settings.securityHubStandards) {
      const subscription = new securityhub.CfnStandard(this, `Standard-${standard}`, {
        standardsArn: STANDARD_ARNS[standard](stack.partition, stack.region),
      });
      subscription.node.addDependency(this.hub);
    }

    this.macieSession = new macie.CfnSession(this, 'Macie', {
      status: 'ENABLED',
      findingPublishingFrequency: 'FIFTEEN_MINUTES',
    });
    new accessanalyzer.CfnAnalyzer(this, 'AccessAnalyzer', { type: 'ACCOUNT' });

    declareControls(this, {
      citations: [
        '164.308(a)(1)(ii)(A)',
        '164.308(a)(1)(ii)(D)',
        '164.308(a)(5)(ii)(B)',
        '164.308(a)(5)(ii)(C)',
        '164.308(a)(6)(ii)',
        '164.308(a)(8)',
        '164.312(b)',
      ],
      statement:
        'GuardDuty watches account, network, data and runtime activity with machine learning and threat intelligence; Security Hub scores the account against the selected standards; Macie finds sensitive data; IAM Access Analyzer finds external access.',
    });
  }
}
