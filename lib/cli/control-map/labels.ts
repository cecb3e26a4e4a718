import type { Safeguard } from '../../controls/catalog';
import type { GdprGroup } from '../../controls/gdpr-catalog';
import type { StackAccount } from './load';
import type { AnyControlEntry, AnyControlMap, DeployedConfigRule } from './model';

/** Headings of the safeguard groups, as the regulation names them. */
export const SAFEGUARD_TITLES: Readonly<Record<Safeguard, string>> = {
  administrative: 'Administrative safeguards (164.308)',
  physical: 'Physical safeguards (164.310)',
  technical: 'Technical safeguards (164.312)',
  organizational: 'Organizational requirements (164.314)',
  documentation: 'Policies, procedures and documentation (164.316)',
};

/** Headings of the GDPR groups, by article. */
export const GDPR_GROUP_TITLES: Readonly<Record<GdprGroup, string>> = {
  principles: 'Principles relating to processing (Art. 5)',
  'by-design': 'Data protection by design and by default (Art. 25)',
  records: 'Records of processing activities (Art. 30)',
  security: 'Security of processing (Art. 32)',
  breach: 'Notification of a personal data breach (Art. 33)',
  'impact-assessment': 'Data protection impact assessment (Art. 35)',
};

/** "standard", "required specification", "addressable specification"; "provision" for GDPR. */
export function kindLabel(entry: AnyControlEntry): string {
  if (entry.source) return 'provision';
  if (entry.kind === 'standard') return 'standard';
  return entry.required === 'R' ? 'required specification' : 'addressable specification';
}

/** How a Config rule's citations were mapped, marking this project's own mappings. */
export function mappingLabel(rule: DeployedConfigRule<string>): string {
  if (!rule.mapping) return 'not in the registry';
  return rule.projectMapping ? 'hipaa-baseline mapping (own)' : rule.mapping;
}

/** One line naming the assembly's stacks. */
export function stacksLine(map: AnyControlMap): string {
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

/** What the outputs call things, per framework. */
export interface FrameworkLabels {
  /** Page and document title. */
  readonly title: string;
  /** What the map covers, one sentence. */
  readonly scope: string;
  /** The heading of a group of entries. */
  readonly groupTitle: (group: string) => string;
  /** Column header of the group (`Safeguard`, `Article`). */
  readonly groupHeader: string;
  /** Column header of the id (`Citation`, `Provision`). */
  readonly idHeader: string;
  /** What one entry is called, singular and plural. */
  readonly unit: readonly [string, string];
  /** Which regulation a Config rule without a mapping lacks (`HIPAA`). */
  readonly regulation: string;
  /** The status rules, as the outputs explain them. */
  readonly statusRules: readonly string[];
}

export const HIPAA_LABELS: FrameworkLabels = {
  title: 'HIPAA Security Rule control map',
  scope:
    'Every standard and implementation specification of 45 CFR 164.308–164.316 appears once, with what implements it, what enforces it before deployment and what verifies it in the running account.',
  groupTitle: (group) => SAFEGUARD_TITLES[group as Safeguard] ?? group,
  groupHeader: 'Safeguard',
  idHeader: 'Citation',
  unit: ['citation', 'citations'],
  regulation: 'HIPAA',
  statusRules: STATUS_RULES,
};

export const GDPR_LABELS: FrameworkLabels = {
  title: 'GDPR control map',
  scope:
    'Every provision of Regulation (EU) 2016/679 (GDPR) to which cloud configuration contributes — Art. 32 security of processing, with Art. 5(1)(f), 25, 30, 33 and 35 — appears once, with what implements or supports it, what enforces it before deployment and what verifies it in the running account.',
  groupTitle: (group) => GDPR_GROUP_TITLES[group as GdprGroup] ?? group,
  groupHeader: 'Article',
  idHeader: 'Provision',
  unit: ['provision', 'provisions'],
  regulation: 'GDPR',
  statusRules: [
    'implemented: a construct of the baseline declares a HIPAA citation this project maps to the provision, or is mapped to it directly (provisions a cloud configuration can meet).',
    'partially: no construct implements it, but synth-time rules or deployed AWS Config rules check related configuration.',
    'not implemented: a provision a cloud configuration can meet that nothing in the assembly implements or checks.',
    'customer process: met by the controller’s or processor’s own measures (policies, people, documents, notifications); the constructs listed support it.',
    'AWS: not used here; AWS’s obligations as processor are in its Data Processing Addendum.',
  ],
};

/** The labels of a map's framework (the HIPAA map carries no catalog field). */
export function labelsOf(map: AnyControlMap): FrameworkLabels {
  return map.catalog?.framework === 'gdpr' ? GDPR_LABELS : HIPAA_LABELS;
}
