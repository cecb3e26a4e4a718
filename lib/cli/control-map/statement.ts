import type { CatalogEntry } from '../../controls/catalog';

/** What the status and statement read from a catalog entry of any framework. */
type EntryFacts = Pick<CatalogEntry, 'responsibility' | 'notes'>;
import type { ControlStatus, EnforcingRule, DeployedConfigRule, Implementation } from './model';

/** What the assembly contributes to one citation. */
export interface Coverage {
  readonly implementations: readonly Implementation[];
  readonly enforcingRules: readonly EnforcingRule[];
  readonly verifyingConfigRules: readonly DeployedConfigRule<string>[];
}

/**
 * The status of a citation from its responsibility and what the assembly contributes:
 * `aws` → AWS; `customer-process` → customer process; `customer-config` → implemented with a
 * declaring construct that does not merely rely on something outside the baseline, else partially when
 * such a reliance or synth or deployed Config rules cover it, else not implemented; `shared` → partially
 * with a declaring construct, else AWS.
 */
export function controlStatus(entry: EntryFacts, coverage: Coverage): ControlStatus {
  const implemented = coverage.implementations.length > 0;
  const own = coverage.implementations.some((i) => !i.reliesOn);
  switch (entry.responsibility) {
    case 'aws':
      return 'AWS';
    case 'customer-process':
      return 'customer process';
    case 'shared':
      return implemented ? 'partially' : 'AWS';
    case 'customer-config':
      if (own) return 'implemented';
      return implemented || coverage.enforcingRules.length + coverage.verifyingConfigRules.length > 0
        ? 'partially'
        : 'not implemented';
  }
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
/** "1 rule verifies" / "2 rules verify". */
const counted = (n: number, noun: string, verbs: [string, string]) => `${count(n, noun)} ${verbs[n === 1 ? 0 : 1]}`;

/** The catalog notes without their source-of-text remarks (which document the catalog, not the control). */
function notes(entry: EntryFacts): string {
  return entry.notes
    .split(/(?<=\.)\s+(?=Text: )/)
    .filter((sentence) => !sentence.startsWith('Text: '))
    .join(' ')
    .trim();
}

/** "2 constructs (LogArchive/Trail, LogArchive/Archive)", naming at most three. */
function constructs(coverage: Coverage): string {
  const paths = coverage.implementations.map((i) => i.constructPath);
  const named = paths.length > 3 ? `${paths.slice(0, 3).join(', ')} and ${paths.length - 3} more` : paths.join(', ');
  return `${count(paths.length, 'construct')} (${named})`;
}

/** What rules check, as a clause; empty when none do. */
function checks(coverage: Coverage): string {
  const parts = [];
  if (coverage.enforcingRules.length > 0) {
    parts.push(
      `${counted(coverage.enforcingRules.length, 'synth-time rule', ['enforces', 'enforce'])} it before deployment`,
    );
  }
  if (coverage.verifyingConfigRules.length > 0) {
    parts.push(
      `${counted(coverage.verifyingConfigRules.length, 'deployed AWS Config rule', ['verifies', 'verify'])} it in the account`,
    );
  }
  return parts.join(' and ');
}

/** "; it relies on X and Y, which it does not deploy" — empty when nothing is relied on. */
function reliance(coverage: Coverage): string {
  const relied = [...new Set(coverage.implementations.flatMap((i) => (i.reliesOn ? [i.reliesOn] : [])))];
  return relied.length > 0 ? `; it relies on ${relied.join(' and ')}, which it does not deploy` : '';
}

function baselinePart(entry: EntryFacts, status: ControlStatus, coverage: Coverage): string {
  const checked = checks(coverage);
  const andChecked = `${reliance(coverage)}${checked ? `; ${checked}` : ''}`;
  const implemented = coverage.implementations.length > 0;
  switch (status) {
    case 'implemented':
      return `This baseline implements it with ${constructs(coverage)}${andChecked}.`;
    case 'partially':
      return entry.responsibility === 'shared'
        ? `Shared with AWS: AWS meets its side for its infrastructure under its business associate addendum (audit reports in AWS Artifact); this baseline contributes ${constructs(coverage)}${andChecked}, and the customer's procedures cover the rest.`
        : implemented
          ? `No construct of this baseline implements it by itself${andChecked}; the customer configures and operates the rest.`
          : `No construct of this baseline implements it by itself; ${checked}, and the customer configures and operates the rest.`;
    case 'not implemented':
      return 'Nothing in this baseline implements or checks it: the customer must configure it.';
    case 'AWS':
      return entry.responsibility === 'shared'
        ? `Shared with AWS: AWS meets it for its infrastructure under its business associate addendum (audit reports in AWS Artifact); the customer's side is a procedure or contract outside this baseline${andChecked}.`
        : `AWS meets it for electronic PHI held in AWS (SOC 2 and ISO 27001 reports in AWS Artifact); this baseline deploys nothing for it${andChecked}.`;
    case 'customer process':
      return implemented
        ? `A customer process (policy, people or contracts); this baseline supports it with ${constructs(coverage)}${andChecked}.`
        : `A customer process (policy, people or contracts): no cloud configuration implements it${andChecked}.`;
  }
}

/** Who does what for a citation: the catalog's notes, then what this baseline contributes. Never blank. */
export function responsibilityStatement(entry: EntryFacts, status: ControlStatus, coverage: Coverage): string {
  return [notes(entry), baselinePart(entry, status, coverage)].filter((part) => part !== '').join(' ');
}
