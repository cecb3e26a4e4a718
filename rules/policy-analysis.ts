/**
 * Reading resource policies in final templates: where each type keeps its policy document, whether an
 * Allow statement admits anyone (a `*` principal, NotPrincipal, an account outside the baseline's), and
 * whether its conditions confine the callers to this account or organisation. Conditions are parsed by
 * operator: negated operators, `…IfExists` and `ForAllValues:` do not confine (they hold when the key is
 * absent), wildcard values do not confine, and a value the analysis cannot resolve (an import, a
 * parameter) is reported as unresolvable rather than trusted.
 */
import type { RuleSettings, TemplateResource } from './rule';

/** A policy document of a resource, with where it was found (for messages). */
export interface FoundPolicy {
  readonly where: string;
  readonly document: unknown;
}

const parseIfString = (value: unknown): unknown => {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
};

/** Where each type keeps its resource policy (or trust policy). */
const POLICY_OF: Readonly<Record<string, (p: Record<string, any>) => FoundPolicy[]>> = {
  'AWS::S3::BucketPolicy': (p) => [{ where: 'PolicyDocument', document: p.PolicyDocument }],
  'AWS::S3::AccessPoint': (p) => (p.Policy ? [{ where: 'Policy', document: p.Policy }] : []),
  'AWS::KMS::Key': (p) => [{ where: 'KeyPolicy', document: p.KeyPolicy }],
  'AWS::SQS::QueuePolicy': (p) => [{ where: 'PolicyDocument', document: p.PolicyDocument }],
  'AWS::SNS::TopicPolicy': (p) => [{ where: 'PolicyDocument', document: p.PolicyDocument }],
  'AWS::SNS::TopicInlinePolicy': (p) => [{ where: 'PolicyDocument', document: p.PolicyDocument }],
  'AWS::IAM::Role': (p) => [{ where: 'AssumeRolePolicyDocument', document: p.AssumeRolePolicyDocument }],
  'AWS::SecretsManager::ResourcePolicy': (p) => [{ where: 'ResourcePolicy', document: p.ResourcePolicy }],
  'AWS::Backup::BackupVault': (p) => (p.AccessPolicy ? [{ where: 'AccessPolicy', document: p.AccessPolicy }] : []),
  'AWS::Events::EventBus': (p) => (p.Policy ? [{ where: 'Policy', document: p.Policy }] : []),
  'AWS::ECR::Repository': (p) =>
    p.RepositoryPolicyText ? [{ where: 'RepositoryPolicyText', document: p.RepositoryPolicyText }] : [],
  'AWS::EC2::VPCEndpoint': (p) => (p.PolicyDocument ? [{ where: 'PolicyDocument', document: p.PolicyDocument }] : []),
  'AWS::Logs::ResourcePolicy': (p) => [{ where: 'PolicyDocument', document: p.PolicyDocument }],
  'AWS::EFS::FileSystem': (p) =>
    p.FileSystemPolicy ? [{ where: 'FileSystemPolicy', document: p.FileSystemPolicy }] : [],
  'AWS::OpenSearchService::Domain': (p) =>
    p.AccessPolicies ? [{ where: 'AccessPolicies', document: p.AccessPolicies }] : [],
  'AWS::ApiGateway::RestApi': (p) => (p.Policy ? [{ where: 'Policy', document: p.Policy }] : []),
  'AWS::DynamoDB::Table': (p) =>
    p.ResourcePolicy?.PolicyDocument ? [{ where: 'ResourcePolicy', document: p.ResourcePolicy.PolicyDocument }] : [],
};

/** The statements of a policy document (string documents parsed), or undefined when it cannot be read. */
function statementsOf(document: unknown): Record<string, any>[] | undefined {
  const parsed = parseIfString(document);
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const statement = (parsed as Record<string, unknown>).Statement;
  if (statement === undefined) return []; // a document without statements allows nothing
  const list = [statement].flat();
  return list.every((s) => s && typeof s === 'object' && !Array.isArray(s))
    ? (list as Record<string, any>[])
    : undefined;
}

/** The policy documents of a resource (empty for types without a resource policy). */
export function policiesOf(resource: TemplateResource): FoundPolicy[] {
  return POLICY_OF[resource.Type]?.(resource.Properties ?? {}) ?? [];
}

/** True when a principal value admits anyone: "*", {"AWS": "*"} or a list holding "*". */
function admitsAnyone(principal: unknown): boolean {
  if (principal === '*') return true;
  if (principal && typeof principal === 'object' && !Array.isArray(principal)) {
    return [(principal as Record<string, unknown>).AWS].flat().some((p) => p === '*');
  }
  return false;
}

/** Account ids a principal names literally (`123…`, `arn:aws:iam::123…:root|role/…`). */
function literalAccounts(principal: unknown): string[] {
  if (!principal || typeof principal !== 'object' || Array.isArray(principal)) return [];
  return [(principal as Record<string, unknown>).AWS]
    .flat()
    .filter((p): p is string => typeof p === 'string')
    .map((p) => /^(\d{12})$/.exec(p)?.[1] ?? /^arn:aws[a-z-]*:iam::(\d{12}):/.exec(p)?.[1])
    .filter((id): id is string => id !== undefined);
}

