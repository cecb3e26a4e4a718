/**
 * A local double of one AWS account for `hipaa-baseline preflight`, answering the real SDK v3 clients in each
 * service's wire protocol on 127.0.0.1: query XML (STS, IAM, CloudFormation), EC2 query XML, REST-XML (S3
 * HeadBucket), REST-JSON (Lambda, GuardDuty, Security Hub, Macie, Access Analyzer, Inspector, Backup) and
 * JSON 1.1 (Config, CloudTrail, KMS, Service Quotas). The service and the region come from the SigV4 scope,
 * so the primary and DR regions can differ; a region that is not enabled answers as AWS does to a token it
 * does not know there. Actions are named as IAM names them (`lambda:GetAccountSettings`) for fault injection.
 */
import {
  AwsDouble,
  ec2Error,
  esc,
  json,
  queryError,
  restJsonError,
  restXmlError,
  xml,
  type DoubleAnswer,
  type DoubleRequest,
} from '../helpers/aws-double';

export interface Zone {
  name: string;
  state: string;
}

/** Everything the double knows about the account; tests edit it. */
export interface AccountState {
  account: string;
  arn: string;
  /** Opt-in status of every region the account knows. */
  regions: Record<string, 'opt-in-not-required' | 'opted-in' | 'not-opted-in'>;
  /** The CDKToolkit stack per region (absent: none). */
  bootstrap: Record<string, { status: string; version?: number }>;
  /** Other stacks per region. */
  stacks: Record<string, string[]>;
  lambda: { limit: number; unreserved: number };
  guardDuty?: { detectorId: string; administrator?: string };
  securityHub?: { administrator?: string };
  macie?: { administrator?: string };
  analyzers: string[];
  recorders: string[];
  channels: string[];
  inspector: 'ENABLED' | 'DISABLED';
  roles: string[];
  policies: string[];
  zones: Record<string, Zone[]>;
  /** Bucket name → who has it (absent: free). */
  buckets: Record<string, 'this-account' | 'other-account'>;
  vaults: Record<string, string[]>;
  trails: string[];
  aliases: Record<string, string[]>;
  aggregators: string[];
  elasticIps: { max: number; inUse: number };
  vpcs: { quota: number; inUse: number };
  internetGateways: { quota: number; inUse: number };
  /** Interface endpoint (short name) → zones it is not offered in; `*` for not offered at all. */
  endpointGaps: Record<string, string[]>;
}

const zones = (region: string, letters: string): Zone[] =>
  [...letters].map((l) => ({ name: `${region}${l}`, state: 'available' }));

/** A new account with room for the default baseline: nothing exists, every quota suffices. */
export function freshAccount(): AccountState {
  const account = '111122223333';
  return {
    account,
    arn: `arn:aws:iam::${account}:user/deployer`,
    regions: {
      'us-east-1': 'opt-in-not-required',
      'us-west-2': 'opt-in-not-required',
      'eu-central-1': 'opt-in-not-required',
      'eu-west-1': 'opt-in-not-required',
      'eu-south-1': 'not-opted-in',
    },
    bootstrap: {
      'us-east-1': { status: 'UPDATE_COMPLETE', version: 28 },
      'us-west-2': { status: 'CREATE_COMPLETE', version: 28 },
      'eu-central-1': { status: 'CREATE_COMPLETE', version: 28 },
      'eu-west-1': { status: 'CREATE_COMPLETE', version: 28 },
    },
    stacks: {},
    lambda: { limit: 1000, unreserved: 1000 },
    analyzers: [],
    recorders: [],
    channels: [],
    inspector: 'DISABLED',
    roles: [],
    policies: [],
    zones: {
      'us-east-1': zones('us-east-1', 'abcdef'),
      'us-west-2': zones('us-west-2', 'abcd'),
      'eu-central-1': zones('eu-central-1', 'abc'),
      'eu-west-1': zones('eu-west-1', 'abc'),
      'eu-south-1': zones('eu-south-1', 'abc'),
    },
    buckets: {},
    vaults: {},
    trails: [],
    aliases: {},
    aggregators: [],
    elasticIps: { max: 10, inUse: 0 },
    vpcs: { quota: 5, inUse: 1 },
    internetGateways: { quota: 5, inUse: 1 },
    endpointGaps: {},
  };
}

