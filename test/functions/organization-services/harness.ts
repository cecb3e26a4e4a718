/**
 * Runs the real handler, with the real SDK v3 GuardDuty, Macie and Inspector clients, against the local
 * double, and receives its answer to CloudFormation on a local server: both on 127.0.0.1 only.
 */
import { createClientPool, type ClientPool } from '../../../lib/functions/organization-services/clients';
import {
  createHandler,
  ResponseNotSentError,
  type HandlerResult,
  type Logger,
  type Timing,
} from '../../../lib/functions/organization-services/handler';
import { CloudFormationResponses } from '../../helpers/cloudformation-responses';
import { FakeOrganizationServices } from './fake-organization-services';

export const MANAGEMENT = '111111111111';
export const AUDIT = '333333333333';
export const REGION = 'us-east-1';

/** The properties the management stack gives the resource. */
export function registrationProperties(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ServiceToken: `arn:aws:lambda:${REGION}:${MANAGEMENT}:function:clinic-organization-services`,
    ServiceTimeout: '180',
    Setting: 'DelegatedAdministrator',
    AdministratorAccountId: AUDIT,
    Regions: ['us-east-1', 'us-west-2'],
    ...overrides,
  };
}

export const RUNTIME = ['EKS_ADDON_MANAGEMENT', 'ECS_FARGATE_AGENT_MANAGEMENT', 'EC2_AGENT_MANAGEMENT'];
export const PLANS = [
  'S3_DATA_EVENTS',
  'EKS_AUDIT_LOGS',
  'EBS_MALWARE_PROTECTION',
  'RDS_LOGIN_EVENTS',
  'LAMBDA_NETWORK_LOGS',
];

/** The properties the audit stack gives the resource (the baseline's protection plans). */
export function autoEnableProperties(
  detectorId: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    ServiceToken: `arn:aws:lambda:${REGION}:${AUDIT}:function:clinic-organization-services`,
    ServiceTimeout: '180',
    Setting: 'OrganizationConfiguration',
    GuardDutyDetectorId: detectorId,
    GuardDutyFeatures: [
      ...PLANS.map((Name) => ({ Name })),
      { Name: 'RUNTIME_MONITORING', AdditionalConfiguration: RUNTIME },
    ],
    InspectorResourceTypes: ['EC2', 'ECR', 'LAMBDA'],
    ...overrides,
  };
}

export interface Invocation {
  readonly result?: HandlerResult;
  readonly thrown?: unknown;
  /** The answer CloudFormation received (the last accepted PUT of this invocation). */
  readonly answer: any;
}

export const FAST: Timing = { sendRetryDelayMs: 20, sendTimeoutMs: 2_000 };

export class Harness {
  readonly fake = new FakeOrganizationServices();
  readonly responses = new CloudFormationResponses();
  readonly logs: { level: string; entry: Record<string, unknown> }[] = [];
  pool?: ClientPool;
  private requests = 0;

  async start(): Promise<this> {
    const port = await this.fake.start();
    await this.responses.start();
    this.pool = createClientPool({
      endpoint: `http://127.0.0.1:${port}`,
      credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' },
      retryBaseDelayMs: 1,
    });
    return this;
  }

  async stop(): Promise<void> {
    this.pool?.destroy();
    await this.fake.stop();
    await this.responses.stop();
  }

  event(
    requestType: 'Create' | 'Update' | 'Delete',
    properties: Record<string, unknown>,
    account = AUDIT,
  ): Record<string, unknown> {
    const requestId = `7c1d3e5f-0000-4000-8000-${String(++this.requests).padStart(12, '0')}`;
    return {
      RequestType: requestType,
      ServiceToken: properties.ServiceToken,
      ResponseURL: this.responses.url(requestId),
      StackId: `arn:aws:cloudformation:${REGION}:${account}:stack/clinic-org/5b6d2a40-8f1e-11ef-9a3c-0a1b2c3d4e5f`,
      RequestId: requestId,
      LogicalResourceId: 'OrganizationSettingB7DC4948',
      ResourceType: 'Custom::OrganizationAutoEnable',
      ...(requestType === 'Create' ? {} : { PhysicalResourceId: `organization-services-${account}-${REGION}` }),
      ResourceProperties: properties,
      ...(requestType === 'Update' ? { OldResourceProperties: properties } : {}),
    };
  }

  async invoke(event: unknown): Promise<Invocation> {
    const log: Logger = (level, entry) => this.logs.push({ level, entry });
    const handler = createHandler({ clients: () => this.pool!.clients, log, timing: FAST });
    const before = this.responses.accepted().length;
    let result: HandlerResult | undefined;
    let thrown: unknown;
    try {
      result = await handler(event);
    } catch (error) {
      thrown = error;
      if (error instanceof ResponseNotSentError) result = error.result;
    }
    const accepted = this.responses.accepted().slice(before);
    return { ...(result ? { result } : {}), ...(thrown ? { thrown } : {}), answer: accepted[accepted.length - 1] };
  }
}
