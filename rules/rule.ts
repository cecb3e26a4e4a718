import type { Citation, ConfigRuleIdentifier } from '../lib/controls/catalog.generated';

/** A CloudFormation resource as it appears in the final template (intrinsics left as objects). */
export interface TemplateResource {
  readonly logicalId: string;
  readonly Type: string;
  readonly Properties?: Record<string, any>;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
  readonly Metadata?: Record<string, any>;
  readonly DependsOn?: string | string[];
}

/** Values from the configuration that rules compare against. */
export interface RuleSettings {
  /** Minimum CloudWatch Logs retention, days. */
  readonly logGroupRetentionDays: number;
  /** Minimum Object Lock retention of audit-log buckets, years. */
  readonly auditLogRetentionYears: number;
  /** Minimum Vault Lock retention of backup vaults, days. */
  readonly backupMinRetentionDays: number;
  /** The account the baseline is deployed to, when the configuration names it (policies may trust only it). */
  readonly account?: string;
  /** The AWS Organization whose principals policies may trust, when the configuration names it. */
  readonly organizationId?: string;
  /**
   * Roles (as `aws:PrincipalARN` patterns) every Deny of a guardrail SCP must exempt besides the StackSets
   * execution role: the break-glass and remediation roles of organisation mode.
   */
  readonly guardrailExemptPrincipalArns?: readonly string[];
}

/** What a rule sees: the resource under test and the template it belongs to. */
export interface RuleContext {
  readonly settings: RuleSettings;
  /** Every resource of the same template, by logical id. */
  readonly resources: ReadonlyMap<string, TemplateResource>;
  /** The template's top-level Metadata section (e.g. declarations a stack makes for template-wide rules). */
  readonly templateMetadata: Readonly<Record<string, unknown>>;
}

/** Template Metadata key under which the app records the rule settings, so template checks use the same values. */
export const RULE_SETTINGS_METADATA_KEY = 'hipaa-baseline:rule-settings';

export type RuleResult = 'compliant' | 'non-compliant' | 'not-applicable';

/** One of this project's rules: pure function over a template resource plus registry metadata. */
export interface OwnRule {
  /** Suffix of the rule id (`HIPAABaseline-<id>`); also the rule's file name. */
  readonly id: string;
  readonly level: 'error' | 'warning';
  /** Why the rule was triggered, one line. */
  readonly info: string;
  /** Why the rule exists and how to fix a finding. */
  readonly explanation: string;
  /** HIPAA Security Rule citations the rule enforces. */
  readonly citations: readonly Citation[];
  /** AWS Config managed rules that verify the same property in the running account. */
  readonly configRules?: readonly ConfigRuleIdentifier[];
  readonly check: (resource: TemplateResource, context: RuleContext) => RuleResult;
  /**
   * For a non-compliant resource, one line per finding (e.g. each undeclared path it creates); the pack
   * reports each as `<rule id>[<finding>]`, so the synth output names them.
   */
  readonly findings?: (resource: TemplateResource, context: RuleContext) => readonly string[];
}

/** Prefix of this project's rule ids. */
export const OWN_PACK_NAME = 'HIPAABaseline';

/** Reads a resource tag value (CloudFormation `Tags: [{Key, Value}]` form, or the map form some types use). */
export function tagValue(resource: TemplateResource, key: string): unknown {
  const tags = resource.Properties?.Tags;
  if (Array.isArray(tags)) return tags.find((tag) => tag?.Key === key)?.Value;
  if (tags && typeof tags === 'object') return (tags as Record<string, unknown>)[key];
  return undefined;
}

/** True when the resource carries the tag with that value. */
export function hasTag(resource: TemplateResource, key: string, value: string): boolean {
  return tagValue(resource, key) === value;
}

/** Logical ids a value references through Ref or Fn::GetAtt, anywhere inside it. */
export function referencedIds(value: unknown): string[] {
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (typeof record.Ref === 'string') found.push(record.Ref);
      const getAtt = record['Fn::GetAtt'];
      if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') found.push(getAtt[0]);
      if (typeof getAtt === 'string') found.push(getAtt.split('.')[0]);
      Object.values(record).forEach(walk);
    }
  };
  walk(value);
  return found;
}

/** True when a value is a CloudFormation intrinsic (a single-key object such as `{Ref}` or `{Fn::…}`). */
export function isIntrinsic(value: unknown): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}
