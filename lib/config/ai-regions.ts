/**
 * Where the AI services the baseline configures exist. Outside these regions the features they back are off
 * by default, and switching one on explicitly fails synth with a line naming the field (see ai-schema.ts).
 * Sources (Amazon Bedrock User Guide): "Supported Regions and models for Amazon Bedrock Guardrails" and
 * "Feature support by AWS Region in Amazon Bedrock" (model invocation logging is part of model inference,
 * which every Bedrock region offers). Extend a list when AWS extends the service; nothing else changes.
 */

/** Regions with Amazon Bedrock model inference, and so model invocation logging. */
export const BEDROCK_REGIONS: readonly string[] = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'us-gov-east-1',
  'us-gov-west-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ca-central-1',
  'eu-central-1',
  'eu-central-2',
  'eu-north-1',
  'eu-south-1',
  'eu-south-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'sa-east-1',
];

/** Regions with Amazon Bedrock Guardrails (AWS::Bedrock::Guardrail). */
export const BEDROCK_GUARDRAIL_REGIONS: readonly string[] = BEDROCK_REGIONS.filter(
  (region) => region !== 'ap-southeast-3' && region !== 'ap-southeast-4',
);

/** Whether Bedrock model invocation logging can be configured in a region. */
export const invocationLoggingAvailable = (region: string): boolean => BEDROCK_REGIONS.includes(region);

/** Whether Bedrock guardrails can be created in a region. */
export const guardrailAvailable = (region: string): boolean => BEDROCK_GUARDRAIL_REGIONS.includes(region);
