/**
 * HIPAABaseline-LogGroupMinimumRetention — CloudWatch log groups keep events at least the configured
 * minimum (`logGroupRetentionDays`). Encryption of log groups is enforced by the registered
 * HIPAA.Security-CloudWatchLogGroupEncrypted rule.
 *
 * Scenarios:
 * - non-compliant: RetentionInDays below the minimum; RetentionInDays given as an unresolvable intrinsic
 * - compliant: RetentionInDays at or above the minimum; no RetentionInDays (events never expire)
 * - not applicable: other resource types
 */
import { isIntrinsic, type OwnRule } from './rule';

export const LogGroupMinimumRetention: OwnRule = {
  id: 'LogGroupMinimumRetention',
  level: 'error',
  info: 'The CloudWatch log group keeps events for less than the configured minimum retention.',
  explanation:
    'Audit records must stay searchable for the configured period (hipaaBaseline.logGroupRetentionDays). ' +
    'Raise RetentionInDays, or omit it to keep events indefinitely.',
  citations: ['164.312(b)', '164.308(a)(1)(ii)(D)'],
  configRules: ['CW_LOGGROUP_RETENTION_PERIOD_CHECK'],
  check(resource, { settings }) {
    if (resource.Type !== 'AWS::Logs::LogGroup') return 'not-applicable';
    const days = resource.Properties?.RetentionInDays;
    if (days === undefined) return 'compliant';
    if (isIntrinsic(days)) return 'non-compliant';
    return Number(days) >= settings.logGroupRetentionDays ? 'compliant' : 'non-compliant';
  },
};
