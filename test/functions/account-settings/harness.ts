/**
 * Runs the real handler, with the real SDK v3 clients, against the local account double, and receives its
 * answer to CloudFormation on a local server: both on 127.0.0.1 only.
 */
import type { Agent } from 'node:http';
import { createClients, destroyClients, type Clients } from '../../../lib/functions/account-settings/clients';
import {
  createHandler,
  ResponseNotSentError,
  type HandlerResult,
  type Logger,
  type Timing,
} from '../../../lib/functions/account-settings/handler';
import { localhostAgent } from '../../helpers/aws-double';
import { CloudFormationResponses } from '../../helpers/cloudformation-responses';
import { FakeAccount } from './fake-account';

export const ACCOUNT = '111122223333';
export const REGION = 'us-east-1';
export const STACK_ID = `arn:aws:cloudformation:${REGION}:${ACCOUNT}:stack/clinic-security-tooling/5b6d2a40-8f1e-11ef-9a3c-0a1b2c3d4e5f`;
export const LOGICAL_ID = 'AccountSettings';
export const PHYSICAL_ID = `account-settings-${ACCOUNT}-${REGION}`;
export const DATA_KEY = `arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
export const SERVICE_TOKEN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:clinic-account-settings`;

/** Every setting, as CloudFormation hands them over (scalars as strings). */
export function allProperties(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ServiceToken: SERVICE_TOKEN,
    PasswordPolicy: {
      MinimumPasswordLength: '14',
      RequireSymbols: 'true',
      RequireNumbers: 'true',
      RequireUppercaseCharacters: 'true',
      RequireLowercaseCharacters: 'true',
      MaxPasswordAge: '90',
      PasswordReusePrevention: '24',
    },
    EbsEncryptionByDefault: { KmsKeyArn: DATA_KEY },
    S3AccountPublicAccessBlock: 'true',
    Inspector: { ResourceTypes: ['EC2', 'ECR', 'LAMBDA', 'LAMBDA_CODE'] },
    MacieAutomatedDiscovery: 'true',
    MacieClassificationJob: phiJob(),
    ...overrides,
  };
}

export function phiJob(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    Name: 'clinic-phi-discovery',
    TagKey: 'DataClassification',
    TagValues: ['PHI', 'Deidentified'],
    ScheduleFrequency: 'DAILY',
    ...overrides,
  };
}

export interface Invocation {
  readonly result?: HandlerResult;
  /** Set when the handler threw (only when the answer could not be sent). */
  readonly thrown?: unknown;
  /** The answer CloudFormation received (the last accepted PUT of this invocation). */
  readonly answer: any;
}

/** Timings short enough for tests; the logic is the same as with the defaults. */
export const FAST: Timing = { pollIntervalMs: 20, inspectorWaitMs: 2_000, sendRetryDelayMs: 20, sendTimeoutMs: 2_000 };

export class Harness {
  readonly fake = new FakeAccount();
  readonly responses = new CloudFormationResponses();
  readonly logs: { level: string; entry: Record<string, unknown> }[] = [];
  clients?: Clients;
  private agent?: Agent;
  private requests = 0;

  async start(): Promise<this> {
    const port = await this.fake.start();
    await this.responses.start();
    this.agent = localhostAgent();
    this.clients = createClients({
      region: REGION,
      endpoint: `http://localhost:${port}`,
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
      retryBaseDelayMs: 1,
      httpAgent: this.agent,
    });
    return this;
  }

  async stop(): Promise<void> {
    if (this.clients) destroyClients(this.clients);
    this.agent?.destroy();
    await this.fake.stop();
    await this.responses.stop();
  }

  /** A CloudFormation request of the given type, with a fresh request id and response URL. */
  event(
    requestType: 'Create' | 'Update' | 'Delete',
    properties: Record<string, unknown> = allProperties(),
    old?: Record<string, unknown>,
  ): Record<string, unknown> {
    const requestId = `9a0c2f4e-0000-4000-8000-${String(++this.requests).padStart(12, '0')}`;
    return {
      RequestType: requestType,
      ServiceToken: SERVICE_TOKEN,
      ResponseURL: this.responses.url(requestId),
      StackId: STACK_ID,
      RequestId: requestId,
      LogicalResourceId: LOGICAL_ID,
      ResourceType: 'Custom::AccountSettings',
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
