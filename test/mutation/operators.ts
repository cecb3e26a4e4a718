// Mutation operators by CloudFormation resource type: each makes one change that leaves the baseline less
// secure. Types without a security-relevant mutation are listed in NOT_MUTATED with the reason, so a new
// resource type in the templates is either given operators or a reason (test/mutation/mutants.test.ts).
import {
  addStatement,
  arnOf,
  filterStatements,
  isTransportDeny,
  protectiveDenies,
  referencesIn,
  removeResource,
  statementsOf,
  type Template,
} from './edit';

/** What a mutant weakens. */
export type LessSecure =
  /** Data at rest no longer encrypted, or no longer under a customer-managed key. */
  | 'encryption-at-rest'
  /** Clients may reach data without TLS. */
  | 'encryption-in-transit'
  /** A resource policy or setting lets anyone (any account, the internet) at the resource. */
  | 'public-access'
  /** A network path the segmentation does not declare: internet exposure, wider ACLs or security groups, routes. */
  | 'network-exposure'
  /** Less is logged, or logs are kept for less time or with less integrity protection. */
  | 'audit-logging'
  /** Less threat or sensitive-data detection: GuardDuty, Security Hub, Macie, Access Analyzer, Config rules. */
  | 'threat-detection'
  /** AWS Config records, delivers or aggregates less. */
  | 'configuration-recording'
  /** A security event no longer reaches anyone. */
  | 'alerting'
  /** Data easier to lose or destroy: backups, versioning, Object Lock, deletion protection, retention. */
  | 'data-protection'
  /** More privilege, wider trust, weaker authentication (MFA) or segregation of duties. */
  | 'access-control'
  /** Keys not rotated. */
  | 'key-management'
  /** Account-wide hardening (password policy, EBS encryption, account public access block, scanning) weakened. */
  | 'account-hardening'
  /** An automatic response or remediation no longer runs. */
  | 'incident-response'
  /** Instances are scanned or patched later, less often or not at all. */
  | 'patching';

/** The resource an operator is applied to, inside its template. */
export interface OperatorContext {
  readonly template: Template;
  readonly logicalId: string;
  readonly resource: any;
}

export interface Operator {
  /** Short id, unique for the resource type. */
  readonly id: string;
  readonly lessSecure: LessSecure;
  readonly description: string;
  /** Whether the operator makes a change on this resource (evaluated on the clean template). */
  readonly applies?: (context: OperatorContext) => boolean;
  /** Makes the change (on a copy of the template). */
  readonly mutate: (context: OperatorContext) => void;
}

const props = (context: OperatorContext): Record<string, any> => (context.resource.Properties ??= {});
const has = (name: string) => (context: OperatorContext) => context.resource.Properties?.[name] !== undefined;
const set =
  (name: string, value: unknown) =>
  (context: OperatorContext): void => {
    props(context)[name] = value;
  };
const unset =
  (...names: string[]) =>
  (context: OperatorContext): void => {
    for (const name of names) delete props(context)[name];
  };
const isNot = (name: string, value: unknown) => (context: OperatorContext) =>
  context.resource.Properties?.[name] !== undefined && context.resource.Properties[name] !== value;

/** Removal of a control resource (references to it become literals). */
const removal = (lessSecure: LessSecure, what: string): Operator => ({
  id: 'removed',
  lessSecure,
  description: `${what} removed`,
  mutate: ({ template, logicalId }) => removeResource(template, logicalId),
});

/** Retain → Delete: a stack deletion or replacement destroys the data. */
const deletedWithStack: Operator = {
  id: 'deletion-policy-delete',
  lessSecure: 'data-protection',
  description: 'DeletionPolicy and UpdateReplacePolicy Delete: deleting or replacing the stack destroys the data',
  applies: ({ resource }) => resource.DeletionPolicy?.startsWith('Retain') === true,
  mutate: ({ resource }) => {
    resource.DeletionPolicy = 'Delete';
    resource.UpdateReplacePolicy = 'Delete';
  },
};

/** A policy document property gains an Allow for anyone. */
const openedToAnyone = (
  property: string,
  action: string,
  resourceOf: (context: OperatorContext) => unknown,
  principal: unknown = '*',
): Operator => ({
  id: 'policy-allows-anyone',
  lessSecure: 'public-access',
  description: `${property} gains a statement allowing ${action} to Principal ${JSON.stringify(principal)} without a condition`,
  applies: has(property),
  mutate: (context) =>
    addStatement(props(context)[property], {
      Sid: 'MutantAllowAnyone',
      Effect: 'Allow',
      Principal: principal,
      Action: action,
      Resource: resourceOf(context),
    }),
});

const transportDenyRemoved = (
  property: string,
  also: (context: OperatorContext) => boolean = () => true,
): Operator => ({
  id: 'tls-deny-removed',
  lessSecure: 'encryption-in-transit',
  description: `${property}: the statements denying requests without TLS (aws:SecureTransport false, TLS < 1.2) removed`,
  applies: (context) => statementsOf(context.resource.Properties?.[property]).some(isTransportDeny) && also(context),
  mutate: (context) => filterStatements(props(context)[property], (statement) => !isTransportDeny(statement)),
});

const protectiveDeniesRemoved = (property: string, lessSecure: LessSecure = 'access-control'): Operator => ({
  id: 'deny-statements-removed',
  lessSecure,
  description: `${property}: its Deny statements (segregation, deletion protection) removed`,
  applies: ({ resource }) => protectiveDenies(resource.Properties?.[property]).length > 0,
  mutate: (context) =>
    filterStatements(
      props(context)[property],
      (statement) => statement?.Effect !== 'Deny' || isTransportDeny(statement),
    ),
});

/** The first Ref target of a property (e.g. a policy's bucket), for statements written against it. */
const refOf = (value: unknown): string | undefined => {
  const first = [value].flat()[0] as { Ref?: unknown } | undefined;
  return typeof first?.Ref === 'string' ? first.Ref : undefined;
};

const ADMINISTRATOR_ACCESS = {
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AdministratorAccess']],
};
const ALL_TRAFFIC_FROM_ANYWHERE = { CidrIp: '0.0.0.0/0', IpProtocol: '-1', Description: 'mutant: everything' };
const MFA_KEYS = ['aws:MultiFactorAuthPresent', 'aws:MultiFactorAuthAge'];

