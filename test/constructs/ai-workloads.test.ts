import type { Stack } from 'aws-cdk-lib';
import { buildBaseline } from '../../lib/app/build-baseline';
import { parseConfig } from '../../lib/config/load';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTROLS_METADATA_TYPE } from '../../lib/controls/declare';
import { testApp } from '../helpers/app';
import { defaultTemplateJson } from '../helpers/assembly';
import { DEFAULT_ASSEMBLY } from '../helpers/paths';
import { byPath, flat, resources, tagsOf } from '../helpers/template-query';

const template = defaultTemplateJson('AiWorkloads');
const statement = (policy: any, sid: string) =>
  policy.Properties.PolicyDocument.Statement.find((s: any) => s.Sid === sid);
const keyStatement = (key: any, sid: string) => key.Properties.KeyPolicy.Statement.find((s: any) => s.Sid === sid);
const ids = (value: unknown) => JSON.stringify(value);

/** The templates of a configuration (gate off: these tests look at what is built, the gate has its own). */
function templatesOf(raw: unknown): Record<string, any> {
  const app = testApp({ 'aws:cdk:enable-path-metadata': true }); // as the CLI does: byPath reads the paths
  const stacks = buildBaseline(app, parseConfig(raw), { gate: false });
  const assembly = app.synth();
  return Object.fromEntries(
    Object.values(stacks).map((stack: Stack) => [stack.node.id, assembly.getStackArtifact(stack.artifactId).template]),
  );
}