/** Services answered in every region whatever its status (global endpoints). */
const GLOBAL = ['sts', 'iam'];
const QUERY = ['sts', 'iam', 'cloudformation'];

const REST_ROUTES: Record<string, [RegExp, string][]> = {
  lambda: [[/^GET \/2016-08-19\/account-settings\/?$/, 'GetAccountSettings']],
  guardduty: [
    [/^GET \/detector$/, 'ListDetectors'],
    [/^GET \/detector\/[^/]+\/administrator$/, 'GetAdministratorAccount'],
  ],
  securityhub: [
    [/^GET \/accounts$/, 'DescribeHub'],
    [/^GET \/administrator$/, 'GetAdministratorAccount'],
  ],
  macie2: [
    [/^GET \/macie$/, 'GetMacieSession'],
    [/^GET \/administrator$/, 'GetAdministratorAccount'],
  ],
  'access-analyzer': [[/^GET \/analyzer$/, 'ListAnalyzers']],
  inspector2: [[/^POST \/status\/batch\/get$/, 'BatchGetAccountStatus']],
  backup: [[/^GET \/backup-vaults\/?$/, 'ListBackupVaults']],
  s3: [[/^HEAD \/[^/]+\/?$/, 'HeadBucket']],
};

const member = (items: string[]) => items.map((i) => `<member>${i}</member>`).join('');
const item = (items: string[]) => items.map((i) => `<item>${i}</item>`).join('');

export class FakePreflightAccount extends AwsDouble {
  constructor(public state: AccountState = freshAccount()) {
    super();
  }

  /** A new state, no faults, no recorded requests (the server keeps running). */
  reset(state: AccountState = freshAccount()): void {
    this.state = state;
    this.clearFaultsAndRequests();
  }

  /** Requests that are not reads (preflight must send none). */
  writes(): DoubleRequest[] {
    return this.received.filter((r) => !/:(Get|BatchGet|List|Describe|Head)/.test(r.action));
  }

  protected identify(req: DoubleRequest): string {
    if (QUERY.includes(req.service) || req.service === 'ec2') return `${req.service}:${req.params.Action}`;
    const target = req.headers['x-amz-target'];
    if (typeof target === 'string') return `${req.service}:${target.split('.').pop()}`;
    const route = `${req.method} ${req.path}`;
    const found = (REST_ROUTES[req.service] ?? []).find(([pattern]) => pattern.test(route));
    return found ? `${req.service}:${found[1]}` : `${req.service}:unknown ${route}`;
  }

  protected error(req: DoubleRequest, status: number, code: string, message: string): DoubleAnswer {
    if (QUERY.includes(req.service)) return queryError(status, code, message);
    if (req.service === 'ec2') return ec2Error(status, code, message);
    if (req.service === 's3') return restXmlError(status, code, message);
    return restJsonError(status, code, message);
  }

  protected answer(req: DoubleRequest): DoubleAnswer {
    if (!GLOBAL.includes(req.service) && this.state.regions[req.region] === 'not-opted-in') {
      return this.error(
        req,
        403,
        'UnrecognizedClientException',
        'The security token included in the request is invalid',
      );
    }
    const [service, action] = req.action.split(':');
    const answer = this.answerOf(service, action, req);
    return answer ?? this.error(req, 400, 'UnknownOperationException', `the double does not know ${req.action}`);
  }

  private answerOf(service: string, action: string, req: DoubleRequest): DoubleAnswer | undefined {
    switch (service) {
      case 'sts':
      case 'iam':
      case 'cloudformation':
        return this.query(service, action, req);
      case 'ec2':
        return this.ec2(action, req);
      default:
        return this.rest(`${service}:${action}`, req);
    }
  }

  private queryAnswer(service: string, action: string, result: string): DoubleAnswer {
    const ns = `https://${service}.amazonaws.com/doc/`;
    return xml(
      `<${action}Response xmlns="${ns}"><${action}Result>${result}</${action}Result>` +
        `<ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></${action}Response>`,
    );
  }

