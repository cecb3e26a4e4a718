import { Stack } from 'aws-cdk-lib';
import * as organizations from 'aws-cdk-lib/aws-organizations';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as securityhub from 'aws-cdk-lib/aws-securityhub';
import { Construct } from 'constructs';
import { guardrailTargets } from '../config/organization-schema';
import { AuditTrail } from '../constructs/audit-trail';
import { BaselineKey } from '../constructs/baseline-key';
import { DelegatedAdministrators } from '../constructs/delegated-administrators';
import { MemberBaseline } from '../constructs/member-baseline';
import { MemberStackSet } from '../constructs/member-stack-set';
import { recordControl } from '../controls/control-inventory';
import { declareControls } from '../controls/declare';
import { guardrailExemptions, guardrails, STACKSETS_EXECUTION_ROLE_ARN } from '../organization/guardrails';
import { orgNaming } from '../organization/names';
import type { OrganizationStackProps } from './organization-stack-props';

/**
 * An account that leaves the targeted OUs (or the organisation) keeps its member baseline stack: its Config
 * recorder, account protections and locked backup vault stay until its owners remove them deliberately —
 * deleting them would silently end audit recording and could not delete a vault holding recovery points.
 */
export const RETAIN_STACKS_ON_ACCOUNT_REMOVAL = true;

/**
 * Management account (organisation mode): the preventive guardrails (SCPs attached to organizational units),
 * the member baseline StackSet (service-managed, auto-deployed to the member OUs and regions, CallAs SELF),
 * the organisation trail into the log archive account, Security Hub's delegated administrator (CloudFormation)
 * and GuardDuty's, Macie's and Amazon Inspector's (custom resource, in the home and every member region).
 * IAM Access Analyzer's and AWS Config's need the AWS Organizations API: the README's runbook registers them.
 */
export class ManagementStack extends Stack {
  public readonly policies: organizations.CfnPolicy[] = [];
  public readonly memberBaseline: MemberStackSet;
  public readonly trail: AuditTrail;
  /** GuardDuty, Macie and Amazon Inspector's delegated administrator, in the home and member regions. */
  public readonly delegatedAdministrators: DelegatedAdministrators;

  constructor(scope: Construct, id: string, props: OrganizationStackProps) {
    super(scope, id, props);
    const { config } = props;
    const org = config.organization;
    const prefix = config.namePrefix;

    const guardrailScope = new Construct(this, 'Guardrails');
    for (const guardrail of guardrails({
      namePrefix: prefix,
      allowedRegions: org.allowedRegions,
      exemptPrincipalArns: [STACKSETS_EXECUTION_ROLE_ARN, ...guardrailExemptions(org, prefix)],
      denyNonHipaaEligibleServices: org.denyNonHipaaEligibleServices,
    })) {
      const policy = new organizations.CfnPolicy(guardrailScope, guardrail.id, {
        name: guardrail.name,
        description: guardrail.description,
        type: 'SERVICE_CONTROL_POLICY',
        content: guardrail.document,
        targetIds: [...guardrailTargets(org)],
      });
      recordControl(policy, 'guardrail-scp', ['Type', 'Content', 'TargetIds']);
      this.policies.push(policy);
    }
    declareControls(guardrailScope, {
      citations: ['164.308(a)(1)(ii)(B)', '164.308(a)(4)(ii)(B)', '164.312(a)(1)', '164.312(b)'],
      statement: `Service control policies on ${guardrailTargets(org).length} organizational unit(s) keep member accounts in the organisation, keep the trail, AWS Config, GuardDuty, Security Hub, Macie and the account protections on, and confine regional services to ${org.allowedRegions.join(', ')}${org.denyNonHipaaEligibleServices ? ', and to HIPAA eligible services' : ''}.`,
    });

    this.memberBaseline = new MemberStackSet(this, 'MemberBaseline', {
      stackSetName: orgNaming.memberStackSet(prefix),
      description: 'hipaa-baseline member baseline: what every account of the organisation must have',
      organizationalUnitIds: org.memberTargets.organizationalUnitIds,
      regions: org.memberTargets.regions,
      retainStacksOnAccountRemoval: RETAIN_STACKS_ON_ACCOUNT_REMOVAL,
    });
    new MemberBaseline(this.memberBaseline.template, 'Baseline', { config });

    const trailKey = new BaselineKey(this, 'TrailLogGroupKey', { purpose: 'logs', namePrefix: prefix });
    this.trail = new AuditTrail(this, 'OrganizationTrail', {
      trailName: orgNaming.organizationTrail(prefix),
      bucket: s3.Bucket.fromBucketName(
        this,
        'ArchiveBucket',
        orgNaming.auditLogBucket(prefix, org.logArchiveAccount, this.region),
      ),
      encryptionKey: trailKey,
      logGroupRetentionDays: config.logGroupRetentionDays,
      organizationTrail: true,
      logFileKeyArn: orgNaming.logsKeyAliasArn(this.partition, prefix, org.logArchiveAccount, this.region),
    });

    const securityHubAdmin = new securityhub.CfnDelegatedAdmin(this, 'SecurityHubAdministrator', {
      adminAccountId: org.auditAccount,
    });
    recordControl(securityHubAdmin, 'securityhub-delegated-admin', ['AdminAccountId']);
    this.delegatedAdministrators = new DelegatedAdministrators(this, 'ServiceAdministrators', {
      administratorAccountId: org.auditAccount,
      regions: [...new Set([this.region, ...org.memberTargets.regions])],
      key: trailKey,
      logRetentionDays: config.logGroupRetentionDays,
    });
    declareControls(new Construct(this, 'DelegatedAdministrators'), {
      citations: ['164.308(a)(1)(ii)(D)', '164.308(a)(6)(ii)', '164.308(a)(8)'],
      statement: `The audit account (${org.auditAccount}) is the delegated administrator of Security Hub (CloudFormation resource), and of GuardDuty, Macie, Amazon Inspector, IAM Access Analyzer and AWS Config (this stack's custom resource: GuardDuty, Macie and Inspector in every member region, the others through AWS Organizations with trusted access).`,
    });
  }
}
