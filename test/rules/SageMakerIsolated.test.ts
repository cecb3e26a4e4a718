import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { AnalyticsStudioDomain } from '../../lib/constructs/analytics-studio-domain';
import { SageMakerIsolated } from '../../rules/SageMakerIsolated';
import { evaluate, ruleStack } from '../helpers/rules';

const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const ROLE = 'arn:aws:iam::111122223333:role/clinic-analytics';
const VPC = { securityGroupIds: ['sg-0123456789abcdef0'], subnets: ['subnet-0123456789abcdef0'] };
const check = (resource: Parameters<typeof evaluate>[1]) => evaluate(SageMakerIsolated, resource);
const findings = (resource: sagemaker.CfnDomain | sagemaker.CfnNotebookInstance | sagemaker.CfnProcessingJob) => {
  const stack = resource.stack;
  const rendered = stack.resolve((resource as any)._toCloudFormation()).Resources[stack.resolve(resource.logicalId)];
  return SageMakerIsolated.findings!(rendered, { settings: {} as any, resources: new Map(), templateMetadata: {} });
};

const domain = (props: Partial<sagemaker.CfnDomainProps> = {}) =>
  new sagemaker.CfnDomain(ruleStack(), 'D', {
    domainName: 'analytics',
    authMode: 'IAM',
    defaultUserSettings: { executionRole: ROLE },
    appNetworkAccessType: 'VpcOnly',
    vpcId: 'vpc-0123456789abcdef0',
    subnetIds: VPC.subnets,
    kmsKeyId: KEY,
    ...props,
  });
const notebook = (props: Partial<sagemaker.CfnNotebookInstanceProps> = {}) =>
  new sagemaker.CfnNotebookInstance(ruleStack(), 'N', {
    instanceType: 'ml.t3.medium',
    roleArn: ROLE,
    directInternetAccess: 'Disabled',
    rootAccess: 'Disabled',
    subnetId: VPC.subnets[0],
    securityGroupIds: VPC.securityGroupIds,
    kmsKeyId: KEY,
    ...props,
  });
const processingJob = (network: sagemaker.CfnProcessingJob.NetworkConfigProperty) =>
  new sagemaker.CfnProcessingJob(ruleStack(), 'J', {
    roleArn: ROLE,
    appSpecification: { imageUri: '111122223333.dkr.ecr.us-east-1.amazonaws.com/job:1' },
    processingResources: {
      clusterConfig: { instanceCount: 1, instanceType: 'ml.m5.large', volumeSizeInGb: 10, volumeKmsKeyId: KEY },
    },
    processingOutputConfig: { kmsKeyId: KEY, outputs: [] },
    networkConfig: network,
  });

describe('HIPAABaseline-SageMakerIsolated', () => {
  test('non-compliant: a domain with public internet access, without subnets or key, Docker access on (L1)', () => {
    const open = domain({ appNetworkAccessType: 'PublicInternetOnly', subnetIds: undefined, kmsKeyId: undefined });
    open.domainSettings = { dockerSettings: { enableDockerAccess: 'ENABLED' } };
    expect(check(open)).toBe('non-compliant');
    expect(findings(open)).toEqual(['AppNetworkAccessType', 'SubnetIds', 'KmsKeyId', 'EnableDockerAccess']);
  });

  test('non-compliant: a domain whose network access is left to its default (public internet)', () => {
    expect(findings(domain({ appNetworkAccessType: undefined }))).toEqual(['AppNetworkAccessType']);
  });

  test('non-compliant: a notebook with root access, direct internet access, no VPC and no key', () => {
    const open = notebook({
      rootAccess: 'Enabled',
      directInternetAccess: 'Enabled',
      subnetId: undefined,
      kmsKeyId: undefined,
    });
    expect(findings(open)).toEqual(['DirectInternetAccess', 'RootAccess', 'SubnetId', 'KmsKeyId']);
    // Both default to Enabled when absent.
    expect(findings(notebook({ rootAccess: undefined, directInternetAccess: undefined }))).toEqual([
      'DirectInternetAccess',
      'RootAccess',
    ]);
  });

  test('non-compliant: a processing job without isolation or inter-container encryption; an unresolvable switch', () => {
    const job = processingJob({ vpcConfig: { ...VPC }, enableNetworkIsolation: false });
    expect(findings(job)).toEqual(['EnableNetworkIsolation', 'EnableInterContainerTrafficEncryption']);
    const unresolved = processingJob({
      vpcConfig: { ...VPC },
      enableNetworkIsolation: { 'Fn::ImportValue': 'isolation' } as any,
      enableInterContainerTrafficEncryption: true,
    });
    expect(findings(unresolved)).toEqual(['EnableNetworkIsolation-unresolvable']);
  });

  test('non-compliant: a model without network isolation and VPC', () => {
    const model = new sagemaker.CfnModel(ruleStack(), 'M', { executionRoleArn: ROLE });
    expect(check(model)).toBe('non-compliant');
  });

  test('compliant: the baseline’s AnalyticsStudioDomain (L2 construct)', () => {
    const stack = ruleStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', {
      availabilityZones: ['us-east-1a', 'us-east-1b'],
      subnetConfiguration: [{ name: 'app', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    });
    const { domain: cfn } = new AnalyticsStudioDomain(stack, 'Studio', {
      domainName: 'analytics',
      vpc,
      subnets: { subnetGroupName: 'app' },
      securityGroup: new ec2.SecurityGroup(stack, 'Sg', { vpc }),
      encryptionKey: new kms.Key(stack, 'Key'),
      executionRoleArn: ROLE,
    });
    expect(check(cfn)).toBe('compliant');
  });

  test('compliant: a locked-down domain, notebook, processing job and model (L1)', () => {
    expect(check(domain())).toBe('compliant');
    expect(check(notebook())).toBe('compliant');
    const job = processingJob({
      vpcConfig: { ...VPC },
      enableNetworkIsolation: true,
      enableInterContainerTrafficEncryption: true,
    });
    expect(check(job)).toBe('compliant');
    const model = new sagemaker.CfnModel(ruleStack(), 'M', {
      executionRoleArn: ROLE,
      enableNetworkIsolation: true,
      vpcConfig: { ...VPC },
    });
    expect(check(model)).toBe('compliant');
  });

  test('not applicable: other SageMaker types', () => {
    expect(check(new sagemaker.CfnEndpointConfig(ruleStack(), 'E', { productionVariants: [] }))).toBe('not-applicable');
  });
});
