import type { ConfigRuleIdentifier } from '../../../lib/controls/catalog.generated';
import {
  asArray,
  canonical,
  eachOfType,
  numberParameter,
  props,
  refOf,
  resourcesOf,
  statements,
  tagsOf,
  type Located,
} from './template';
import type { Evaluator, RuleContext } from './types';

/** Whether one `StringEquals`-style tag condition list holds for a resource's tags. */
const tagsMatch = (tags: Record<string, string>, conditions: { key: string; value: string }[]) =>
  conditions.every(({ key, value }) => tags[key.replace(/^aws:ResourceTag\//, '')] === value);

/**
 * Whether an AWS Backup selection of the assembly covers a resource: by its ARN (a selection entry that
 * references it), or by `*` with tag conditions its tags satisfy (`Conditions` all hold, or one `ListOfTags` entry).
 */
export function inBackupSelection(context: RuleContext, located: Located): boolean {
  const ref = refOf(located).slice(0, -1);
  const tags = tagsOf(located);
  return resourcesOf(context.stacks, 'AWS::Backup::BackupSelection').some((selection) => {
    const body = props(selection).BackupSelection ?? {};
    const entries = asArray(body.Resources).map((r) => canonical(r, selection.stack, context.stacks));
    if (entries.some((entry) => entry.includes(`${ref}>`) || entry.includes(`${ref}.`))) return true;
    if (!entries.includes('*')) return false;
    const conditions = asArray<any>(body.Conditions?.StringEquals).map((c) => ({
      key: c.ConditionKey,
      value: c.ConditionValue,
    }));
    const listOfTags = asArray<any>(body.ListOfTags).map((c) => ({ key: c.ConditionKey, value: c.ConditionValue }));
    const anyTag = listOfTags.length === 0 || listOfTags.some((c) => tagsMatch(tags, [c]));
    return (conditions.length > 0 || listOfTags.length > 0) && tagsMatch(tags, conditions) && anyTag;
  });
}

/** Hours between two runs of a backup schedule (`cron(m h dom mon dow y)`, `rate(n unit)`), or Infinity. */
export function scheduleHours(expression: string): number {
  const rate = /^rate\((\d+) (minute|hour|day)s?\)$/.exec(expression);
  if (rate) return Number(rate[1]) * { minute: 1 / 60, hour: 1, day: 24 }[rate[2] as 'minute' | 'hour' | 'day'];
  const cron = /^cron\((\S+) (\S+) (\S+) (\S+) (\S+) (\S+)\)$/.exec(expression);
  if (!cron) return Infinity;
  const [, , hour, dom, month, dow] = cron;
  if (dom !== '*' && dom !== '?') return Infinity;
  if (month !== '*' || (dow !== '?' && dow !== '*')) return Infinity;
  if (hour === '*') return 1;
  const every = /^\*\/(\d+)$/.exec(hour);
  return every ? Number(every[1]) : 24;
}

const BACKUP_DENY = [
  'backup:DeleteRecoveryPoint',
  'backup:UpdateRecoveryPointLifecycle',
  'backup:PutBackupVaultAccessPolicy',
];
const wildcardPrincipal = (p: any) => p === '*' || asArray(p?.AWS).includes('*');

/** AWS Config managed rules over AWS Backup plans and vaults. */
export const BACKUP_EVALUATORS: Partial<Record<ConfigRuleIdentifier, Evaluator>> = {
  BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK: (context) => {
    const unit = String(context.rule.parameters.requiredFrequencyUnit ?? 'days');
    const value = numberParameter(context, 'requiredFrequencyValue', 1);
    const hours = unit === 'hours' ? value : value * 24;
    const days = numberParameter(context, 'requiredRetentionDays', 35);
    return eachOfType(
      context,
      'AWS::Backup::BackupPlan',
      (plan) =>
        asArray<any>(props(plan).BackupPlan?.BackupPlanRule).some((rule) => {
          const keep = rule.Lifecycle?.DeleteAfterDays;
          return scheduleHours(String(rule.ScheduleExpression)) <= hours && (keep === undefined || keep >= days);
        })
          ? undefined
          : `no rule backs up every ${value} ${unit} and keeps recovery points ${days} days`,
      `a rule backs up at least every ${value} ${unit} and keeps recovery points at least ${days} days`,
    );
  },
  BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED: (context) =>
    eachOfType(
      context,
      'AWS::Backup::BackupVault',
      (vault) => {
        const deny = statements(props(vault).AccessPolicy).find(
          (s) =>
            s.Effect === 'Deny' &&
            wildcardPrincipal(s.Principal) &&
            asArray(s.Resource).includes('*') &&
            BACKUP_DENY.every((action) => asArray(s.Action).includes(action)),
        );
        return deny ? undefined : `no statement denies ${BACKUP_DENY.join(', ')} to every principal on every resource`;
      },
      'its access policy denies deleting recovery points, changing their lifecycle and rewriting the policy',
    ),
};
