// A local AWS Config API (JSON 1.1 protocol over HTTP on 127.0.0.1) for the evidence tests and bench:
// real NextToken pagination with the API's page-size limits, a token-bucket rate limit answering
// ThrottlingException, and scripted faults (throttling bursts, InternalFailure, garbled or truncated bodies).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Compliance = 'COMPLIANT' | 'NON_COMPLIANT' | 'NOT_APPLICABLE' | 'INSUFFICIENT_DATA';

export interface FakeEvaluation {
  readonly accountId: string;
  readonly region: string;
  readonly resourceType: string;
  readonly resourceId: string;
  readonly compliance: Exclude<Compliance, 'INSUFFICIENT_DATA'>;
}

export interface FakeRule {
  readonly name: string;
  /** Managed rule identifier (`Source.SourceIdentifier`); custom rules have none. */
  readonly sourceIdentifier?: string;
  readonly evaluations: readonly FakeEvaluation[];
  /** `ConfigRuleState`. @default ACTIVE */
  readonly state?: 'ACTIVE' | 'EVALUATING' | 'DELETING' | 'DELETING_RESULTS';
  /** Where the rule is deployed (aggregator data); defaults to the server's account and region. */
  readonly scopes?: readonly { accountId: string; region: string }[];
}

export type FaultKind = 'throttle' | 'internal' | 'garbled' | 'html' | 'truncated' | 'malformed' | 'access-denied';

/** A scripted fault: the next `times` requests matching op / rule / page get `kind` instead of an answer. */
export interface Fault {
  readonly kind: FaultKind;
  readonly op?: string;
  readonly rule?: string;
  /** Only requests that carry a NextToken (a later page). */
  readonly laterPage?: boolean;
  times: number;
}

export interface ConfigServerOptions {
  readonly accountId?: string;
  readonly region?: string;
  readonly rules?: readonly FakeRule[];
  readonly aggregators?: Record<string, readonly FakeRule[]>;
  /** Conformance pack name → names of the rules (of `rules`) it deployed. */
  readonly conformancePacks?: Record<string, readonly string[]>;
  /** Requests per second the server accepts (token bucket); unlimited when absent. */
  readonly rateLimit?: { readonly perSecond: number; readonly burst: number };
  /** Answer an exactly-full last page with a NextToken leading to an empty page (as some AWS APIs do). */
  readonly tokenAfterFullPage?: boolean;
  readonly faults?: Fault[];
}

/** Page sizes of the AWS Config API reference: [default, maximum] of `Limit`; fixed pages where there is no Limit. */
export const PAGE_LIMITS = {
  DescribeConfigRules: [25, 25],
  DescribeComplianceByConfigRule: [25, 25],
  GetComplianceDetailsByConfigRule: [10, 100],
  DescribeAggregateComplianceByConfigRules: [1000, 1000],
  GetAggregateComplianceDetailsByConfigRule: [50, 100],
  DescribeConformancePackCompliance: [1000, 1000],
  GetConformancePackComplianceDetails: [100, 100],
} as const;
/** DescribeComplianceByConfigRule and DescribeConfigRules accept at most 25 rule names. */
export const MAX_RULE_NAMES = 25;

class ApiError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export function ruleCompliance(evaluations: readonly { compliance: Compliance }[]): Compliance {
  if (evaluations.some((e) => e.compliance === 'NON_COMPLIANT')) return 'NON_COMPLIANT';
  if (evaluations.some((e) => e.compliance === 'COMPLIANT')) return 'COMPLIANT';
  return evaluations.length > 0 ? 'NOT_APPLICABLE' : 'INSUFFICIENT_DATA';
}

export class ConfigServer {
  readonly calls = new Map<string, number>();
  /** Answers per operation that carried data (not throttled, not faulted). */
  readonly served = new Map<string, number>();
  throttled = 0;
  faulted = 0;
  private server?: Server;
  private tokens: number;
  private lastRefill = Date.now();
  private readonly accountId: string;
  private readonly region: string;
  private readonly faults: Fault[];

  constructor(private readonly options: ConfigServerOptions) {
    this.accountId = options.accountId ?? '123456789012';
    this.region = options.region ?? 'us-east-1';
    this.tokens = options.rateLimit?.burst ?? 0;
    this.faults = options.faults ?? [];
  }

