import { v5 as uuidv5 } from 'uuid';
import type { Citation } from '../../controls/catalog';
import { kindLabel, mappingLabel, stacksLine } from './labels';
import type { AnyControlEntry, AnyControlMap, ControlMap } from './model';

/** OSCAL version of the schema the output validates against. */
export const OSCAL_VERSION = '1.2.1';
/** Namespace of this project's OSCAL props. */
export const PROP_NS = 'urn:hipaa-baseline:oscal';
/** The regulation the control ids refer to. */
export const HIPAA_SOURCE = 'https://www.ecfr.gov/current/title-45/subtitle-A/subchapter-C/part-164/subpart-C';

const UUID_NAMESPACE = uuidv5('urn:hipaa-baseline:control-map', uuidv5.URL);

/**
 * The OSCAL control id of a GDPR provision, distinct from every HIPAA id: `Art. 32(1)(a)` becomes
 * `gdpr-art32-1-a`. The provision itself is kept in a prop.
 */
export function oscalGdprControlId(provision: string): string {
  return `gdpr-art${provision.replace(/^Art\.\s*/, '').replace(/\(([^)]*)\)/g, '-$1')}`;
}

/**
 * The OSCAL control id of a citation: a token (letters, digits, `.`, `-`, `_`), so
 * `164.308(a)(1)(ii)(A)` becomes `hipaa-164.308-a-1-ii-A`. The citation itself is kept in a prop.
 */
export function oscalControlId(citation: Citation): string {
  return `hipaa-${citation.replace(/\(([^)]*)\)/g, '-$1')}`;
}

/** OSCAL strings and tokens: one line, no surrounding white space. */
const line = (text: string) => text.replace(/\s+/g, ' ').trim();
const prop = (name: string, value: string) => ({ name, ns: PROP_NS, value: line(value) });

const ROLES = {
  customer: 'Customer: the covered entity or business associate operating the AWS accounts',
  provider: 'AWS: the cloud service provider, under its business associate addendum',
};

function roles(entry: AnyControlEntry): { 'role-id': keyof typeof ROLES }[] {
  if (entry.responsibility === 'aws') return [{ 'role-id': 'provider' }];
  if (entry.responsibility === 'shared') return [{ 'role-id': 'customer' }, { 'role-id': 'provider' }];
  return [{ 'role-id': 'customer' }];
}

function remarks(entry: AnyControlEntry): string | undefined {
  const lines = [
    ...entry.implementations.map(
      (i) =>
        `- Implemented by \`${i.constructPath}\` (${i.constructType}): ${line(i.statement)}` +
        (i.reliesOn ? ` Relies on ${line(i.reliesOn)}.` : ''),
    ),
    ...entry.verifyingConfigRules.map(
      (r) => `- Verified by AWS Config rule \`${r.name}\` (${r.identifier}, ${mappingLabel(r)})`,
    ),
    ...entry.verifyingConfigRules.flatMap((r) =>
      r.exemptions.map(
        (x) =>
          `- Exempted from AWS Config rule \`${r.name}\` (${r.identifier}): ${line(x.resources)}: ${line(x.reason)}`,
      ),
    ),
    ...entry.acknowledgements.map(
      (a) => `- Acknowledged finding \`${a.rule}\` on ${a.stack}/${a.logicalId}: ${line(a.reason)}`,
    ),
  ];
  return lines.length > 0 ? lines.join('\n') : undefined;
}

function requirement(entry: ControlMap['controls'][number], uuid: (name: string) => string) {
  return {
    uuid: uuid(`requirement/${entry.citation}`),
    'control-id': oscalControlId(entry.citation),
    description: entry.statement,
    props: [
      prop('hipaa-citation', entry.citation),
      prop('title', entry.title),
      prop('kind', kindLabel(entry)),
      prop('safeguard', entry.safeguard),
      ...commonProps(entry),
    ],
    'responsible-roles': roles(entry),
    remarks: remarks(entry),
  };
}

function gdprRequirement(entry: AnyControlEntry, uuid: (name: string) => string) {
  return {
    uuid: uuid(`requirement/gdpr/${entry.citation}`),
    'control-id': oscalGdprControlId(entry.citation),
    description: entry.statement,
    props: [
      prop('gdpr-provision', entry.citation),
      prop('title', entry.title),
      prop('article-group', entry.safeguard),
      prop('mapping', `${entry.mapping ?? ''} (own mapping, not legal advice)`),
      ...commonProps(entry),
    ],
    'responsible-roles': roles(entry),
    remarks: remarks(entry),
  };
}

