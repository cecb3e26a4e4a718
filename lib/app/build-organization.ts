import { Stack, Tags, type App } from 'aws-cdk-lib';
import { ManagementBaselineStack } from '../stacks/management-baseline-stack';
import { ManagementStack } from '../stacks/management-stack';
import { NetworkStack } from '../stacks/network-stack';
import { OrganizationLogArchiveStack } from '../stacks/organization-log-archive-stack';
import { OrganizationSecurityToolingStack } from '../stacks/organization-security-tooling-stack';
import type { OrganizationModeConfig } from '../stacks/organization-stack-props';
import { orgNaming } from '../organization/names';
import { registerGate } from './gate';
import type { BuildOptions } from './build-baseline';

/** Template Metadata key saying which account of the organisation a template is for (organisation mode only). */
export const ACCOUNT_ROLE_METADATA_KEY = 'hipaa-baseline:account';

/** The roles of the organisation's accounts. */
export type AccountRole = 'management' | 'log-archive' | 'audit' | 'network' | 'member';

/** What a template of organisation mode records about its account. */
export interface AccountRoleMetadata {
  readonly role: AccountRole;
  /** The account id; absent for the member template (every account of the targeted OUs). */
  readonly account?: string;
  /** Where the member template is deployed. */
  readonly organizationalUnitIds?: readonly string[];
  readonly regions?: readonly string[];
}

/** The stacks of organisation mode, by account role. */
export interface OrganizationStacks {
  readonly management: ManagementStack;
  /** The member baseline in the management account, one per member region. */
  readonly managementBaseline: readonly ManagementBaselineStack[];
  readonly logArchive: OrganizationLogArchiveStack;
  readonly securityTooling: OrganizationSecurityToolingStack;
  readonly network: NetworkStack;
}

function recordAccount(stack: Stack, metadata: AccountRoleMetadata): void {
  stack.templateOptions.metadata = { ...stack.templateOptions.metadata, [ACCOUNT_ROLE_METADATA_KEY]: metadata };
}

/**
 * Adds the baseline of an AWS Organization to an app: one stack per account role with an explicit
 * environment (management, log archive, audit, network; the member baseline in the management account for
 * each member region), the member baseline as a StackSet template inside the management stack, and the
 * synth gate over all of it (the member template included: it is a stack of the construct tree).
 */
export function buildOrganization(
  app: App,
  config: OrganizationModeConfig,
  options: BuildOptions = {},
): OrganizationStacks {
  const org = config.organization;
  const region = config.region;
  const common = (role: string, account: string) => ({
    env: { account, region },
    config,
    stackName: `${config.namePrefix}-${role}`,
    description: `hipaa-baseline ${role} stack (organisation mode)`,
  });

  const logArchive = new OrganizationLogArchiveStack(app, 'LogArchive', common('log-archive', org.logArchiveAccount));
  recordAccount(logArchive, { role: 'log-archive', account: org.logArchiveAccount });
  const management = new ManagementStack(app, 'Management', common('management', org.managementAccount));
  recordAccount(management, { role: 'management', account: org.managementAccount });
  recordAccount(management.memberBaseline.template, {
    role: 'member',
    organizationalUnitIds: org.memberTargets.organizationalUnitIds,
    regions: org.memberTargets.regions,
  });
  // The organisation trail writes into the archive, which must admit it first.
  management.addStackDependency(logArchive, 'the organisation trail writes to the log archive bucket');

  const managementBaseline = org.memberTargets.regions.map((memberRegion) => {
    const stack = new ManagementBaselineStack(app, `ManagementBaseline-${memberRegion}`, {
      ...common(`management-baseline-${memberRegion}`, org.managementAccount),
      env: { account: org.managementAccount, region: memberRegion },
    });
    recordAccount(stack, { role: 'management', account: org.managementAccount });
    // AWS Config delivers to the central bucket, which must exist.
    stack.addStackDependency(logArchive, 'AWS Config delivers to the central archive');
    return stack;
  });

  const securityTooling = new OrganizationSecurityToolingStack(
    app,
    'SecurityTooling',
    common('security-tooling', org.auditAccount),
  );
  recordAccount(securityTooling, { role: 'audit', account: org.auditAccount });
  // Security Hub central configuration needs the delegated administrator the management stack registers.
  securityTooling.addStackDependency(management, 'Security Hub delegated administrator');

  const network = new NetworkStack(app, 'Network', {
    ...common('network', org.networkAccount),
    logBucket: orgNaming.auditLogBucket(config.namePrefix, org.logArchiveAccount, region),
    // Every environment's zones are among these (the configuration checks it).
    knownAvailabilityZones: config.availabilityZones,
  });
  recordAccount(network, { role: 'network', account: org.networkAccount });
  network.addStackDependency(logArchive, 'flow logs and DNS query logs go to the log archive bucket');

  Tags.of(app).add('hipaa-baseline:managed-by', 'hipaa-baseline');
  for (const [key, value] of Object.entries(config.tags)) Tags.of(app).add(key, value);
  if (options.gate ?? true) registerGate(app, config);
  return { management, managementBaseline, logArchive, securityTooling, network };
}