/** Condition keys that confine callers to an account or organisation (or a network path inside one). */
const CONFINING_KEYS = new Set([
  'aws:principalaccount',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalarn',
  'aws:sourceaccount',
  'aws:sourcearn',
  'aws:sourceowner',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'kms:calleraccount',
]);

/** Operators whose values, when all own-account or organisation values, confine. */
const CONFINING_OPERATORS = /^(StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike)$/;

type ValueVerdict = 'own' | 'foreign' | 'unresolvable';

/** Names the analysis may resolve: resources of the template (and pseudo parameters). */
export type KnownIds = (logicalId: string) => boolean;

/** Judges a literal condition value: own account/organisation, or foreign (a wildcard, another account). */
function judgeLiteral(value: string, settings: RuleSettings): ValueVerdict {
  if (value === '*' || value.trim() === '') return 'foreign';
  if (settings.organizationId && value.includes(settings.organizationId)) return 'own';
  if (settings.account && value.includes(settings.account)) return 'own';
  if (/^\d{12}$/.test(value)) return settings.account ? 'foreign' : 'own';
  const arnAccount = /^arn:aws[a-z-]*:[a-z0-9-]*:[a-z0-9-]*:(\d{12})?:/.exec(value)?.[1];
  if (arnAccount !== undefined) return settings.account && arnAccount !== settings.account ? 'foreign' : 'own';
  // A VPC, endpoint, organisation or path literal is this template's choice; any other wildcard is not.
  return value.includes('*') && !/^(vpc|vpce|o)-/.test(value) ? 'foreign' : 'own';
}

/**
 * Judges one condition value. Intrinsics naming this template's resources or AWS::AccountId are own;
 * imports, outputs of other stacks and parameters cannot be resolved here.
 */
function judgeValue(value: unknown, settings: RuleSettings, known: KnownIds): ValueVerdict {
  if (typeof value === 'string') return judgeLiteral(value, settings);
  if (!value || typeof value !== 'object') return 'unresolvable';
  const text = JSON.stringify(value);
  if (/"Fn::ImportValue"|"Fn::GetStackOutput"/.test(text)) return 'unresolvable';
  const refs = [...text.matchAll(/"Ref":"([^"]+)"/g)].map((m) => m[1]);
  if (refs.some((ref) => !ref.startsWith('AWS::') && !known(ref))) return 'unresolvable';
  const literals = [...text.matchAll(/"([^"]*)"/g)].map((m) => m[1]).filter((t) => /^\d{12}$/.test(t));
  if (settings.account && literals.some((id) => id !== settings.account)) return 'foreign';
  return 'own';
}

/** How a statement's conditions confine its callers. */
export type Confinement = 'confined' | 'open' | { readonly unresolvable: string };

/** Whether a statement's Condition block confines callers to this account or organisation. */
export function confinement(condition: unknown, settings: RuleSettings, known: KnownIds): Confinement {
  if (!condition || typeof condition !== 'object' || Array.isArray(condition)) return 'open';
  for (const [operator, clauses] of Object.entries(condition as Record<string, unknown>)) {
    if (operator.endsWith('IfExists') || operator.startsWith('ForAllValues:')) continue;
    const base = operator.replace(/^ForAnyValue:/, '');
    if (!CONFINING_OPERATORS.test(base) || !clauses || typeof clauses !== 'object') continue;
    for (const [key, values] of Object.entries(clauses as Record<string, unknown>)) {
      if (!CONFINING_KEYS.has(key.toLowerCase())) continue;
      const verdicts = [values].flat().map((value) => judgeValue(value, settings, known));
      if (verdicts.includes('unresolvable')) return { unresolvable: `${operator} ${key}` };
      if (verdicts.length > 0 && verdicts.every((v) => v === 'own')) return 'confined';
    }
  }
  return 'open';
}

/** One problem found in a policy. */
export interface PolicyProblem {
  readonly finding: string;
  readonly message: string;
}

/** The Allow statements of a resource's policies that admit anyone or a foreign account without confinement. */
export function openStatements(resource: TemplateResource, settings: RuleSettings, known: KnownIds): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  for (const { where, document } of policiesOf(resource)) {
    if (document === undefined) continue; // no policy given: the service default (the account) applies
    const statements = statementsOf(document);
    if (!statements) {
      problems.push({ finding: `${where}-unreadable`, message: `${where} cannot be read as a policy document` });
      continue;
    }
    statements.forEach((statement, index) => {
      if (statement.Effect !== 'Allow') return;
      const sid = typeof statement.Sid === 'string' && statement.Sid !== '' ? statement.Sid : `Statement${index}`;
      const foreign = settings.account
        ? literalAccounts(statement.Principal).filter((id) => id !== settings.account)
        : [];
      const anyone = statement.NotPrincipal !== undefined || admitsAnyone(statement.Principal);
      if (!anyone && foreign.length === 0) return;
      const verdict = confinement(statement.Condition, settings, known);
      if (verdict === 'confined') return;
      if (typeof verdict === 'object') {
        problems.push({
          finding: `${sid}-unresolvable`,
          message: `${where} ${sid}: cannot resolve ${verdict.unresolvable}`,
        });
        return;
      }
      problems.push({
        finding: sid,
        message: `${where} ${sid} allows ${anyone ? 'anyone' : `account ${foreign.join(', ')}`} with no condition confining callers to this account or organisation`,
      });
    });
  }
  return problems;
}