function commonProps(entry: AnyControlEntry) {
  return [
    prop('responsibility', entry.responsibility),
    prop('status', entry.status),
    ...entry.implementations.map((i) => prop('implemented-by', `${i.constructPath} (${i.constructType})`)),
    ...entry.implementations.flatMap((i) => (i.reliesOn ? [prop('relies-on', i.reliesOn)] : [])),
    ...entry.enforcingRules.map((r) => prop('enforced-by', r.id)),
    ...entry.verifyingConfigRules.map((r) => prop('verified-by', r.name)),
  ];
}

function hipaaImplementation(map: ControlMap, uuid: (name: string) => string) {
  return {
    uuid: uuid('control-implementation/hipaa-security-rule'),
    source: HIPAA_SOURCE,
    description:
      'Every standard and implementation specification of the HIPAA Security Rule, with its status, ' +
      'the constructs that implement it, the synth-time rules that enforce it and the AWS Config rules ' +
      'that verify it. Control ids are the citations as tokens; the `hipaa-citation` prop gives each ' +
      'citation as written.',
    'implemented-requirements': map.controls.map((entry) => requirement(entry, uuid)),
  };
}

function gdprImplementation(map: AnyControlMap, uuid: (name: string) => string) {
  return {
    uuid: uuid('control-implementation/gdpr'),
    source: map.catalog?.source ?? '',
    description:
      'The GDPR provisions to which cloud configuration contributes (Art. 32 security of processing, with ' +
      'Art. 5(1)(f), 25, 30, 33 and 35), with their status, the constructs that implement or support them, ' +
      'the synth-time rules and the AWS Config rules. Control ids are `gdpr-art…` tokens; the ' +
      `\`gdpr-provision\` prop gives each provision as written. ${map.catalog?.mapping ?? ''}`,
    'implemented-requirements': map.controls.map((entry) => gdprRequirement(entry, uuid)),
  };
}

/** The maps of one run: the HIPAA map and the GDPR map, each when asked for. */
export interface OscalMaps {
  readonly hipaa?: ControlMap;
  readonly gdpr?: AnyControlMap;
}

/**
 * The control map as an OSCAL 1.2.1 component definition: one software component (the baseline) with
 * one implemented requirement per citation. UUIDs are version 5, derived from stable names and the
 * assembly's stack names, so re-running on the same app gives the same document; only `last-modified`
 * (given) varies.
 */
export function renderOscal(map: ControlMap, lastModified: Date): string {
  return renderOscalFrameworks({ hipaa: map }, lastModified);
}

/**
 * One component definition for the frameworks asked for: one control implementation per framework, each
 * with its own source and control ids (`hipaa-…`, `gdpr-art…`). With HIPAA alone it is renderOscal's document.
 */
export function renderOscalFrameworks(maps: OscalMaps, lastModified: Date): string {
  const map: AnyControlMap = (maps.hipaa ?? maps.gdpr)!;
  const both = maps.hipaa !== undefined && maps.gdpr !== undefined;
  const regulations = both ? 'HIPAA Security Rule and GDPR' : maps.hipaa ? 'HIPAA Security Rule' : 'GDPR';
  const identity = map.stacks
    .map((stack) => stack.stackName)
    .sort()
    .join(',');
  const uuid = (name: string) => uuidv5(`${identity}/${name}`, UUID_NAMESPACE);
  const document = {
    'component-definition': {
      uuid: uuid('component-definition'),
      metadata: {
        title: `hipaa-baseline: ${regulations} control implementations`,
        'last-modified': lastModified.toISOString(),
        version: map.generator.version,
        'oscal-version': OSCAL_VERSION,
        roles: Object.entries(ROLES).map(([id, title]) => ({ id, title })),
        remarks: `Generated by hipaa-baseline control-map from the synthesized cloud assembly (stacks: ${stacksLine(map)}).`,
      },
      components: [
        {
          uuid: uuid('component/hipaa-baseline'),
          type: 'software',
          title: 'hipaa-baseline',
          description:
            'AWS CDK security baseline for HIPAA-regulated workloads: encryption keys, immutable audit logs, ' +
            'threat detection and alerting, PHI data protection and backups, AWS Config rules, and a synth-time ' +
            'rule gate.',
          purpose: [
            ...(maps.hipaa ? ['Implement and evidence the HIPAA Security Rule (45 CFR 164.308–164.316) on AWS.'] : []),
            ...(maps.gdpr
              ? ['Implement and support the security of processing under the GDPR (Regulation (EU) 2016/679) on AWS.']
              : []),
          ].join(' '),
          props: map.stacks.map((stack) => prop('stack', `${stack.id} (${stack.stackName})`)),
          'control-implementations': [
            ...(maps.hipaa ? [hipaaImplementation(maps.hipaa, uuid)] : []),
            ...(maps.gdpr ? [gdprImplementation(maps.gdpr, uuid)] : []),
          ],
        },
      ],
    },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