  /** Starts on 127.0.0.1 with a random port; resolves to the endpoint URL. */
  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 5000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  addFault(fault: Fault): void {
    this.faults.push(fault);
  }

  totalCalls(): number {
    return [...this.calls.values()].reduce((a, b) => a + b, 0);
  }

  private admit(): boolean {
    const limit = this.options.rateLimit;
    if (!limit) return true;
    const now = Date.now();
    this.tokens = Math.min(limit.burst, this.tokens + ((now - this.lastRefill) / 1000) * limit.perSecond);
    this.lastRefill = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  private takeFault(op: string, body: any): Fault | undefined {
    const rules: string[] = [
      body.ConfigRuleName,
      ...(body.ConfigRuleNames ?? []),
      ...(body.Filters?.ConfigRuleNames ?? []),
    ];
    const fault = this.faults.find(
      (f) =>
        f.times > 0 &&
        (!f.op || f.op === op) &&
        (!f.rule || rules.includes(f.rule)) &&
        (!f.laterPage || Boolean(body.NextToken)),
    );
    if (fault) fault.times -= 1;
    return fault;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const op = String(req.headers['x-amz-target'] ?? '').replace(/^StarlingDoveService\./, '');
    this.calls.set(op, (this.calls.get(op) ?? 0) + 1);
    const send = (status: number, payload: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, {
        'content-type': 'application/x-amz-json-1.1',
        'x-amzn-requestid': `req-${this.totalCalls()}`,
        'content-length': String(Buffer.byteLength(payload)),
        ...headers,
      });
      res.end(payload);
    };
    const error = (e: ApiError) => send(e.status, JSON.stringify({ __type: e.type, message: e.message }));
    if (!String(req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 ')) {
      return error(new ApiError('MissingAuthenticationTokenException', 'Request is missing Authentication Token'));
    }
    if (!this.admit()) {
      this.throttled += 1;
      return error(new ApiError('ThrottlingException', 'Rate exceeded'));
    }
    let body: any;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    } catch {
      return error(new ApiError('SerializationException', 'Malformed request body'));
    }
    const fault = this.takeFault(op, body);
    let answer: unknown;
    try {
      answer = this.answer(op, body);
    } catch (e) {
      if (e instanceof ApiError) return error(e);
      throw e;
    }
    const text = JSON.stringify(answer);
    if (fault) this.faulted += 1;
    switch (fault?.kind) {
      case undefined:
        this.served.set(op, (this.served.get(op) ?? 0) + 1);
        return send(200, text);
      case 'throttle':
        this.throttled += 1;
        return error(new ApiError('ThrottlingException', 'Rate exceeded'));
      case 'internal':
        return error(new ApiError('InternalFailure', 'An internal error occurred', 500));
      case 'access-denied':
        return error(new ApiError('AccessDeniedException', 'User is not authorized to perform this operation'));
      case 'garbled':
        return send(200, text.slice(0, Math.max(1, Math.floor(text.length / 2))));
      case 'html':
        return send(200, '<html><body>502 Bad Gateway</body></html>', { 'content-type': 'text/html' });
      case 'malformed':
        return send(200, text.replace(/"ResourceId"/g, '"ResourceIdentifier"').replace(/"ConfigRuleName"/g, '"Name"'));
      case 'truncated': {
        res.writeHead(200, {
          'content-type': 'application/x-amz-json-1.1',
          'content-length': String(Buffer.byteLength(text)),
        });
        res.write(text.slice(0, Math.floor(text.length / 2)));
        setTimeout(() => res.destroy(), 5);
        return;
      }
    }
  }

