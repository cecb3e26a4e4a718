/**
 * TEMPORARY — the part of `@aws-sdk/client-bedrock` (3.1178.0) this function uses, declared as that
 * package declares it, so the project type-checks before it depends on the package. The Lambda runtime
 * provides the package itself (the bundle leaves `@aws-sdk/*` to it). Delete this file in the change that
 * adds `"@aws-sdk/client-bedrock": "3.1178.0"` to package.json: an ambient module declaration takes
 * precedence over the package's own types.
 */
declare module '@aws-sdk/client-bedrock' {
  export interface S3Config {
    bucketName: string | undefined;
    keyPrefix?: string | undefined;
  }

  export interface CloudWatchConfig {
    logGroupName: string | undefined;
    roleArn: string | undefined;
    largeDataDeliveryS3Config?: S3Config | undefined;
  }

  export interface LoggingConfig {
    cloudWatchConfig?: CloudWatchConfig | undefined;
    s3Config?: S3Config | undefined;
    textDataDeliveryEnabled?: boolean | undefined;
    imageDataDeliveryEnabled?: boolean | undefined;
    embeddingDataDeliveryEnabled?: boolean | undefined;
    videoDataDeliveryEnabled?: boolean | undefined;
    audioDataDeliveryEnabled?: boolean | undefined;
  }

  export interface BedrockClientConfig {
    region?: string;
    endpoint?: string;
    credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
    maxAttempts?: number;
    retryStrategy?: unknown;
    requestHandler?: { connectionTimeout?: number; requestTimeout?: number; httpAgent?: unknown };
  }

  export class GetModelInvocationLoggingConfigurationCommand {
    constructor(input: Record<string, never>);
  }
  export interface GetModelInvocationLoggingConfigurationCommandOutput {
    loggingConfig?: LoggingConfig | undefined;
  }

  export class PutModelInvocationLoggingConfigurationCommand {
    constructor(input: { loggingConfig: LoggingConfig | undefined });
  }

  export class BedrockClient {
    constructor(configuration?: BedrockClientConfig);
    send(
      command: GetModelInvocationLoggingConfigurationCommand,
      options?: { abortSignal?: AbortSignal },
    ): Promise<GetModelInvocationLoggingConfigurationCommandOutput>;
    send(
      command: PutModelInvocationLoggingConfigurationCommand,
      options?: { abortSignal?: AbortSignal },
    ): Promise<Record<string, unknown>>;
    destroy(): void;
  }
}
