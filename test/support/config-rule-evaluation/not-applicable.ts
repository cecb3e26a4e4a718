import type { ConfigRuleIdentifier } from '../../../lib/controls/catalog.generated';

const INSTANCE = ['AWS::EC2::Instance'];
const ALB = ['AWS::ElasticLoadBalancingV2::LoadBalancer'];
const CLB = ['AWS::ElasticLoadBalancing::LoadBalancer'];
const ELASTICSEARCH = ['AWS::Elasticsearch::Domain'];
const OPENSEARCH = ['AWS::OpenSearchService::Domain'];
const REDSHIFT = ['AWS::Redshift::Cluster'];

/**
 * (b) Managed rules over resource types the baseline does not create, with those types as CloudFormation
 * names them (AWS Config's `AWS::OpenSearch::Domain` is CloudFormation's `AWS::OpenSearchService::Domain`;
 * Systems Manager compliance records describe managed EC2 instances). Each rule is NOT_APPLICABLE to the
 * baseline; the self-compliance test proves no template holds any of these types.
 */
export const NOT_APPLICABLE: Partial<Record<ConfigRuleIdentifier, readonly string[]>> = {
  ACM_CERTIFICATE_EXPIRATION_CHECK: ['AWS::CertificateManager::Certificate'],
  ALB_HTTP_TO_HTTPS_REDIRECTION_CHECK: ALB,
  ALB_WAF_ENABLED: ALB,
  API_GW_ASSOCIATED_WITH_WAF: ['AWS::ApiGateway::Stage'],
  API_GW_EXECUTION_LOGGING_ENABLED: ['AWS::ApiGateway::Stage', 'AWS::ApiGatewayV2::Stage'],
  API_GW_SSL_ENABLED: ['AWS::ApiGateway::Stage'],
  AUTOSCALING_GROUP_ELB_HEALTHCHECK_REQUIRED: ['AWS::AutoScaling::AutoScalingGroup'],
  AUTOSCALING_LAUNCH_CONFIG_PUBLIC_IP_DISABLED: ['AWS::AutoScaling::LaunchConfiguration'],
  CODEBUILD_PROJECT_ENVVAR_AWSCRED_CHECK: ['AWS::CodeBuild::Project'],
  CODEBUILD_PROJECT_SOURCE_REPO_URL_CHECK: ['AWS::CodeBuild::Project'],
  DMS_REPLICATION_NOT_PUBLIC: ['AWS::DMS::ReplicationInstance'],
  EBS_IN_BACKUP_PLAN: ['AWS::EC2::Volume'],
  EC2_IMDSV2_CHECK: INSTANCE,
  EC2_INSTANCE_MANAGED_BY_SSM: INSTANCE,
  EC2_INSTANCE_NO_PUBLIC_IP: INSTANCE,
  EC2_INSTANCE_PROFILE_ATTACHED: INSTANCE,
  // Evaluated per managed instance (its association and patch compliance records): the baseline's own patch
  // baselines, scan association and maintenance windows are no such records, and it launches no instance.
  EC2_MANAGEDINSTANCE_ASSOCIATION_COMPLIANCE_STATUS_CHECK: INSTANCE,
  EC2_MANAGEDINSTANCE_PATCH_COMPLIANCE_STATUS_CHECK: INSTANCE,
  EC2_RESOURCES_PROTECTED_BY_BACKUP_PLAN: INSTANCE,
  EC2_STOPPED_INSTANCE: INSTANCE,
  ECS_CONTAINERS_READONLY_ACCESS: ['AWS::ECS::TaskDefinition'],
  ECS_TASK_DEFINITION_USER_FOR_HOST_MODE_CHECK: ['AWS::ECS::TaskDefinition'],
  EFS_ENCRYPTED_CHECK: ['AWS::EFS::FileSystem'],
  EFS_IN_BACKUP_PLAN: ['AWS::EFS::FileSystem'],
  ELASTIC_BEANSTALK_MANAGED_UPDATES_ENABLED: ['AWS::ElasticBeanstalk::Environment'],
  ELASTICACHE_REDIS_CLUSTER_AUTOMATIC_BACKUP_CHECK: [
    'AWS::ElastiCache::CacheCluster',
    'AWS::ElastiCache::ReplicationGroup',
  ],
  ELASTICSEARCH_ENCRYPTED_AT_REST: ELASTICSEARCH,
  ELASTICSEARCH_IN_VPC_ONLY: ELASTICSEARCH,
  ELASTICSEARCH_LOGS_TO_CLOUDWATCH: ELASTICSEARCH,
  ELASTICSEARCH_NODE_TO_NODE_ENCRYPTION_CHECK: ELASTICSEARCH,
  ELB_ACM_CERTIFICATE_REQUIRED: CLB,
  ELB_CROSS_ZONE_LOAD_BALANCING_ENABLED: CLB,
  ELB_DELETION_PROTECTION_ENABLED: ALB,
  ELB_LOGGING_ENABLED: [...CLB, ...ALB],
  ELB_PREDEFINED_SECURITY_POLICY_SSL_CHECK: CLB,
  ELB_TLS_HTTPS_LISTENERS_ONLY: CLB,
  ELBV2_ACM_CERTIFICATE_REQUIRED: [...ALB, 'AWS::ElasticLoadBalancingV2::Listener'],
  EMR_KERBEROS_ENABLED: ['AWS::EMR::Cluster'],
  EMR_MASTER_NO_PUBLIC_IP: ['AWS::EMR::Cluster'],
  ENCRYPTED_VOLUMES: ['AWS::EC2::Volume'],
  IAM_USER_NO_POLICIES_CHECK: ['AWS::IAM::User'],
  INSTANCES_IN_VPC: INSTANCE,
  KINESIS_STREAM_ENCRYPTED: ['AWS::Kinesis::Stream'],
  OPENSEARCH_ENCRYPTED_AT_REST: OPENSEARCH,
  OPENSEARCH_HTTPS_REQUIRED: OPENSEARCH,
  OPENSEARCH_IN_VPC_ONLY: OPENSEARCH,
  OPENSEARCH_LOGS_TO_CLOUDWATCH: OPENSEARCH,
  OPENSEARCH_NODE_TO_NODE_ENCRYPTION_CHECK: OPENSEARCH,
  REDSHIFT_BACKUP_ENABLED: REDSHIFT,
  REDSHIFT_CLUSTER_CONFIGURATION_CHECK: REDSHIFT,
  REDSHIFT_CLUSTER_MAINTENANCESETTINGS_CHECK: REDSHIFT,
  REDSHIFT_CLUSTER_PUBLIC_ACCESS_CHECK: REDSHIFT,
  REDSHIFT_REQUIRE_TLS_SSL: REDSHIFT,
  SAGEMAKER_ENDPOINT_CONFIGURATION_KMS_KEY_CONFIGURED: ['AWS::SageMaker::EndpointConfig'],
  SAGEMAKER_NOTEBOOK_INSTANCE_KMS_KEY_CONFIGURED: ['AWS::SageMaker::NotebookInstance'],
  SAGEMAKER_NOTEBOOK_NO_DIRECT_INTERNET_ACCESS: ['AWS::SageMaker::NotebookInstance'],
  SSM_DOCUMENT_NOT_PUBLIC: ['AWS::SSM::Document'],
  VPC_VPN_2_TUNNELS_UP: ['AWS::EC2::VPNConnection'],
  WAFV2_LOGGING_ENABLED: ['AWS::WAFv2::WebACL'],
};
