import { Stack } from 'aws-cdk-lib';
import * as accessanalyzer from 'aws-cdk-lib/aws-accessanalyzer';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as macie from 'aws-cdk-lib/aws-macie';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import * as securityhub from 'aws-cdk-lib/aws-securityhub';
import { Construct, type IConstruct } from 'constructs';
import type { AccountServiceMode, AccountServicesConfig } from '../config/account-services-schema';
import type { DetectionConfig } from '../config/detection-schema';
import type { CitationInput } from '../controls/catalog.generated';
import { recordControl } from '../controls/control-inventory';
import { declareControls } from '../controls/declare';

export interface ThreatDetectionProps {
  /** GuardDuty protection plans, Security Hub standards. */
  readonly settings: DetectionConfig;
  /**
   * Which once-per-account services the baseline creates, configures on an existing instance, or leaves
   * to the organisation. Only `create` adds the service's resource.
   */
  readonly services: Pick<AccountServicesConfig, 'guardDuty' | 'securityHub' | 'macie' | 'accessAnalyzer'>;
  /**
   * Bucket in the log archive receiving exported GuardDuty findings. HIPAA 164.312(b).
   * @default - none: only where the organisation's administrator runs GuardDuty (`guardDuty` not `create`)
   */
  readonly findingsBucket?: s3.IBucket;
  /**
   * Key encrypting exported findings (its policy must allow GuardDuty). HIPAA 164.312(a)(2)(iv).
   * @default - none: only where the organisation's administrator runs GuardDuty (`guardDuty` not `create`)
   */
  readonly findingsKey?: kms.IKey;
  /**
   * Other regions whose Security Hub findings this region aggregates (cross-region aggregation), so the
   * alert rules of this region see them. Only where this construct creates the hub.
   * @default - none
   */
  readonly aggregateRegions?: readonly string[];
  /**
   * Zone of trust of the IAM Access Analyzer analyzer: this account, or the whole organisation (in the
   * delegated administrator account). HIPAA 164.308(a)(1)(ii)(D).
   * @default 'ACCOUNT'
   */
  readonly accessAnalyzerType?: 'ACCOUNT' | 'ORGANIZATION';
}

/** A GuardDuty feature setting, as CloudFormation and the GuardDuty API name it. */
export interface GuardDutyFeature {
  readonly name: string;
  readonly status: 'ENABLED' | 'DISABLED';
  readonly additionalConfiguration?: readonly { readonly name: string; readonly status: 'ENABLED' | 'DISABLED' }[];
}

const STANDARD_ARNS: Record<
  DetectionConfig['securityHubStandards'][number],
  (partition: string, region: string) => string
> = {
  'aws-foundational-security-best-practices': (p, r) =>
    `arn:${p}:securityhub:${r}::standards/aws-foundational-security-best-practices/v/1.0.0`,
  'nist-800-53-r5': (p, r) => `arn:${p}:securityhub:${r}::standards/nist-800-53/v/5.0.0`,
};

/** What each service contributes to the Security Rule, whoever runs it. */
const CITATIONS: Record<'guardDuty' | 'securityHub' | 'macie' | 'accessAnalyzer', CitationInput[]> = {
  guardDuty: [
    '164.308(a)(1)(ii)(D)',
    '164.308(a)(5)(ii)(B)',
    '164.308(a)(5)(ii)(C)',
    '164.308(a)(6)(ii)',
    '164.312(b)',
  ],
  securityHub: ['164.308(a)(1)(ii)(A)', '164.308(a)(1)(ii)(D)', '164.308(a)(8)'],
  macie: ['164.308(a)(1)(ii)(A)', '164.308(a)(1)(ii)(D)'],
  accessAnalyzer: ['164.308(a)(1)(ii)(A)', '164.308(a)(1)(ii)(D)', '164.308(a)(8)'],
};

