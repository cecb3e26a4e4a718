import type * as ssm from 'aws-cdk-lib/aws-ssm';
import type { PatchOperatingSystem } from '../config/patching-schema';

/** Approval delays (days after release) of the security rule and of the rule for everything else. */
export interface ApprovalDays {
  readonly security: number;
  readonly other: number;
}

type Filters = Readonly<Record<string, readonly string[]>>;

/** What one approval rule approves, how a missing patch of it is rated, and whether release dates apply. */
interface RulePlan {
  readonly purpose: 'security' | 'other';
  readonly filters: Filters;
  readonly complianceLevel: 'CRITICAL' | 'MEDIUM';
}

const LINUX_CLASSIFIED: readonly RulePlan[] = [
  { purpose: 'security', filters: { CLASSIFICATION: ['Security'] }, complianceLevel: 'CRITICAL' },
  { purpose: 'other', filters: { CLASSIFICATION: ['Bugfix'] }, complianceLevel: 'MEDIUM' },
];

/**
 * The approval rules of each family, with the filter keys and values Patch Manager defines for it:
 * classified Linux (Amazon Linux, RHEL) by CLASSIFICATION; Windows by CLASSIFICATION with its own names
 * (critical and security updates first; rollups and updates after); Ubuntu by package PRIORITY, all of them,
 * since Ubuntu repositories carry no classification that separates security updates.
 */
const PLANS: Readonly<Record<PatchOperatingSystem, readonly RulePlan[]>> = {
  AMAZON_LINUX_2023: LINUX_CLASSIFIED,
  AMAZON_LINUX_2: LINUX_CLASSIFIED,
  REDHAT_ENTERPRISE_LINUX: LINUX_CLASSIFIED,
  WINDOWS: [
    {
      purpose: 'security',
      filters: { CLASSIFICATION: ['CriticalUpdates', 'SecurityUpdates'] },
      complianceLevel: 'CRITICAL',
    },
    { purpose: 'other', filters: { CLASSIFICATION: ['UpdateRollups', 'Updates'] }, complianceLevel: 'MEDIUM' },
  ],
  UBUNTU: [
    {
      purpose: 'security',
      filters: { PRIORITY: ['Required', 'Important', 'Standard', 'Optional', 'Extra'] },
      complianceLevel: 'CRITICAL',
    },
  ],
};

/**
 * Families whose patches have no release date Patch Manager can count from: their rules may carry neither
 * ApproveAfterDays nor ApproveUntilDate (the API refuses both), so updates are approved when published.
 */
export const NO_RELEASE_DATES: readonly PatchOperatingSystem[] = ['UBUNTU'];

/** The approval rules of a family's patch baseline. */
export function approvalRules(os: PatchOperatingSystem, days: ApprovalDays): ssm.CfnPatchBaseline.RuleGroupProperty {
  return {
    patchRules: PLANS[os].map((plan) => ({
      patchFilterGroup: {
        patchFilters: Object.entries(plan.filters).map(([key, values]) => ({ key, values: [...values] })),
      },
      complianceLevel: plan.complianceLevel,
      ...(NO_RELEASE_DATES.includes(os) ? {} : { approveAfterDays: days[plan.purpose] }),
    })),
  };
}

/** The patch baseline of one family, registered for the given patch groups. */
export function patchBaselineProperties(
  os: PatchOperatingSystem,
  options: { readonly name: string; readonly days: ApprovalDays; readonly patchGroups: readonly string[] },
): ssm.CfnPatchBaselineProps {
  const dated = !NO_RELEASE_DATES.includes(os);
  return {
    name: options.name,
    operatingSystem: os,
    description: dated
      ? `hipaa-baseline: security updates approved after ${options.days.security} days, other updates after ${options.days.other}`
      : 'hipaa-baseline: updates approved when published (no release dates to delay by)',
    approvalRules: approvalRules(os, options.days),
    // Windows drops superseded updates from the approved set; an available security update that is not yet
    // approved must still count as missing, or a long delay could hide it.
    ...(os === 'WINDOWS' ? { availableSecurityUpdatesComplianceStatus: 'NON_COMPLIANT' } : {}),
    patchGroups: [...options.patchGroups],
  };
}

/** Kebab-case word of a family for names (`amazon-linux-2023`). */
export function osWord(os: PatchOperatingSystem): string {
  return os.toLowerCase().replace(/_/g, '-');
}
