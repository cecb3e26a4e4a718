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
  /** The AWS Config rule that verifies the same property in the running account, when there is one. */
  readonly configRule?: ConfigRuleIdentifier;
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

/** True when a value is a CloudFormation intrinsic (a single-key object such as `{Ref}` or `{Fn::…}`). */
export function isIntrinsic(value: unknown): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}
