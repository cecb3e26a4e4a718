/**
 * A local double of the EC2 and SNS query APIs on 127.0.0.1, answering the real AWS SDK v3 clients with
 * the XML those services return. It keeps state (instances, network interfaces, tags, snapshots, published
 * messages), so a second invocation sees what the first one did, and it can inject faults: throttling a
 * given number of times, or failing a call with a given error code.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeInterface {
  id: string;
  vpcId: string;
  groups: string[];
}

export interface FakeInstance {
  id: string;
  vpcId: string;
  state?: string;
  interfaces: FakeInterface[];
  volumes: { volumeId: string; device: string }[];
  tags: Record<string, string>;
}

export interface FakeSnapshot {
  snapshotId: string;
  volumeId: string;
  description: string;
  tags: Record<string, string>;
}

/** One request as received: service, action and the decoded form parameters. */
export interface Received {
  service: 'ec2' | 'sns';
  action: string;
  params: Record<string, string>;
}

interface Fault {
  action: string;
  when: (params: Record<string, string>) => boolean;
  remaining: number;
  status: number;
  code: string;
}

export class FakeAws {
  readonly instances = new Map<string, FakeInstance>();
  readonly snapshots: FakeSnapshot[] = [];
  readonly received: Received[] = [];
  readonly published: Record<string, string>[] = [];
  /** Actions EC2 would refuse with UnauthorizedOperation (checked for dry runs and real calls alike). */
  readonly denied = new Set<string>();
  private readonly faults: Fault[] = [];
  private readonly delays: { action: string; ms: number; when: Fault['when'] }[] = [];
  private server?: Server;
  private nextId = 1;

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  addInstance(instance: FakeInstance): FakeInstance {
    this.instances.set(instance.id, instance);
    return instance;
  }

  /** Fails the next `times` calls of an action (matching `when`) with an error code. */
  fail(action: string, code: string, options: { times?: number; status?: number; when?: Fault['when'] } = {}) {
    this.faults.push({
      action,
      code,
      remaining: options.times ?? Infinity,
      status: options.status ?? 400,
      when: options.when ?? (() => true),
    });
  }

  /** Answers the next `times` calls of an action (matching `when`) with RequestLimitExceeded (HTTP 503). */
  throttle(action: string, times: number, when?: Fault['when']) {
    this.fail(action, 'RequestLimitExceeded', { times, status: 503, when });
  }

  /** Answers calls of an action (matching `when`) only after `ms`; the call takes effect at once. */
  slow(action: string, ms: number, when: Fault['when'] = () => true) {
    this.delays.push({ action, ms, when });
  }

  /** Forgets injected faults, delays and received requests (state stays), as between two invocations. */
  clearFaultsAndRequests(): void {
    this.faults.length = 0;
    this.delays.length = 0;
    this.received.length = 0;
  }

  /** Calls of an action that reached the double (throttled attempts included). */
  calls(action: string): Record<string, string>[] {
    return this.received.filter((r) => r.action === action).map((r) => r.params);
  }