/** Deletes the MFA condition keys from every condition block of the given statements. */
function withoutMfa(statements: any[]): void {
  for (const statement of statements) {
    for (const [operator, block] of Object.entries(statement.Condition ?? {})) {
      for (const key of MFA_KEYS) delete (block as Record<string, unknown>)[key];
      if (Object.keys(block as object).length === 0) delete statement.Condition[operator];
    }
    if (statement.Condition && Object.keys(statement.Condition).length === 0) delete statement.Condition;
  }
}
const mentionsMfa = (document: unknown) => MFA_KEYS.some((key) => JSON.stringify(document ?? {}).includes(key));

/** Resources of a type in the template whose properties reference `id`. */
const referrers = (template: Template, type: string, id: string) =>
  Object.entries(template.Resources).filter(
    ([, resource]) => resource.Type === type && referencesIn(resource.Properties).has(id),
  );

/** The internet gateway attached to the VPC a resource names in VpcId, and its attachment, if any. */
function gatewayAttachmentOf(template: Template, vpc: unknown): { id: string; gateway: unknown } | undefined {
  const found = Object.entries(template.Resources).find(
    ([, resource]) =>
      resource.Type === 'AWS::EC2::VPCGatewayAttachment' &&
      JSON.stringify(resource.Properties?.VpcId) === JSON.stringify(vpc) &&
      resource.Properties?.InternetGatewayId !== undefined,
  );
  return found && { id: found[0], gateway: found[1].Properties.InternetGatewayId };
}

/** A default route of a route table to its VPC's internet gateway, waiting for the attachment as CDK writes it. */
function internetRoute(template: Template, tableId: string): Record<string, unknown> {
  const attachment = gatewayAttachmentOf(template, template.Resources[tableId].Properties?.VpcId)!;
  return {
    Type: 'AWS::EC2::Route',
    Properties: { RouteTableId: { Ref: tableId }, DestinationCidrBlock: '0.0.0.0/0', GatewayId: attachment.gateway },
    DependsOn: [attachment.id],
  };
}

/** True when a route table has a default route to an internet gateway. */
function isPublicRouteTable(template: Template, tableId: string): boolean {
  return referrers(template, 'AWS::EC2::Route', tableId).some(
    ([, route]) => route.Properties.GatewayId !== undefined && route.Properties.DestinationCidrBlock === '0.0.0.0/0',
  );
}

/** A public route table (default route to the internet gateway) of the same VPC, other than `tableId`. */
function publicRouteTableLike(template: Template, tableId: string): string | undefined {
  const vpc = JSON.stringify(template.Resources[tableId]?.Properties?.VpcId);
  return Object.keys(template.Resources)
    .sort()
    .find(
      (id) =>
        id !== tableId &&
        template.Resources[id].Type === 'AWS::EC2::RouteTable' &&
        JSON.stringify(template.Resources[id].Properties?.VpcId) === vpc &&
        isPublicRouteTable(template, id),
    );
}

/** The network ACL of the same VPC that admits traffic from the internet, other than `aclId`. */
function internetFacingAclLike(template: Template, aclId: string): string | undefined {
  const vpc = JSON.stringify(template.Resources[aclId]?.Properties?.VpcId);
  return Object.keys(template.Resources)
    .sort()
    .find(
      (id) =>
        id !== aclId &&
        template.Resources[id].Type === 'AWS::EC2::NetworkAcl' &&
        JSON.stringify(template.Resources[id].Properties?.VpcId) === vpc &&
        referrers(template, 'AWS::EC2::NetworkAclEntry', id).some(
          ([, entry]) =>
            entry.Properties.RuleAction === 'allow' &&
            entry.Properties.Egress !== true &&
            entry.Properties.CidrBlock === '0.0.0.0/0' &&
            entry.Properties.PortRange?.From === 443,
        ),
    );
}

const guardDutyFeatureOperators = (names: readonly string[]): Operator[] =>
  names.map((name) => ({
    id: `feature-${name.toLowerCase().replace(/_/g, '-')}-disabled`,
    lessSecure: 'threat-detection' as const,
    description: `GuardDuty protection plan ${name} disabled`,
    applies: ({ resource }: OperatorContext) =>
      (resource.Properties?.Features ?? []).some((f: any) => f.Name === name && f.Status === 'ENABLED'),
    mutate: (context: OperatorContext) => {
      for (const feature of props(context).Features) if (feature.Name === name) feature.Status = 'DISABLED';
    },
  }));

