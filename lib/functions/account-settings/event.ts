/**
 * The input: a CloudFormation custom resource request (`RequestType` Create, Update or Delete, the
 * pre-signed `ResponseURL` the answer is PUT to, `StackId`, `RequestId`, `LogicalResourceId`,
 * `ResourceType`, `PhysicalResourceId` on Update and Delete, `ResourceProperties`, and on Update
 * `OldResourceProperties`). The account and region come from the event itself — the stack ARN
 * (`arn:aws:cloudformation:<region>:<account>:stack/<name>/<id>`), or else the function ARN in
 * `ServiceToken` — never from configuration.
 */
import * as z from 'zod/mini';
import { formatIssues } from '../common/issues';

export type RequestType = 'Create' | 'Update' | 'Delete';

export interface CustomResourceRequest {
  readonly requestType: RequestType;
  readonly responseUrl: string;
  readonly stackId: string;
  readonly requestId: string;
  readonly logicalResourceId: string;
  readonly physicalResourceId?: string;
  readonly resourceProperties: unknown;
  readonly oldResourceProperties?: unknown;
  /** From the stack ARN, else the ServiceToken. */
  readonly account: string;
  readonly region: string;
}

/** The fields a response must echo; present whenever the event can be answered at all. */
export interface ResponseTarget {
  readonly responseUrl: string;
  readonly stackId: string;
  readonly requestId: string;
  readonly logicalResourceId: string;
  readonly physicalResourceId?: string;
}

export type ParsedRequest =
  | { readonly ok: true; readonly request: CustomResourceRequest }
  /** Malformed; `target` is set when the fields needed to answer are there, so the problems can be reported. */
  | { readonly ok: false; readonly problems: readonly string[]; readonly target?: ResponseTarget };

const must = (what: string) => ({
  error: (issue: { readonly input?: unknown }) => (issue.input === undefined ? 'required' : `must be ${what}`),
});
const text = (what: string) => z.string(must(what)).check(z.minLength(1, 'must not be empty'));

const ARN = /^arn:aws[a-z-]*:([a-z0-9-]+):([a-z0-9-]*):(\d{12}):/;

const targetSchema = z.looseObject(
  {
    ResponseURL: text('the pre-signed response URL').check(
      z.refine((url) => /^https?:$/.test(safeUrl(url)?.protocol ?? ''), 'must be an http(s) URL'),
    ),
    StackId: text('the stack ARN'),
    RequestId: text('a request id'),
    LogicalResourceId: text('a logical id'),
    PhysicalResourceId: z.optional(z.string(must('a string'))),
  },
  must('an object'),
);

const requestSchema = z.looseObject(
  {
    ...targetSchema.def.shape,
    RequestType: z.enum(['Create', 'Update', 'Delete'], must('"Create", "Update" or "Delete"')),
    ServiceToken: z.optional(z.string(must('a string'))),
    ResourceProperties: z.optional(z.unknown()),
    OldResourceProperties: z.optional(z.unknown()),
  },
  must('an object'),
);

export function parseRequest(event: unknown): ParsedRequest {
  const target = targetSchema.safeParse(event);
  const full = requestSchema.safeParse(event);
  const answerable: ResponseTarget | undefined = target.success
    ? {
        responseUrl: target.data.ResponseURL,
        stackId: target.data.StackId,
        requestId: target.data.RequestId,
        logicalResourceId: target.data.LogicalResourceId,
        ...(target.data.PhysicalResourceId ? { physicalResourceId: target.data.PhysicalResourceId } : {}),
      }
    : undefined;
  const problems = full.success ? [] : formatIssues('event', full.error.issues);
  const origin = full.success ? accountOf(full.data.StackId, full.data.ServiceToken) : undefined;
  if (full.success && !origin) {
    problems.push('event.StackId: must be a stack ARN naming the account (or ServiceToken a function ARN)');
  }
  if (full.success && full.data.RequestType !== 'Create' && !full.data.PhysicalResourceId) {
    problems.push(`event.PhysicalResourceId: required for ${full.data.RequestType}`);
  }
  if (!full.success || !origin || problems.length > 0) {
    return { ok: false, problems, ...(answerable ? { target: answerable } : {}) };
  }

  const e = full.data;
  return {
    ok: true,
    request: {
      ...answerable!,
      requestType: e.RequestType,
      resourceProperties: e.ResourceProperties,
      ...(e.RequestType === 'Update' ? { oldResourceProperties: e.OldResourceProperties } : {}),
      account: origin.account,
      region: origin.region,
    },
  };
}

/** Account and region of the stack ARN, or else of the ServiceToken (the function's ARN). */
function accountOf(stackId: string, serviceToken?: string): { account: string; region: string } | undefined {
  for (const arn of [stackId, serviceToken ?? '']) {
    const match = ARN.exec(arn);
    if (match && match[2]) return { account: match[3], region: match[2] };
  }
  return undefined;
}

/** The physical id of the resource: one per account and region, so an Update never replaces it. */
export function physicalIdFor(account: string, region: string): string {
  return `account-settings-${account}-${region}`;
}

function safeUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}
