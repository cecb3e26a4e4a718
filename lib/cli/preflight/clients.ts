/**
 * The SDK clients preflight reads with, one per service and region, created on first use and sharing one
 * credential provider (the default chain unless given). Every call goes through the SDK's retry strategy
 * (throttling, 5xx, network errors) with `maxAttempts` attempts and exponential backoff with jitter.
 * AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE> are honoured by the SDK itself; with an endpoint S3 is
 * addressed path-style.
 */
import { AccessAnalyzerClient } from '@aws-sdk/client-accessanalyzer';
import { BackupClient } from '@aws-sdk/client-backup';
import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { ConfigServiceClient } from '@aws-sdk/client-config-service';
import { EC2Client } from '@aws-sdk/client-ec2';
import { GuardDutyClient } from '@aws-sdk/client-guardduty';
import { IAMClient } from '@aws-sdk/client-iam';
import { Inspector2Client } from '@aws-sdk/client-inspector2';
import { KMSClient } from '@aws-sdk/client-kms';
import { LambdaClient } from '@aws-sdk/client-lambda';
import { Macie2Client } from '@aws-sdk/client-macie2';
import { S3Client } from '@aws-sdk/client-s3';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { STSClient, type STSClientConfig } from '@aws-sdk/client-sts';
import { ConfiguredRetryStrategy } from '@smithy/core/retry';

/** Longest single wait between attempts (milliseconds). */
const MAX_DELAY_MS = 5_000;

export interface PreflightClientOptions {
  /** Attempts per call, the first included. */
  readonly maxAttempts: number;
  /** @default - the SDK's resolution (AWS_ENDPOINT_URL…, else the AWS endpoints) */
  readonly endpoint?: string;
  /** @default - the default credential chain */
  readonly credentials?: STSClientConfig['credentials'];
  /** Base of the backoff between attempts. @default 200 */
  readonly retryBaseDelayMs?: number;
}

/** Wait before retry number `retry` (1-based): base·2^retry, capped, with jitter over its upper half. */
export function backoffDelay(retry: number, baseMs: number, random = Math.random): number {
  const ceiling = Math.min(MAX_DELAY_MS, baseMs * 2 ** retry);
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

type Destroyable = { destroy(): void };
type ClientClass<C> = new (config: any) => C;

export class PreflightClients {
  private readonly created = new Map<string, Destroyable>();
  private credentials?: PreflightClientOptions['credentials'];

  constructor(private readonly options: PreflightClientOptions) {
    this.credentials = options.credentials;
  }

  sts = (region: string) => this.get(STSClient, region);
  iam = (region: string) => this.get(IAMClient, region);
  ec2 = (region: string) => this.get(EC2Client, region);
  cloudFormation = (region: string) => this.get(CloudFormationClient, region);
  lambda = (region: string) => this.get(LambdaClient, region);
  guardDuty = (region: string) => this.get(GuardDutyClient, region);
  securityHub = (region: string) => this.get(SecurityHubClient, region);
  macie = (region: string) => this.get(Macie2Client, region);
  accessAnalyzer = (region: string) => this.get(AccessAnalyzerClient, region);
  config = (region: string) => this.get(ConfigServiceClient, region);
  inspector = (region: string) => this.get(Inspector2Client, region);
  cloudTrail = (region: string) => this.get(CloudTrailClient, region);
  kms = (region: string) => this.get(KMSClient, region);
  backup = (region: string) => this.get(BackupClient, region);
  serviceQuotas = (region: string) => this.get(ServiceQuotasClient, region);
  s3 = (region: string) => {
    const endpointSet = Boolean(
      this.options.endpoint || process.env.AWS_ENDPOINT_URL_S3 || process.env.AWS_ENDPOINT_URL,
    );
    return this.get(S3Client, region, { forcePathStyle: endpointSet, followRegionRedirects: true });
  };

  destroy(): void {
    for (const client of this.created.values()) client.destroy();
    this.created.clear();
  }

  private get<C extends Destroyable>(Client: ClientClass<C>, region: string, extra: object = {}): C {
    const key = `${Client.name} ${region}`;
    let client = this.created.get(key) as C | undefined;
    if (!client) {
      const base = this.options.retryBaseDelayMs ?? 200;
      client = new Client({
        region,
        ...(this.options.endpoint ? { endpoint: this.options.endpoint } : {}),
        ...(this.credentials ? { credentials: this.credentials } : {}),
        maxAttempts: this.options.maxAttempts,
        retryStrategy: new ConfiguredRetryStrategy(this.options.maxAttempts, (retry) => backoffDelay(retry, base)),
        requestHandler: { connectionTimeout: 3_000, requestTimeout: 15_000 },
        ...extra,
      });
      // One credential resolution for every client: the first client's provider is shared.
      this.credentials ??= (client as any).config.credentials;
      this.created.set(key, client);
    }
    return client;
  }
}
