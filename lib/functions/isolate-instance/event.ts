/**
 * The input: an EventBridge event carrying a GuardDuty finding about an EC2 instance, as GuardDuty publishes
 * it (`source` "aws.guardduty", `detail-type` "GuardDuty Finding", `detail` the finding in the camel-case
 * form of the GuardDuty API: `id`, `type`, `severity`, `accountId`, `region`, `resource.resourceType`
 * "Instance", `resource.instanceDetails.instanceId`, …). Only the fields the function uses are checked;
 * anything else in the finding is ignored.
 */
import * as z from 'zod/mini';
import type { Settings } from './config';
import { formatIssues } from '../common/issues';

/** What the function needs from a finding. */
export interface Finding {
  readonly id: string;
  readonly type: string;
  readonly severity: number;
  readonly accountId: string;
  readonly region: string;
  readonly instanceId: string;
  readonly title?: string;
}

export type ParsedEvent =
  { readonly ok: true; readonly finding: Finding } | { readonly ok: false; readonly problems: string[] };

/** Error message of a field: "required" when it is missing, otherwise what it must be. */
const must = (what: string) => ({
  error: (issue: { readonly input?: unknown }) => (issue.input === undefined ? 'required' : `must be ${what}`),
});
const text = (what: string) => z.string(must(what));

const eventSchema = z.looseObject(
  {
    source: z.literal('aws.guardduty', must('"aws.guardduty"')),
    'detail-type': z.literal('GuardDuty Finding', must('"GuardDuty Finding"')),
    detail: z.looseObject(
      {
        // Finding ids go into tag values and filters: GuardDuty's are 32 hexadecimal digits.
        id: text('a finding id').check(z.regex(/^[A-Za-z0-9_-]{1,128}$/, 'must be a finding id')),
        type: text('a finding type').check(z.minLength(1, 'must not be empty'), z.maxLength(50, 'is too long')),
        severity: z.number(must('a number')).check(z.gte(0, 'must be from 0 to 10'), z.lte(10, 'must be from 0 to 10')),
        accountId: text('an account id').check(z.regex(/^\d{12}$/, 'must be a 12-digit account id')),
        region: text('a region name').check(z.minLength(1, 'must not be empty')),
        title: z.optional(z.string()),
        resource: z.looseObject(
          {
            resourceType: z.literal('Instance', must('"Instance" (the finding is not about an EC2 instance)')),
            instanceDetails: z.looseObject(
              {
                instanceId: text('an instance id').check(
                  z.regex(/^i-[0-9a-f]{8}(?:[0-9a-f]{9})?$/, 'must be an EC2 instance id'),
                ),
              },
              must('an object'),
            ),
          },
          must('an object'),
        ),
      },
      must('an object'),
    ),
  },
  must('an object'),
);

/** Validates the event; every problem is one `event.<path>: reason` line. */
export function parseFindingEvent(event: unknown): ParsedEvent {
  const result = eventSchema.safeParse(event);
  if (!result.success) return { ok: false, problems: formatIssues('event', result.error.issues) };
  const detail = result.data.detail;
  return {
    ok: true,
    finding: {
      id: detail.id,
      type: detail.type,
      severity: detail.severity,
      accountId: detail.accountId,
      region: detail.region,
      instanceId: detail.resource.instanceDetails.instanceId,
      ...(detail.title ? { title: detail.title } : {}),
    },
  };
}

/** Why a valid finding is not acted on, or undefined when it is. `account` is the function's own account. */
export function notActionable(finding: Finding, settings: Settings, account?: string): string | undefined {
  if (finding.region !== settings.region) {
    return `finding is about region ${finding.region}; this function acts in ${settings.region}`;
  }
  if (account && finding.accountId !== account) {
    return `finding is about account ${finding.accountId}; this function acts in ${account}`;
  }
  if (!settings.findingTypes.some((prefix) => finding.type.startsWith(prefix))) {
    return `finding type ${finding.type} is not one of the configured types (${settings.findingTypes.join(', ')})`;
  }
  if (finding.severity < settings.minSeverity) {
    return `finding severity ${finding.severity} is below the configured minimum ${settings.minSeverity}`;
  }
  return undefined;
}
