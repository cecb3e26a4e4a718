/**
 * The custom resource's `ResourceProperties`: where Amazon Bedrock delivers the model invocation logs of the
 * stack's account and region, as PutModelInvocationLoggingConfiguration takes it (PascalCase):
 *
 * - `S3Config` — `{ BucketName, KeyPrefix? }`: the logs (prompts, outputs, metadata) as objects.
 * - `CloudWatchConfig` — `{ LogGroupName, RoleArn, LargeDataDeliveryS3Config?: { BucketName, KeyPrefix? } }`:
 *   the logs as events of the log group, written with the role; bodies over 100 KB and binary data go to
 *   the large-data bucket.
 * - `TextDataDeliveryEnabled`, `ImageDataDeliveryEnabled`, `EmbeddingDataDeliveryEnabled`,
 *   `VideoDataDeliveryEnabled`, `AudioDataDeliveryEnabled` — which bodies are logged (default: every kind).
 *
 * At least one destination is required. CloudFormation hands every scalar to the function as a string, so
 * booleans are accepted as "true"/"false" too. Every problem is one `ResourceProperties.<path>: reason` line.
 */
import type { LoggingConfig } from '@aws-sdk/client-bedrock';
import * as z from 'zod/mini';
import { formatIssues } from '../common/issues';

export type ParsedProperties =
  { readonly ok: true; readonly config: LoggingConfig } | { readonly ok: false; readonly problems: readonly string[] };

const message = (what: string) => ({
  error: (issue: { readonly code?: string; readonly input?: unknown; readonly keys?: readonly string[] }) => {
    if (issue.code === 'unrecognized_keys') return `unknown field(s) ${issue.keys?.join(', ')}`;
    return issue.input === undefined ? 'required' : `must be ${what}`;
  },
});

const bool = z.pipe(
  z.union([z.boolean(), z.enum(['true', 'false'])], message('true or false')),
  z.transform((v) => v === true || v === 'true'),
);

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const LOG_GROUP = /^[.\-_/#A-Za-z0-9]{1,512}$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;

const s3Schema = z.strictObject(
  {
    BucketName: z.string(message('an S3 bucket name')).check(z.regex(BUCKET, 'must be an S3 bucket name')),
    KeyPrefix: z.optional(
      z.string(message('a key prefix')).check(
        z.maxLength(1024, 'must be at most 1024 characters'),
        z.refine((prefix) => !prefix.startsWith('/'), 'must not start with "/"'),
      ),
    ),
  },
  message('an object with BucketName (and KeyPrefix)'),
);

const cloudWatchSchema = z.strictObject(
  {
    LogGroupName: z.string(message('a log group name')).check(z.regex(LOG_GROUP, 'must be a log group name')),
    RoleArn: z.string(message('an IAM role ARN')).check(z.regex(ROLE_ARN, 'must be an IAM role ARN')),
    LargeDataDeliveryS3Config: z.optional(s3Schema),
  },
  message('an object with LogGroupName and RoleArn (and LargeDataDeliveryS3Config)'),
);

/** The kinds of body Bedrock can log, each on unless the properties say "false". */
export const DATA_KINDS = ['Text', 'Image', 'Embedding', 'Video', 'Audio'] as const;

const propertiesSchema = z
  .strictObject(
    {
      ServiceToken: z.optional(z.string()),
      ServiceTimeout: z.optional(z.union([z.string(), z.number()])),
      S3Config: z.optional(s3Schema),
      CloudWatchConfig: z.optional(cloudWatchSchema),
      ...Object.fromEntries(DATA_KINDS.map((kind) => [`${kind}DataDeliveryEnabled`, z.optional(bool)])),
    },
    message('an object'),
  )
  .check(
    z.refine((p) => p.S3Config !== undefined || p.CloudWatchConfig !== undefined, {
      message: 'must name a destination: S3Config, CloudWatchConfig or both',
    }),
  );

const s3 = (value: { BucketName: string; KeyPrefix?: string }) => ({
  bucketName: value.BucketName,
  ...(value.KeyPrefix ? { keyPrefix: value.KeyPrefix } : {}),
});

export function parseProperties(properties: unknown): ParsedProperties {
  const result = propertiesSchema.safeParse(properties ?? {});
  if (!result.success) return { ok: false, problems: formatIssues('ResourceProperties', result.error.issues) };
  const p = result.data as z.infer<typeof propertiesSchema> & Record<string, boolean | undefined>;
  const config: LoggingConfig = {
    ...(p.S3Config ? { s3Config: s3(p.S3Config) } : {}),
    ...(p.CloudWatchConfig
      ? {
          cloudWatchConfig: {
            logGroupName: p.CloudWatchConfig.LogGroupName,
            roleArn: p.CloudWatchConfig.RoleArn,
            ...(p.CloudWatchConfig.LargeDataDeliveryS3Config
              ? { largeDataDeliveryS3Config: s3(p.CloudWatchConfig.LargeDataDeliveryS3Config) }
              : {}),
          },
        }
      : {}),
    textDataDeliveryEnabled: p.TextDataDeliveryEnabled ?? true,
    imageDataDeliveryEnabled: p.ImageDataDeliveryEnabled ?? true,
    embeddingDataDeliveryEnabled: p.EmbeddingDataDeliveryEnabled ?? true,
    videoDataDeliveryEnabled: p.VideoDataDeliveryEnabled ?? true,
    audioDataDeliveryEnabled: p.AudioDataDeliveryEnabled ?? true,
  };
  return { ok: true, config };
}