const NAMES = {
  guardDuty: 'GuardDuty',
  securityHub: 'Security Hub',
  macie: 'Macie',
  accessAnalyzer: 'IAM Access Analyzer',
} as const;

/** The GuardDuty features the settings ask for (every protection plan, each switchable). */
export function guardDutyFeatures(settings: DetectionConfig): GuardDutyFeature[] {
  const plans = settings.guardDuty;
  const feature = (name: string, enabled: boolean, additional?: string[]): GuardDutyFeature => ({
    name,
    status: enabled ? 'ENABLED' : 'DISABLED',
    additionalConfiguration: additional?.map((extra) => ({ name: extra, status: enabled ? 'ENABLED' : 'DISABLED' })),
  });
  return [
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
  ];
}

/** The ARNs of the Security Hub standards the settings ask for, in the stack's region. */
export function securityHubStandardArns(scope: IConstruct, settings: DetectionConfig): string[] {
  const stack = Stack.of(scope);
  return settings.securityHubStandards.map((standard) => STANDARD_ARNS[standard](stack.partition, stack.region));
}

/**
 * Continuous, machine-learning threat detection and posture assessment: GuardDuty with every protection
 * plan (switchable), 15-minute finding frequency and export of findings to the log archive; Security Hub
 * with consolidated control findings and the selected standards; Macie; IAM Access Analyzer. Each service
 * exists once per account and region: with mode `create` this construct creates it; with `existing` or
 * `organization` it creates nothing (the account-settings function configures an existing GuardDuty
 * detector, Security Hub standards and Macie) and records, for the control map, what the baseline relies on.
 * HIPAA 164.308(a)(1)(ii)(D) activity review, 164.308(a)(5)(ii)(B)-(C), 164.308(a)(6)(ii), 164.312(b).
 * AWS Config GUARDDUTY_ENABLED_CENTRALIZED, SECURITYHUB_ENABLED.
 */
export class ThreatDetection extends Construct {
  /** The detector, when this construct creates it (`guardDuty: create`). */
  public readonly detector?: guardduty.CfnDetector;
  public readonly hub?: securityhub.CfnHub;
  public readonly macieSession?: macie.CfnSession;
  private readonly analyzerZone: string;