  private query(service: string, action: string, req: DoubleRequest): DoubleAnswer | undefined {
    const s = this.state;
    const p = req.params;
    const at = (name: string) =>
      `<Arn>arn:aws:iam::${s.account}:${name}</Arn><CreateDate>2025-01-01T00:00:00Z</CreateDate><Path>/</Path>`;
    switch (`${service}:${action}`) {
      case 'sts:GetCallerIdentity':
        return this.queryAnswer(
          service,
          action,
          `<Arn>${s.arn}</Arn><UserId>AIDA1</UserId><Account>${s.account}</Account>`,
        );
      case 'iam:GetRole':
        if (!s.roles.includes(p.RoleName))
          return queryError(404, 'NoSuchEntity', `The role with name ${p.RoleName} cannot be found.`);
        return this.queryAnswer(
          service,
          action,
          `<Role><RoleName>${p.RoleName}</RoleName><RoleId>AROA1</RoleId>${at(`role/${p.RoleName}`)}</Role>`,
        );
      case 'iam:GetPolicy': {
        const name = p.PolicyArn.split('/').pop()!;
        if (!s.policies.includes(name) || !p.PolicyArn.startsWith(`arn:aws:iam::${s.account}:policy/`)) {
          return queryError(404, 'NoSuchEntity', `Policy ${p.PolicyArn} does not exist or is not attachable.`);
        }
        return this.queryAnswer(
          service,
          action,
          `<Policy><PolicyName>${name}</PolicyName><PolicyId>ANPA1</PolicyId>${at(`policy/${name}`)}</Policy>`,
        );
      }
      case 'cloudformation:DescribeStacks': {
        const stack = s.bootstrap[req.region];
        if (p.StackName !== 'CDKToolkit' || !stack) {
          return queryError(400, 'ValidationError', `Stack with id ${p.StackName} does not exist`);
        }
        const outputs =
          stack.version === undefined
            ? ''
            : `<Outputs>${member([`<OutputKey>BootstrapVersion</OutputKey><OutputValue>${stack.version}</OutputValue>`])}</Outputs>`;
        return this.queryAnswer(
          service,
          action,
          `<Stacks>${member([`<StackName>CDKToolkit</StackName><StackId>arn:aws:cloudformation:${req.region}:${s.account}:stack/CDKToolkit/1</StackId><CreationTime>2025-01-01T00:00:00Z</CreationTime><StackStatus>${stack.status}</StackStatus>${outputs}`])}</Stacks>`,
        );
      }
      case 'cloudformation:ListStacks': {
        const names = [...(s.bootstrap[req.region] ? ['CDKToolkit'] : []), ...(s.stacks[req.region] ?? [])];
        const summaries = names.map(
          (name, i) =>
            `<StackName>${esc(name)}</StackName><StackId>arn:aws:cloudformation:${req.region}:${s.account}:stack/${esc(name)}/${i}</StackId><CreationTime>2025-01-01T00:00:00Z</CreationTime><StackStatus>CREATE_COMPLETE</StackStatus>`,
        );
        return this.queryAnswer(service, action, `<StackSummaries>${member(summaries)}</StackSummaries>`);
      }
    }
    return undefined;
  }

  private ec2Answer(action: string, inner: string): DoubleAnswer {
    return xml(
      `<${action}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r-1</requestId>${inner}</${action}Response>`,
    );
  }

  private filterValues(p: Record<string, string>, filter: string): string[] {
    const index = Object.entries(p)
      .find(([k, v]) => /^Filter\.\d+\.Name$/.test(k) && v === filter)?.[0]
      .split('.')[1];
    if (!index) return [];
    return Object.entries(p)
      .filter(([k]) => k.startsWith(`Filter.${index}.Value.`))
      .map(([, v]) => v);
  }