  private page<T>(
    op: keyof typeof PAGE_LIMITS,
    items: readonly T[],
    body: any,
    key: string,
  ): { items: T[]; next?: string } {
    const [fallback, max] = PAGE_LIMITS[op];
    const limit = body.Limit ?? 0;
    if (!Number.isInteger(limit) || limit < 0 || limit > max) {
      throw new ApiError('InvalidLimitException', `Limit must be between 0 and ${max}`);
    }
    const size = limit === 0 ? fallback : limit;
    let offset = 0;
    if (body.NextToken !== undefined) {
      let decoded: { key?: string; offset?: number } = {};
      try {
        decoded = JSON.parse(Buffer.from(String(body.NextToken), 'base64url').toString('utf8'));
      } catch {
        // falls through to the check below
      }
      if (decoded.key !== `${op}:${key}` || typeof decoded.offset !== 'number') {
        throw new ApiError('InvalidNextTokenException', 'The specified next token is invalid');
      }
      offset = decoded.offset;
    }
    const slice = items.slice(offset, offset + size);
    const end = offset + slice.length;
    const more = end < items.length || (this.options.tokenAfterFullPage === true && slice.length === size);
    const next = more
      ? Buffer.from(JSON.stringify({ key: `${op}:${key}`, offset: end }), 'utf8').toString('base64url')
      : undefined;
    return { items: slice, next };
  }

  private rule(name: string): FakeRule {
    const rule = (this.options.rules ?? []).find((r) => r.name === name);
    if (!rule)
      throw new ApiError('NoSuchConfigRuleException', `The ConfigRule '${name}' provided in the request is invalid.`);
    return rule;
  }

  private aggregator(name: string): readonly FakeRule[] {
    const rules = this.options.aggregators?.[name];
    if (!rules) {
      throw new ApiError('NoSuchConfigurationAggregatorException', `The configuration aggregator does not exist.`);
    }
    return rules;
  }

  private pack(name: string): readonly FakeRule[] {
    const names = this.options.conformancePacks?.[name];
    if (!names) throw new ApiError('NoSuchConformancePackException', `Conformance pack ${name} does not exist.`);
    return names.map((n) => this.rule(n));
  }

  private evaluationResult(rule: FakeRule, e: FakeEvaluation) {
    return {
      EvaluationResultIdentifier: {
        EvaluationResultQualifier: {
          ConfigRuleName: rule.name,
          ResourceType: e.resourceType,
          ResourceId: e.resourceId,
          EvaluationMode: 'DETECTIVE',
        },
        OrderingTimestamp: 1767225600,
      },
      ComplianceType: e.compliance,
      ResultRecordedTime: 1767225600,
      ConfigRuleInvokedTime: 1767225600,
    };
  }

  private summary(evaluations: readonly FakeEvaluation[]) {
    const compliance = ruleCompliance(evaluations);
    const failing = evaluations.filter((e) => e.compliance === 'NON_COMPLIANT').length;
    return {
      ComplianceType: compliance,
      ...(compliance === 'NON_COMPLIANT'
        ? { ComplianceContributorCount: { CappedCount: Math.min(failing, 100), CapExceeded: failing > 100 } }
        : {}),
    };
  }

  private filter(evaluations: readonly FakeEvaluation[], types: readonly string[] | undefined) {
    return types && types.length > 0 ? evaluations.filter((e) => types.includes(e.compliance)) : evaluations;
  }

