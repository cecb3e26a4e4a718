/**
 * Runs the real handler, with the real SDK v3 Bedrock client, against the local Bedrock double, and receives
 * its answer to CloudFormation on a local server: both on 127.0.0.1 only.
 */
import { createClients, destroyClients, type Clients } from '../../../lib/functions/model-invocation-logging/clients';
import {
  createHandler,
  ResponseNotSentError,
  type HandlerResult,
  type Logger,
  type Timing,
} from '../../../lib/functions/model-invocation-logging/handler';
import { CloudFormationResponses } from '../../helpers/cloudformation-responses';
import { FakeBedrock } from './fake-bedrock';

export const ACCOUNT = '111122223333';
export const REGION = 'us-east-1';
export const STACK_ID = `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/clinic-ai-workloads/5b6d2a40-8f1e-11ef-9a3c-0a1b2c3d4e5f`;
export const PHYSICAL_ID = `model-invocation-logging-${ACCOUNT}-${REGION}`;
export const SERVICE_TOKEN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:clinic-model-invocation-logging`;
export const BUCKET = `clinic-bedrock-logs-${ACCOUNT}-${REGION}`;
export const LOG_GROUP = 'clinic-ai-workloads-InvocationLoggingLogGroupEDBFE163-Xy12';
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/clinic-ai-workloads-InvocationLoggingDeliveryRole-AbC`;

/** The properties the baseline gives the resource, as CloudFormation hands them over (scalars as strings). */
export function baselineProperties(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ServiceToken: SERVICE_TOKEN,
    ServiceTimeout: '180',
    S3Config: { BucketName: BUCKET, KeyPrefix: 'model-invocations' },
    CloudWatchConfig: {
      LogGroupName: LOG_GROUP,
      RoleArn: ROLE_ARN,
      LargeDataDeliveryS3Config: { BucketName: BUCKET, KeyPrefix: 'model-invocations/large-data' },
    },
    TextDataDeliveryEnabled: 'true',
    ImageDataDeliveryEnabled: 'true',
    EmbeddingDataDeliveryEnabled: 'true',
    VideoDataDeliveryEnabled: 'true',
    AudioDataDeliveryEnabled: 'true',
    ...overrides,
  };
}

/** The configuration Bedrock holds after the baseline's properties were applied. */
export const BASELINE_CONFIG = {
  s3Config: { bucketName: BUCKET, keyPrefix: 'model-invocations' },
  cloudWatchConfig: {
    logGroupName: LOG_GROUP,
    roleArn: ROLE_ARN,
    largeDataDeliveryS3Config: { bucketName: BUCKET, keyPrefix: 'model-invocations/large-data' },
  },
  textDataDeliveryEnabled: true,
  imageDataDeliveryEnabled: true,
  embeddingDataDeliveryEnabled: true,
  videoDataDeliveryEnabled: true,
  audioDataDeliveryEnabled: true,
};

export interface Invocation {
  readonly result?: HandlerResult;
  readonly thrown?: unknown;
  /** The answer CloudFormation received (the last accepted PUT of this invocation). */
  readonly answer: any;
}

/** Timings short enough for tests; the logic is the same as with the defaults. */
export const FAST: Timing = { sendRetryDelayMs: 20, sendTimeoutMs: 2_000 };

export class Harness {
  readonly fake = new FakeBedrock();
  readonly responses = new CloudFormationResponses();
  readonly logs: { level: string; entry: Record<string, unknown> }[] = [];
  clients?: Clients;
  private requests = 0;

  async start(): Promise<this> {
    const port = await this.fake.start();
    await this.responses.start();
    this.clients = createClients({
      region: REGION,
      endpoint: `http://127.0.0.1:${port}`,
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
      retryBaseDelayMs: 1,
    });
    return this;
  }

  async stop(): Promise<void> {
    if (this.clients) destroyClients(this.clients);
    await this.fake.stop();
    await this.responses.stop();
  }

  event(
    requestType: 'Create' | 'Update' | 'Delete',
    properties: Record<string, unknown> = baselineProperties(),
    old?: Record<string, unknown>,
  ): Record<string, unknown> {
    const requestId = `7c1d3e5f-0000-4000-8000-${String(++this.requests).padStart(12, '0')}`;
    return {
      RequestType: requestType,
      ServiceToken: SERVICE_TOKEN,
      ResponseURL: this.responses.url(requestId),
      StackId: STACK_ID,
      RequestId: requestId,
      LogicalResourceId: 'InvocationLoggingSettingB7DC4948',
      ResourceType: 'Custom::ModelInvocationLogging',
      ...(requestType === 'Create' ? {} : { PhysicalResourceId: PHYSICAL_ID }),
      ResourceProperties: properties,
      ...(requestType === 'Update' ? { OldResourceProperties: old ?? properties } : {}),
    };
  }

  async invoke(event: unknown, options: { timing?: Timing; context?: object } = {}): Promise<Invocation> {
    const log: Logger = (level, entry) => this.logs.push({ level, entry });
    const handler = createHandler({ clients: () => this.clients!, log, timing: options.timing ?? FAST });
    const before = this.responses.accepted().length;
    let result: HandlerResult | undefined;
    let thrown: unknown;
    try {
      result = await handler(event, options.context);
    } catch (error) {
      thrown = error;
      if (error instanceof ResponseNotSentError) result = error.result;
    }
    const accepted = this.responses.accepted().slice(before);
    return { ...(result ? { result } : {}), ...(thrown ? { thrown } : {}), answer: accepted[accepted.length - 1] };
  }
}
