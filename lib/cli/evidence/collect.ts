import {
  DescribeAggregateComplianceByConfigRulesCommand,
  DescribeComplianceByConfigRuleCommand,
  DescribeConfigRulesCommand,
  DescribeConformancePackComplianceCommand,
  GetAggregateComplianceDetailsByConfigRuleCommand,
  GetComplianceDetailsByConfigRuleCommand,
  GetConformancePackComplianceDetailsCommand,
  type ConfigServiceClient,
} from '@aws-sdk/client-config-service';
import pLimit from 'p-limit';
import type { CallStats } from './api';
import { describe, FatalCollectError, fatalMessage, firstLine, retryable } from './errors';
import { ALL_RULES, rollUp } from './status';
import type {
  Collected,
  ComplianceType,
  EvidenceError,
  EvidenceScope,
  EvidenceSource,
  LiveResource,
  LiveRule,
} from './types';

export interface CollectOptions {
  readonly source: EvidenceSource;
  readonly region: string;
  /** Read every evaluated resource, not only the non-compliant ones. */
  readonly allResources: boolean;
  /** Calls in flight at once. */
  readonly concurrency: number;
  /** Attempts per call, the first included. */
  readonly maxAttempts: number;
}

/** Work counters for the progress bar: units are rules (per account and region with an aggregator). */
export interface CollectProgress {
  rulesDone: number;
  rulesTotal: number;
}

const PAGE = { details: 100, aggregateRows: 1000, packRows: 1000, names: 25 } as const;
const RESOURCE_TYPES: ComplianceType[] = ['COMPLIANT', 'NON_COMPLIANT', 'NOT_APPLICABLE'];
const accountOfArn = (arn: string | undefined) => arn?.split(':')[4] ?? '';

function toResource(item: any, region: string): LiveResource {
  const q = item.EvaluationResultIdentifier.EvaluationResultQualifier;
  return {
    accountId: item.AccountId ?? '',
    region: item.AwsRegion ?? region,
    type: q.ResourceType,
    id: q.ResourceId,
    compliance: item.ComplianceType,
  };
}

interface RuleState {
  name: string;
  sourceIdentifier?: string;
  accountId: string;
  compliance?: ComplianceType;
  scopes: ComplianceType[];
  resources: Map<string, LiveResource>;
}

/**
 * Reads rule compliance and evaluated resources from AWS Config. Every call goes through the injected client
 * (adaptive retries, pacing) with at most `concurrency` in flight; pages are followed until the API gives no
 * NextToken. A call that still fails after its attempts makes its rule an error (never an empty page); the
 * rules already read are kept.
 */
export class EvidenceCollector {
  readonly progress: CollectProgress = { rulesDone: 0, rulesTotal: 0 };
  private readonly rules = new Map<string, RuleState>();
  private readonly errors: EvidenceError[] = [];
  private readonly limit: ReturnType<typeof pLimit>;
  private readonly abort = new AbortController();
  private fatal?: FatalCollectError;

  constructor(
    private readonly client: ConfigServiceClient,
    private readonly stats: CallStats,
    private readonly options: CollectOptions,
  ) {
    this.limit = pLimit(options.concurrency);
  }

  async collect(): Promise<Collected> {
    try {
      await this.client.config.credentials();
    } catch (error) {
      throw new FatalCollectError(
        fatalMessage(error, this.options) ?? `no AWS credentials: ${firstLine((error as Error).message)}`,
      );
    }
    const { source } = this.options;
    if (source.kind === 'account') await this.fromAccount();
    else if (source.kind === 'aggregator') await this.fromAggregator(source.name);
    else await this.fromConformancePack(source.name);
    if (this.fatal) throw this.fatal;
    const scope: EvidenceScope = {
      region: this.options.region,
      ...(source.kind === 'aggregator' ? { aggregator: source.name } : {}),
      ...(source.kind === 'conformance-pack' ? { conformancePack: source.name } : {}),
      resources: this.options.allResources ? 'all' : 'non-compliant',
    };
    const rules: LiveRule[] = [...this.rules.values()].map((r) => ({
      name: r.name,
      ...(r.sourceIdentifier ? { sourceIdentifier: r.sourceIdentifier } : {}),
      ...(r.compliance ? { compliance: r.compliance } : {}),
      // Single-account APIs name no account: it comes from the rule's ARN (read concurrently, so filled in here).
      resources: [...r.resources.values()].map((res) => (res.accountId ? res : { ...res, accountId: r.accountId })),
    }));
    return { scope, rules, errors: this.errors };
  }

