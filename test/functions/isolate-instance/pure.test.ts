import { backoffDelay, RETRY_MAX_DELAY_MS } from '../../../lib/functions/isolate-instance/clients';
import { readSettings, renderSettings } from '../../../lib/functions/isolate-instance/config';
import { notActionable, parseFindingEvent } from '../../../lib/functions/isolate-instance/event';
import { renderAlert } from '../../../lib/functions/isolate-instance/report';
import { simpleResult } from '../../../lib/functions/isolate-instance/result';
import {
  decodeGroupRecord,
  encodeGroupRecord,
  groupRecordTags,
  readGroupRecord,
  TAGS,
} from '../../../lib/functions/isolate-instance/tags';
import { findingEvent, QUARANTINE, settingsEnv, TOPIC, VPC } from './harness';

describe('settings', () => {
  test('valid settings are read with their types', () => {
    const read = readSettings(settingsEnv({ DRY_RUN: 'true', MIN_SEVERITY: '4.5' }));
    expect(read).toEqual({
      ok: true,
      settings: expect.objectContaining({ dryRun: true, minSeverity: 4.5, alertTopicArn: TOPIC, region: 'us-east-1' }),
    });
  });

  test('renderSettings writes what readSettings reads back', () => {
    const settings = {
      quarantineSecurityGroups: { [VPC]: QUARANTINE },
      alertTopicArn: TOPIC,
      dryRun: true,
      findingTypes: ['Backdoor:EC2/', 'Trojan:EC2/'],
      minSeverity: 7,
    };
    const read = readSettings({ ...renderSettings(settings), AWS_REGION: 'eu-central-1' });
    expect(read).toEqual({ ok: true, settings: { ...settings, region: 'eu-central-1' } });
  });

  test.each([
    ['QUARANTINE_SECURITY_GROUPS', '{', /^QUARANTINE_SECURITY_GROUPS: not valid JSON \(/],
    ['QUARANTINE_SECURITY_GROUPS', '{}', 'QUARANTINE_SECURITY_GROUPS: must name at least one VPC'],
    [
      'QUARANTINE_SECURITY_GROUPS',
      '["sg-0a1b2c3d"]',
      'QUARANTINE_SECURITY_GROUPS: must be a JSON object mapping VPC ids to quarantine security group ids',
    ],
    [
      'QUARANTINE_SECURITY_GROUPS',
      '{"default":"sg-0a1b2c3d"}',
      'QUARANTINE_SECURITY_GROUPS.default: must be a VPC id such as "vpc-0a1b2c3d"',
    ],
    [
      'QUARANTINE_SECURITY_GROUPS',
      '{"vpc-0a1b2c3d":"quarantine"}',
      'QUARANTINE_SECURITY_GROUPS.vpc-0a1b2c3d: must be a security group id such as "sg-0a1b2c3d"',
    ],
    ['ALERT_TOPIC_ARN', undefined, 'ALERT_TOPIC_ARN: required'],
    ['ALERT_TOPIC_ARN', 'arn:aws:sqs:us-east-1:111122223333:q', 'ALERT_TOPIC_ARN: must be an SNS topic ARN'],
    ['DRY_RUN', 'TRUE', 'DRY_RUN: must be "true" or "false"'],
    ['FINDING_TYPES', '[]', 'FINDING_TYPES: must list at least one finding type prefix'],
    ['FINDING_TYPES', '[""]', 'FINDING_TYPES[0]: must not be empty'],
    ['FINDING_TYPES', '[7]', 'FINDING_TYPES[0]: must be a finding type prefix'],
    ['MIN_SEVERITY', '0.5', 'MIN_SEVERITY: must be a number from 1 to 10'],
    ['MIN_SEVERITY', '11', 'MIN_SEVERITY: must be a number from 1 to 10'],
    ['MIN_SEVERITY', '', 'MIN_SEVERITY: must be a number from 1 to 10'],
    ['AWS_REGION', undefined, 'AWS_REGION: must be an AWS region name'],
  ])('%s=%j is refused with one line naming it', (name, value, problem) => {
    const read = readSettings(settingsEnv({ [name]: value }));
    expect(read.ok).toBe(false);
    const problems = read.ok ? [] : read.problems;
    expect(problems).toHaveLength(1);
    if (typeof problem === 'string') expect(problems[0]).toBe(problem);
    else expect(problems[0]).toMatch(problem);
  });

  test('a valid topic survives other problems so they can still be published', () => {
    expect(readSettings(settingsEnv({ DRY_RUN: undefined }))).toMatchObject({ ok: false, alertTopicArn: TOPIC });
  });
});

describe('GuardDuty finding event', () => {
  test('the documented EventBridge shape parses into the fields the function uses', () => {
    expect(parseFindingEvent(findingEvent())).toEqual({
      ok: true,
      finding: {
        id: '5ecb1e6d2a9f4d0e8c7b3a2f1e0d9c8b',
        type: 'Backdoor:EC2/C&CActivity.B!DNS',
        severity: 8,
        accountId: '111122223333',
        region: 'us-east-1',
        instanceId: 'i-0a1b2c3d4e5f60718',
        title: 'Command and Control server domain name queried by EC2 instance i-0a1b2c3d4e5f60718.',
      },
    });
  });

  test('every problem of a malformed event is listed', () => {
    const event = findingEvent((e) => {
      e['detail-type'] = 'AWS API Call via CloudTrail';
      delete e.detail.id;
      e.detail.accountId = '1234';
    });
    expect(parseFindingEvent(event)).toEqual({
      ok: false,
      problems: [
        'event.detail-type: must be "GuardDuty Finding"',
        'event.detail.id: required',
        'event.detail.accountId: must be a 12-digit account id',
      ],
    });
  });

  test('a type matches a configured prefix, or an exact type', () => {
    const read = readSettings(settingsEnv({ FINDING_TYPES: '["Backdoor:EC2/C&CActivity.B!DNS"]' }));
    const parsed = parseFindingEvent(findingEvent());
    if (!read.ok || !parsed.ok) throw new Error('fixture should be valid');
    expect(notActionable(parsed.finding, read.settings, '111122223333')).toBeUndefined();
    expect(notActionable({ ...parsed.finding, type: 'Backdoor:EC2/C&CActivity.B' }, read.settings)).toMatch(
      /is not one of the configured types/,
    );
    expect(notActionable({ ...parsed.finding, severity: 7 }, { ...read.settings, minSeverity: 7 })).toBeUndefined();
  });
});

describe('previous-groups record', () => {
  test('encodes and decodes interface → groups in order', () => {
    const record = new Map([
      ['eni-1', ['sg-a', 'sg-b']],
      ['eni-2', ['sg-c']],
    ]);
    expect(encodeGroupRecord(record)).toBe('eni-1:sg-a,sg-b;eni-2:sg-c');
    expect(decodeGroupRecord('eni-1:sg-a,sg-b;eni-2:sg-c')).toEqual(record);
  });

  test('splits into numbered tags of at most 256 characters and reads them back', () => {
    const record = new Map(
      Array.from({ length: 20 }, (_, i) => [`eni-${i}0000000000000000`, [`sg-${i}0000000000000000`]]),
    );
    const text = encodeGroupRecord(record);
    expect(text.length).toBeGreaterThan(3 * 256);
    expect(text.length).toBeLessThanOrEqual(4 * 256);
    const tags = groupRecordTags(record);
    expect(tags.map((t) => t.Key)).toEqual([
      TAGS.previousGroups,
      `${TAGS.previousGroups}-2`,
      `${TAGS.previousGroups}-3`,
      `${TAGS.previousGroups}-4`,
    ]);
    expect(tags.map((t) => t.Value).join('')).toBe(text);
    expect(tags.every((t) => t.Value.length <= 256)).toBe(true);
    expect(readGroupRecord(Object.fromEntries(tags.map((t) => [t.Key, t.Value])))).toEqual(record);
  });

  test('blank leftover parts do not change what is read', () => {
    expect(readGroupRecord({ [TAGS.previousGroups]: 'eni-1:sg-a', [`${TAGS.previousGroups}-2`]: '' })).toEqual(
      new Map([['eni-1', ['sg-a']]]),
    );
  });
});

test('backoff grows exponentially with jitter in its upper half and is capped', () => {
  expect(backoffDelay(1, 100, () => 0)).toBe(100);
  expect(backoffDelay(1, 100, () => 1)).toBe(200);
  expect(backoffDelay(3, 100, () => 0.5)).toBe(600);
  expect(backoffDelay(12, 100, () => 1)).toBe(RETRY_MAX_DELAY_MS);
});

test('the alert subject is printable ASCII of at most 100 characters', () => {
  const result = simpleResult('ignored', 'x', { dryRun: false, instanceId: `i-${'0'.repeat(17)}é${'x'.repeat(90)}` });
  const { subject } = renderAlert(result);
  expect(subject.length).toBe(100);
  expect(subject).toMatch(/^[\x20-\x7e]+$/);
});