  /** EC2 calls that would have changed something (no DryRun flag). */
  mutatingCalls(): Received[] {
    const readOnly = new Set(['DescribeInstances', 'DescribeSnapshots']);
    return this.received.filter((r) => r.service === 'ec2' && !readOnly.has(r.action) && r.params.DryRun !== 'true');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body = '';
    for await (const chunk of req) body += chunk;
    const params = Object.fromEntries(new URLSearchParams(body));
    const service = params.Version === '2010-03-31' ? 'sns' : 'ec2'; // the API version names the service
    const action = params.Action ?? '';
    this.received.push({ service, action, params });
    const fault = this.faults.find((f) => f.action === action && f.remaining > 0 && f.when(params));
    if (fault) {
      fault.remaining--;
      return this.error(res, service, fault.status, fault.code, `injected ${fault.code}`);
    }
    if (service === 'sns') return this.publish(res, params);
    if (this.denied.has(action)) return this.error(res, service, 403, 'UnauthorizedOperation', 'not authorized');
    if (params.DryRun === 'true' && action !== 'DescribeInstances' && action !== 'DescribeSnapshots') {
      return this.error(res, service, 412, 'DryRunOperation', 'Request would have succeeded, but DryRun flag is set.');
    }
    const route: Record<string, (p: Record<string, string>) => string | [number, string, string]> = {
      DescribeInstances: (p) => this.describeInstances(p),
      DescribeSnapshots: (p) => this.describeSnapshots(p),
      CreateTags: (p) => this.createTags(p),
      ModifyNetworkInterfaceAttribute: (p) => this.modifyInterface(p),
      CreateSnapshot: (p) => this.createSnapshot(p),
    };
    const answer =
      route[action]?.(params) ?? ([400, 'InvalidAction', `unsupported ${action}`] as [number, string, string]);
    if (Array.isArray(answer)) return this.error(res, service, ...answer);
    const delay = this.delays.find((d) => d.action === action && d.when(params));
    if (delay) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay.ms);
        res.once('close', () => (clearTimeout(timer), resolve()));
      });
      if (res.destroyed) return;
    }
    res.writeHead(200, { 'content-type': 'text/xml' }).end(answer);
  }

  private error(res: ServerResponse, service: string, status: number, code: string, message: string): void {
    const xml =
      service === 'sns'
        ? `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${esc(message)}</Message></Error><RequestId>r-1</RequestId></ErrorResponse>`
        : `<Response><Errors><Error><Code>${code}</Code><Message>${esc(message)}</Message></Error></Errors><RequestID>r-1</RequestID></Response>`;
    res.writeHead(status, { 'content-type': 'text/xml' }).end(xml);
  }

  private describeInstances(p: Record<string, string>): string | [number, string, string] {
    const id = p['InstanceId.1'];
    const instance = this.instances.get(id);
    if (!instance) return [400, 'InvalidInstanceID.NotFound', `The instance ID '${id}' does not exist`];
    const interfaces = instance.interfaces
      .map(
        (eni, index) =>
          `<item><networkInterfaceId>${eni.id}</networkInterfaceId><vpcId>${eni.vpcId}</vpcId>` +
          `<attachment><deviceIndex>${index}</deviceIndex><networkCardIndex>0</networkCardIndex><status>attached</status></attachment>` +
          `<groupSet>${eni.groups.map((g) => `<item><groupId>${g}</groupId><groupName>${g}-name</groupName></item>`).join('')}</groupSet></item>`,
      )
      .reverse() // EC2 does not promise attachment order; the function sorts by device index.
      .join('');
    const volumes = instance.volumes
      .map(
        (v) =>
          `<item><deviceName>${v.device}</deviceName><ebs><volumeId>${v.volumeId}</volumeId><status>attached</status></ebs></item>`,
      )
      .join('');
    return wrap(
      'DescribeInstances',
      `<reservationSet><item><reservationId>r-0123</reservationId><instancesSet><item>` +
        `<instanceId>${instance.id}</instanceId><vpcId>${instance.vpcId}</vpcId>` +
        `<instanceState><code>16</code><name>${instance.state ?? 'running'}</name></instanceState>` +
        `<networkInterfaceSet>${interfaces}</networkInterfaceSet><blockDeviceMapping>${volumes}</blockDeviceMapping>` +
        `<tagSet>${tagSet(instance.tags)}</tagSet></item></instancesSet></item></reservationSet>`,
    );
  }

  private describeSnapshots(p: Record<string, string>): string {
    const filters = listOf(p, 'Filter').map((prefix) => ({ name: p[`${prefix}.Name`], value: p[`${prefix}.Value.1`] }));
    const match = (s: FakeSnapshot) =>
      filters.every((f) => (f.name.startsWith('tag:') ? s.tags[f.name.slice(4)] === f.value : false));
    const items = this.snapshots
      .filter(match)
      .map(
        (s) =>
          `<item><snapshotId>${s.snapshotId}</snapshotId><volumeId>${s.volumeId}</volumeId><status>completed</status>` +
          `<description>${esc(s.description)}</description><tagSet>${tagSet(s.tags)}</tagSet></item>`,
      );
    return wrap('DescribeSnapshots', `<snapshotSet>${items.join('')}</snapshotSet>`);
  }

  private createTags(p: Record<string, string>): string | [number, string, string] {
    const instance = this.instances.get(p['ResourceId.1']);
    if (!instance) return [400, 'InvalidID', `unknown resource ${p['ResourceId.1']}`];
    for (const prefix of listOf(p, 'Tag')) instance.tags[p[`${prefix}.Key`]] = p[`${prefix}.Value`] ?? '';
    return wrap('CreateTags', '<return>true</return>');
  }

  private modifyInterface(p: Record<string, string>): string | [number, string, string] {
    const eni = [...this.instances.values()].flatMap((i) => i.interfaces).find((e) => e.id === p.NetworkInterfaceId);
    if (!eni) return [400, 'InvalidNetworkInterfaceID.NotFound', `unknown ${p.NetworkInterfaceId}`];
    eni.groups = listOf(p, 'SecurityGroupId').map((key) => p[key]);
    return wrap('ModifyNetworkInterfaceAttribute', '<return>true</return>');
  }

  private createSnapshot(p: Record<string, string>): string {
    const tags: Record<string, string> = {};
    for (const prefix of listOf(p, 'TagSpecification.1.Tag')) tags[p[`${prefix}.Key`]] = p[`${prefix}.Value`] ?? '';
    const snapshot = {
      snapshotId: `snap-${String(this.nextId++).padStart(17, '0')}`,
      volumeId: p.VolumeId,
      description: p.Description,
      tags,
    };
    this.snapshots.push(snapshot);
    return wrap(
      'CreateSnapshot',
      `<snapshotId>${snapshot.snapshotId}</snapshotId><volumeId>${p.VolumeId}</volumeId><status>pending</status>`,
    );
  }

  private publish(res: ServerResponse, p: Record<string, string>): void {
    this.published.push(p);
    res
      .writeHead(200, { 'content-type': 'text/xml' })
      .end(
        `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>m-${this.published.length}</MessageId></PublishResult>` +
          `<ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></PublishResponse>`,
      );
  }
}

const esc = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const wrap = (action: string, inner: string) =>
  `<${action}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r-1</requestId>${inner}</${action}Response>`;

const tagSet = (tags: Record<string, string>) =>
  Object.entries(tags)
    .map(([key, value]) => `<item><key>${esc(key)}</key><value>${esc(value)}</value></item>`)
    .join('');

/** Prefixes `Name.1`, `Name.2`, … of a query-protocol list present in the parameters. */
function listOf(params: Record<string, string>, name: string): string[] {
  const prefixes: string[] = [];
  for (let i = 1; Object.keys(params).some((k) => k === `${name}.${i}` || k.startsWith(`${name}.${i}.`)); i++) {
    prefixes.push(`${name}.${i}`);
  }
  return prefixes;
}
