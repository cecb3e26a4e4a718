import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { parseConfig } from '../../lib/config/load';
import { BaselineKey } from '../../lib/constructs/baseline-key';
import { DeidentificationPipeline } from '../../lib/constructs/deidentification-pipeline';
import { QUARANTINE_DETAIL_TYPE, EVENT_SOURCE } from '../../lib/functions/deidentify/layout';
import { SETTING_VARIABLES } from '../../lib/functions/deidentify/settings';
import { defaultTemplateJson } from '../helpers/assembly';
import { byPath, flat, resources, tagsOf } from '../helpers/template-query';
import { tempDir } from '../helpers/temp';
import { DEFAULT_ASSEMBLY } from '../helpers/paths';
import { loadAssembly } from '../../lib/cli/control-map/load';

describe('DeidentificationPipeline (default baseline)', () => {
  const template = defaultTemplateJson('WorkloadData');
  const [fnId, fn] = byPath(template, 'Deidentification/Function/Resource');
  const [queueId, queue] = byPath(template, 'Deidentification/Queue/Resource');
  const [dlqId, dlq] = byPath(template, 'Deidentification/DeadLetterQueue/Resource');
  const [keyId] = byPath(template, 'DeidentificationPipelineKey/Key/Resource');
  const [rawId] = byPath(template, 'Zones/RawPhi/Resource');
  const [deidId] = byPath(template, 'Zones/Deidentified/Resource');
  const statements = byPath(template, 'Deidentification/Permissions/Resource')[1].Properties.PolicyDocument.Statement;
  const statement = (sid: string) => statements.find((s: any) => s.Sid === sid);

  test('the queue and its dead-letter queue are encrypted with the pipeline’s customer-managed key, TLS only', () => {
    for (const q of [queue, dlq]) {
      expect(q.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
      expect(q.Properties.MessageRetentionPeriod).toBe(14 * 24 * 3600);
    }
    expect(queue.Properties.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] },
      maxReceiveCount: 3,
    });
    expect(queue.Properties.VisibilityTimeout).toBe(6 * 15 * 60);
    const policies = resources(template, 'AWS::SQS::QueuePolicy').filter(([, p]) =>
      [queueId, dlqId].some((id) => flat(p.Properties.Queues).includes(id)),
    );
    expect(policies).toHaveLength(2);
    for (const [, p] of policies) {
      expect(p.Properties.PolicyDocument.Statement).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      );
    }
    const [, key] = byPath(template, 'DeidentificationPipelineKey/Key/Resource');
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(tagsOf(key)).toMatchObject({ DataClassification: 'PHI' });
  });

  test('new raw-zone objects (quarantine excluded) reach the queue through EventBridge, with a dead-letter queue', () => {
    const [ruleId, rule] = byPath(template, 'Deidentification/ObjectCreated/Resource');
    expect(rule.Properties.EventPattern).toEqual({
      source: ['aws.s3'],
      'detail-type': ['Object Created'],
      detail: { bucket: { name: [{ Ref: rawId }] }, object: { key: [{ 'anything-but': { prefix: 'quarantine/' } }] } },
    });
    expect(rule.Properties.Targets).toEqual([
      expect.objectContaining({
        Arn: { 'Fn::GetAtt': [queueId, 'Arn'] },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [dlqId, 'Arn'] } },
      }),
    ]);
    const [, policy] = resources(template, 'AWS::SQS::QueuePolicy').find(([, p]) =>
      flat(p.Properties.Queues).includes(queueId),
    )!;
    expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
      expect.objectContaining({
        Sid: 'AllowObjectCreatedRule',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [ruleId, 'Arn'] } } },
      }),
    );
  });

  test('the function runs in the prod app tier with a DLQ and encrypted environment, reserves no concurrency, and is fed one object at a time', () => {
    expect(fn.Properties).toMatchObject({
      Runtime: 'nodejs24.x',
      Handler: 'index.handler',
      Timeout: 900,
      MemorySize: 1024,
      DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] } },
      KmsKeyArn: { 'Fn::GetAtt': [keyId, 'Arn'] },
    });
    expect(fn.Properties.ReservedConcurrentExecutions).toBeUndefined();
    expect(JSON.stringify(fn.Properties.VpcConfig.SubnetIds)).toMatch(/ProdVpcappSubnet/);
    const variables = fn.Properties.Environment.Variables;
    expect(variables[SETTING_VARIABLES.sourceBucket]).toEqual({ Ref: rawId });
    expect(variables[SETTING_VARIABLES.outputBucket]).toEqual({ Ref: deidId });
    expect(variables[SETTING_VARIABLES.maxReceiveCount]).toBe('3');
    expect(variables[SETTING_VARIABLES.maxObjectBytes]).toBe(String(1024 * 1024 * 1024));
    expect(variables[SETTING_VARIABLES.modelCharactersPerSecond]).toBe(String(40_000 / 5));
    const [, mapping] = byPath(template, 'Deidentification/QueueSource/Resource');
    expect(mapping.Properties).toMatchObject({
      FunctionName: { Ref: fnId },
      EventSourceArn: { 'Fn::GetAtt': [queueId, 'Arn'] },
      BatchSize: 1,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 5 },
    });
    expect([mapping.DependsOn].flat()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^DeidentificationPermissions/)]),
    );
  });

  test('the role reads the raw zone, writes only outputs, manifests and quarantine copies, and uses each key through S3 only', () => {
    const [, role] = byPath(template, 'Deidentification/Role/Resource');
    expect(role.Properties.Policies).toBeUndefined();
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    expect(statement('ReadRawZone')).toMatchObject({ Action: ['s3:GetObject', 's3:GetObjectVersion'] });
    expect(flat(statement('ReadRawZone').Resource)).toBe(`<${rawId}.Arn>/*`);
    expect(flat(statement('QuarantineInRawZone').Resource)).toBe(`<${rawId}.Arn>/quarantine/*`);
    expect(statement('WriteDeidentifiedZone').Resource.map(flat).sort()).toEqual([
      `<${deidId}.Arn>/manifests/*`,
      `<${deidId}.Arn>/records/*`,
    ]);
    expect(flat(statement('ReadManifests').Resource)).toBe(`<${deidId}.Arn>/manifests/*`);
    const writes = statements.filter((s: any) => [s.Action].flat().some((a: string) => /^s3:Put/.test(a)));
    expect(writes.flatMap((s: any) => [s.Resource].flat().map(flat)).sort()).toEqual(
      [`<${rawId}.Arn>/quarantine/*`, `<${deidId}.Arn>/manifests/*`, `<${deidId}.Arn>/records/*`].sort(),
    );
    for (const [sid, keyRef] of [
      ['RawKeyThroughS3', 'DataKey'],
      ['DeidentifiedKeyThroughS3', 'DeidentifiedKey'],
    ]) {
      expect(flat(statement(sid).Resource)).toMatch(new RegExp(`^<${keyRef}[0-9A-F]{8}\\.Arn>$`));
      expect(statement(sid).Condition).toEqual({
        StringEquals: { 'kms:ViaService': { 'Fn::Join': ['', ['s3.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } },
      });
    }
    expect(statement('DetectPhi')).toMatchObject({ Action: 'comprehendmedical:DetectPHI', Resource: '*' });
    expect(statement('QuarantineAlerts')).toMatchObject({
      Action: 'events:PutEvents',
      Condition: { StringEquals: { 'events:source': EVENT_SOURCE } },
    });
    expect(flat(statement('QuarantineAlerts').Resource)).toMatch(/:event-bus\/default$/);
    expect(statement('ConsumeQueue').Action).toEqual([
      'sqs:DeleteMessage',
      'sqs:GetQueueAttributes',
      'sqs:ReceiveMessage',
    ]);
    expect(flat(statement('ConsumeQueue').Resource)).toBe(`<${queueId}.Arn>`);
  });

  test('quarantine events and dead letters alert the security team (security tooling stack)', () => {
    const tooling = defaultTemplateJson('SecurityTooling');
    const [, rule] = byPath(tooling, 'Alerts/DeidentificationQuarantine/Resource');
    expect(rule.Properties.EventPattern).toEqual({ source: [EVENT_SOURCE], 'detail-type': [QUARANTINE_DETAIL_TYPE] });
    expect(flat(rule.Properties.Targets[0].Arn)).toMatch(/AlertsTopic/);
    const [, alarm] = byPath(tooling, 'AuditAlarms/DeidentificationDeadLettersAlarm/Resource');
    expect(alarm.Properties).toMatchObject({
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    expect(flat(alarm.Properties.AlarmActions)).toMatch(/AlertsTopic/);
    expect(JSON.stringify(alarm.Properties.Dimensions)).toMatch(/Deidentification.*DeadLetterQueue/);
  });

  test('its controls are declared with Security Rule citations, covering its resources', () => {
    const stack = loadAssembly(DEFAULT_ASSEMBLY).stacks.find((s) => s.id === 'WorkloadData')!;
    const declaration = stack.declarations.find((d) => d.construct === 'DeidentificationPipeline')!;
    expect(declaration.citations).toEqual(
      expect.arrayContaining(['164.312(a)(1)', '164.308(a)(4)(ii)(B)', '164.312(c)(1)', '164.308(a)(6)(ii)']),
    );
    expect(declaration.statement).toMatch(/Safe Harbor/);
    expect(declaration.resources.map((r) => r.logicalId)).toEqual(expect.arrayContaining([fnId, queueId, dlqId]));
  });
});

describe('DeidentificationPipeline (configuration)', () => {
  test('switched off, nothing of it is built; in a region without Comprehend Medical it is off with a warning', async () => {
    const { buildBaseline } = await import('../../lib/app/build-baseline');
    const { cdkJsonContext } = await import('../helpers/app');
    const build = (raw: unknown) => {
      const app = new App({ outdir: tempDir('cdk.out-'), context: { ...cdkJsonContext() } });
      return buildBaseline(app, parseConfig(raw), { gate: false });
    };
    expect(
      build({ dataProtection: { deidentification: { enabled: false } } }).workloadData.deidentification,
    ).toBeUndefined();
    const tokyo = build({ region: 'ap-northeast-1' }).workloadData;
    expect(tokyo.deidentification).toBeUndefined();
    const warnings = tokyo.zones.node.metadata.filter((m) => m.type === 'aws:cdk:warning').map((m) => String(m.data));
    expect(warnings.some((w) => w.includes('HIPAABaseline-DeidentificationUnavailable'))).toBe(true);
  });

  test('a region without Comprehend Medical uses the DR region when that has it; explicit regions are checked', () => {
    const { comprehendMedicalRegion } = jest.requireActual('../../lib/config/deidentification-schema');
    expect(comprehendMedicalRegion(parseConfig({ region: 'eu-central-1' }))).toBe('eu-west-1');
    expect(comprehendMedicalRegion(parseConfig({ region: 'us-east-1' }))).toBe('us-east-1');
    expect(() =>
      parseConfig({ dataProtection: { deidentification: { comprehendMedicalRegion: 'eu-central-1' } } }),
    ).toThrow(
      'hipaaBaseline.dataProtection.deidentification.comprehendMedicalRegion: Amazon Comprehend Medical is not available in eu-central-1',
    );
    expect(() =>
      parseConfig({ region: 'ap-northeast-1', dataProtection: { deidentification: { enabled: true } } }),
    ).toThrow(
      /comprehendMedicalRegion: Amazon Comprehend Medical is available neither in ap-northeast-1 nor in ap-northeast-3/,
    );
  });

  test('data residency: the Comprehend Medical region must be an allowed one (the text sent there is PHI)', () => {
    const { comprehendMedicalRegion } = jest.requireActual('../../lib/config/deidentification-schema');
    const residency = { allowedRegions: ['eu-central-1', 'eu-west-1'] };
    // Left to its defaults, the DR region (inside the list) is used.
    expect(comprehendMedicalRegion(parseConfig({ region: 'eu-central-1', dataResidency: residency }))).toBe(
      'eu-west-1',
    );
    expect(() =>
      parseConfig({
        region: 'eu-central-1',
        dataResidency: residency,
        dataProtection: { deidentification: { comprehendMedicalRegion: 'us-east-1' } },
      }),
    ).toThrow(
      'hipaaBaseline.dataProtection.deidentification.comprehendMedicalRegion: us-east-1 is not in dataResidency.allowedRegions (eu-central-1, eu-west-1)',
    );
  });

  test('left to its defaults, a pipeline that cannot reach Comprehend Medical is off; asked for, it is an error', () => {
    const { deidentificationEnabled, deidentificationBlocker } = jest.requireActual(
      '../../lib/config/deidentification-schema',
    );
    // us-west-1 has no Comprehend Medical; its DR region us-west-2 has, but prod has no NAT to reach it.
    const raw = {
      region: 'us-west-1',
      availabilityZones: ['us-west-1b', 'us-west-1c'],
      environments: [{ name: 'prod', cidr: '10.10.0.0/16' }],
    };
    const config = parseConfig(raw);
    expect(deidentificationEnabled(config)).toBe(false);
    expect(deidentificationBlocker(config).message).toMatch(/environment "prod" has no NAT egress/);
    expect(() => parseConfig({ ...raw, dataProtection: { deidentification: { enabled: true } } })).toThrow(
      /hipaaBaseline\.dataProtection\.deidentification\.environment: environment "prod" has no NAT egress/,
    );
    const withNat = parseConfig({ ...raw, environments: [{ ...raw.environments[0], egress: 'nat' }] });
    expect(deidentificationEnabled(withNat)).toBe(true);
  });

  test('an environment without NAT egress gets the S3, Comprehend Medical and EventBridge endpoints', () => {
    const environments = [
      { name: 'prod', cidr: '10.10.0.0/16' },
      { name: 'tools', cidr: '10.40.0.0/16', production: false, egress: 'nat' as const },
    ];
    const config = parseConfig({ environments });
    expect(config.environments.find((e) => e.name === 'prod')!.endpoints).toEqual(
      expect.arrayContaining(['s3', 'comprehendmedical', 'events']),
    );
    expect(config.environments.find((e) => e.name === 'tools')!.endpoints).not.toContain('comprehendmedical');
    expect(() => parseConfig({ environments, dataProtection: { deidentification: { environment: 'lab' } } })).toThrow(
      'hipaaBaseline.dataProtection.deidentification.environment: unknown environment "lab" (environments: prod, tools)',
    );
    expect(() =>
      parseConfig({ environments, dataProtection: { deidentification: { comprehendMedicalRegion: 'us-west-2' } } }),
    ).toThrow(/environment "prod" has no NAT egress.*Comprehend Medical in us-west-2 needs egress "nat"/);
  });

  test('the construct alone: a bucket pair, keys and a VPC give a complete pipeline', () => {
    const stack = new Stack(new App({ outdir: tempDir('cdk.out-') }), 'Alone', {
      env: { account: '111122223333', region: 'us-east-1' },
    });
    const key = (id: string) => new kms.Key(stack, id);
    const vpc = new ec2.Vpc(stack, 'Vpc', {
      subnetConfiguration: [{ name: 'app', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    });
    const pipeline = new DeidentificationPipeline(stack, 'Pipeline', {
      rawBucket: new s3.Bucket(stack, 'Raw'),
      rawKey: key('RawKey'),
      deidentifiedBucket: new s3.Bucket(stack, 'Out'),
      deidentifiedKey: key('OutKey'),
      encryptionKey: new BaselineKey(stack, 'PipelineKey', {
        purpose: 'deidentification-pipeline',
        namePrefix: 'test',
      }),
      vpc,
      subnets: { subnetGroupName: 'app' },
      comprehendMedicalRegion: 'us-east-2',
      maxObjectBytes: 10,
      maxConcurrency: 2,
      comprehendMedicalCharactersPerSecond: 5001,
      maxReceiveCount: 1,
      logRetentionDays: 365,
    });
    const variables = stack.resolve((pipeline.function.node.defaultChild as any).environment).variables;
    expect(variables.COMPREHEND_MEDICAL_REGION).toBe('us-east-2');
    expect(variables.MAX_OBJECT_BYTES).toBe('10');
    // Each of the 2 concurrent invocations takes half of the quota.
    expect(variables.MODEL_CHARACTERS_PER_SECOND).toBe('2500');
  });
});
