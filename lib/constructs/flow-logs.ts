import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { recordControl } from '../controls/control-inventory';
import { declareControls } from '../controls/declare';

/**
 * Flow log fields an investigator needs: who talked to whom (including the original addresses behind a
 * NAT or load balancer: pkt-srcaddr, pkt-dstaddr), how much, when, accepted or rejected and why, where
 * (VPC, subnet, instance, zone), TCP flags, direction and path.
 */
export const FLOW_LOG_FIELDS = [
  'version',
  'account-id',
  'interface-id',
  'srcaddr',
  'dstaddr',
  'srcport',
  'dstport',
  'protocol',
  'packets',
  'bytes',
  'start',
  'end',
  'action',
  'log-status',
  'vpc-id',
  'subnet-id',
  'instance-id',
  'tcp-flags',
  'type',
  'pkt-srcaddr',
  'pkt-dstaddr',
  'region',
  'az-id',
  'sublocation-type',
  'sublocation-id',
  'pkt-src-aws-service',
  'pkt-dst-aws-service',
  'flow-direction',
  'traffic-path',
  'reject-reason',
] as const;

/** Key prefix of flow logs in the log archive. */
export const FLOW_LOG_PREFIX = 'vpc-flow-logs';

export interface VpcFlowLogsProps {
  readonly vpc: ec2.IVpc;
  /**
   * Log archive bucket (SSE-KMS, Object Lock); its policy and key must admit `delivery.logs.amazonaws.com`.
   * HIPAA 164.312(b); AWS Config VPC_FLOW_LOGS_ENABLED.
   */
  readonly bucket: s3.IBucket;
}

/**
 * A flow log of all traffic (accepted and rejected) of a VPC, in a custom format with every field above,
 * delivered every minute to the log archive as hourly-partitioned Parquet.
 */
export class VpcFlowLogs extends Construct {
  public readonly flowLog: ec2.CfnFlowLog;

  constructor(scope: Construct, id: string, props: VpcFlowLogsProps) {
    super(scope, id);
    this.flowLog = new ec2.CfnFlowLog(this, 'FlowLog', {
      resourceType: 'VPC',
      resourceId: props.vpc.vpcId,
      trafficType: 'ALL',
      logDestinationType: 's3',
      logDestination: `${props.bucket.bucketArn}/${FLOW_LOG_PREFIX}/`,
      logFormat: FLOW_LOG_FIELDS.map((field) => `\${${field}}`).join(' '),
      maxAggregationInterval: 60,
      destinationOptions: { FileFormat: 'parquet', HiveCompatiblePartitions: true, PerHourPartition: true },
    });
    recordControl(this.flowLog, 'vpc-flow-log', [
      'ResourceId',
      'TrafficType',
      'LogDestinationType',
      'LogDestination',
      'LogFormat',
    ]);
    declareControls(this, {
      citations: ['164.312(b)', '164.308(a)(1)(ii)(D)', '164.308(a)(6)(ii)'],
      statement:
        'Every VPC records all accepted and rejected traffic in a flow log with investigator fields (original addresses, TCP flags, direction, path) to the immutable, KMS-encrypted log archive.',
    });
  }
}
