import { Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { AccessLogBucket } from '../constructs/access-log-bucket';
import { BaselineKey } from '../constructs/baseline-key';
import { OrganizationAutoEnable } from '../constructs/organization-auto-enable';
import { OrganizationServices } from '../constructs/organization-services';
import { SecurityAlerts } from '../constructs/security-alerts';
import { SecurityFindingsBucket } from '../constructs/security-findings-bucket';
import { guardDutyFeatures, securityHubStandardArns, ThreatDetection } from '../constructs/threat-detection';
import { configRuleSpecs } from '../controls/config-rule-specs';
import { accountConfigRuleParameters } from './config-rule-parameters';
import type { OrganizationStackProps } from './organization-stack-props';

/**
 * Security tooling (audit) account, organisation mode: the delegated administrator's own GuardDuty
 * detector (every protection plan, findings exported to this account's findings archive), Security Hub
 * with cross-region aggregation and central configuration for the member OUs, Macie, the organisation
 * configuration auto-enabling GuardDuty, Macie and Amazon Inspector in every member account, an organisation IAM
 * Access Analyzer, the AWS Config organisation aggregator and conformance pack, and the alert topic that
 * pages people on the findings of every member account (GuardDuty and Security Hub aggregate them here).
 */
export class OrganizationSecurityToolingStack extends Stack {
  public readonly detection: ThreatDetection;
  public readonly services: OrganizationServices;
  /** GuardDuty, Macie and Inspector auto-enabled for every member account (custom resource). */
  public readonly autoEnable: OrganizationAutoEnable;
  public readonly alerts: SecurityAlerts;

  constructor(scope: Construct, id: string, props: OrganizationStackProps) {
    super(scope, id, props);
    const { config } = props;
    const org = config.organization;
    const prefix = config.namePrefix;
    const settings = config.detection;
    const retentionDays = Math.ceil(config.auditLogRetentionYears * 365.25);

    const findingsKey = new BaselineKey(this, 'FindingsKey', { purpose: 'logs', namePrefix: prefix });
    const accessLogs = new AccessLogBucket(this, 'AccessLogs', {
      retentionDays,
      replicationExemption:
        'Access logs of the findings archive; the findings themselves stay in the aggregating administrator account.',
    });
    const findings = new SecurityFindingsBucket(this, 'Findings', {
      encryptionKey: findingsKey,
      accessLogBucket: accessLogs,
      retentionDays,
    });
    // Central configuration decides the standards of every account; the administrator's hub takes none itself.
    this.detection = new ThreatDetection(this, 'Detection', {
      settings: { ...settings, securityHubStandards: [] },
      services: { guardDuty: 'create', securityHub: 'create', macie: 'create', accessAnalyzer: 'create' },
      aggregateRegions: org.allowedRegions.filter((region) => region !== this.region),
      findingsBucket: findings,
      findingsKey: findingsKey.key,
      accessAnalyzerType: 'ORGANIZATION',
    });
    this.autoEnable = new OrganizationAutoEnable(this, 'OrganizationAutoEnable', {
      detector: this.detection.detector!,
      guardDutyFeatures: guardDutyFeatures(settings),
      key: findingsKey,
      logRetentionDays: config.logGroupRetentionDays,
      otherRegions: org.memberTargets.regions,
    });

    this.services = new OrganizationServices(this, 'Organization', {
      hub: this.detection.hub!,
      findingAggregator: this.detection.node.findChild('FindingAggregator'),
      securityHubStandardArns: securityHubStandardArns(this, settings),
      organizationalUnitIds: org.memberTargets.organizationalUnitIds,
      rules: configRuleSpecs({
        namePrefix: prefix,
        parameterOverrides: config.controls.configRuleParameters,
        derivedParameters: accountConfigRuleParameters(config),
        logGroupRetentionDays: config.logGroupRetentionDays,
      }),
      packName: `${prefix}-hipaa-security`,
      aggregatorName: `${prefix}-hipaa-baseline`,
    });

    const alertsKey = new BaselineKey(this, 'AlertsKey', { purpose: 'alerts', namePrefix: prefix });
    this.alerts = new SecurityAlerts(this, 'Alerts', {
      encryptionKey: alertsKey,
      email: config.alertEmail,
      subscriptions: config.alertSubscriptions,
      guardDutySeverity: settings.alertSeverity,
    });
  }
}
