/**
 * A local double of one AWS account's settings behind seven services, answering the real SDK v3 clients in
 * each service's wire protocol: IAM (query, XML) for the password policy; EC2 (EC2 query, XML) for EBS
 * encryption by default; S3 Control (REST-XML, account id in the host and the x-amz-account-id header)
 * for Block Public Access; Inspector2, Macie2, GuardDuty (camelCase) and Security Hub (PascalCase), all
 * REST-JSON. It keeps state, so a second invocation sees
 * what the first did; Inspector switches a type from ENABLING to ENABLED after a set number of status reads.
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
} from '../../helpers/aws-double';

export type InspectorKey = 'ec2' | 'ecr' | 'lambda' | 'lambdaCode';
export interface InspectorState {
  status: string;
  errorCode?: string;
  errorMessage?: string;
}

export interface FakeJob {
  jobId: string;
  clientToken: string;
  name: string;
  jobType: string;
  jobStatus: string;
  tags: Record<string, string>;
  request: any;
}

const INSPECTOR_KEYS: Record<string, InspectorKey> = {
  EC2: 'ec2',
  ECR: 'ecr',
  LAMBDA: 'lambda',
  LAMBDA_CODE: 'lambdaCode',
};
const PAB_FLAGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'];

export interface FakeDetector {
  id: string;
  frequency: string;
  features: { name: string; status: string; additionalConfiguration?: { name: string; status: string }[] }[];
  destinations: { id: string; arn: string; kmsKeyArn: string }[];
}

export class FakeAccount extends AwsDouble {
  /** The account's GuardDuty detector (undefined: none). */
  detector?: FakeDetector;
  /** Security Hub: undefined when it is not enabled; else the standards subscriptions by ARN. */
  securityHub?: Map<string, string> = new Map();
  /** Standards BatchEnableStandards reports FAILED. */
  readonly standardsRefused = new Set<string>();
  /** Items per page of GetEnabledStandards. */
  standardsPageSize = 100;
  passwordPolicy?: Record<string, string>;
  ebs = { enabled: false, kmsKeyId: 'alias/aws/ebs' };
  publicAccessBlock?: Record<string, boolean>;
  inspector: Record<InspectorKey, InspectorState> = {
    ec2: { status: 'DISABLED' },
    ecr: { status: 'DISABLED' },
    lambda: { status: 'DISABLED' },
    lambdaCode: { status: 'DISABLED' },
  };
  /** Status reads a type stays ENABLING after Enable (Infinity: it never finishes). */
  enablingReads = 1;
  /** Types Enable cannot switch on: they end DISABLED with this error. */
  readonly inspectorRefuses = new Map<InspectorKey, { errorCode: string; errorMessage: string }>();
  macieDiscovery = 'DISABLED';
  readonly jobs: FakeJob[] = [];
  /** Items per page of ListClassificationJobs. */
  listPageSize = 200;
  private readonly enabling = new Map<InspectorKey, number>();

  /** Requests that would change the account (every call but reads). */
  mutatingCalls(): DoubleRequest[] {
    return this.received.filter((r) => !/^(Get|BatchGet|List|Describe)/.test(r.action));
  }

  protected identify(req: DoubleRequest): string {
    if (req.service === 'iam' || req.service === 'ec2') return req.params.Action ?? '';
    if (req.service === 'guardduty') return guardDutyAction(req.method, req.path);
    if (req.service === 'securityhub') {
      const hub: Record<string, string> = {
        'POST /standards/get': 'GetEnabledStandards',
        'POST /standards/register': 'BatchEnableStandards',
      };
      return hub[`${req.method} ${req.path}`] ?? `unknown ${req.method} ${req.path}`;
    }
    const route = `${req.method} ${req.path.replace(/^\/jobs\/(?!list$)[^/]+$/, '/jobs/{jobId}')}`;
    const actions: Record<string, string> = {
      'GET /v20180820/configuration/publicAccessBlock': 'GetPublicAccessBlock',
      'PUT /v20180820/configuration/publicAccessBlock': 'PutPublicAccessBlock',
      'POST /enable': 'Enable',
      'POST /status/batch/get': 'BatchGetAccountStatus',
      'GET /automated-discovery/configuration': 'GetAutomatedDiscoveryConfiguration',
      'PUT /automated-discovery/configuration': 'UpdateAutomatedDiscoveryConfiguration',
      'POST /jobs': 'CreateClassificationJob',
      'POST /jobs/list': 'ListClassificationJobs',
      'GET /jobs/{jobId}': 'DescribeClassificationJob',
      'PATCH /jobs/{jobId}': 'UpdateClassificationJob',
    };
    return actions[route] ?? `unknown ${route}`;
  }

  protected error(req: DoubleRequest, status: number, code: string, message: string): DoubleAnswer {
    if (req.service === 'iam') return queryError(status, code, message);
    if (req.service === 'ec2') return ec2Error(status, code, message);
    if (req.service === 's3') return restXmlError(status, code, message);
    return restJsonError(status, code, message);
  }

  protected answer(req: DoubleRequest): DoubleAnswer {
    const p = req.params;
    switch (req.action) {
      case 'GetAccountPasswordPolicy':
        if (!this.passwordPolicy)
          return queryError(404, 'NoSuchEntity', 'The Password Policy with domain name 111122223333 cannot be found.');
        return this.iam('GetAccountPasswordPolicy', `<PasswordPolicy>${fields(this.passwordPolicy)}</PasswordPolicy>`);
      case 'UpdateAccountPasswordPolicy': {
        const policy = Object.fromEntries(Object.entries(p).filter(([k]) => k !== 'Action' && k !== 'Version'));
        this.passwordPolicy = { ...policy, ExpirePasswords: String(Number(policy.MaxPasswordAge ?? 0) > 0) };
        return this.iam('UpdateAccountPasswordPolicy', '');
      }
      case 'GetEbsEncryptionByDefault':
        return this.ec2(
          'GetEbsEncryptionByDefault',
          `<ebsEncryptionByDefault>${this.ebs.enabled}</ebsEncryptionByDefault>`,
        );
      case 'EnableEbsEncryptionByDefault':
        this.ebs.enabled = true;
        return this.ec2('EnableEbsEncryptionByDefault', '<ebsEncryptionByDefault>true</ebsEncryptionByDefault>');
      case 'GetEbsDefaultKmsKeyId':
        return this.ec2('GetEbsDefaultKmsKeyId', `<kmsKeyId>${esc(this.ebs.kmsKeyId)}</kmsKeyId>`);
      case 'ModifyEbsDefaultKmsKeyId':
        this.ebs.kmsKeyId = p.KmsKeyId;
        return this.ec2('ModifyEbsDefaultKmsKeyId', `<kmsKeyId>${esc(p.KmsKeyId)}</kmsKeyId>`);
      case 'GetPublicAccessBlock':
        if (!this.publicAccessBlock)
          return restXmlError(
            404,
            'NoSuchPublicAccessBlockConfiguration',
            'The public access block configuration was not found',
          );
        return xml(
          `<PublicAccessBlockConfiguration>${fields(this.publicAccessBlock)}</PublicAccessBlockConfiguration>`,
        );
      case 'PutPublicAccessBlock':
        this.publicAccessBlock = Object.fromEntries(
          PAB_FLAGS.map((f) => [f, new RegExp(`<${f}>true</${f}>`).test(req.body)]),
        );
        return xml('');
      case 'Enable':
        return this.enable(req.json);
      case 'BatchGetAccountStatus':
        return this.accountStatus(req.json);
      case 'GetAutomatedDiscoveryConfiguration':
        return json({ status: this.macieDiscovery, disabledAt: '2025-01-01T00:00:00Z' });
      case 'UpdateAutomatedDiscoveryConfiguration':
        this.macieDiscovery = req.json.status;
        return json({});
      case 'CreateClassificationJob':
        return this.createJob(req.json);
      case 'ListClassificationJobs':
        return this.listJobs(req.json ?? {});
      case 'DescribeClassificationJob':
      case 'UpdateClassificationJob':
        return this.job(req);
      case 'ListDetectors':
        return json({ detectorIds: this.detector ? [this.detector.id] : [] });
      case 'GetDetector':
      case 'UpdateDetector':
      case 'ListPublishingDestinations':
      case 'DescribePublishingDestination':
      case 'CreatePublishingDestination':
        return this.guardDuty(req);
      case 'GetEnabledStandards':
      case 'BatchEnableStandards':
        return this.standards(req);
    }
    return restJsonError(400, 'UnknownOperationException', `the double does not know ${req.action}`);
  }

  private guardDuty(req: DoubleRequest): DoubleAnswer {
    const d = this.detector;
    const id = req.path.split('/')[2];
    if (!d || d.id !== id)
      return restJsonError(
        400,
        'BadRequestException',
        `The request is rejected because the input detectorId is not owned by the current account.`,
      );
    const body = req.json ?? {};
    switch (req.action) {
      case 'GetDetector':
        return json({
          status: 'ENABLED',
          findingPublishingFrequency: d.frequency,
          features: d.features,
          serviceRole:
            'arn:aws:iam::111122223333:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty',
        });
      case 'UpdateDetector':
        if (body.findingPublishingFrequency) d.frequency = body.findingPublishingFrequency;
        for (const feature of body.features ?? []) {
          const current = d.features.find((f) => f.name === feature.name);
          if (current) Object.assign(current, feature);
          else d.features.push(feature);
        }
        return json({});
      case 'ListPublishingDestinations':
        return json({
          destinations: d.destinations.map((x) => ({
            destinationId: x.id,
            destinationType: 'S3',
            status: 'PUBLISHING',
          })),
        });
      case 'DescribePublishingDestination': {
        const x = d.destinations.find((dest) => dest.id === req.path.split('/')[4]);
        if (!x) return restJsonError(400, 'BadRequestException', 'no such destination');
        return json({
          destinationId: x.id,
          destinationType: 'S3',
          status: 'PUBLISHING',
          publishingFailureStartTimestamp: 0,
          destinationProperties: { destinationArn: x.arn, kmsKeyArn: x.kmsKeyArn },
        });
      }
      default: {
        if (d.destinations.length > 0)
          return restJsonError(
            400,
            'BadRequestException',
            'The request is rejected because a destination already exists for this detector.',
          );
        const x = {
          id: `dest-${d.destinations.length + 1}`,
          arn: body.destinationProperties.destinationArn,
          kmsKeyArn: body.destinationProperties.kmsKeyArn,
        };
        d.destinations.push(x);
        return json({ destinationId: x.id });
      }
    }
  }

  private standards(req: DoubleRequest): DoubleAnswer {
    if (!this.securityHub)
      return restJsonError(401, 'InvalidAccessException', 'Account 111122223333 is not subscribed to AWS Security Hub');
    const body = req.json ?? {};
    if (req.action === 'BatchEnableStandards') {
      const subscriptions = (body.StandardsSubscriptionRequests as { StandardsArn: string }[]).map(
        ({ StandardsArn }) => {
          const status = this.standardsRefused.has(StandardsArn) ? 'FAILED' : 'PENDING';
          this.securityHub!.set(StandardsArn, status);
          return {
            StandardsArn,
            StandardsSubscriptionArn: `${StandardsArn}-subscription`,
            StandardsInput: {},
            StandardsStatus: status,
            ...(status === 'FAILED' ? { StandardsStatusReason: { StatusReasonCode: 'INTERNAL_ERROR' } } : {}),
          };
        },
      );
      return json({ StandardsSubscriptions: subscriptions });
    }
    const all = [...this.securityHub].map(([StandardsArn, StandardsStatus]) => ({
      StandardsArn,
      StandardsSubscriptionArn: `${StandardsArn}-subscription`,
      StandardsInput: {},
      StandardsStatus,
    }));
    const start = body.NextToken ? Number(body.NextToken) : 0;
    const end = start + this.standardsPageSize;
    return json({
      StandardsSubscriptions: all.slice(start, end),
      ...(end < all.length ? { NextToken: String(end) } : {}),
    });
  }

  private iam(action: string, result: string): DoubleAnswer {
    return xml(
      `<${action}Response xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><${action}Result>${result}</${action}Result>` +
        `<ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></${action}Response>`,
    );
  }

  private ec2(action: string, inner: string): DoubleAnswer {
    return xml(
      `<${action}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r-1</requestId>${inner}</${action}Response>`,
    );
  }

  private enable(body: any): DoubleAnswer {
    for (const type of body.resourceTypes as string[]) {
      const key = INSPECTOR_KEYS[type];
      const refused = this.inspectorRefuses.get(key);
      this.inspector[key] = { status: 'ENABLING' };
      this.enabling.set(key, refused ? 0 : this.enablingReads);
    }
    return json({
      accounts: [{ accountId: body.accountIds[0], status: 'ENABLING', resourceStatus: this.statuses() }],
      failedAccounts: [],
    });
  }

  private accountStatus(body: any): DoubleAnswer {
    for (const [key, reads] of this.enabling) {
      if (reads > 0) {
        this.enabling.set(key, reads - 1);
        continue;
      }
      this.enabling.delete(key);
      const refused = this.inspectorRefuses.get(key);
      this.inspector[key] = refused ? { status: 'DISABLED', ...refused } : { status: 'ENABLED' };
    }
    const state = (s: InspectorState) => ({
      status: s.status,
      errorCode: s.errorCode ?? 'ALREADY_ENABLED',
      errorMessage: s.errorMessage ?? '',
    });
    const resourceState = Object.fromEntries(Object.entries(this.inspector).map(([k, s]) => [k, state(s)]));
    return json({
      accounts: (body.accountIds as string[]).map((accountId) => ({
        accountId,
        state: { status: 'ENABLED', errorCode: 'ALREADY_ENABLED', errorMessage: '' },
        resourceState,
      })),
      failedAccounts: [],
    });
  }

  private statuses(): Record<string, string> {
    return Object.fromEntries(Object.entries(this.inspector).map(([k, s]) => [k, s.status]));
  }

  private createJob(body: any): DoubleAnswer {
    let job = this.jobs.find((j) => j.clientToken === body.clientToken);
    if (!job) {
      job = {
        jobId: (this.jobs.length + 1).toString(16).padStart(32, '0'),
        clientToken: body.clientToken,
        name: body.name,
        jobType: body.jobType,
        jobStatus: 'RUNNING',
        tags: body.tags ?? {},
        request: body,
      };
      this.jobs.push(job);
    }
    return json({ jobId: job.jobId, jobArn: `arn:aws:macie2:us-east-1:111122223333:classification-job/${job.jobId}` });
  }

  private listJobs(body: any): DoubleAnswer {
    const includes: { key: string; values: string[] }[] = body.filterCriteria?.includes ?? [];
    const matching = this.jobs.filter((j) =>
      includes.every((c) =>
        c.values.includes(c.key === 'jobStatus' ? j.jobStatus : c.key === 'jobType' ? j.jobType : j.name),
      ),
    );
    const start = body.nextToken ? Number(body.nextToken) : 0;
    const page = matching.slice(start, start + this.listPageSize);
    const next = start + this.listPageSize < matching.length ? String(start + this.listPageSize) : undefined;
    return json({
      items: page.map((j) => ({ jobId: j.jobId, jobStatus: j.jobStatus, jobType: j.jobType, name: j.name })),
      ...(next ? { nextToken: next } : {}),
    });
  }

  private job(req: DoubleRequest): DoubleAnswer {
    const id = req.path.split('/').pop();
    const job = this.jobs.find((j) => j.jobId === id);
    if (!job) return restJsonError(404, 'ResourceNotFoundException', `no job ${id}`);
    if (req.action === 'DescribeClassificationJob') {
      const { request, ...rest } = job;
      return json({ ...rest, scheduleFrequency: request.scheduleFrequency, s3JobDefinition: request.s3JobDefinition });
    }
    if (job.jobStatus === 'CANCELLED')
      return restJsonError(400, 'ValidationException', `job ${id} is already cancelled`);
    job.jobStatus = req.json.jobStatus;
    return json({});
  }
}

function guardDutyAction(method: string, path: string): string {
  if (path === '/detector') return method === 'GET' ? 'ListDetectors' : 'CreateDetector';
  if (/^\/detector\/[^/]+$/.test(path)) return method === 'GET' ? 'GetDetector' : 'UpdateDetector';
  if (/^\/detector\/[^/]+\/publishingDestination$/.test(path))
    return method === 'GET' ? 'ListPublishingDestinations' : 'CreatePublishingDestination';
  if (/^\/detector\/[^/]+\/publishingDestination\/[^/]+$/.test(path)) return 'DescribePublishingDestination';
  return `unknown ${method} ${path}`;
}

const fields = (values: Record<string, unknown>) =>
  Object.entries(values)
    .map(([k, v]) => `<${k}>${esc(String(v))}</${k}>`)
    .join('');
