import { Stack } from 'aws-cdk-lib';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { declareControls } from '../controls/declare';
import type { NetworkPlan } from '../network/plan';
import { renderSegmentation, SEGMENTATION_METADATA_KEY } from '../network/segmentation-metadata';
import { DefaultSecurityGroupClosure } from './default-security-group-closure';
import { DnsQueryLogging } from './dns-query-logging';
import { EnvironmentVpc } from './environment-vpc';
import { TransitConnectivity } from './transit-connectivity';

/** Properties of a {@link SegmentedNetwork}. */
export interface SegmentedNetworkProps {
  /** Environments, their layout and the declared paths (from `planNetwork`). */
  readonly network: NetworkPlan;
  /** Prefix of VPC and configuration names. */
  readonly namePrefix: string;
  /** Log archive bucket receiving flow logs and DNS query logs (SSE-KMS). HIPAA 164.312(b). */
  readonly logBucket: s3.IBucket;
  /**
   * AWS Organizations id admitted by the endpoint policies.
   * @default - this account only
   */
  readonly organizationId?: string;
}

const pascal = (name: string) => name[0].toUpperCase() + name.slice(1);

/**
 * Every environment's VPC in one construct (one template, so the reachability analysis sees every path):
 * tiered VPCs, default security groups kept empty, DNS query logging, and a transit gateway only when the
 * matrix declares a cross-environment path. The declared matrix is written into the template Metadata
 * (`hipaa-baseline:segmentation`) for the segmentation rule and for template checks.
 */
export class SegmentedNetwork extends Construct {
  /** Each environment's VPC, by environment name. */
  public readonly environments: Record<string, EnvironmentVpc> = {};
  public readonly transit?: TransitConnectivity;
  public readonly dnsQueryLogging: DnsQueryLogging;
  public readonly defaultSecurityGroupClosure: DefaultSecurityGroupClosure;

  constructor(scope: Construct, id: string, props: SegmentedNetworkProps) {
    super(scope, id);
    const { network } = props;
    for (const env of network.environments) {
      this.environments[env.name] = new EnvironmentVpc(this, pascal(env.name), {
        network,
        environment: env,
        vpcName: `${props.namePrefix}-${env.name}`,
        logBucket: props.logBucket,
        organizationId: props.organizationId,
      });
    }
    const vpcs = Object.fromEntries(Object.entries(this.environments).map(([name, env]) => [name, env.vpc]));
    const byWord = Object.fromEntries(Object.entries(vpcs).map(([name, vpc]) => [pascal(name), vpc]));
    this.defaultSecurityGroupClosure = new DefaultSecurityGroupClosure(this, 'DefaultSecurityGroupClosure', {
      vpcs: byWord,
    });
    this.dnsQueryLogging = new DnsQueryLogging(this, 'DnsQueryLogging', {
      name: `${props.namePrefix}-dns-query-logs`,
      vpcs: byWord,
      bucket: props.logBucket,
    });
    if (network.crossPaths.length > 0) {
      this.transit = new TransitConnectivity(this, 'Transit', {
        network,
        vpcs,
        description: `${props.namePrefix}: declared cross-environment paths only`,
      });
    }

    const stack = Stack.of(this);
    const vpcRefs = Object.fromEntries(
      Object.entries(vpcs).map(([name, vpc]) => [name, { Ref: stack.getLogicalId(vpc.node.defaultChild as any) }]),
    );
    stack.templateOptions.metadata = {
      ...stack.templateOptions.metadata,
      [SEGMENTATION_METADATA_KEY]: renderSegmentation(network, vpcRefs),
    };
    declareControls(this, {
      citations: ['164.312(e)(1)', '164.312(a)(1)', '164.308(a)(4)(i)', '164.308(a)(4)(ii)(A)', '164.312(b)'],
      statement: `Environments (${network.environments.map((env) => env.name).join(', ')}) are separate VPCs connected only on the declared paths (so functions such as a clearinghouse can be isolated in their own environment); the declared matrix is recorded in the template and checked by static reachability analysis at every synth.`,
    });
  }
}
