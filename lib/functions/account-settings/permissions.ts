/**
 * Every AWS action the account-settings function calls (or that a service calls with the function's
 * credentials), with the resources it acts on, for a least-privilege role. Imports nothing, so a
 * construct can read it without pulling the SDK into the CDK app.
 *
 * - None of the IAM account password policy, EBS default-encryption, S3 Control public access block,
 *   Inspector account or Macie account/discovery actions supports resource-level permissions: Resource "*".
 * - iam:CreateServiceLinkedRole: Inspector creates its service-linked role on first Enable, with the
 *   caller's credentials; limit it with `iam:AWSServiceName = inspector2.amazonaws.com` on the role's ARN
 *   `arn:aws:iam::<account>:role/aws-service-role/inspector2.amazonaws.com/AWSServiceRoleForAmazonInspector2`.
 * - macie2:CreateClassificationJob and macie2:TagResource (the job is created with tags): the
 *   classification-job resource, `arn:aws:macie2:<region>:<account>:classification-job/*`; the request
 *   always carries the tag `hipaa-baseline:logical-id`, so `Null aws:RequestTag/hipaa-baseline:logical-id =
 *   false` holds for every legitimate call.
 * - macie2:DescribeClassificationJob and macie2:UpdateClassificationJob: the classification-job resource;
 *   UpdateClassificationJob (only ever used to cancel) can be limited to jobs this resource created with
 *   `aws:ResourceTag/hipaa-baseline:logical-id` (the resource's logical id) — note that the function reads
 *   every active scheduled job's tags with DescribeClassificationJob to find its own.
 * - ec2:ModifyEbsDefaultKmsKeyId sets the key by ARN; new volumes then need the EBS service to use that
 *   key (the key policy's grants for EBS), not the function.
 * Check the resource types and condition keys of each action against the IAM Service Authorization
 * Reference when writing the policy.
 */

/** Actions called with their resources; `conditionable` says which accept conditions beyond Resource "*". */
export const REQUIRED_ACTIONS = [
  { action: 'iam:GetAccountPasswordPolicy', resources: '*', conditionable: false },
  { action: 'iam:UpdateAccountPasswordPolicy', resources: '*', conditionable: false },
  { action: 'ec2:GetEbsEncryptionByDefault', resources: '*', conditionable: false },
  { action: 'ec2:EnableEbsEncryptionByDefault', resources: '*', conditionable: false },
  { action: 'ec2:GetEbsDefaultKmsKeyId', resources: '*', conditionable: false },
  { action: 'ec2:ModifyEbsDefaultKmsKeyId', resources: '*', conditionable: false },
  { action: 's3:GetAccountPublicAccessBlock', resources: '*', conditionable: false },
  { action: 's3:PutAccountPublicAccessBlock', resources: '*', conditionable: false },
  { action: 'inspector2:BatchGetAccountStatus', resources: '*', conditionable: false },
  { action: 'inspector2:Enable', resources: '*', conditionable: false },
  {
    action: 'iam:CreateServiceLinkedRole',
    resources: 'the Inspector service-linked role',
    conditionable: true,
    condition: { StringEquals: { 'iam:AWSServiceName': 'inspector2.amazonaws.com' } },
  },
  { action: 'macie2:GetAutomatedDiscoveryConfiguration', resources: '*', conditionable: false },
  { action: 'macie2:UpdateAutomatedDiscoveryConfiguration', resources: '*', conditionable: false },
  { action: 'macie2:ListClassificationJobs', resources: '*', conditionable: false },
  { action: 'macie2:CreateClassificationJob', resources: 'classification-job', conditionable: true },
  { action: 'macie2:TagResource', resources: 'classification-job', conditionable: true },
  { action: 'macie2:DescribeClassificationJob', resources: 'classification-job', conditionable: true },
  { action: 'macie2:UpdateClassificationJob', resources: 'classification-job', conditionable: true },
] as const;

/** Tag key on each Macie classification job the function creates, holding the resource's logical id. */
export const JOB_OWNER_TAG_KEY = 'hipaa-baseline:logical-id';