/** Operators by resource type. */
export const OPERATORS: Readonly<Record<string, readonly Operator[]>> = {
  'AWS::S3::Bucket': [
    {
      id: 'kms-encryption-removed',
      lessSecure: 'encryption-at-rest',
      description: 'BucketEncryption removed: objects fall back to SSE-S3, no customer-managed key',
      applies: ({ resource }) => JSON.stringify(resource.Properties?.BucketEncryption ?? {}).includes('aws:kms'),
      mutate: unset('BucketEncryption'),
    },
    {
      id: 'public-access-block-removed',
      lessSecure: 'public-access',
      description: 'PublicAccessBlockConfiguration removed',
      applies: has('PublicAccessBlockConfiguration'),
      mutate: unset('PublicAccessBlockConfiguration'),
    },
    {
      id: 'block-public-policy-off',
      lessSecure: 'public-access',
      description: 'PublicAccessBlockConfiguration BlockPublicPolicy and RestrictPublicBuckets false',
      applies: has('PublicAccessBlockConfiguration'),
      mutate: (context) =>
        Object.assign(props(context).PublicAccessBlockConfiguration, {
          BlockPublicPolicy: false,
          RestrictPublicBuckets: false,
        }),
    },
    {
      id: 'acls-enabled',
      lessSecure: 'public-access',
      description: 'ObjectOwnership ObjectWriter: ACLs enabled again, objects may be granted by ACL to other accounts',
      applies: ({ resource }) =>
        JSON.stringify(resource.Properties?.OwnershipControls ?? {}).includes('BucketOwnerEnforced'),
      mutate: set('OwnershipControls', { Rules: [{ ObjectOwnership: 'ObjectWriter' }] }),
    },
    {
      id: 'versioning-suspended',
      lessSecure: 'data-protection',
      description: 'VersioningConfiguration Suspended: overwritten and deleted objects are not kept',
      applies: ({ resource }) => resource.Properties?.VersioningConfiguration?.Status === 'Enabled',
      mutate: set('VersioningConfiguration', { Status: 'Suspended' }),
    },
    {
      id: 'object-lock-removed',
      lessSecure: 'data-protection',
      description: 'ObjectLockEnabled and ObjectLockConfiguration removed: audit logs can be deleted',
      applies: ({ resource }) => [true, 'true'].includes(resource.Properties?.ObjectLockEnabled),
      mutate: unset('ObjectLockEnabled', 'ObjectLockConfiguration'),
    },
    {
      id: 'object-lock-one-day',
      lessSecure: 'data-protection',
      description: 'Object Lock default retention shortened to 1 day',
      applies: ({ resource }) => resource.Properties?.ObjectLockConfiguration?.Rule?.DefaultRetention !== undefined,
      mutate: (context) => {
        const retention = props(context).ObjectLockConfiguration.Rule.DefaultRetention;
        delete retention.Years;
        retention.Days = 1;
      },
    },
    {
      id: 'access-logging-removed',
      lessSecure: 'audit-logging',
      description: 'LoggingConfiguration removed: no server access logs',
      applies: has('LoggingConfiguration'),
      mutate: unset('LoggingConfiguration'),
    },
    {
      id: 'replication-removed',
      lessSecure: 'data-protection',
      description: 'ReplicationConfiguration removed: no copy in the disaster-recovery region',
      applies: has('ReplicationConfiguration'),
      mutate: unset('ReplicationConfiguration'),
    },
    deletedWithStack,
  ],
  'AWS::S3::BucketPolicy': [
    openedToAnyone('PolicyDocument', 's3:GetObject', ({ resource }) => {
      const bucket = refOf(resource.Properties?.Bucket);
      return bucket ? { 'Fn::Join': ['', [arnOf(bucket), '/*']] } : '*';
    }),
    transportDenyRemoved('PolicyDocument'),
    protectiveDeniesRemoved('PolicyDocument'),
  ],
  'AWS::KMS::Key': [
    {
      id: 'rotation-disabled',
      lessSecure: 'key-management',
      description: 'EnableKeyRotation false',
      applies: ({ resource }) => resource.Properties?.EnableKeyRotation === true,
      mutate: set('EnableKeyRotation', false),
    },
    openedToAnyone('KeyPolicy', 'kms:Decrypt', () => '*', { AWS: '*' }),
    protectiveDeniesRemoved('KeyPolicy'),
    deletedWithStack,
  ],
  'AWS::CloudTrail::Trail': [
    {
      id: 'logging-stopped',
      lessSecure: 'audit-logging',
      description: 'IsLogging false',
      mutate: set('IsLogging', false),
    },
    {
      id: 'single-region',
      lessSecure: 'audit-logging',
      description: 'IsMultiRegionTrail false',
      applies: isNot('IsMultiRegionTrail', false),
      mutate: set('IsMultiRegionTrail', false),
    },
    {
      id: 'global-events-excluded',
      lessSecure: 'audit-logging',
      description: 'IncludeGlobalServiceEvents false (IAM, STS, sign-in events no longer logged)',
      applies: isNot('IncludeGlobalServiceEvents', false),
      mutate: set('IncludeGlobalServiceEvents', false),
    },
    {
      id: 'log-file-validation-off',
      lessSecure: 'audit-logging',
      description: 'EnableLogFileValidation false',
      applies: isNot('EnableLogFileValidation', false),
      mutate: set('EnableLogFileValidation', false),
    },
    {
      id: 'kms-encryption-removed',
      lessSecure: 'encryption-at-rest',
      description: 'KMSKeyId removed: log files SSE-S3 only',
      applies: has('KMSKeyId'),
      mutate: unset('KMSKeyId'),
    },
    {
      id: 'cloudwatch-logs-removed',
      lessSecure: 'audit-logging',
      description: 'CloudWatchLogsLogGroupArn and CloudWatchLogsRoleArn removed: no metric-filter alarms on the trail',
      applies: has('CloudWatchLogsLogGroupArn'),
      mutate: unset('CloudWatchLogsLogGroupArn', 'CloudWatchLogsRoleArn'),
    },
    {
      id: 'data-events-removed',
      lessSecure: 'audit-logging',
      description: 'the data-event selectors removed: PHI object access no longer logged',
      applies: ({ resource }) =>
        (resource.Properties?.AdvancedEventSelectors ?? []).some((s: any) => JSON.stringify(s).includes('"Data"')),
      mutate: (context) => {
        props(context).AdvancedEventSelectors = props(context).AdvancedEventSelectors.filter(
          (s: any) => !JSON.stringify(s).includes('"Data"'),
        );
      },
    },
    removal('audit-logging', 'the trail'),
  ],
  'AWS::Logs::LogGroup': [
    {
      id: 'kms-encryption-removed',
      lessSecure: 'encryption-at-rest',
      description: 'KmsKeyId removed',
      applies: has('KmsKeyId'),
      mutate: unset('KmsKeyId'),
    },
    {
      id: 'retention-one-day',
      lessSecure: 'audit-logging',
      description: 'RetentionInDays 1',
      applies: ({ resource }) => resource.Properties?.RetentionInDays !== 1,
      mutate: set('RetentionInDays', 1),
    },
    deletedWithStack,
  ],
  'AWS::Logs::MetricFilter': [
    {
      id: 'pattern-never-matches',
      lessSecure: 'alerting',
      description: 'FilterPattern replaced by one no event matches',
      mutate: set('FilterPattern', '{ $.eventName = "hipaa-baseline-mutant-never" }'),
    },
    removal('alerting', 'the metric filter'),
  ],
  'AWS::CloudWatch::Alarm': [
    {
      id: 'actions-removed',
      lessSecure: 'alerting',
      description: 'AlarmActions removed: the alarm notifies nobody',
      applies: has('AlarmActions'),
      mutate: unset('AlarmActions'),
    },
    {
      id: 'actions-disabled',
      lessSecure: 'alerting',
      description: 'ActionsEnabled false',
      applies: isNot('ActionsEnabled', false),
      mutate: set('ActionsEnabled', false),
    },
    removal('alerting', 'the alarm'),
  ],
  'AWS::Bedrock::Guardrail': [
    {
      id: 'pii-filters-removed',
      lessSecure: 'access-control',
      description: 'SensitiveInformationPolicyConfig removed: prompts and answers carry identifiers unfiltered',
      applies: has('SensitiveInformationPolicyConfig'),
      mutate: unset('SensitiveInformationPolicyConfig'),
    },
    {
      id: 'prompt-attack-filter-removed',
      lessSecure: 'access-control',
      description: 'the PROMPT_ATTACK content filter removed',
      applies: (context) =>
        (context.resource.Properties?.ContentPolicyConfig?.FiltersConfig ?? []).some(
          (filter: { Type?: string }) => filter.Type === 'PROMPT_ATTACK',
        ),
      mutate: (context) => {
        const config = props(context).ContentPolicyConfig;
        config.FiltersConfig = config.FiltersConfig.filter(
          (filter: { Type?: string }) => filter.Type !== 'PROMPT_ATTACK',
        );
      },
    },
    {
      id: 'kms-encryption-removed',
      lessSecure: 'encryption-at-rest',
      description: 'KmsKeyArn removed: the guardrail is encrypted with an AWS-owned key',
      applies: has('KmsKeyArn'),
      mutate: unset('KmsKeyArn'),
    },
    removal('access-control', 'the guardrail'),
  ],
  'AWS::SageMaker::Domain': [
    {
      id: 'public-internet',
      lessSecure: 'network-exposure',
      description: 'AppNetworkAccessType PublicInternetOnly: Studio apps reach the internet directly',
      applies: isNot('AppNetworkAccessType', 'PublicInternetOnly'),
      mutate: set('AppNetworkAccessType', 'PublicInternetOnly'),
    },
    {
      id: 'kms-encryption-removed',
      lessSecure: 'encryption-at-rest',
      description: 'KmsKeyId removed: the home file system is encrypted with an AWS-managed key',
      applies: has('KmsKeyId'),
      mutate: unset('KmsKeyId'),
    },
  ],
  'Custom::ModelInvocationLogging': [
    {
      id: 'text-delivery-off',
      lessSecure: 'audit-logging',
      description: 'TextDataDeliveryEnabled false: text prompts and answers are not logged',
      applies: has('TextDataDeliveryEnabled'),
      mutate: set('TextDataDeliveryEnabled', false),
    },
    removal('audit-logging', 'the model invocation logging setting'),
  ],
  'AWS::SSM::PatchBaseline': [
    {
      id: 'approval-delayed',
      lessSecure: 'patching',
      description: 'ApprovalRules: every rule approves patches only after 100 days',
      applies: has('ApprovalRules'),
      mutate: (context) => {
        for (const rule of props(context).ApprovalRules.PatchRules ?? []) rule.ApproveAfterDays = 100;
      },
    },
    removal('patching', 'the patch baseline'),
  ],
  'AWS::SSM::Association': [
    {
      id: 'scan-schedule-removed',
      lessSecure: 'patching',
      description: 'ScheduleExpression removed: the scan runs once, at creation',
      applies: has('ScheduleExpression'),
      mutate: unset('ScheduleExpression'),
    },
    removal('patching', 'the patch scan association'),
  ],
  'AWS::SSM::MaintenanceWindow': [
    {
      id: 'schedule-monthly',
      lessSecure: 'patching',
      description: 'Schedule: once a year instead of weekly',
      applies: has('Schedule'),
      mutate: set('Schedule', 'cron(0 3 1 1 ? *)'),
    },
    removal('patching', 'the install window'),
  ],
  'AWS::SSM::MaintenanceWindowTarget': [removal('patching', 'the install window targets')],
  'AWS::SSM::MaintenanceWindowTask': [
    {
      id: 'scan-only',
      lessSecure: 'patching',
      description: 'the install task only scans (Operation Scan)',
      applies: has('TaskInvocationParameters'),
      mutate: (context) => {
        const run = props(context).TaskInvocationParameters?.MaintenanceWindowRunCommandParameters;
        if (run?.Parameters) run.Parameters.Operation = ['Scan'];
      },
    },
    removal('patching', 'the install task'),
  ],
  'AWS::StepFunctions::StateMachine': [removal('alerting', 'the patch compliance check')],
  'AWS::Events::Rule': [
    {
      id: 'disabled',
      lessSecure: 'alerting',
      description: 'State DISABLED',
      applies: isNot('State', 'DISABLED'),
      mutate: set('State', 'DISABLED'),
    },
    {
      id: 'targets-removed',
      lessSecure: 'alerting',
      description: 'Targets removed: matching events go nowhere',
      applies: has('Targets'),
      mutate: unset('Targets'),
    },
    removal('alerting', 'the rule'),
  ],
  'AWS::Config::ConfigurationRecorder': [
    {
      id: 'scope-narrowed',
      lessSecure: 'configuration-recording',
      description: 'RecordingGroup narrowed to S3 buckets only',
      mutate: set('RecordingGroup', {
        AllSupported: false,
        IncludeGlobalResourceTypes: false,
        ResourceTypes: ['AWS::S3::Bucket'],
      }),
    },
    {
      id: 'global-types-excluded',
      lessSecure: 'configuration-recording',
      description: 'RecordingGroup IncludeGlobalResourceTypes false (IAM not recorded)',
      applies: ({ resource }) => resource.Properties?.RecordingGroup?.IncludeGlobalResourceTypes === true,
      mutate: (context) => (props(context).RecordingGroup.IncludeGlobalResourceTypes = false),
    },
    removal('configuration-recording', 'the recorder'),
  ],
  'AWS::Config::DeliveryChannel': [
    {
      id: 'kms-encryption-removed',
      lessSecure: 'encryption-at-rest',
      description: 'S3KmsKeyArn removed',
      applies: has('S3KmsKeyArn'),
      mutate: unset('S3KmsKeyArn'),
    },
    removal('configuration-recording', 'the delivery channel'),
  ],
  'AWS::Config::ConfigRule': [removal('threat-detection', 'the Config rule')],
  'AWS::Config::ConfigurationAggregator': [removal('configuration-recording', 'the aggregator')],
  'AWS::Config::RemediationConfiguration': [
    {
      id: 'manual',
      lessSecure: 'incident-response',
      description: 'Automatic false: non-compliant resources are no longer remediated',
      applies: isNot('Automatic', false),
      mutate: set('Automatic', false),
    },
    removal('incident-response', 'the remediation'),
  ],
  'AWS::GuardDuty::Detector': [
    {
      id: 'disabled',
      lessSecure: 'threat-detection',
      description: 'Enable false',
      mutate: set('Enable', false),
    },
    {
      id: 'findings-six-hours',
      lessSecure: 'threat-detection',
      description: 'FindingPublishingFrequency SIX_HOURS: findings reach alerts hours later',
      applies: isNot('FindingPublishingFrequency', 'SIX_HOURS'),
      mutate: set('FindingPublishingFrequency', 'SIX_HOURS'),
    },
    ...guardDutyFeatureOperators([
      'S3_DATA_EVENTS',
      'EKS_AUDIT_LOGS',
      'EBS_MALWARE_PROTECTION',
      'RDS_LOGIN_EVENTS',
      'LAMBDA_NETWORK_LOGS',
      'RUNTIME_MONITORING',
    ]),
    removal('threat-detection', 'the detector'),
  ],
  'AWS::GuardDuty::PublishingDestination': [removal('audit-logging', 'the findings export')],
  'AWS::SecurityHub::Hub': [
    {
      id: 'controls-not-auto-enabled',
      lessSecure: 'threat-detection',
      description: 'AutoEnableControls false: new controls of the standards stay off',
      applies: isNot('AutoEnableControls', false),
      mutate: set('AutoEnableControls', false),
    },
    removal('threat-detection', 'the hub'),
  ],
  'AWS::SecurityHub::Standard': [removal('threat-detection', 'the standard')],
  'AWS::SecurityHub::FindingAggregator': [removal('threat-detection', 'the finding aggregator')],
  'AWS::Macie::Session': [
    {
      id: 'paused',
      lessSecure: 'threat-detection',
      description: 'Status PAUSED',
      mutate: set('Status', 'PAUSED'),
    },
    removal('threat-detection', 'the Macie session'),
  ],
  'AWS::AccessAnalyzer::Analyzer': [removal('threat-detection', 'the analyzer')],
  'AWS::EC2::SecurityGroup': [
    {
      id: 'ingress-from-anywhere',
      lessSecure: 'network-exposure',
      description: 'an ingress rule admitting all traffic from 0.0.0.0/0 added',
      mutate: (context) => {
        props(context).SecurityGroupIngress = [
          ...(props(context).SecurityGroupIngress ?? []),
          ALL_TRAFFIC_FROM_ANYWHERE,
        ];
      },
    },
    {
      id: 'egress-to-anywhere',
      lessSecure: 'network-exposure',
      description: 'an egress rule admitting all traffic to 0.0.0.0/0 added (the group had restricted egress)',
      applies: ({ resource }) =>
        !(resource.Properties?.SecurityGroupEgress ?? []).some(
          (rule: any) => rule.CidrIp === '0.0.0.0/0' && String(rule.IpProtocol) === '-1',
        ),
      mutate: (context) => {
        props(context).SecurityGroupEgress = [...(props(context).SecurityGroupEgress ?? []), ALL_TRAFFIC_FROM_ANYWHERE];
      },
    },
  ],
  'AWS::EC2::SecurityGroupIngress': [
    {
      id: 'source-anywhere',
      lessSecure: 'network-exposure',
      description: 'source replaced by 0.0.0.0/0',
      applies: ({ resource }) => resource.Properties?.CidrIp !== '0.0.0.0/0',
      mutate: (context) => {
        unset('SourceSecurityGroupId', 'SourcePrefixListId', 'CidrIpv6')(context);
        props(context).CidrIp = '0.0.0.0/0';
      },
    },
  ],
  'AWS::EC2::NetworkAcl': [
    {
      id: 'allow-all-ingress-added',
      lessSecure: 'network-exposure',
      description: 'an entry admitting all traffic from 0.0.0.0/0 added ahead of the others (rule 1)',
      mutate: ({ template, logicalId }) => {
        template.Resources[`${logicalId}MutantAllowAll`] = {
          Type: 'AWS::EC2::NetworkAclEntry',
          Properties: {
            NetworkAclId: { Ref: logicalId },
            RuleNumber: 1,
            Protocol: -1,
            RuleAction: 'allow',
            Egress: false,
            CidrBlock: '0.0.0.0/0',
          },
        };
      },
    },
  ],
  'AWS::EC2::NetworkAclEntry': [
    {
      id: 'widened-to-anything',
      lessSecure: 'network-exposure',
      description: 'an inbound allow entry widened to all traffic from 0.0.0.0/0',
      applies: ({ resource }) => {
        const p = resource.Properties ?? {};
        return (
          p.RuleAction === 'allow' && p.Egress !== true && !(p.CidrBlock === '0.0.0.0/0' && String(p.Protocol) === '-1')
        );
      },
      mutate: (context) => {
        unset('PortRange', 'Icmp', 'Ipv6CidrBlock')(context);
        Object.assign(props(context), { CidrBlock: '0.0.0.0/0', Protocol: -1 });
      },
    },
    {
      id: 'deny-removed',
      lessSecure: 'network-exposure',
      description: 'an inbound deny entry removed',
      applies: ({ resource }) => resource.Properties?.RuleAction === 'deny' && resource.Properties?.Egress !== true,
      mutate: ({ template, logicalId }) => removeResource(template, logicalId),
    },
  ],
  'AWS::EC2::Subnet': [
    {
      id: 'public-ip-on-launch',
      lessSecure: 'network-exposure',
      description: 'MapPublicIpOnLaunch true',
      applies: isNot('MapPublicIpOnLaunch', true),
      mutate: set('MapPublicIpOnLaunch', true),
    },
  ],
  'AWS::EC2::Route': [
    {
      id: 'via-internet-gateway',
      lessSecure: 'network-exposure',
      description: 'a private default route retargeted from the NAT gateway to the VPC internet gateway',
      applies: ({ template, resource }) => {
        const table = refOf(resource.Properties?.RouteTableId);
        if (resource.Properties?.DestinationCidrBlock !== '0.0.0.0/0') return false;
        if (!table || isPublicRouteTable(template, table)) return false;
        return gatewayAttachmentOf(template, template.Resources[table]?.Properties?.VpcId) !== undefined;
      },
      mutate: ({ template, logicalId, resource }) => {
        template.Resources[logicalId] = {
          ...internetRoute(template, refOf(resource.Properties.RouteTableId)!),
          Metadata: resource.Metadata,
        };
      },
    },
  ],
  'AWS::EC2::RouteTable': [
    {
      id: 'internet-route-added',
      lessSecure: 'network-exposure',
      description: 'a route 0.0.0.0/0 to the internet gateway added to a private route table',
      applies: ({ template, logicalId, resource }) =>
        !isPublicRouteTable(template, logicalId) &&
        !referrers(template, 'AWS::EC2::Route', logicalId).some(
          ([, route]) => route.Properties.DestinationCidrBlock === '0.0.0.0/0',
        ) &&
        gatewayAttachmentOf(template, resource.Properties?.VpcId) !== undefined,
      mutate: ({ template, logicalId }) => {
        template.Resources[`${logicalId}MutantInternetRoute`] = internetRoute(template, logicalId);
      },
    },
  ],
  'AWS::EC2::SubnetRouteTableAssociation': [
    {
      id: 'public-route-table',
      lessSecure: 'network-exposure',
      description: 'a private subnet associated with a public route table of its VPC',
      applies: ({ template, resource }) => {
        const table = refOf(resource.Properties?.RouteTableId);
        return !!table && !isPublicRouteTable(template, table) && publicRouteTableLike(template, table) !== undefined;
      },
      mutate: (context) => {
        const table = refOf(props(context).RouteTableId)!;
        props(context).RouteTableId = { Ref: publicRouteTableLike(context.template, table) };
      },
    },
  ],
  'AWS::EC2::SubnetNetworkAclAssociation': [
    {
      id: 'internet-facing-acl',
      lessSecure: 'network-exposure',
      description: 'a subnet associated with the internet-facing network ACL of its VPC',
      applies: ({ template, resource }) => {
        const acl = refOf(resource.Properties?.NetworkAclId);
        return !!acl && internetFacingAclLike(template, acl) !== undefined;
      },
      mutate: (context) => {
        const acl = refOf(props(context).NetworkAclId)!;
        props(context).NetworkAclId = { Ref: internetFacingAclLike(context.template, acl) };
      },
    },
  ],
  'AWS::EC2::FlowLog': [
    {
      id: 'rejected-only',
      lessSecure: 'audit-logging',
      description: 'TrafficType REJECT: accepted traffic no longer logged',
      applies: isNot('TrafficType', 'REJECT'),
      mutate: set('TrafficType', 'REJECT'),
    },
    removal('audit-logging', 'the flow log'),
  ],
  'AWS::EC2::VPCEndpoint': [
    {
      id: 'policy-full-access',
      lessSecure: 'access-control',
      description: 'PolicyDocument replaced by full access for anyone (any account, any resource)',
      applies: has('PolicyDocument'),
      mutate: set('PolicyDocument', {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }],
      }),
    },
  ],
  'AWS::EC2::TransitGatewayRoute': [
    {
      id: 'destination-anywhere',
      lessSecure: 'network-exposure',
      description: 'DestinationCidrBlock widened to 0.0.0.0/0',
      applies: isNot('DestinationCidrBlock', '0.0.0.0/0'),
      mutate: set('DestinationCidrBlock', '0.0.0.0/0'),
    },
  ],
  'AWS::IAM::Role': [
    {
      id: 'trust-anyone',
      lessSecure: 'access-control',
      description: 'AssumeRolePolicyDocument gains a statement letting any AWS principal assume the role',
      mutate: (context) =>
        addStatement(props(context).AssumeRolePolicyDocument, {
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: 'sts:AssumeRole',
        }),
    },
    {
      id: 'administrator-attached',
      lessSecure: 'access-control',
      description: 'the AdministratorAccess managed policy attached',
      applies: ({ resource }) =>
        !JSON.stringify(resource.Properties?.ManagedPolicyArns ?? []).includes('AdministratorAccess'),
      mutate: (context) => {
        props(context).ManagedPolicyArns = [...(props(context).ManagedPolicyArns ?? []), ADMINISTRATOR_ACCESS];
      },
    },
    {
      id: 'mfa-condition-removed',
      lessSecure: 'access-control',
      description: 'the MFA conditions (aws:MultiFactorAuthPresent, aws:MultiFactorAuthAge) removed from the trust',
      applies: ({ resource }) => mentionsMfa(resource.Properties?.AssumeRolePolicyDocument),
      mutate: (context) => withoutMfa(statementsOf(props(context).AssumeRolePolicyDocument)),
    },
    {
      id: 'twelve-hour-sessions',
      lessSecure: 'access-control',
      description: 'MaxSessionDuration 43200 (12 hours)',
      // Only roles that limit their sessions on purpose (people's roles): services pick their own session length.
      applies: ({ resource }) => (resource.Properties?.MaxSessionDuration ?? 43200) < 43200,
      mutate: set('MaxSessionDuration', 43200),
    },
  ],
  'AWS::IAM::ManagedPolicy': [
    {
      id: 'administrator-statement',
      lessSecure: 'access-control',
      description: 'a statement allowing every action on every resource added',
      mutate: (context) => addStatement(props(context).PolicyDocument, { Effect: 'Allow', Action: '*', Resource: '*' }),
    },
    protectiveDeniesRemoved('PolicyDocument'),
  ],
  'AWS::Lambda::Function': [
    {
      id: 'environment-key-removed',
      lessSecure: 'encryption-at-rest',
      description: 'KmsKeyArn removed: environment variables under an AWS managed key',
      applies: ({ resource }) =>
        resource.Properties?.KmsKeyArn !== undefined && resource.Properties?.Environment?.Variables !== undefined,
      mutate: unset('KmsKeyArn'),
    },
    {
      id: 'outside-vpc',
      lessSecure: 'network-exposure',
      description: 'VpcConfig removed: the function runs outside the VPC',
      applies: has('VpcConfig'),
      mutate: unset('VpcConfig'),
    },
  ],
  'AWS::Lambda::Permission': [
    {
      id: 'anyone-may-invoke',
      lessSecure: 'public-access',
      description: 'Principal "*" without SourceArn or SourceAccount',
      mutate: (context) => {
        unset('SourceArn', 'SourceAccount', 'PrincipalOrgID')(context);
        props(context).Principal = '*';
      },
    },
  ],
  'AWS::RDS::DBCluster': [
    {
      id: 'storage-unencrypted',
      lessSecure: 'encryption-at-rest',
      description: 'StorageEncrypted false, KmsKeyId removed',
      mutate: (context) => {
        unset('KmsKeyId')(context);
        props(context).StorageEncrypted = false;
      },
    },
    {
      id: 'deletion-protection-off',
      lessSecure: 'data-protection',
      description: 'DeletionProtection false',
      applies: isNot('DeletionProtection', false),
      mutate: set('DeletionProtection', false),
    },
    {
      id: 'backup-retention-one-day',
      lessSecure: 'data-protection',
      description: 'BackupRetentionPeriod 1',
      applies: ({ resource }) => resource.Properties?.BackupRetentionPeriod !== 1,
      mutate: set('BackupRetentionPeriod', 1),
    },
    {
      id: 'iam-authentication-off',
      lessSecure: 'access-control',
      description: 'EnableIAMDatabaseAuthentication false',
      applies: isNot('EnableIAMDatabaseAuthentication', false),
      mutate: set('EnableIAMDatabaseAuthentication', false),
    },
    {
      id: 'log-exports-removed',
      lessSecure: 'audit-logging',
      description: 'EnableCloudwatchLogsExports removed',
      applies: has('EnableCloudwatchLogsExports'),
      mutate: unset('EnableCloudwatchLogsExports'),
    },
    deletedWithStack,
  ],
  'AWS::RDS::DBInstance': [
    {
      id: 'publicly-accessible',
      lessSecure: 'network-exposure',
      description: 'PubliclyAccessible true',
      mutate: set('PubliclyAccessible', true),
    },
    {
      id: 'minor-upgrades-off',
      lessSecure: 'network-exposure',
      description: 'AutoMinorVersionUpgrade false: security patches not applied',
      applies: isNot('AutoMinorVersionUpgrade', false),
      mutate: set('AutoMinorVersionUpgrade', false),
    },
    {
      id: 'enhanced-monitoring-off',
      lessSecure: 'audit-logging',
      description: 'MonitoringInterval 0, MonitoringRoleArn removed',
      applies: ({ resource }) => (resource.Properties?.MonitoringInterval ?? 0) > 0,
      mutate: (context) => {
        unset('MonitoringRoleArn')(context);
        props(context).MonitoringInterval = 0;
      },
    },
  ],
  'AWS::RDS::DBClusterParameterGroup': [
    {
      id: 'tls-not-forced',
      lessSecure: 'encryption-in-transit',
      description: 'rds.force_ssl 0',
      applies: ({ resource }) => resource.Properties?.Parameters?.['rds.force_ssl'] !== undefined,
      mutate: (context) => (props(context).Parameters['rds.force_ssl'] = '0'),
    },
    {
      id: 'connection-logging-off',
      lessSecure: 'audit-logging',
      description: 'log_connections and log_disconnections 0',
      applies: ({ resource }) => resource.Properties?.Parameters?.log_connections === '1',
      mutate: (context) => Object.assign(props(context).Parameters, { log_connections: '0', log_disconnections: '0' }),
    },
  ],
  'AWS::DynamoDB::Table': [
    {
      id: 'customer-key-removed',
      lessSecure: 'encryption-at-rest',
      description: 'SSESpecification removed: an AWS owned key',
      applies: has('SSESpecification'),
      mutate: unset('SSESpecification'),
    },
    {
      id: 'point-in-time-recovery-off',
      lessSecure: 'data-protection',
      description: 'PointInTimeRecoveryEnabled false',
      applies: has('PointInTimeRecoverySpecification'),
      mutate: set('PointInTimeRecoverySpecification', { PointInTimeRecoveryEnabled: false }),
    },
    {
      id: 'deletion-protection-off',
      lessSecure: 'data-protection',
      description: 'DeletionProtectionEnabled false',
      applies: isNot('DeletionProtectionEnabled', false),
      mutate: set('DeletionProtectionEnabled', false),
    },
    deletedWithStack,
  ],
  'AWS::Backup::BackupVault': [
    {
      id: 'lock-removed',
      lessSecure: 'data-protection',
      description: 'LockConfiguration removed',
      applies: has('LockConfiguration'),
      mutate: unset('LockConfiguration'),
    },
    {
      id: 'lock-one-day',
      lessSecure: 'data-protection',
      description: 'LockConfiguration MinRetentionDays 1',
      applies: ({ resource }) => (resource.Properties?.LockConfiguration?.MinRetentionDays ?? 1) > 1,
      mutate: (context) => (props(context).LockConfiguration.MinRetentionDays = 1),
    },
    {
      id: 'customer-key-removed',
      lessSecure: 'encryption-at-rest',
      description: 'EncryptionKeyArn removed',
      applies: has('EncryptionKeyArn'),
      mutate: unset('EncryptionKeyArn'),
    },
    openedToAnyone('AccessPolicy', 'backup:CopyIntoBackupVault', () => '*', { AWS: '*' }),
    protectiveDeniesRemoved('AccessPolicy', 'data-protection'),
    deletedWithStack,
  ],
  'AWS::Backup::BackupPlan': [
    {
      id: 'one-day-lifecycle',
      lessSecure: 'data-protection',
      description: 'every rule keeps recovery points 1 day',
      mutate: (context) => {
        for (const rule of props(context).BackupPlan.BackupPlanRule) {
          rule.Lifecycle = { DeleteAfterDays: 1 };
          for (const copy of rule.CopyActions ?? []) copy.Lifecycle = { DeleteAfterDays: 1 };
        }
      },
    },
    {
      id: 'copies-removed',
      lessSecure: 'data-protection',
      description: 'CopyActions removed: no copy in the disaster-recovery region',
      applies: ({ resource }) => JSON.stringify(resource.Properties?.BackupPlan ?? {}).includes('CopyActions'),
      mutate: (context) => {
        for (const rule of props(context).BackupPlan.BackupPlanRule) delete rule.CopyActions;
      },
    },
    removal('data-protection', 'the backup plan'),
  ],
  'AWS::Backup::BackupSelection': [removal('data-protection', 'the backup selection')],
  'AWS::SNS::Topic': [
    {
      id: 'customer-key-removed',
      lessSecure: 'encryption-at-rest',
      description: 'KmsMasterKeyId removed: messages unencrypted at rest',
      applies: has('KmsMasterKeyId'),
      mutate: unset('KmsMasterKeyId'),
    },
  ],
  'AWS::SNS::TopicPolicy': [
    openedToAnyone('PolicyDocument', 'sns:Subscribe', ({ resource }) => [resource.Properties?.Topics ?? []].flat()[0]),
    // SNS accepts only TLS for a topic encrypted with a KMS key: the statement then adds nothing.
    transportDenyRemoved('PolicyDocument', ({ template, resource }) => {
      const topic = refOf(resource.Properties?.Topics);
      return topic === undefined || template.Resources[topic]?.Properties?.KmsMasterKeyId === undefined;
    }),
  ],
  'AWS::SQS::Queue': [
    {
      id: 'customer-key-removed',
      lessSecure: 'encryption-at-rest',
      description: 'KmsMasterKeyId removed: SQS-managed encryption only',
      applies: has('KmsMasterKeyId'),
      mutate: unset('KmsMasterKeyId'),
    },
  ],
  'AWS::SQS::QueuePolicy': [
    openedToAnyone('PolicyDocument', 'sqs:ReceiveMessage', ({ resource }) => {
      const queue = refOf(resource.Properties?.Queues);
      return queue ? arnOf(queue) : '*';
    }),
    transportDenyRemoved('PolicyDocument'),
  ],
  'AWS::Route53Resolver::ResolverQueryLoggingConfig': [removal('audit-logging', 'DNS query logging')],
  'AWS::Route53Resolver::ResolverQueryLoggingConfigAssociation': [
    removal('audit-logging', 'the VPC association of DNS query logging'),
  ],
  'Custom::AccountSettings': [
    {
      id: 'password-policy-weakened',
      lessSecure: 'account-hardening',
      description: 'PasswordPolicy MinimumPasswordLength 6, no symbols or numbers required',
      applies: has('PasswordPolicy'),
      mutate: (context) =>
        Object.assign(props(context).PasswordPolicy, {
          MinimumPasswordLength: 6,
          RequireSymbols: false,
          RequireNumbers: false,
        }),
    },
    {
      id: 'account-public-access-block-off',
      lessSecure: 'public-access',
      description: 'S3AccountPublicAccessBlock false',
      applies: isNot('S3AccountPublicAccessBlock', false),
      mutate: set('S3AccountPublicAccessBlock', false),
    },
    {
      id: 'ebs-default-encryption-removed',
      lessSecure: 'encryption-at-rest',
      description: 'EbsEncryptionByDefault removed',
      applies: has('EbsEncryptionByDefault'),
      mutate: unset('EbsEncryptionByDefault'),
    },
    {
      id: 'inspector-off',
      lessSecure: 'threat-detection',
      description: 'Inspector scans no resource type',
      applies: ({ resource }) => (resource.Properties?.Inspector?.ResourceTypes ?? []).length > 0,
      mutate: (context) => (props(context).Inspector.ResourceTypes = []),
    },
    {
      id: 'macie-discovery-off',
      lessSecure: 'threat-detection',
      description: 'MacieAutomatedDiscovery false, MacieClassificationJob removed',
      applies: has('MacieClassificationJob'),
      mutate: (context) => {
        unset('MacieClassificationJob')(context);
        props(context).MacieAutomatedDiscovery = false;
      },
    },
    removal('account-hardening', 'the account hardening'),
  ],
};