  /** One call, retried by the SDK; re-sent here while attempts remain if the SDK's retry quota refused a retry. */
  private async send<T>(command: any): Promise<T> {
    let used = 0;
    for (;;) {
      if (this.fatal) throw this.fatal;
      try {
        return (await this.limit(() => this.client.send(command, { abortSignal: this.abort.signal }))) as T;
      } catch (error: any) {
        if (this.fatal) throw this.fatal;
        const fatal = fatalMessage(error, this.options);
        if (fatal) {
          this.fatal = new FatalCollectError(fatal);
          this.abort.abort();
          throw this.fatal;
        }
        used += error?.$metadata?.attempts ?? 1;
        if (!retryable(error) || used >= this.options.maxAttempts) {
          if (error?.$metadata) error.$metadata.attempts = used;
          throw error;
        }
        this.stats.retries += 1;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(20_000, 100 * 2 ** used)));
      }
    }
  }

  /** Follows NextToken to the end; a repeated token is an error, not an endless loop. */
  private async paginate(make: (token?: string) => any, list: string, onPage: (items: any[]) => void): Promise<void> {
    const seen = new Set<string>();
    let token: string | undefined;
    do {
      const output: any = await this.send(make(token));
      onPage(output[list] ?? []);
      token = output.NextToken;
      if (token !== undefined) {
        if (seen.has(token)) throw new Error(`${list}: the API repeated a NextToken; pagination stopped`);
        seen.add(token);
      }
    } while (token !== undefined);
  }

  private fail(rule: string, error: unknown, what: string): void {
    if (this.fatal || error === this.fatal) return;
    this.errors.push({ rule, message: `${what}: ${describe(error)}` });
  }

  private state(name: string, accountId = ''): RuleState {
    let rule = this.rules.get(name);
    if (!rule) {
      rule = { name, accountId, scopes: [], resources: new Map() };
      this.rules.set(name, rule);
    }
    return rule;
  }

  private addResources(rule: RuleState, items: any[], region: string): void {
    for (const item of items) {
      const r = toResource(item, region);
      rule.resources.set(JSON.stringify([r.accountId, r.region, r.type, r.id]), r);
    }
  }

  private async fromAccount(): Promise<void> {
    const batches: Promise<void>[] = [];
    try {
      await this.paginate(
        (NextToken) => new DescribeConfigRulesCommand({ NextToken }),
        'ConfigRules',
        (page) => {
          // A rule being deleted has no evidence to give (and its calls would fail): it is left out.
          const names = page
            .filter((r) => !String(r.ConfigRuleState ?? '').startsWith('DELETING'))
            .map((r) => {
              const state = this.state(r.ConfigRuleName, accountOfArn(r.ConfigRuleArn));
              state.sourceIdentifier = r.Source?.Owner === 'AWS' ? r.Source?.SourceIdentifier : undefined;
              return r.ConfigRuleName as string;
            });
          this.progress.rulesTotal += names.length;
          if (names.length > 0) batches.push(this.accountBatch(names));
        },
      );
    } catch (error) {
      this.fail(ALL_RULES, error, 'DescribeConfigRules: the list of rules is incomplete');
    }
    await Promise.all(batches);
  }

  private async accountBatch(names: string[]): Promise<void> {
    try {
      await this.paginate(
        (NextToken) => new DescribeComplianceByConfigRuleCommand({ ConfigRuleNames: names, NextToken }),
        'ComplianceByConfigRules',
        (page) =>
          page.forEach(
            (row) =>
              names.includes(row.ConfigRuleName) &&
              (this.state(row.ConfigRuleName).compliance = row.Compliance.ComplianceType),
          ),
      );
    } catch (error) {
      for (const name of names) this.fail(name, error, 'DescribeComplianceByConfigRule');
      this.progress.rulesDone += names.length;
      return;
    }
    await Promise.all(
      names.map(async (name) => {
        const rule = this.state(name);
        // No row means no current evaluation results: AWS Config's INSUFFICIENT_DATA.
        rule.compliance ??= 'INSUFFICIENT_DATA';
        if (this.options.allResources || rule.compliance === 'NON_COMPLIANT') {
          await this.paginate(
            (NextToken) =>
              new GetComplianceDetailsByConfigRuleCommand({
                ConfigRuleName: name,
                ComplianceTypes: this.options.allResources ? RESOURCE_TYPES : ['NON_COMPLIANT'],
                Limit: PAGE.details,
                NextToken,
              }),
            'EvaluationResults',
            (page) => this.addResources(rule, page, this.options.region),
          ).catch((error) => this.fail(name, error, 'GetComplianceDetailsByConfigRule'));
        }
        this.progress.rulesDone += 1;
      }),
    );
  }

  private async fromAggregator(aggregator: string): Promise<void> {
    const details: Promise<void>[] = [];
    try {
      await this.paginate(
        (NextToken) =>
          new DescribeAggregateComplianceByConfigRulesCommand({
            ConfigurationAggregatorName: aggregator,
            Limit: PAGE.aggregateRows,
            NextToken,
          }),
        'AggregateComplianceByConfigRules',
        (page) => {
          this.progress.rulesTotal += page.length;
          for (const row of page) details.push(this.aggregateRow(aggregator, row));
        },
      );
    } catch (error) {
      this.fail(ALL_RULES, error, 'DescribeAggregateComplianceByConfigRules: the list of rules is incomplete');
    }
    await Promise.all(details);
    for (const rule of this.rules.values()) rule.compliance = rollUp(rule.scopes) as ComplianceType;
  }

  private async aggregateRow(aggregator: string, row: any): Promise<void> {
    const rule = this.state(row.ConfigRuleName, row.AccountId);
    const compliance: ComplianceType = row.Compliance.ComplianceType;
    rule.scopes.push(compliance);
    if (this.options.allResources || compliance === 'NON_COMPLIANT') {
      await this.paginate(
        (NextToken) =>
          new GetAggregateComplianceDetailsByConfigRuleCommand({
            ConfigurationAggregatorName: aggregator,
            ConfigRuleName: row.ConfigRuleName,
            AccountId: row.AccountId,
            AwsRegion: row.AwsRegion,
            ComplianceType: this.options.allResources ? undefined : 'NON_COMPLIANT',
            Limit: PAGE.details,
            NextToken,
          }),
        'AggregateEvaluationResults',
        (page) => this.addResources(rule, page, row.AwsRegion),
      ).catch((error) =>
        this.fail(
          row.ConfigRuleName,
          error,
          `GetAggregateComplianceDetailsByConfigRule ${row.AccountId} ${row.AwsRegion}`,
        ),
      );
    }
    this.progress.rulesDone += 1;
  }

  private async fromConformancePack(pack: string): Promise<void> {
    const rows: any[] = [];
    try {
      await this.paginate(
        (NextToken) =>
          new DescribeConformancePackComplianceCommand({ ConformancePackName: pack, Limit: PAGE.packRows, NextToken }),
        'ConformancePackRuleComplianceList',
        (page) => rows.push(...page),
      );
    } catch (error) {
      if (this.fatal) return;
      this.fail(ALL_RULES, error, 'DescribeConformancePackCompliance: the list of rules is incomplete');
    }
    this.progress.rulesTotal = rows.length;
    for (const row of rows) this.state(row.ConfigRuleName).compliance = row.ComplianceType;
    const names = rows.map((r) => r.ConfigRuleName as string);
    const batches = [];
    for (let i = 0; i < names.length; i += PAGE.names) batches.push(names.slice(i, i + PAGE.names));
    await Promise.all([
      ...batches.map((batch) =>
        this.paginate(
          (NextToken) => new DescribeConfigRulesCommand({ ConfigRuleNames: batch, NextToken }),
          'ConfigRules',
          (page) =>
            page.forEach((r) => {
              const state = this.state(r.ConfigRuleName);
              state.accountId = accountOfArn(r.ConfigRuleArn);
              state.sourceIdentifier = r.Source?.Owner === 'AWS' ? r.Source?.SourceIdentifier : undefined;
            }),
        ).catch((error) => batch.forEach((name) => this.fail(name, error, 'DescribeConfigRules'))),
      ),
      ...rows.map(async (row) => {
        const rule = this.state(row.ConfigRuleName);
        if (this.options.allResources || row.ComplianceType === 'NON_COMPLIANT') {
          await this.paginate(
            (NextToken) =>
              new GetConformancePackComplianceDetailsCommand({
                ConformancePackName: pack,
                Filters: {
                  ConfigRuleNames: [row.ConfigRuleName],
                  ...(this.options.allResources ? {} : { ComplianceType: 'NON_COMPLIANT' }),
                },
                Limit: PAGE.details,
                NextToken,
              }),
            'ConformancePackRuleEvaluationResults',
            (page) => this.addResources(rule, page, this.options.region),
          ).catch((error) => this.fail(row.ConfigRuleName, error, 'GetConformancePackComplianceDetails'));
        }
        this.progress.rulesDone += 1;
      }),
    ]);
  }
}
