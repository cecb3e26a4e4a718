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
  { action: 'sns:Publish', resources: 'the alert topic', conditionable: false },
] as const;

/** Tag the deployment puts on every quarantine security group, so IAM can allow only those. */
export const QUARANTINE_GROUP_TAG = { key: 'hipaa-baseline:role', value: 'quarantine' } as const;
