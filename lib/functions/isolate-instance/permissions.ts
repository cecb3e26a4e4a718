/**
 * Every AWS action the isolate-instance function calls, for a least-privilege role. Imports nothing, so a
 * construct can read it without pulling the SDK into the CDK app.
 *
 * Tag-based limits that fit the function's behaviour:
 * - ec2:CreateTags: every key the function writes starts with TAG_PREFIX ("hipaa-baseline:"), so a
 *   `ForAllValues:StringLike aws:TagKeys "hipaa-baseline:*"` condition allows nothing else; the snapshot tags
 *   are written at creation (`ec2:CreateAction` "CreateSnapshot").
 * - ec2:CreateSnapshot on the snapshot resource: every request carries the finding-id tag, so
 *   `Null aws:RequestTag/hipaa-baseline:finding-id = false` holds for every legitimate call.
 * - ec2:ModifyNetworkInterfaceAttribute: the only group the function ever sets is a quarantine group;
 *   tag those groups (QUARANTINE_GROUP_TAG) and allow the security-group resource only with
 *   `aws:ResourceTag/<key> = <value>`; the network-interface resource can be limited with `ec2:Vpc`.
 * - Describe* actions support no resource-level permissions (Resource "*").
 * - autoscaling:SetInstanceProtection and autoscaling:EnterStandby (on the instance's group),
 *   elasticloadbalancing:DeregisterTargets (on a target group) and
 *   elasticloadbalancing:DeregisterInstancesFromLoadBalancer (on a Classic Load Balancer) accept resource
 *   ARNs and resource-tag conditions, but any group or load balancer of the account may hold a
 *   compromised instance: no tag fits, so they are limited to the account's and region's ARNs of that
 *   resource type. The function only ever protects (never unprotects), moves to Standby (never out of it)
 *   and deregisters (never registers).
 * - sns:Publish on the alert topic only; the topic is KMS-encrypted, so the role also needs
 *   kms:GenerateDataKey and kms:Decrypt on the topic's key.
 * Check the resource types and condition keys of each action against the IAM Service Authorization
 * Reference when writing the policy.
 */

/** Actions called with their resources; `conditionable` says which resources accept tag conditions. */
export const REQUIRED_ACTIONS = [
  { action: 'ec2:DescribeInstances', resources: '*', conditionable: false },
  { action: 'ec2:DescribeSnapshots', resources: '*', conditionable: false },
  { action: 'ec2:CreateTags', resources: 'instance, snapshot', conditionable: true },
  {
    action: 'ec2:ModifyNetworkInterfaceAttribute',
    resources: 'network-interface, security-group',
    conditionable: true,
  },
  { action: 'ec2:CreateSnapshot', resources: 'volume, snapshot', conditionable: true },
  { action: 'autoscaling:DescribeAutoScalingInstances', resources: '*', conditionable: false },
  { action: 'autoscaling:SetInstanceProtection', resources: 'autoScalingGroup', conditionable: true },
  { action: 'autoscaling:EnterStandby', resources: 'autoScalingGroup', conditionable: true },
  { action: 'elasticloadbalancing:DescribeTargetGroups', resources: '*', conditionable: false },
  { action: 'elasticloadbalancing:DescribeTargetHealth', resources: '*', conditionable: false },
  { action: 'elasticloadbalancing:DeregisterTargets', resources: 'targetgroup', conditionable: true },
  // One IAM action for both APIs; the function calls the Classic Load Balancer one.
  { action: 'elasticloadbalancing:DescribeLoadBalancers', resources: '*', conditionable: false },
  {
    action: 'elasticloadbalancing:DeregisterInstancesFromLoadBalancer',
    resources: 'loadbalancer',
    conditionable: true,
  },
  { action: 'sns:Publish', resources: 'the alert topic', conditionable: false },
] as const;

/** Tag the deployment puts on every quarantine security group, so IAM can allow only those. */
export const QUARANTINE_GROUP_TAG = { key: 'hipaa-baseline:role', value: 'quarantine' } as const;