  constructor(scope: Construct, id: string, props: ThreatDetectionProps) {
    super(scope, id);
    const { services } = props;
    this.analyzerZone = props.accessAnalyzerType === 'ORGANIZATION' ? 'organisation' : 'account';

    if (services.guardDuty === 'create') {
      if (!props.findingsBucket || !props.findingsKey) {
        throw new Error(
          `${this.node.path}: a GuardDuty detector the baseline creates needs findingsBucket and findingsKey`,
        );
      }
      this.detector = new guardduty.CfnDetector(this, 'Detector', {
        enable: true,
        findingPublishingFrequency: 'FIFTEEN_MINUTES',
        features: guardDutyFeatures(props.settings).map((f) => ({
          ...f,
          additionalConfiguration: f.additionalConfiguration?.map((c) => ({ ...c })),
        })),
      });
      const destination = new guardduty.CfnPublishingDestination(this, 'FindingsExport', {
        detectorId: this.detector.ref,
        destinationType: 'S3',
        destinationProperties: { destinationArn: props.findingsBucket.bucketArn, kmsKeyArn: props.findingsKey.keyArn },
      });
      destination.node.addDependency(this.detector);
      recordControl(this.detector, 'guardduty-detector', ['Enable', 'FindingPublishingFrequency', 'Features']);
      recordControl(destination, 'guardduty-findings-export', ['DestinationType', 'DestinationProperties']);
      this.declare(this.detector, 'guardDuty', 'create');
    } else {
      this.declare(new Construct(this, 'GuardDutyReliance'), 'guardDuty', services.guardDuty);
    }

    if (services.securityHub === 'create') {
      this.hub = new securityhub.CfnHub(this, 'SecurityHub', {
        enableDefaultStandards: false,
        controlFindingGenerator: 'SECURITY_CONTROL',
        autoEnableControls: true,
      });
      props.settings.securityHubStandards.forEach((standard, index) => {
        const subscription = new securityhub.CfnStandard(this, `Standard-${standard}`, {
          standardsArn: securityHubStandardArns(this, props.settings)[index],
        });
        subscription.node.addDependency(this.hub!);
        recordControl(subscription, 'securityhub-standard', ['StandardsArn']);
      });
      recordControl(this.hub, 'securityhub-hub', [
        'EnableDefaultStandards',
        'ControlFindingGenerator',
        'AutoEnableControls',
      ]);
      if (props.aggregateRegions?.length) {
        const aggregator = new securityhub.CfnFindingAggregator(this, 'FindingAggregator', {
          regionLinkingMode: 'SPECIFIED_REGIONS',
          regions: [...props.aggregateRegions],
        });
        aggregator.node.addDependency(this.hub);
        recordControl(aggregator, 'securityhub-finding-aggregator', ['RegionLinkingMode', 'Regions']);
      }
      this.declare(this.hub, 'securityHub', 'create');
    } else {
      this.declare(new Construct(this, 'SecurityHubReliance'), 'securityHub', services.securityHub);
    }

    if (services.macie === 'create') {
      this.macieSession = new macie.CfnSession(this, 'Macie', {
        status: 'ENABLED',
        findingPublishingFrequency: 'FIFTEEN_MINUTES',
      });
      recordControl(this.macieSession, 'macie-session', ['Status', 'FindingPublishingFrequency']);
      this.declare(this.macieSession, 'macie', 'create');
    } else {
      this.declare(new Construct(this, 'MacieReliance'), 'macie', services.macie);
    }

    if (services.accessAnalyzer === 'create') {
      const analyzer = new accessanalyzer.CfnAnalyzer(this, 'AccessAnalyzer', {
        type: props.accessAnalyzerType ?? 'ACCOUNT',
      });
      recordControl(analyzer, 'access-analyzer', ['Type']);
      this.declare(analyzer, 'accessAnalyzer', 'create');
    } else {
      this.declare(new Construct(this, 'AccessAnalyzerReliance'), 'accessAnalyzer', services.accessAnalyzer);
    }
  }

  private declare(scope: IConstruct, service: keyof typeof CITATIONS, mode: AccountServiceMode): void {
    const name = NAMES[service];
    const what: Record<keyof typeof CITATIONS, string> = {
      guardDuty:
        'watches account, network, data and runtime activity with machine learning and threat intelligence (every protection plan, findings every 15 minutes, exported to the log archive)',
      securityHub: 'scores the account against the selected standards with consolidated control findings',
      macie: 'finds sensitive data in the PHI and de-identified buckets (automated discovery and a daily job)',
      accessAnalyzer: `finds resources shared outside the ${this.analyzerZone}`,
    };
    if (mode === 'create') {
      declareControls(scope, { citations: CITATIONS[service], statement: `${name} ${what[service]}.` });
      return;
    }
    const configured: Partial<Record<keyof typeof CITATIONS, string>> = {
      guardDuty: 'the baseline sets its protection plans, finding frequency and findings export',
      securityHub: 'the baseline enables the selected standards on it',
      macie: 'the baseline configures automated discovery and the daily classification job',
    };
    const existing = mode === 'existing';
    declareControls(scope, {
      citations: CITATIONS[service],
      statement:
        `${name} ${what[service]}. ` +
        (existing
          ? `It already existed in the account${configured[service] ? `; ${configured[service]}` : ' and the baseline creates nothing for it'}.`
          : "The organisation's delegated administrator runs and configures it; the baseline deploys nothing for it."),
      reliesOn: existing
        ? `the account's existing ${name}${service === 'guardDuty' ? ' detector' : ''}`
        : `${name} managed by the organisation's delegated administrator`,
    });
  }
}
