/** Runs the real handler, with real SDK v3 clients, against the local AWS double (EC2, SNS, Auto Scaling, ELB). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createClients, type Clients } from '../../../lib/functions/isolate-instance/clients';
import {
  createHandler,
  IncompleteResponseError,
  type HandlerResult,
  type Logger,
} from '../../../lib/functions/isolate-instance/handler';
import { FakeAws, type FakeInstance } from './fake-aws';

export const ACCOUNT = '111122223333';
export const VPC = 'vpc-0a1b2c3d4e5f60100';
export const OTHER_VPC = 'vpc-0a1b2c3d4e5f60200';
export const QUARANTINE = 'sg-0a1b2c3d4e5f6f001';
export const OTHER_QUARANTINE = 'sg-0a1b2c3d4e5f6f002';
export const TOPIC = `arn:aws:sns:us-east-1:${ACCOUNT}:hipaa-alerts`;
export const INSTANCE = 'i-0a1b2c3d4e5f60718';
export const FINDING_ID = '5ecb1e6d2a9f4d0e8c7b3a2f1e0d9c8b';
export const NOW = new Date('2025-03-04T10:20:00.000Z');
export const CONTEXT = { invokedFunctionArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:isolate-instance` };

/** The documented shape of a GuardDuty finding event (a fresh copy each time), optionally changed. */
export function findingEvent(change?: (event: any) => void): any {
  const event = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'guardduty-ec2-finding.json'), 'utf8'));
  change?.(event);
  return event;
}

export function settingsEnv(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return {
    AWS_REGION: 'us-east-1',
    QUARANTINE_SECURITY_GROUPS: JSON.stringify({ [VPC]: QUARANTINE, [OTHER_VPC]: OTHER_QUARANTINE }),
    ALERT_TOPIC_ARN: TOPIC,
    DRY_RUN: 'false',
    FINDING_TYPES: JSON.stringify(['Backdoor:EC2/', 'CryptoCurrency:EC2/', 'UnauthorizedAccess:EC2/']),
    MIN_SEVERITY: '7',
    ...overrides,
  };
}

/** The instance of the fixture: one interface with two groups, two volumes. */
export function webInstance(overrides: Partial<FakeInstance> = {}): FakeInstance {
  return {
    id: INSTANCE,
    vpcId: VPC,
    interfaces: [{ id: 'eni-0a1b2c3d4e5f60001', vpcId: VPC, groups: ['sg-0a1b2c3d4e5f61001', 'sg-0a1b2c3d4e5f61002'] }],
    volumes: [
      { volumeId: 'vol-0a1b2c3d4e5f60a01', device: '/dev/xvda' },
      { volumeId: 'vol-0a1b2c3d4e5f60a02', device: '/dev/sdf' },
    ],
    tags: { Name: 'ehr-app-1' },
    ...overrides,
  };
}

export interface Invocation {
  readonly result: HandlerResult;
  /** Set when the handler handed the event to Lambda's retry (after reporting). */
  readonly thrown?: IncompleteResponseError;
}

export class Harness {
  readonly fake = new FakeAws();
  readonly logs: { level: string; entry: Record<string, unknown> }[] = [];
  /** The real SDK clients, pointed at the double. */
  clients?: Clients;

  async start(): Promise<this> {
    const endpoint = await this.fake.start();
    const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' };
    this.clients = createClients({ region: 'us-east-1', endpoint, credentials, retryBaseDelayMs: 1 });
    return this;
  }

  async stop(): Promise<void> {
    for (const client of Object.values(this.clients ?? {})) client.destroy();
    await this.fake.stop();
  }

  async invoke(event: unknown, env = settingsEnv(), context: object = CONTEXT): Promise<Invocation> {
    const log: Logger = (level, entry) => this.logs.push({ level, entry });
    const handler = createHandler({ clients: () => this.clients!, env, now: () => NOW, log });
    try {
      return { result: await handler(event, context) };
    } catch (error) {
      if (error instanceof IncompleteResponseError) return { result: error.result, thrown: error };
      throw error;
    }
  }

  /** The messages published to the topic, parsed: subject, text, status attribute and JSON details. */
  alerts(): { subject: string; text: string; status: string; details: any }[] {
    return this.fake.published.map((p) => ({
      subject: p.Subject,
      text: p.Message,
      status: p['MessageAttributes.entry.1.Value.StringValue'],
      details: JSON.parse(p.Message.slice(p.Message.indexOf('Details (JSON):') + 'Details (JSON):'.length)),
    }));
  }
}
