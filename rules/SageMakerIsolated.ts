/**
 * HIPAABaseline-SageMakerIsolated — SageMaker resources that run code on data stay isolated and encrypted:
 * - Domain: AppNetworkAccessType VpcOnly, SubnetIds, KmsKeyId, Docker access not ENABLED (it gives users
 *   root on the instances);
 * - NotebookInstance: DirectInternetAccess Disabled, RootAccess Disabled, SubnetId, KmsKeyId;
 * - Model: EnableNetworkIsolation, VpcConfig;
 * - ProcessingJob and the monitoring job definitions (data quality, model quality, bias, explainability):
 *   network isolation, inter-container traffic encryption, VpcConfig, a volume key and an output key.
 * cdk-nag checks notebooks' direct internet access and key only; nothing else of these.
 *
 * Scenarios:
 * - non-compliant: each missing or weaker setting, one finding per property (`[AppNetworkAccessType]`,
 *   `[RootAccess]`…); a switch given as an intrinsic the rule cannot resolve (`[<property>-unresolvable]`)
 * - compliant: the settings above (L1, and the baseline's AnalyticsStudioDomain)
 * - not applicable: other types
 */
import { isIntrinsic, type OwnRule, type TemplateResource } from './rule';

type Props = Record<string, any>;
/** A requirement: the property path, and whether its value meets it (undefined: unresolvable). */
type Requirement = readonly [string, (p: Props) => boolean | undefined];

const at = (p: Props, path: string): unknown => path.split('.').reduce<any>((node, key) => node?.[key], p);
const present = (path: string): Requirement => [path, (p) => at(p, path) !== undefined && at(p, path) !== ''];
const equals = (path: string, wanted: unknown, absentOk = false): Requirement => [
  path,
  (p) => {
    const value = at(p, path);
    if (value === undefined) return absentOk;
    if (isIntrinsic(value)) return undefined;
    return String(value) === String(wanted);
  },
];
const not = (path: string, unwanted: string): Requirement => [
  path,
  (p) => (isIntrinsic(at(p, path)) ? undefined : at(p, path) !== unwanted),
];

const jobDefinition = (output: string): Requirement[] => [
  equals('NetworkConfig.EnableNetworkIsolation', true),
  equals('NetworkConfig.EnableInterContainerTrafficEncryption', true),
  present('NetworkConfig.VpcConfig'),
  present('JobResources.ClusterConfig.VolumeKmsKeyId'),
  present(`${output}.KmsKeyId`),
];

const REQUIREMENTS: Readonly<Record<string, readonly Requirement[]>> = {
  'AWS::SageMaker::Domain': [
    equals('AppNetworkAccessType', 'VpcOnly'),
    present('SubnetIds'),
    present('KmsKeyId'),
    not('DomainSettings.DockerSettings.EnableDockerAccess', 'ENABLED'),
  ],
  'AWS::SageMaker::NotebookInstance': [
    equals('DirectInternetAccess', 'Disabled'),
    equals('RootAccess', 'Disabled'),
    present('SubnetId'),
    present('KmsKeyId'),
  ],
  'AWS::SageMaker::Model': [equals('EnableNetworkIsolation', true), present('VpcConfig')],
  'AWS::SageMaker::ProcessingJob': [
    equals('NetworkConfig.EnableNetworkIsolation', true),
    equals('NetworkConfig.EnableInterContainerTrafficEncryption', true),
    present('NetworkConfig.VpcConfig'),
    present('ProcessingResources.ClusterConfig.VolumeKmsKeyId'),
    present('ProcessingOutputConfig.KmsKeyId'),
  ],
  'AWS::SageMaker::DataQualityJobDefinition': jobDefinition('DataQualityJobOutputConfig'),
  'AWS::SageMaker::ModelQualityJobDefinition': jobDefinition('ModelQualityJobOutputConfig'),
  'AWS::SageMaker::ModelBiasJobDefinition': jobDefinition('ModelBiasJobOutputConfig'),
  'AWS::SageMaker::ModelExplainabilityJobDefinition': jobDefinition('ModelExplainabilityJobOutputConfig'),
};

function failures(resource: TemplateResource): string[] {
  const properties = resource.Properties ?? {};
  return (REQUIREMENTS[resource.Type] ?? []).flatMap(([path, meets]) => {
    const verdict = meets(properties);
    const name = path.split('.').pop()!;
    return verdict === true ? [] : [verdict === undefined ? `${name}-unresolvable` : name];
  });
}

export const SageMakerIsolated: OwnRule = {
  id: 'SageMakerIsolated',
  level: 'error',
  info: 'The SageMaker resource is not VPC-bound, network-isolated, root-free or encrypted with a customer key as required.',
  explanation:
    'Domains: AppNetworkAccessType VpcOnly with SubnetIds and KmsKeyId, Docker access off. Notebook instances: ' +
    'DirectInternetAccess and RootAccess Disabled, a SubnetId and KmsKeyId. Models: EnableNetworkIsolation and a ' +
    'VpcConfig. Processing jobs and monitoring job definitions: network isolation, inter-container traffic ' +
    'encryption, a VpcConfig, a volume key and an output key.',
  citations: ['164.312(a)(1)', '164.312(e)(1)', '164.312(a)(2)(iv)', '164.308(a)(4)(ii)(B)'],
  configRules: [
    'SAGEMAKER_DOMAIN_IN_VPC',
    'SAGEMAKER_NOTEBOOK_INSTANCE_INSIDE_VPC',
    'SAGEMAKER_NOTEBOOK_INSTANCE_ROOT_ACCESS_CHECK',
    'SAGEMAKER_NOTEBOOK_NO_DIRECT_INTERNET_ACCESS',
    'SAGEMAKER_NOTEBOOK_INSTANCE_KMS_KEY_CONFIGURED',
  ],
  check(resource) {
    if (!REQUIREMENTS[resource.Type]) return 'not-applicable';
    return failures(resource).length > 0 ? 'non-compliant' : 'compliant';
  },
  findings: failures,
};
