/**
 * A local double of the EC2, SNS, Auto Scaling, ELBv2 and Classic ELB query APIs on 127.0.0.1, answering
 * the real AWS SDK v3 clients with the XML those services return. It keeps state (instances, network
 * interfaces, tags, snapshots, Auto Scaling groups, target groups, load balancers, published messages), so
 * a second invocation sees what the first one did, and it can inject faults: throttling a given number of
 * times, or failing a call with a given error code.
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

export interface FakeGroupMember {
  id: string;
  /** @default 'InService' */
  state?: string;
  protectedFromScaleIn?: boolean;
}

export interface FakeAutoScalingGroup {
  name: string;
  minSize: number;
  maxSize: number;
  desiredCapacity: number;
  instances: FakeGroupMember[];
  /** Instances launched to replace ones moved to Standby without lowering the desired capacity. */
  replacementsLaunched?: number;
}

export interface FakeTarget {
  id: string;
  port: number;
  /** @default 'healthy' */
  state?: string;
}

export interface FakeTargetGroup {
  arn: string;
  name: string;
  vpcId: string;
  /** @default 'instance' */
  targetType?: string;
  targets: FakeTarget[];
}

export interface FakeClassicLoadBalancer {
  name: string;
  vpcId: string;
  instances: string[];
}

/** The service each API version belongs to (the query protocol names its version in every request). */
const SERVICES = {
  '2016-11-15': 'ec2',
  '2010-03-31': 'sns',
  '2011-01-01': 'autoscaling',
  '2015-12-01': 'elbv2',
  '2012-06-01': 'elb',
} as const;
type Service = (typeof SERVICES)[keyof typeof SERVICES];

const NAMESPACES: Record<Exclude<Service, 'ec2'>, string> = {
  sns: 'http://sns.amazonaws.com/doc/2010-03-31/',
  autoscaling: 'http://autoscaling.amazonaws.com/doc/2011-01-01/',
  elbv2: 'http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/',
  elb: 'http://elasticloadbalancing.amazonaws.com/doc/2012-06-01/',
};

/** One request as received: service, action and the decoded form parameters. */
export interface Received {
  service: Service;
  action: string;
  params: Record<string, string>;
}

