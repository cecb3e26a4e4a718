import { defaultTemplateJson } from '../helpers/assembly';
import { flat, resources } from '../helpers/template-query';

describe('SecurityAlerts and AuditAlarms (default baseline)', () => {
  const template = defaultTemplateJson('SecurityTooling');
  const [[topicId, topic]] = resources(template, 'AWS::SNS::Topic');
  const rules = Object.fromEntries(
    resources(template, 'AWS::Events::Rule')
      .filter(([id]) => id.startsWith('Alerts'))
      .map(([id, r]) => [id.replace(/^Alerts/, '').replace(/[0-9A-F]{8}$/, ''), r]),
  );

  test('the alert topic is encrypted with the alerts key', () => {
    expect(flat(topic.Properties.KmsMasterKeyId)).toMatch(/AlertsKey/);
  });

  test('only this account’s EventBridge and CloudWatch may publish, and only over TLS', () => {
    const [[, policy]] = resources(template, 'AWS::SNS::TopicPolicy');
    const statements = policy.Properties.PolicyDocument.Statement;
    const publishers = statements.filter((s: any) => s.Effect === 'Allow');
    expect(publishers.map((s: any) => s.Principal.Service).sort()).toEqual([
      'cloudwatch.amazonaws.com',
      'events.amazonaws.com',
    ]);
    for (const s of publishers)
      expect(s.Condition).toEqual({ StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } });
    expect(
      statements.some((s: any) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false'),
    ).toBe(true);
  });

  test('an EventBridge rule per alert, each targeting the topic', () => {
    expect(Object.keys(rules).sort()).toEqual(
      [
        'BreakGlassRoleUse',
        'CloudTrailChanges',
        'ConfigChanges',
        'ConfigComplianceChanges',
        'ConsoleSignInFailures',
        'DeidentificationQuarantine',
        'DeidentifiedZoneSensitiveData',
        'GuardDutyFindings',
        'IamPolicyChanges',
        'KeyDisableOrDeletion',
        'NetworkAccessChanges',
        'RootAccountUse',
        'SecurityHubCriticalHigh',
      ].sort(),
    );
    for (const rule of Object.values(rules) as any[])
      expect(rule.Properties.Targets).toEqual([{ Arn: { Ref: topicId }, Id: 'Target0' }]);
  });

  test('GuardDuty findings alert at the configured severity; Security Hub at CRITICAL/HIGH', () => {
    expect(rules.GuardDutyFindings.Properties.EventPattern.detail).toEqual({ severity: [{ numeric: ['>=', 7] }] });
    expect(rules.SecurityHubCriticalHigh.Properties.EventPattern.detail.findings.Severity.Label).toEqual([
      'CRITICAL',
      'HIGH',
    ]);
  });

  test('every metric-filter alarm, anomaly alarm and dead-letter alarm notifies the topic', () => {
    const alarms = resources(template, 'AWS::CloudWatch::Alarm');
    expect(alarms.length).toBe(14);
    for (const [, alarm] of alarms) expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topicId }]);
    const filters = resources(template, 'AWS::Logs::MetricFilter').map(
      ([, f]) => f.Properties.MetricTransformations[0].MetricName,
    );
    expect(filters).toEqual(
      expect.arrayContaining([
        'RootAccountUse',
        'ConsoleSignInFailures',
        'BreakGlassRoleUse',
        'PhiObjectReads',
        'DataKeyDecrypts',
      ]),
    );
  });

  test('PHI reads and data-key decryption have anomaly-detection alarms', () => {
    const anomaly = resources(template, 'AWS::CloudWatch::Alarm').filter(([, a]) => a.Properties.ThresholdMetricId);
    expect(anomaly).toHaveLength(2);
    for (const [, alarm] of anomaly) {
      expect(alarm.Properties.ComparisonOperator).toBe('GreaterThanUpperThreshold');
      expect(JSON.stringify(alarm.Properties.Metrics)).toContain('ANOMALY_DETECTION_BAND');
    }
    const decrypts = resources(template, 'AWS::Logs::MetricFilter').find(
      ([, f]) => f.Properties.MetricTransformations[0].MetricName === 'DataKeyDecrypts',
    )!;
    expect(flat(decrypts[1].Properties.FilterPattern)).toMatch(/\$\.eventName = "Decrypt".*DataKey/);
  });
});
