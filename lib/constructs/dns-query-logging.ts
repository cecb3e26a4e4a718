import * as route53resolver from 'aws-cdk-lib/aws-route53resolver';
import type * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { declareControls } from '../controls/declare';
import { recordControl } from '../controls/control-inventory';

/** Key prefix of DNS query logs in the log archive. */
export const DNS_QUERY_LOG_PREFIX = 'dns-query-logs';

export interface DnsQueryLoggingProps {
  /** Name of the query logging configuration. */
  readonly name: string;
  /** VPCs whose Route 53 Resolver queries are logged, by a stable word each. */
  readonly vpcs: Readonly<Record<string, ec2.IVpc>>;
  /** Log archive bucket; its policy and key must admit `delivery.logs.amazonaws.com`. HIPAA 164.312(b). */
  readonly bucket: s3.IBucket;
}

/**
 * Route 53 Resolver query logging: every DNS query made from the VPCs (a record of what workloads tried
 * to reach, including exfiltration by DNS) delivered to the log archive.
 */
export class DnsQueryLogging extends Construct {
  public readonly config: route53resolver.CfnResolverQueryLoggingConfig;

  constructor(scope: Construct, id: string, props: DnsQueryLoggingProps) {
    super(scope, id);
    this.config = new route53resolver.CfnResolverQueryLoggingConfig(this, 'Config', {
      name: props.name,
      destinationArn: `${props.bucket.bucketArn}/${DNS_QUERY_LOG_PREFIX}/`,
    });
    recordControl(this.config, 'dns-query-logging', ['DestinationArn']);
    for (const [name, vpc] of Object.entries(props.vpcs)) {
      const association = new route53resolver.CfnResolverQueryLoggingConfigAssociation(this, name, {
        resolverQueryLogConfigId: this.config.attrId,
        resourceId: vpc.vpcId,
      });
      recordControl(association, 'dns-query-logging-association', ['ResolverQueryLogConfigId', 'ResourceId']);
    }
    declareControls(this, {
      citations: ['164.312(b)', '164.308(a)(1)(ii)(D)'],
      statement: 'Route 53 Resolver logs every DNS query from the VPCs to the immutable, KMS-encrypted log archive.',
    });
  }
}