/** Resource types the templates hold that no operator changes, and why none makes the baseline less secure. */
export const NOT_MUTATED: Readonly<Record<string, string>> = {
  'AWS::CDK::Metadata': 'CDK version analytics: deploys nothing that holds data or controls access',
  'AWS::KMS::Alias': 'a name for a key: the key, its rotation and its policy are mutated on AWS::KMS::Key',
  'AWS::EC2::VPC':
    'address range and DNS settings only: exposure lives in the routes, ACLs, security groups, endpoints and flow logs, all mutated',
  'AWS::EC2::InternetGateway':
    'a gateway alone exposes nothing: routes to it are mutated (AWS::EC2::Route, AWS::EC2::RouteTable, AWS::EC2::SubnetRouteTableAssociation)',
  'AWS::EC2::VPCGatewayAttachment': 'attaches the internet gateway: exposure comes from routes to it, mutated',
  'AWS::EC2::NatGateway':
    'outbound-only translation; what may leave is decided by security group egress and ACLs, both mutated',
  'AWS::EC2::TransitGateway':
    'its attachments are associated and propagated explicitly: default association or propagation would apply only to new attachments (and conflict with the explicit ones), auto-accept only to a gateway shared through RAM, which the baseline does not do',
  'AWS::EC2::TransitGatewayAttachment':
    'the subnets holding its interfaces do not change what it reaches (the VPC routes to every subnet, the destination subnet ACL applies): routes and ACLs are mutated',
  'AWS::EC2::TransitGatewayRouteTable': 'a table alone routes nothing: its routes and attachments are mutated',
  'AWS::EC2::TransitGatewayRouteTableAssociation':
    'which table an attachment uses: the routes of the tables (AWS::EC2::TransitGatewayRoute) are mutated',
  'AWS::Bedrock::GuardrailVersion':
    'a published snapshot of the guardrail: the guardrail is mutated, and the IAM condition that names the version is mutated with the policies',
  'AWS::Lambda::EventSourceMapping':
    'which queue feeds the de-identification function and in what batches: the queue, its key and dead-letter queue, the function and its role are mutated',
  'AWS::Lambda::EventInvokeConfig':
    'retries of asynchronous invocations; failed invocations still reach the dead-letter queue',
  'AWS::RDS::DBSubnetGroup':
    'its subnets are the data tier published by the Network stack; moving the database to public subnets needs an output that stack does not publish, and exposure is mutated on AWS::RDS::DBInstance (PubliclyAccessible) and the data tier network',
};