  private ec2(action: string, req: DoubleRequest): DoubleAnswer | undefined {
    const s = this.state;
    const p = req.params;
    switch (action) {
      case 'DescribeRegions': {
        const asked = Object.entries(p)
          .filter(([k]) => k.startsWith('RegionName.'))
          .map(([, v]) => v);
        const listed = Object.entries(s.regions).filter(([r]) => asked.length === 0 || asked.includes(r));
        return this.ec2Answer(
          action,
          `<regionInfo>${item(listed.map(([r, st]) => `<regionName>${r}</regionName><regionEndpoint>ec2.${r}.amazonaws.com</regionEndpoint><optInStatus>${st}</optInStatus>`))}</regionInfo>`,
        );
      }
      case 'DescribeAvailabilityZones':
        return this.ec2Answer(
          action,
          `<availabilityZoneInfo>${item((s.zones[req.region] ?? []).map((z) => `<zoneName>${z.name}</zoneName><zoneState>${z.state}</zoneState><regionName>${req.region}</regionName><zoneType>availability-zone</zoneType>`))}</availabilityZoneInfo>`,
        );
      case 'DescribeAccountAttributes':
        return this.ec2Answer(
          action,
          `<accountAttributeSet>${item([
            `<attributeName>supported-platforms</attributeName><attributeValueSet>${item(['<attributeValue>VPC</attributeValue>'])}</attributeValueSet>`,
            `<attributeName>vpc-max-elastic-ips</attributeName><attributeValueSet>${item([`<attributeValue>${s.elasticIps.max}</attributeValue>`])}</attributeValueSet>`,
          ])}</accountAttributeSet>`,
        );
      case 'DescribeAddresses':
        return this.ec2Answer(
          action,
          `<addressesSet>${item(Array.from({ length: s.elasticIps.inUse }, (_, i) => `<publicIp>203.0.113.${i + 1}</publicIp><allocationId>eipalloc-${i}</allocationId><domain>vpc</domain>`))}</addressesSet>`,
        );
      case 'DescribeVpcs':
        return this.ec2Answer(
          action,
          `<vpcSet>${item(Array.from({ length: s.vpcs.inUse }, (_, i) => `<vpcId>vpc-${i}</vpcId><isDefault>${i === 0}</isDefault>`))}</vpcSet>`,
        );
      case 'DescribeInternetGateways':
        return this.ec2Answer(
          action,
          `<internetGatewaySet>${item(Array.from({ length: s.internetGateways.inUse }, (_, i) => `<internetGatewayId>igw-${i}</internetGatewayId>`))}</internetGatewaySet>`,
        );
      case 'DescribeVpcEndpointServices': {
        const prefix = `com.amazonaws.${req.region}.`;
        const names = this.filterValues(p, 'service-name').filter((n) => n.startsWith(prefix));
        const offered = names.filter((n) => !(s.endpointGaps[n.slice(prefix.length)] ?? []).includes('*'));
        const details = offered.map((n) => {
          const gaps = s.endpointGaps[n.slice(prefix.length)] ?? [];
          const azs = (s.zones[req.region] ?? []).map((z) => z.name).filter((z) => !gaps.includes(z));
          return `<serviceName>${n}</serviceName><serviceType>${item(['<serviceType>Interface</serviceType>'])}</serviceType><availabilityZoneSet>${item(azs)}</availabilityZoneSet>`;
        });
        return this.ec2Answer(
          action,
          `<serviceNameSet>${item(offered)}</serviceNameSet><serviceDetailSet>${item(details)}</serviceDetailSet>`,
        );
      }
    }
    return undefined;
  }