describe('ModelInvocationLogging (default baseline)', () => {
  const [bucketId, bucket] = byPath(template, 'InvocationLogging/Bucket/Resource');
  const [keyId, key] = byPath(template, 'InvocationLogging/Key/Key/Resource');
  const [logGroupId, logGroup] = byPath(template, 'InvocationLogging/LogGroup/Resource');
  const [roleId, role] = byPath(template, 'InvocationLogging/DeliveryRole/Resource');
  const [deliveryPolicyId, deliveryPolicy] = byPath(template, 'InvocationLogging/DeliveryPolicy/Resource');
  const [bucketPolicyId, bucketPolicy] = byPath(template, 'InvocationLogging/Bucket/Policy/Resource');
  const [, setting] = resources(template, 'Custom::ModelInvocationLogging')[0];

  test('one custom resource sets logging to the bucket and the log group, every kind of body', () => {
    expect(resources(template, 'Custom::ModelInvocationLogging')).toHaveLength(1);
    expect(setting.Properties).toMatchObject({
      S3Config: { BucketName: { Ref: bucketId }, KeyPrefix: 'model-invocations' },
      CloudWatchConfig: {
        LogGroupName: { Ref: logGroupId },
        RoleArn: { 'Fn::GetAtt': [roleId, 'Arn'] },
        LargeDataDeliveryS3Config: { BucketName: { Ref: bucketId }, KeyPrefix: 'model-invocations/large-data' },
      },
      TextDataDeliveryEnabled: true,
      ImageDataDeliveryEnabled: true,
      EmbeddingDataDeliveryEnabled: true,
      VideoDataDeliveryEnabled: true,
      AudioDataDeliveryEnabled: true,
    });
  });

  test('it waits for the bucket policy, the key and the delivery role’s policy (Bedrock tests them when written)', () => {
    expect(setting.DependsOn).toEqual(expect.arrayContaining([bucketPolicyId, keyId, deliveryPolicyId]));
  });

  test('the bucket is a PHI bucket under the logs’ own key, named for the trail and Macie, expiring after the retention', () => {
    expect(bucket.Properties.BucketName).toEqual({
      'Fn::Join': ['', ['hipaa-bedrock-logs-', { Ref: 'AWS::AccountId' }, '-', { Ref: 'AWS::Region' }]],
    });
    const sse = bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0];
    expect(sse.ServerSideEncryptionByDefault.KMSMasterKeyID).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    expect(tagsOf(bucket)).toMatchObject({ DataClassification: 'PHI' });
    expect(tagsOf(bucket).backup).toBeUndefined();
    expect(bucket.Properties.LifecycleConfiguration.Rules).toContainEqual(
      expect.objectContaining({ Id: 'retention', ExpirationInDays: 2192, Status: 'Enabled' }),
    );
    expect(bucket.Properties.ObjectLockEnabled).toBe(false);
    expect(bucket.Properties.ObjectLockConfiguration).toBeUndefined();
    expect(bucket.Properties.LoggingConfiguration.DestinationBucketName).toEqual({
      Ref: byPath(template, 'AccessLogs/Resource')[0],
    });
    expect(tagsOf(key)).toMatchObject({ DataClassification: 'PHI' });
  });

  test('only Bedrock of this account and region may write, under the prefix; the analytics role is denied', () => {
    const allow = statement(bucketPolicy, 'AllowBedrockLogDelivery');
    expect(allow).toMatchObject({
      Effect: 'Allow',
      Principal: { Service: 'bedrock.amazonaws.com' },
      Action: 's3:PutObject',
    });
    expect(flat(allow.Resource)).toBe(`<${bucketId}.Arn>/model-invocations/*`);
    expect(allow.Condition.StringEquals['aws:SourceAccount']).toEqual({ Ref: 'AWS::AccountId' });
    expect(flat(allow.Condition.ArnLike['aws:SourceArn'])).toBe(
      'arn:<AWS::Partition>:bedrock:<AWS::Region>:<AWS::AccountId>:*',
    );
    const deny = statement(bucketPolicy, 'DenyAnalyticsRole');
    expect(deny.Effect).toBe('Deny');
    expect(flat(deny.Condition.ArnEquals['aws:PrincipalArn'])).toMatch(/:role\/hipaa-analytics$/);
  });

  test('the key admits Bedrock (data keys only), CloudWatch Logs and Macie, each from this account and region', () => {
    expect(keyStatement(key, 'AllowBedrockLogDelivery')).toMatchObject({
      Principal: { Service: 'bedrock.amazonaws.com' },
      Action: 'kms:GenerateDataKey',
      Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
    });
    expect(keyStatement(key, 'AllowCloudWatchLogsLogGroups')).toBeDefined();
    expect(ids(keyStatement(key, 'AllowMacieClassification').Condition.StringLike)).toContain('hipaa-bedrock-logs-');
  });

  test('Bedrock writes the log group with a role of its own, limited to its one stream', () => {
    expect(logGroup.Properties.KmsKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    expect(logGroup.Properties.RetentionInDays).toBe(365);
    const trust = role.Properties.AssumeRolePolicyDocument.Statement[0];
    expect(trust.Principal).toEqual({ Service: 'bedrock.amazonaws.com' });
    expect(Object.keys(trust.Condition).sort()).toEqual(['ArnLike', 'StringEquals']);
    const [write] = deliveryPolicy.Properties.PolicyDocument.Statement;
    expect(write.Action).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
    expect(flat(write.Resource)).toMatch(
      new RegExp(`log-group:<${logGroupId}>:log-stream:aws/bedrock/modelinvocations$`),
    );
  });

  test('what keeps logging working is retained, so logging left on after a delete still delivers', () => {
    const kept: [string, { DeletionPolicy?: string }][] = [
      [logGroupId, logGroup],
      [roleId, role],
      [deliveryPolicyId, deliveryPolicy],
      [bucketPolicyId, bucketPolicy],
      [keyId, key],
    ];
    for (const [id, r] of kept) {
      expect([id, r.DeletionPolicy]).toEqual([id, 'Retain']);
    }
    expect(bucket.DeletionPolicy).toBe('RetainExceptOnCreate');
  });

  test('the function may only read and write the logging configuration and pass the delivery role to Bedrock', () => {
    const [, permissions] = byPath(template, 'InvocationLogging/Permissions/Resource');
    expect(statement(permissions, 'InvocationLogging').Action).toEqual([
      'bedrock:GetModelInvocationLoggingConfiguration',
      'bedrock:PutModelInvocationLoggingConfiguration',
    ]);
    expect(statement(permissions, 'PassDeliveryRole')).toMatchObject({
      Action: 'iam:PassRole',
      Resource: { 'Fn::GetAtt': [roleId, 'Arn'] },
      Condition: { StringEquals: { 'iam:PassedToService': 'bedrock.amazonaws.com' } },
    });
  });

  test('the trail records the bucket’s data events, and its Config rule checks it', () => {
    expect(ids(defaultTemplateJson('LogArchive'))).toContain('hipaa-bedrock-logs-');
    expect(ids(defaultTemplateJson('SecurityTooling'))).toMatch(
      /"S3BucketNames":\{"Fn::Join":\["",\[[^\]]*hipaa-bedrock-logs-/,
    );
  });
});

describe('PhiGuardrail and its enforcement (default baseline)', () => {
  const [guardrailId, guardrail] = resources(template, 'AWS::Bedrock::Guardrail')[0];
  const [versionId, version] = resources(template, 'AWS::Bedrock::GuardrailVersion')[0];
  const [, analytics] = byPath(template, 'GuardrailEnforcement/AnalyticsModels/Resource');
  const [, raw] = byPath(template, 'GuardrailEnforcement/RawPhiNoModels/Resource');
  const versioned = {
    'Fn::Join': [':', [{ 'Fn::GetAtt': [versionId, 'GuardrailArn'] }, { 'Fn::GetAtt': [versionId, 'Version'] }]],
  };

  test('masks the Safe Harbor identifiers, blocks credentials, filters content and prompt attacks, under a customer key', () => {
    const p = guardrail.Properties;
    expect(p.Name).toBe('hipaa-phi-guardrail');
    expect(flat(p.KmsKeyArn)).toMatch(/DeidentifiedKey/);
    const entities = Object.fromEntries(
      p.SensitiveInformationPolicyConfig.PiiEntitiesConfig.map((e: any) => [e.Type, e.InputAction]),
    );
    expect(entities).toMatchObject({
      NAME: 'ANONYMIZE',
      ADDRESS: 'ANONYMIZE',
      US_SOCIAL_SECURITY_NUMBER: 'ANONYMIZE',
      PASSWORD: 'BLOCK',
      AWS_SECRET_KEY: 'BLOCK',
    });
    expect(p.SensitiveInformationPolicyConfig.RegexesConfig.map((r: any) => r.Name)).toEqual(
      expect.arrayContaining([
        'medical-record-number',
        'health-plan-number',
        'account-number',
        'certificate-license-number',
        'device-serial-number',
      ]),
    );
    expect(p.ContentPolicyConfig.FiltersConfig).toContainEqual({
      Type: 'PROMPT_ATTACK',
      InputStrength: 'HIGH',
      OutputStrength: 'NONE',
    });
    expect(p.ContentPolicyConfig.FiltersConfig).toContainEqual({
      Type: 'VIOLENCE',
      InputStrength: 'MEDIUM',
      OutputStrength: 'MEDIUM',
    });
    expect(version.Properties.GuardrailIdentifier).toEqual({ 'Fn::GetAtt': [guardrailId, 'GuardrailId'] });
    expect(version.Properties.Description).toMatch(/^hipaa-baseline guardrail configuration [0-9a-f]{16}$/);
  });

  test('the analytics role may invoke this region’s models only naming the published version; everything else is denied', () => {
    expect(analytics.Properties.Roles).toEqual(['hipaa-analytics']);
    expect(statement(analytics, 'InvokeWithGuardrail')).toMatchObject({
      Effect: 'Allow',
      Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
      Condition: { StringEquals: { 'bedrock:GuardrailIdentifier': versioned } },
    });
    expect(statement(analytics, 'DenyInvokeWithoutGuardrail')).toMatchObject({
      Effect: 'Deny',
      Action: 'bedrock:InvokeModel*',
      Resource: '*',
      Condition: { StringNotEquals: { 'bedrock:GuardrailIdentifier': versioned } },
    });
    expect(statement(analytics, 'DenyUnguardedModelUse').Action).toContain('bedrock:CreateModelInvocationJob');
    expect(statement(analytics, 'ApplyGuardrail').Resource).toEqual({ 'Fn::GetAtt': [guardrailId, 'GuardrailArn'] });
  });

  test('the raw-PHI roles (ingest, de-identification) are denied every model invocation', () => {
    expect(ids(raw.Properties.Roles)).toMatch(/ZonesIngestRole.*ZonesDeidentificationRole/);
    expect(statement(raw, 'DenyModelUseOnRawPhi')).toMatchObject({
      Effect: 'Deny',
      Resource: '*',
      Action: expect.arrayContaining([
        'bedrock:InvokeModel*',
        'bedrock:InvokeAgent',
        'bedrock:CreateModelInvocationJob',
      ]),
    });
  });
});

describe('SageMaker (default baseline)', () => {
  const [, domain] = resources(template, 'AWS::SageMaker::Domain')[0];
  const [, jobs] = byPath(template, 'SageMakerJobConditions/Policy/Resource');
  const appSubnets = /NetworkProdVpcappSubnet/;

  test('the domain is VPC only in prod’s app tier, under the de-identified key, running as the analytics role', () => {
    expect(domain.Properties).toMatchObject({
      AppNetworkAccessType: 'VpcOnly',
      AuthMode: 'IAM',
      DomainName: 'hipaa-analytics',
    });
    expect(ids(domain.Properties.SubnetIds)).toMatch(appSubnets);
    expect(domain.Properties.SubnetIds).toHaveLength(3);
    expect(ids(domain.Properties.KmsKeyId)).toMatch(/DeidentifiedKey/);
    expect(flat(domain.Properties.DefaultUserSettings.ExecutionRole)).toMatch(/:role\/hipaa-analytics$/);
    expect(ids(domain.Properties.DefaultUserSettings.SecurityGroups)).toMatch(/NetworkProdSecurityGroupsApp/);
    expect(domain.Properties.DefaultUserSettings.SharingSettings).toEqual({ NotebookOutputOption: 'Disabled' });
    expect(domain.Properties.DomainSettings).toEqual({ DockerSettings: { EnableDockerAccess: 'DISABLED' } });
  });

  test('the analytics role may start only isolated, encrypted jobs in the app tier (explicit denies per condition key)', () => {
    const deny = (sid: string) => statement(jobs, sid);
    expect(deny('DenyWithoutNetworkIsolation').Condition).toEqual({
      BoolIfExists: { 'sagemaker:NetworkIsolation': 'false' },
    });
    expect(deny('DenyWithoutInterContainerEncryption').Condition).toEqual({
      BoolIfExists: { 'sagemaker:InterContainerTrafficEncryption': 'false' },
    });
    expect(deny('DenyOutsideVpc').Condition).toEqual({ Null: { 'sagemaker:VpcSubnets': 'true' } });
    expect(ids(deny('DenyOtherSubnets').Condition['ForAnyValue:StringNotEquals']['sagemaker:VpcSubnets'])).toMatch(
      appSubnets,
    );
    expect(ids(deny('DenyOtherSecurityGroups').Condition)).toMatch(/NetworkProdSecurityGroupsApp/);
    expect(ids(deny('DenyVolumesWithoutDeidentifiedKey').Condition.ArnNotEquals['sagemaker:VolumeKmsKey'])).toMatch(
      /DeidentifiedKey/,
    );
    expect(ids(deny('DenyOutputsWithoutDeidentifiedKey').Condition.ArnNotEquals['sagemaker:OutputKmsKey'])).toMatch(
      /DeidentifiedKey/,
    );
    expect(deny('DenyNotebookRootAccess').Condition).toEqual({
      StringNotEquals: { 'sagemaker:RootAccess': 'Disabled' },
    });
    expect(deny('DenyNotebookDirectInternetAccess').Condition).toEqual({
      StringNotEquals: { 'sagemaker:DirectInternetAccess': 'Disabled' },
    });
    for (const s of jobs.Properties.PolicyDocument.Statement.filter((x: any) => x.Effect === 'Deny')) {
      expect([s.Sid, s.Resource]).toEqual([s.Sid, '*']);
    }
    expect(statement(jobs, 'PassOwnRoleToSageMaker').Condition).toEqual({
      StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' },
    });
  });
});

test('every AI construct declares the citations it implements (construct metadata in the assembly)', () => {
  const metadata = JSON.parse(readFileSync(join(DEFAULT_ASSEMBLY, 'AiWorkloads.metadata.json'), 'utf8'));
  const declared = Object.fromEntries(
    Object.entries<any[]>(metadata).flatMap(([path, entries]) =>
      entries.filter((e) => e.type === CONTROLS_METADATA_TYPE).map((e) => [path, e.data.citations]),
    ),
  );
  expect(declared).toMatchObject({
    '/AiWorkloads/InvocationLogging': expect.arrayContaining(['164.312(b)', '164.312(a)(2)(iv)']),
    '/AiWorkloads/Guardrail': expect.arrayContaining(['164.312(a)(1)']),
    '/AiWorkloads/GuardrailEnforcement': expect.arrayContaining(['164.308(a)(4)(ii)(B)']),
    '/AiWorkloads/SageMakerJobConditions': expect.arrayContaining(['164.312(e)(1)']),
    '/AiWorkloads/StudioDomain': expect.arrayContaining(['164.312(a)(1)']),
  });
});

describe('the switches', () => {
  test('all off: no bucket, guardrail or domain; the analytics role is denied every model, the raw-PHI roles too', () => {
    const { AiWorkloads: t, LogArchive: logArchive } = templatesOf({
      ai: {
        bedrock: { invocationLogging: { enabled: false }, guardrail: { enabled: false } },
        sagemaker: { domain: { enabled: false } },
      },
    });
    const types = resources(t).map(([, r]) => r.Type);
    for (const type of [
      'AWS::S3::Bucket',
      'Custom::ModelInvocationLogging',
      'AWS::Bedrock::Guardrail',
      'AWS::SageMaker::Domain',
    ]) {
      expect(types).not.toContain(type);
    }
    const [, analytics] = byPath(t, 'GuardrailEnforcement/AnalyticsModels/Resource');
    expect(analytics.Properties.PolicyDocument.Statement.every((s: any) => s.Effect === 'Deny')).toBe(true);
    expect(statement(analytics, 'DenyInvokeWithoutGuardrail').Condition).toBeUndefined();
    expect(ids(logArchive)).not.toContain('bedrock-logs');
  });

  test('options: Object Lock on the logs, BLOCK for identifiers, HIGH content filters', () => {
    const { AiWorkloads: t } = templatesOf({
      ai: {
        bedrock: {
          invocationLogging: { objectLockMode: 'COMPLIANCE', retentionDays: 3653 },
          guardrail: { piiAction: 'BLOCK', contentFilterStrength: 'HIGH' },
        },
      },
    });
    const [, bucket] = byPath(t, 'InvocationLogging/Bucket/Resource');
    expect(bucket.Properties.ObjectLockConfiguration).toEqual({
      ObjectLockEnabled: 'Enabled',
      Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 3653 } },
    });
    const [, guardrail] = resources(t, 'AWS::Bedrock::Guardrail')[0];
    const p = guardrail.Properties;
    expect(new Set(p.SensitiveInformationPolicyConfig.PiiEntitiesConfig.map((e: any) => e.Action))).toEqual(
      new Set(['BLOCK']),
    );
    expect(p.ContentPolicyConfig.FiltersConfig).toContainEqual({
      Type: 'HATE',
      InputStrength: 'HIGH',
      OutputStrength: 'HIGH',
    });
  });
});
