import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { AlertTopicHasSubscriber } from '../../rules/AlertTopicHasSubscriber';
import { evaluate, ruleStack } from '../helpers/rules';

function alertTopic() {
  const topic = new sns.Topic(ruleStack(), 'T');
  (topic.node.defaultChild as sns.CfnTopic).tags.setTag('hipaa-baseline:role', 'alerts');
  return topic;
}
const l1 = (topic: sns.Topic) => topic.node.defaultChild as sns.CfnTopic;

describe('HIPAABaseline-AlertTopicHasSubscriber', () => {
  test('non-compliant: the alert topic has no subscriber (L2)', () => {
    expect(evaluate(AlertTopicHasSubscriber, l1(alertTopic()))).toBe('non-compliant');
  });

  test('non-compliant: the inline subscription removed by an override (L1)', () => {
    const topic = new sns.CfnTopic(ruleStack(), 'T', {
      subscription: [{ protocol: 'email', endpoint: 'a@example.org' }],
      tags: [{ key: 'hipaa-baseline:role', value: 'alerts' }],
    });
    topic.addPropertyDeletionOverride('Subscription');
    expect(evaluate(AlertTopicHasSubscriber, topic)).toBe('non-compliant');
  });

  test('compliant: an e-mail subscription or an HTTPS webhook subscribes to it', () => {
    const topic = alertTopic();
    topic.addSubscription(new subscriptions.EmailSubscription('security@example.org'));
    expect(evaluate(AlertTopicHasSubscriber, l1(topic))).toBe('compliant');
    const hooked = alertTopic();
    new sns.Subscription(hooked, 'Pager', {
      topic: hooked,
      protocol: sns.SubscriptionProtocol.HTTPS,
      endpoint: 'https://events.pagerduty.com/integration/abc/enqueue',
    });
    expect(evaluate(AlertTopicHasSubscriber, l1(hooked))).toBe('compliant');
  });

  test('compliant: an inline subscription (L1)', () => {
    const topic = new sns.CfnTopic(ruleStack(), 'T', {
      subscription: [{ protocol: 'email', endpoint: 'a@example.org' }],
      tags: [{ key: 'hipaa-baseline:role', value: 'alerts' }],
    });
    expect(evaluate(AlertTopicHasSubscriber, topic)).toBe('compliant');
  });

  test('not applicable: a topic that is not the alert topic', () => {
    expect(evaluate(AlertTopicHasSubscriber, l1(new sns.Topic(ruleStack(), 'Other')))).toBe('not-applicable');
  });
});
