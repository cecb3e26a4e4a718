import { z } from 'zod';

const ARN = /^arn:aws[a-z-]*:(sqs|lambda):[a-z]{2}(-[a-z]+)+-\d:\d{12}:[A-Za-z0-9_:.-]+$/;

/**
 * More endpoints of the security alert topic: a paging or ticketing webhook (PagerDuty's events integration
 * URL, a ServiceNow or Jira inbound webhook) over HTTPS, a queue or function that forwards to chat or a
 * SIEM, or more e-mail addresses. HIPAA 164.308(a)(6)(ii) response and reporting.
 */
export const alertSubscriptionsSchema = z
  .array(
    z.discriminatedUnion(
      'protocol',
      [
        z.strictObject({
          protocol: z.literal('email'),
          endpoint: z.email({ error: 'must be an e-mail address' }),
        }),
        z.strictObject({
          protocol: z.literal('https'),
          endpoint: z.url({ protocol: /^https$/, error: 'must be an https:// URL' }),
        }),
        z.strictObject({
          protocol: z.enum(['sqs', 'lambda']),
          endpoint: z.string().regex(ARN, { error: 'must be the ARN of an SQS queue or Lambda function' }),
        }),
      ],
      { error: 'protocol must be "email", "https", "sqs" or "lambda"' },
    ),
  )
  .default([])
  .describe(
    'More subscribers of the security alert topic (besides alertEmail): { "protocol": "https", "endpoint": "https://events.pagerduty.com/integration/<key>/enqueue" }, { "protocol": "sqs" | "lambda", "endpoint": "<ARN>" }, { "protocol": "email", "endpoint": "oncall@example.org" }. HIPAA 164.308(a)(6)(ii).',
  );

export type AlertSubscription = z.output<typeof alertSubscriptionsSchema>[number];
