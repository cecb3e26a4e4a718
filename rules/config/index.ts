import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CitationInput } from '../../lib/controls/catalog.generated';

/** An AWS Config custom policy rule of this project, written in Guard. */
export interface GuardConfigRule {
  /** Rule name suffix; the deployed rule is `<namePrefix>-<id>` and the file `<id>.guard`. */
  readonly id: string;
  readonly description: string;
  readonly citations: readonly CitationInput[];
  /** Resource types the rule evaluates (its change-trigger scope). */
  readonly resourceTypes: readonly string[];
}

/** The custom policy rules, for what the managed rules miss. */
export const GUARD_CONFIG_RULES: readonly GuardConfigRule[] = [
  {
    id: 'phi-kms-key-rotation',
    description:
      'Customer-managed symmetric KMS keys tagged DataClassification=PHI or Deidentified (the keys protecting PHI zones, databases, backups and volumes) rotate their key material.',
    citations: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
    resourceTypes: ['AWS::KMS::Key'],
  },
  {
    id: 'phi-bucket-customer-key',
    description: 'S3 buckets tagged DataClassification=PHI encrypt by default with a customer-managed KMS key.',
    citations: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
    resourceTypes: ['AWS::S3::Bucket'],
  },
  {
    id: 'log-group-minimum-retention',
    description: 'CloudWatch log groups keep events at least the configured minimum retention.',
    citations: ['164.312(b)', '164.308(a)(1)(ii)(D)'],
    resourceTypes: ['AWS::Logs::LogGroup'],
  },
];

/** Values substituted into `{{NAME}}` placeholders of the Guard text. */
export interface GuardParameters {
  readonly MIN_RETENTION_DAYS: number;
}

/** The Guard policy text of a rule with its placeholders filled; throws on an unfilled placeholder. */
export function guardPolicyText(rule: GuardConfigRule, parameters: GuardParameters): string {
  const text = readFileSync(join(__dirname, `${rule.id}.guard`), 'utf8').replace(
    /\{\{(\w+)\}\}/g,
    (_match, name: string) => {
      const value = (parameters as unknown as Record<string, unknown>)[name];
      if (value === undefined) throw new Error(`${rule.id}.guard: no value for {{${name}}}`);
      return String(value);
    },
  );
  return text;
}