  private rest(action: string, req: DoubleRequest): DoubleAnswer | undefined {
    const s = this.state;
    const body = req.json ?? {};
    switch (action) {
      case 'lambda:GetAccountSettings':
        return json({
          AccountLimit: {
            TotalCodeSize: 80530636800,
            CodeSizeUnzipped: 262144000,
            CodeSizeZipped: 52428800,
            ConcurrentExecutions: s.lambda.limit,
            UnreservedConcurrentExecutions: s.lambda.unreserved,
          },
          AccountUsage: { TotalCodeSize: 0, FunctionCount: 0 },
        });
      case 'guardduty:ListDetectors':
        return json({ detectorIds: s.guardDuty ? [s.guardDuty.detectorId] : [] });
      case 'guardduty:GetAdministratorAccount':
        return json(this.administrator(s.guardDuty?.administrator, 'accountId', 'relationshipStatus'));
      case 'securityhub:DescribeHub':
        if (!s.securityHub) {
          return restJsonError(
            401,
            'InvalidAccessException',
            `Account ${s.account} is not subscribed to AWS Security Hub`,
          );
        }
        return json({
          HubArn: `arn:aws:securityhub:${req.region}:${s.account}:hub/default`,
          SubscribedAt: '2025-01-01T00:00:00.000Z',
          AutoEnableControls: true,
        });
      case 'securityhub:GetAdministratorAccount':
        return json(
          s.securityHub?.administrator
            ? {
                Administrator: { AccountId: s.securityHub.administrator, InvitationId: 'i-1', MemberStatus: 'Enabled' },
              }
            : {},
        );
      case 'macie2:GetMacieSession':
        if (!s.macie) return restJsonError(403, 'AccessDeniedException', 'Macie is not enabled.');
        return json({
          status: 'ENABLED',
          findingPublishingFrequency: 'FIFTEEN_MINUTES',
          createdAt: '2025-01-01T00:00:00Z',
        });
      case 'macie2:GetAdministratorAccount':
        return json(this.administrator(s.macie?.administrator, 'accountId', 'relationshipStatus'));
      case 'access-analyzer:ListAnalyzers':
        return json({
          analyzers: s.analyzers.map((name) => ({
            arn: `arn:aws:access-analyzer:${req.region}:${s.account}:analyzer/${name}`,
            name,
            type: req.query.get('type') ?? 'ACCOUNT',
            createdAt: '2025-01-01T00:00:00Z',
            status: 'ACTIVE',
          })),
        });
      case 'inspector2:BatchGetAccountStatus': {
        const state = { status: s.inspector, errorCode: 'ALREADY_ENABLED', errorMessage: '' };
        return json({
          accounts: [{ accountId: s.account, state, resourceState: { ec2: state, ecr: state } }],
          failedAccounts: [],
        });
      }
      case 'backup:ListBackupVaults':
        return json({
          BackupVaultList: (s.vaults[req.region] ?? []).map((name) => ({
            BackupVaultName: name,
            BackupVaultArn: `arn:aws:backup:${req.region}:${s.account}:backup-vault:${name}`,
          })),
        });
      case 's3:HeadBucket': {
        const owner = s.buckets[decodeURIComponent(req.path.split('/')[1])];
        if (!owner) return { status: 404, body: '' };
        return owner === 'this-account'
          ? { status: 200, body: '', headers: { 'x-amz-bucket-region': req.region } }
          : { status: 403, body: '' };
      }
      case 'config:DescribeConfigurationRecorders':
        return json({
          ConfigurationRecorders: s.recorders.map((name) => ({
            name,
            roleARN: `arn:aws:iam::${s.account}:role/config`,
          })),
        });
      case 'config:DescribeDeliveryChannels':
        return json({ DeliveryChannels: s.channels.map((name) => ({ name, s3BucketName: 'config-bucket' })) });
      case 'config:DescribeConfigurationAggregators': {
        const names: string[] = body.ConfigurationAggregatorNames ?? [];
        const missing = names.find((n) => !s.aggregators.includes(n));
        if (missing)
          return restJsonError(
            400,
            'NoSuchConfigurationAggregatorException',
            `The configuration aggregator ${missing} does not exist.`,
          );
        return json({ ConfigurationAggregators: names.map((n) => ({ ConfigurationAggregatorName: n })) });
      }
      case 'cloudtrail:GetTrail':
        if (!s.trails.includes(body.Name)) {
          return restJsonError(400, 'TrailNotFoundException', `Unknown trail: ${body.Name} for the user: ${s.account}`);
        }
        return json({
          Trail: { Name: body.Name, TrailARN: `arn:aws:cloudtrail:${req.region}:${s.account}:trail/${body.Name}` },
        });
      case 'kms:ListAliases':
        return json({
          Aliases: (s.aliases[req.region] ?? []).map((name) => ({
            AliasName: name,
            AliasArn: `arn:aws:kms:${req.region}:${s.account}:${name}`,
          })),
          Truncated: false,
        });
      case 'servicequotas:GetServiceQuota': {
        const value = { 'L-F678F1CE': s.vpcs.quota, 'L-A4707A72': s.internetGateways.quota }[body.QuotaCode as string];
        if (value === undefined)
          return restJsonError(400, 'NoSuchResourceException', `no applied quota ${body.QuotaCode}`);
        return json({
          Quota: { ServiceCode: body.ServiceCode, QuotaCode: body.QuotaCode, Value: value, QuotaName: body.QuotaCode },
        });
      }
    }
    return undefined;
  }

  private administrator(account: string | undefined, idKey: string, statusKey: string) {
    return account ? { administrator: { [idKey]: account, invitationId: 'i-1', [statusKey]: 'Enabled' } } : {};
  }
}
