/**
 * HIPAABaseline-AlertTopicHasSubscriber (warning) — the topic people are alerted through
 * (tagged hipaa-baseline:role=alerts) has at least one subscriber in the template. Without one every
 * GuardDuty finding, root sign-in and alarm is published to nobody.
 *
 * Scenarios:
 * - non-compliant: alert topic without `Subscription` and without any AWS::SNS::Subscription of it
 * - compliant: an inline subscription; an AWS::SNS::Subscription whose TopicArn references the topic
 * - not applicable: other resource types; topics not tagged as the alert topic
 */
import { ROLE_TAG, ROLES } from '../lib/controls/tags';
import { hasTag, referencedIds, type OwnRule } from './rule';

export const AlertTopicHasSubscriber: OwnRule = {
  id: 'AlertTopicHasSubscriber',
  level: 'warning',
  info: 'The security alert topic has no subscriber: alerts reach nobody.',
  explanation:
    'Set hipaaBaseline.alertEmail or hipaaBaseline.alertSubscriptions (an HTTPS paging or ticketing webhook, an ' +
    'SQS queue or Lambda function that forwards to chat), or subscribe an endpoint in another stack and ' +
    'acknowledge this warning with where the alerts go.',
  citations: ['164.308(a)(6)(ii)', '164.308(a)(1)(ii)(D)'],
  check(resource, { resources }) {
    if (resource.Type !== 'AWS::SNS::Topic' || !hasTag(resource, ROLE_TAG, ROLES.alerts)) return 'not-applicable';
    if ((resource.Properties?.Subscription ?? []).length > 0) return 'compliant';
    const subscribed = [...resources.values()].some(
      (other) =>
        other.Type === 'AWS::SNS::Subscription' &&
        referencedIds(other.Properties?.TopicArn).includes(resource.logicalId),
    );
    return subscribed ? 'compliant' : 'non-compliant';
  },
};
