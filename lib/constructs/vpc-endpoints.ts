import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { GATEWAY_ENDPOINTS, type EndpointName } from '../config/network-schema';
import { declareControls } from '../controls/declare';

export interface VpcEndpointsProps {
  readonly vpc: ec2.IVpc;
  /** CIDR of the VPC (a literal, so rules can judge the endpoint security group). */
  readonly vpcCidr: string;
  /** Endpoints to create (validated names). Gateway endpoints serve the app tier's route tables. */
  readonly endpoints: readonly EndpointName[];
  /**
   * AWS Organizations id: when set, the endpoint policies admit principals and resources of the
   * organisation instead of only this account. HIPAA 164.312(a)(1).
   * @default - this account only
   */
  readonly organizationId?: string;
}

/** S3 buckets AWS owns that workloads in a private subnet read through the S3 gateway endpoint. */
function awsOwnedBuckets(region: string): string[] {
  return [
    `prod-${region}-starport-layer-bucket`, // ECR image layers
    `al2023-repos-${region}-de612dc2`, // Amazon Linux 2023 packages
    `amazonlinux-2-repos-${region}`,
    `aws-ssm-${region}`, // Systems Manager agent and documents
    `amazon-ssm-${region}`,
    `amazon-ssm-packages-${region}`,
    `${region}-birdwatcher-prod`,
    `patch-baseline-snapshot-${region}`,
  ];
}

/**
 * What a workload must still read from AWS itself through an endpoint whose policy otherwise admits only
 * this account's resources: ECR images AWS publishes (the GuardDuty runtime agent, EKS add-ons), and the
 * Systems Manager documents and public parameters AWS owns (patching, the GuardDuty agent installer, AMI ids).
 * Read-only, for this account's principals only: nothing can be written outside the perimeter.
 */
function awsOwnedReads(name: EndpointName, partition: string, region: string): Omit<iam.PolicyStatementProps, 'sid'>[] {
  switch (name) {
    case 'ecr.api':
    case 'ecr.dkr':
      return [
        {
          actions: [
            'ecr:GetAuthorizationToken',
            'ecr:BatchGetImage',
            'ecr:GetDownloadUrlForLayer',
            'ecr:BatchCheckLayerAvailability',
          ],
          resources: ['*'],
        },
      ];
    case 'ssm':
      return [
        {
          actions: [
            'ssm:GetDocument',
            'ssm:DescribeDocument',
            'ssm:GetParameter',
            'ssm:GetParameters',
            'ssm:GetParametersByPath',
          ],
          // AWS-owned documents and public parameters have no account in their ARN.
          resources: [
            `arn:${partition}:ssm:${region}::document/*`,
            `arn:${partition}:ssm:${region}::parameter/aws/service/*`,
          ],
        },
      ];
    default:
      return [];
  }
}

const pascal = (name: string) =>
  name
    .split(/[^a-z0-9]/)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');

/**
 * Private access to AWS services from the app tier: gateway endpoints (S3, DynamoDB) and interface
 * endpoints with private DNS, behind one security group that admits tcp/443 from the VPC only. Every
 * endpoint policy admits only this account's (or organisation's) principals acting on its resources, plus
 * read-only access to what AWS itself publishes and workloads need (ECR images of AWS agents, Systems
 * Manager documents and public parameters, the S3 buckets of packages and image layers).
 * HIPAA 164.312(e)(1) transmission security; 164.312(a)(1) access control.
 */
export class VpcEndpoints extends Construct {
  /** Security group of the interface endpoints. */
  public readonly securityGroup: ec2.SecurityGroup;
  /** Every endpoint, by name. */
  public readonly endpoints: Partial<Record<EndpointName, ec2.GatewayVpcEndpoint | ec2.InterfaceVpcEndpoint>> = {};

  constructor(scope: Construct, id: string, props: VpcEndpointsProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: 'VPC interface endpoints: HTTPS from this VPC only',
      allowAllOutbound: false,
    });
    this.securityGroup.addIngressRule(ec2.Peer.ipv4(props.vpcCidr), ec2.Port.tcp(443), 'HTTPS from this VPC');

    const principals = props.organizationId
      ? { 'aws:PrincipalOrgID': props.organizationId }
      : { 'aws:PrincipalAccount': stack.account };
    const resources = props.organizationId
      ? { 'aws:ResourceOrgID': props.organizationId }
      : { 'aws:ResourceAccount': stack.account };
    const withinPerimeter = new iam.PolicyStatement({
      sid: 'OwnPrincipalsOwnResources',
      principals: [new iam.AnyPrincipal()],
      actions: ['*'],
      resources: ['*'],
      conditions: { StringEquals: principals, StringEqualsIfExists: resources },
    });
    const subnets = { subnetGroupName: 'app' };

    for (const name of props.endpoints) {
      let endpoint: ec2.GatewayVpcEndpoint | ec2.InterfaceVpcEndpoint;
      if ((GATEWAY_ENDPOINTS as readonly string[]).includes(name)) {
        const service = name === 's3' ? ec2.GatewayVpcEndpointAwsService.S3 : ec2.GatewayVpcEndpointAwsService.DYNAMODB;
        endpoint = new ec2.GatewayVpcEndpoint(this, pascal(name), { vpc: props.vpc, service, subnets: [subnets] });
      } else {
        endpoint = new ec2.InterfaceVpcEndpoint(this, pascal(name), {
          vpc: props.vpc,
          service: new ec2.InterfaceVpcEndpointAwsService(name),
          subnets,
          securityGroups: [this.securityGroup],
          open: false,
          privateDnsEnabled: true,
        });
      }
      endpoint.addToPolicy(withinPerimeter);
      for (const read of awsOwnedReads(name, stack.partition, stack.region)) {
        endpoint.addToPolicy(
          new iam.PolicyStatement({
            ...read,
            sid: 'AwsOwnedResourcesRead',
            principals: [new iam.AnyPrincipal()],
            conditions: { StringEquals: principals },
          }),
        );
      }
      if (name === 's3') {
        endpoint.addToPolicy(
          new iam.PolicyStatement({
            sid: 'AwsOwnedBucketsRead',
            principals: [new iam.AnyPrincipal()],
            actions: ['s3:GetObject'],
            resources: awsOwnedBuckets(stack.region).map((bucket) => `arn:${stack.partition}:s3:::${bucket}/*`),
            conditions: { StringEquals: principals },
          }),
        );
      }
      this.endpoints[name] = endpoint;
    }

    declareControls(this, {
      citations: ['164.312(e)(1)', '164.312(a)(1)'],
      statement:
        'AWS services are reached through VPC endpoints in the app tier (HTTPS from the VPC only), with endpoint policies limited to this account or organisation.',
    });
  }
}
