import type { Safeguard } from '../../controls/catalog';
import type { StackAccount } from './load';
import type { ControlEntry, ControlMap, DeployedConfigRule } from './model';

/** Headings of the safeguard groups, as the regulation names them. */
export const SAFEGUARD_TITLES: Readonly<Record<Safeguard, string>> = {
  administrative: 'Administrative safeguards (164.308)',
  physical: 'Physical safeguards (164.310)',
  technical: 'Technical safeguards (164.312)',
  organizational: 'Organizational requirements (164.314)',
  documentation: 'Policies, procedures and documentation (164.316)',
};

/** "standard", "required specification", "addressable specification". */
export function kindLabel(entry: ControlEntry): string {
  if (entry.kind === 'standard') return 'standard';
  return entry.required === 'R' ? 'required specification' : 'addressable specification';
}

/** How a Config rule's citations were mapped, marking this project's own mappings. */
export function mappingLabel(rule: DeployedConfigRule): string {
  if (!rule.mapping) return 'not in the registry';
  return rule.projectMapping ? 'hipaa-baseline mapping (own)' : rule.mapping;
}

/** One line naming the assembly's stacks. */
export function stacksLine(map: ControlMap): string {
  return map.stacks
    .map((stack) => `${stack.id} (${stack.stackName}${stack.account ? `; ${stack.account}` : ''})`)
    .join(', ');
}

/** Which account of the organisation a template is for: its role, and its id or the StackSet's targets. */
export function accountLabel(account: StackAccount): string {
  if (account.account) return `${account.role} account ${account.account}`;
  const ous = account.organizationalUnitIds ?? [];
  return `${account.role} accounts of ${ous.join(', ')} in ${(account.regions ?? []).join(', ')}`;
}

/** The status rules, as the outputs explain them. */
export const STATUS_RULES = [
  'implemented: a construct of the baseline declares the citation (requirements a cloud configuration can meet).',
  'partially: no construct declares it, but synth-time rules or deployed AWS Config rules check related configuration; or a requirement shared with AWS to which the baseline contributes constructs.',
  'not implemented: a requirement a cloud configuration can meet that nothing in the assembly implements or checks.',
  'customer process: met by the customer’s policies, people or contracts, whatever the baseline contributes.',
  'AWS: met by AWS for its infrastructure (physical safeguards, its business associate addendum).',
] as const;