type Answer = string | [number, string, string];

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
  readonly autoScalingGroups: FakeAutoScalingGroup[] = [];
  readonly targetGroups: FakeTargetGroup[] = [];
  readonly classicLoadBalancers: FakeClassicLoadBalancer[] = [];
  /** Items per page of DescribeTargetGroups and DescribeLoadBalancers (small, so paging is exercised). */
  pageSize = 2;
  readonly received: Received[] = [];
  readonly published: Record<string, string>[] = [];
  /**
   * Actions refused for lack of permission: EC2 answers UnauthorizedOperation (for dry runs and real calls
   * alike), the other services AccessDenied.
   */
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

  /** Answers the next `times` calls of an EC2 action (matching `when`) with RequestLimitExceeded (HTTP 503). */
  throttle(action: string, times: number, when?: Fault['when']) {
    this.fail(action, 'RequestLimitExceeded', { times, status: 503, when });
  }

  /** Answers the next `times` calls of an Auto Scaling or ELB action with Throttling (HTTP 400), as those do. */
  throttleQuery(action: string, times: number, when?: Fault['when']) {
    this.fail(action, 'Throttling', { times, status: 400, when });
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

  /** Calls that would have changed something (not SNS, not Describe…, no DryRun flag). */
  mutatingCalls(): Received[] {
    return this.received.filter(
      (r) => r.service !== 'sns' && !r.action.startsWith('Describe') && r.params.DryRun !== 'true',
    );
  }

  /** The actions received, in order, each with the resource it named (instance, interface, volume, group). */
  sequence(): string[] {
    return this.received.map((r) => {
      const p = r.params;
      const about =
        p.NetworkInterfaceId ?? p.VolumeId ?? p.AutoScalingGroupName ?? p.LoadBalancerName ?? p.TargetGroupArn;
      return about ? `${r.action} ${about}` : r.action;
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let body = '';
    for await (const chunk of req) body += chunk;
    const params = Object.fromEntries(new URLSearchParams(body));
    const service: Service = SERVICES[params.Version as keyof typeof SERVICES] ?? 'ec2';
    const action = params.Action ?? '';
    this.received.push({ service, action, params });
    const fault = this.faults.find((f) => f.action === action && f.remaining > 0 && f.when(params));
    if (fault) {
      fault.remaining--;
      return this.error(res, service, fault.status, fault.code, `injected ${fault.code}`);
    }
    if (service === 'sns') return this.publish(res, params);
    if (this.denied.has(action)) {
      return service === 'ec2'
        ? this.error(res, service, 403, 'UnauthorizedOperation', 'not authorized')
        : this.error(res, service, 403, 'AccessDenied', `User is not authorized to perform: ${action}`);
    }
    if (params.DryRun === 'true' && action !== 'DescribeInstances' && action !== 'DescribeSnapshots') {
      return this.error(res, service, 412, 'DryRunOperation', 'Request would have succeeded, but DryRun flag is set.');
    }
    const routes: Record<Exclude<Service, 'sns'>, Record<string, (p: Record<string, string>) => Answer>> = {
      ec2: {
        DescribeInstances: (p) => this.describeInstances(p),
        DescribeSnapshots: (p) => this.describeSnapshots(p),
        CreateTags: (p) => this.createTags(p),
        ModifyNetworkInterfaceAttribute: (p) => this.modifyInterface(p),
        CreateSnapshot: (p) => this.createSnapshot(p),
      },
      autoscaling: {
        DescribeAutoScalingInstances: (p) => this.describeAutoScalingInstances(p),
        SetInstanceProtection: (p) => this.setInstanceProtection(p),
        EnterStandby: (p) => this.enterStandby(p),
      },
      elbv2: {
        DescribeTargetGroups: (p) => this.describeTargetGroups(p),
        DescribeTargetHealth: (p) => this.describeTargetHealth(p),
        DeregisterTargets: (p) => this.deregisterTargets(p),
      },
      elb: {
        DescribeLoadBalancers: (p) => this.describeLoadBalancers(p),
        DeregisterInstancesFromLoadBalancer: (p) => this.deregisterInstances(p),
      },
    };
    const answer: Answer = routes[service][action]?.(params) ?? [400, 'InvalidAction', `unsupported ${action}`];
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

  private error(res: ServerResponse, service: Service, status: number, code: string, message: string): void {
    const xml =
      service === 'ec2'
        ? `<Response><Errors><Error><Code>${code}</Code><Message>${esc(message)}</Message></Error></Errors><RequestID>r-1</RequestID></Response>`
        : `<ErrorResponse xmlns="${NAMESPACES[service]}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${esc(message)}</Message></Error><RequestId>r-1</RequestId></ErrorResponse>`;
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

  private describeAutoScalingInstances(p: Record<string, string>): string {
    const ids = listOf(p, 'InstanceIds.member').map((key) => p[key]);
    const members = this.autoScalingGroups.flatMap((g) =>
      g.instances.filter((i) => ids.includes(i.id)).map((i) => ({ group: g, member: i })),
    );
    const items = members.map(
      ({ group, member }) =>
        `<member><InstanceId>${member.id}</InstanceId><AutoScalingGroupName>${esc(group.name)}</AutoScalingGroupName>` +
        `<AvailabilityZone>us-east-1a</AvailabilityZone><InstanceType>t3.micro</InstanceType><HealthStatus>HEALTHY</HealthStatus>` +
        `<LifecycleState>${member.state ?? 'InService'}</LifecycleState>` +
        `<ProtectedFromScaleIn>${member.protectedFromScaleIn === true}</ProtectedFromScaleIn></member>`,
    );
    return query(
      'autoscaling',
      'DescribeAutoScalingInstances',
      `<AutoScalingInstances>${items.join('')}</AutoScalingInstances>`,
    );
  }

  /** The group and members a call names, or the error Auto Scaling answers. */
  private groupMembers(
    p: Record<string, string>,
  ): { group: FakeAutoScalingGroup; members: FakeGroupMember[] } | { error: [number, string, string] } {
    const group = this.autoScalingGroups.find((g) => g.name === p.AutoScalingGroupName);
    if (!group)
      return { error: [400, 'ValidationError', `AutoScalingGroup name not found - ${p.AutoScalingGroupName}`] };
    const ids = listOf(p, 'InstanceIds.member').map((key) => p[key]);
    const members = group.instances.filter((i) => ids.includes(i.id));
    const missing = ids.find((id) => !members.some((m) => m.id === id));
    if (missing) {
      return {
        error: [400, 'ValidationError', `The instance ${missing} is not part of Auto Scaling group ${group.name}.`],
      };
    }
    return { group, members };
  }

  private setInstanceProtection(p: Record<string, string>): Answer {
    const found = this.groupMembers(p);
    if ('error' in found) return found.error;
    for (const member of found.members) member.protectedFromScaleIn = p.ProtectedFromScaleIn === 'true';
    return query('autoscaling', 'SetInstanceProtection', '');
  }

  private enterStandby(p: Record<string, string>): Answer {
    const found = this.groupMembers(p);
    if ('error' in found) return found.error;
    const { group, members } = found;
    const notInService = members.find((m) => (m.state ?? 'InService') !== 'InService');
    if (notInService) return [400, 'ValidationError', `The instance ${notInService.id} is not in InService.`];
    const decrement = p.ShouldDecrementDesiredCapacity === 'true';
    if (decrement && group.desiredCapacity - members.length < group.minSize) {
      return [
        400,
        'ValidationError',
        `AutoScalingGroup ${group.name} has min-size=${group.minSize}, max-size=${group.maxSize}, and desired-capacity=${group.desiredCapacity}. ` +
          `To place into standby ${members.length} instances, please update the AutoScalingGroup sizes appropriately.`,
      ];
    }
    for (const member of members) member.state = 'Standby';
    if (decrement) group.desiredCapacity -= members.length;
    else group.replacementsLaunched = (group.replacementsLaunched ?? 0) + members.length;
    const activities = members.map(
      (m) =>
        `<member><ActivityId>a-${m.id}</ActivityId><AutoScalingGroupName>${esc(group.name)}</AutoScalingGroupName>` +
        `<Description>Moving EC2 instance to Standby: ${m.id}</Description><Cause>user request</Cause>` +
        `<StartTime>2025-03-04T10:20:00Z</StartTime><StatusCode>InProgress</StatusCode><Progress>50</Progress></member>`,
    );
    return query('autoscaling', 'EnterStandby', `<Activities>${activities.join('')}</Activities>`);
  }

  private describeTargetGroups(p: Record<string, string>): string {
    const [page, next] = paginate(this.targetGroups, p.Marker, this.pageSize);
    const items = page.map(
      (g) =>
        `<member><TargetGroupArn>${esc(g.arn)}</TargetGroupArn><TargetGroupName>${esc(g.name)}</TargetGroupName>` +
        `<Protocol>HTTP</Protocol><Port>80</Port><VpcId>${g.vpcId}</VpcId><TargetType>${g.targetType ?? 'instance'}</TargetType></member>`,
    );
    const marker = next ? `<NextMarker>${next}</NextMarker>` : '';
    return query('elbv2', 'DescribeTargetGroups', `<TargetGroups>${items.join('')}</TargetGroups>${marker}`);
  }

  private describeTargetHealth(p: Record<string, string>): Answer {
    const group = this.targetGroups.find((g) => g.arn === p.TargetGroupArn);
    if (!group) return [400, 'TargetGroupNotFound', `Target groups '${p.TargetGroupArn}' not found`];
    const items = group.targets.map(
      (t) =>
        `<member><Target><Id>${t.id}</Id><Port>${t.port}</Port></Target><HealthCheckPort>${t.port}</HealthCheckPort>` +
        `<TargetHealth><State>${t.state ?? 'healthy'}</State></TargetHealth></member>`,
    );
    return query(
      'elbv2',
      'DescribeTargetHealth',
      `<TargetHealthDescriptions>${items.join('')}</TargetHealthDescriptions>`,
    );
  }

  private deregisterTargets(p: Record<string, string>): Answer {
    const group = this.targetGroups.find((g) => g.arn === p.TargetGroupArn);
    if (!group) return [400, 'TargetGroupNotFound', `Target groups '${p.TargetGroupArn}' not found`];
    const gone = listOf(p, 'Targets.member').map((prefix) => ({ id: p[`${prefix}.Id`], port: p[`${prefix}.Port`] }));
    group.targets = group.targets.filter(
      (t) => !gone.some((g) => g.id === t.id && (g.port === undefined || Number(g.port) === t.port)),
    );
    return query('elbv2', 'DeregisterTargets', '');
  }

  private describeLoadBalancers(p: Record<string, string>): string {
    const [page, next] = paginate(this.classicLoadBalancers, p.Marker, this.pageSize);
    const items = page.map(
      (lb) =>
        `<member><LoadBalancerName>${esc(lb.name)}</LoadBalancerName><VPCId>${lb.vpcId}</VPCId><Scheme>internal</Scheme>` +
        `<Instances>${lb.instances.map((id) => `<member><InstanceId>${id}</InstanceId></member>`).join('')}</Instances></member>`,
    );
    const marker = next ? `<NextMarker>${next}</NextMarker>` : '';
    return query(
      'elb',
      'DescribeLoadBalancers',
      `<LoadBalancerDescriptions>${items.join('')}</LoadBalancerDescriptions>${marker}`,
    );
  }

  private deregisterInstances(p: Record<string, string>): Answer {
    const lb = this.classicLoadBalancers.find((l) => l.name === p.LoadBalancerName);
    if (!lb) return [400, 'LoadBalancerNotFound', `There is no ACTIVE Load Balancer named '${p.LoadBalancerName}'`];
    const gone = listOf(p, 'Instances.member').map((prefix) => p[`${prefix}.InstanceId`]);
    lb.instances = lb.instances.filter((id) => !gone.includes(id));
    const remaining = lb.instances.map((id) => `<member><InstanceId>${id}</InstanceId></member>`).join('');
    return query('elb', 'DeregisterInstancesFromLoadBalancer', `<Instances>${remaining}</Instances>`);
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

/** A query-protocol answer (Auto Scaling, ELBv2, Classic ELB). */
const query = (service: keyof typeof NAMESPACES, action: string, inner: string) =>
  `<${action}Response xmlns="${NAMESPACES[service]}"><${action}Result>${inner}</${action}Result>` +
  `<ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></${action}Response>`;

/** One page of items from a marker (the index of the first item), and the marker of the next page. */
function paginate<T>(items: readonly T[], marker: string | undefined, size: number): [T[], string | undefined] {
  const start = Number(marker ?? 0);
  const next = start + size < items.length ? String(start + size) : undefined;
  return [items.slice(start, start + size), next];
}

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
