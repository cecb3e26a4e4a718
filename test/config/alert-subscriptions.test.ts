import { buildBaseline } from '../../lib/app/build-baseline';
import { ConfigError, parseConfig } from '../../lib/config/load';
import { testApp } from '../helpers/app';

function problems(raw: unknown): string[] {
  try {
    parseConfig(raw);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('alertSubscriptions', () => {
  test('bad input names the entry and the problem', () => {
    expect(
      problems({ alertSubscriptions: [{ protocol: 'https', endpoint: 'http://pager.example.org/hook' }] }),
    ).toEqual(['hipaaBaseline.alertSubscriptions[0].endpoint: must be an https:// URL']);
    expect(problems({ alertSubscriptions: [{ protocol: 'sms', endpoint: '+15555550100' }] })).toEqual([
      'hipaaBaseline.alertSubscriptions[0].protocol: protocol must be "email", "https", "sqs" or "lambda"',
    ]);
    expect(problems({ alertSubscriptions: [{ protocol: 'sqs', endpoint: 'my-queue' }] })).toEqual([
      'hipaaBaseline.alertSubscriptions[0].endpoint: must be the ARN of an SQS queue or Lambda function',
    ]);
    expect(problems({ alertSubscriptions: [{ protocol: 'email', endpoint: 'not-an-address' }] })).toEqual([
      'hipaaBaseline.alertSubscriptions[0].endpoint: must be an e-mail address',
    ]);
  });

  test('each entry subscribes its endpoint to the alert topic', () => {
    const app = testApp();
    const stacks = buildBaseline(
      app,
      parseConfig({
        alertSubscriptions: [
          { protocol: 'https', endpoint: 'https://events.pagerduty.com/integration/0123456789abcdef/enqueue' },
          { protocol: 'sqs', endpoint: 'arn:aws:sqs:us-east-1:111122223333:security-tickets' },
        ],
      }),
      { gate: false },
    );
    const template = app.synth().getStackArtifact(stacks.securityTooling.artifactId).template;
    const subscriptions = Object.values(template.Resources as Record<string, any>).filter(
      (r) => r.Type === 'AWS::SNS::Subscription',
    );
    expect(subscriptions.map((s) => [s.Properties.Protocol, s.Properties.Endpoint])).toEqual([
      ['https', 'https://events.pagerduty.com/integration/0123456789abcdef/enqueue'],
      ['sqs', 'arn:aws:sqs:us-east-1:111122223333:security-tickets'],
    ]);
    for (const s of subscriptions) expect(s.Properties.TopicArn.Ref).toMatch(/^AlertsTopic/);
  });
});