  private answer(op: string, body: any): unknown {
    const rules = this.options.rules ?? [];
    switch (op) {
      case 'DescribeConfigRules': {
        const names: string[] | undefined = body.ConfigRuleNames;
        if (names && names.length > MAX_RULE_NAMES) {
          throw new ApiError('InvalidParameterValueException', `ConfigRuleNames: at most ${MAX_RULE_NAMES}`);
        }
        const selected = names ? names.map((n) => this.rule(n)) : rules;
        const { items, next } = this.page(op, selected, body, JSON.stringify(names ?? null));
        return {
          ConfigRules: items.map((r, i) => ({
            ConfigRuleName: r.name,
            ConfigRuleArn: `arn:aws:config:${this.region}:${this.accountId}:config-rule/config-rule-${String(i).padStart(6, '0')}`,
            ConfigRuleId: `config-rule-${r.name.length}`,
            Source: r.sourceIdentifier
              ? { Owner: 'AWS', SourceIdentifier: r.sourceIdentifier }
              : { Owner: 'CUSTOM_POLICY' },
            ConfigRuleState: r.state ?? 'ACTIVE',
          })),
          ...(next ? { NextToken: next } : {}),
        };
      }
      case 'DescribeComplianceByConfigRule': {
        const names: string[] | undefined = body.ConfigRuleNames;
        if (names && names.length > MAX_RULE_NAMES) {
          throw new ApiError('InvalidParameterValueException', `ConfigRuleNames: at most ${MAX_RULE_NAMES}`);
        }
        const selected = names ? names.map((n) => this.rule(n)) : rules;
        const rows = selected.map((r) => ({ ConfigRuleName: r.name, Compliance: this.summary(r.evaluations) }));
        const { items, next } = this.page(op, rows, body, JSON.stringify(names ?? null));
        return { ComplianceByConfigRules: items, ...(next ? { NextToken: next } : {}) };
      }
      case 'GetComplianceDetailsByConfigRule': {
        const rule = this.rule(body.ConfigRuleName);
        const results = this.filter(rule.evaluations, body.ComplianceTypes).map((e) => this.evaluationResult(rule, e));
        const { items, next } = this.page(op, results, body, `${rule.name}:${body.ComplianceTypes ?? ''}`);
        return { EvaluationResults: items, ...(next ? { NextToken: next } : {}) };
      }
      case 'DescribeAggregateComplianceByConfigRules': {
        const aggregate = this.aggregator(body.ConfigurationAggregatorName);
        const rows = aggregate.flatMap((rule) =>
          (rule.scopes ?? [{ accountId: this.accountId, region: this.region }]).map((scope) => ({
            ConfigRuleName: rule.name,
            AccountId: scope.accountId,
            AwsRegion: scope.region,
            Compliance: this.summary(
              rule.evaluations.filter((e) => e.accountId === scope.accountId && e.region === scope.region),
            ),
          })),
        );
        const { items, next } = this.page(op, rows, body, body.ConfigurationAggregatorName);
        return { AggregateComplianceByConfigRules: items, ...(next ? { NextToken: next } : {}) };
      }
      case 'GetAggregateComplianceDetailsByConfigRule': {
        const aggregate = this.aggregator(body.ConfigurationAggregatorName);
        const rule = aggregate.find((r) => r.name === body.ConfigRuleName);
        if (!rule) throw new ApiError('NoSuchConfigRuleException', `No rule ${body.ConfigRuleName}`);
        const scoped = rule.evaluations.filter((e) => e.accountId === body.AccountId && e.region === body.AwsRegion);
        const results = this.filter(scoped, body.ComplianceType ? [body.ComplianceType] : undefined).map((e) => ({
          ...this.evaluationResult(rule, e),
          AccountId: e.accountId,
          AwsRegion: e.region,
        }));
        const key = `${rule.name}:${body.AccountId}:${body.AwsRegion}:${body.ComplianceType ?? ''}`;
        const { items, next } = this.page(op, results, body, key);
        return { AggregateEvaluationResults: items, ...(next ? { NextToken: next } : {}) };
      }
      case 'DescribeConformancePackCompliance': {
        const pack = this.pack(body.ConformancePackName);
        const rows = pack.map((r) => ({
          ConfigRuleName: r.name,
          ComplianceType:
            ruleCompliance(r.evaluations) === 'NOT_APPLICABLE' ? 'INSUFFICIENT_DATA' : ruleCompliance(r.evaluations),
          Controls: [],
        }));
        const { items, next } = this.page(op, rows, body, body.ConformancePackName);
        return {
          ConformancePackName: body.ConformancePackName,
          ConformancePackRuleComplianceList: items,
          ...(next ? { NextToken: next } : {}),
        };
      }
      case 'GetConformancePackComplianceDetails': {
        const pack = this.pack(body.ConformancePackName);
        const names: string[] = body.Filters?.ConfigRuleNames ?? pack.map((r) => r.name);
        const type: string | undefined = body.Filters?.ComplianceType;
        const results = pack
          .filter((r) => names.includes(r.name))
          .flatMap((r) =>
            this.filter(r.evaluations, type ? [type] : undefined).map((e) => this.evaluationResult(r, e)),
          );
        const key = `${body.ConformancePackName}:${names.join(',')}:${type ?? ''}`;
        const { items, next } = this.page(op, results, body, key);
        return {
          ConformancePackName: body.ConformancePackName,
          ConformancePackRuleEvaluationResults: items,
          ...(next ? { NextToken: next } : {}),
        };
      }
      default:
        throw new ApiError('UnknownOperationException', `Unknown operation ${op}`);
    }
  }
}
