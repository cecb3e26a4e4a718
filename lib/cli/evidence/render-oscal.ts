import { v5 as uuidv5 } from 'uuid';
import { catalogEntry, type Citation } from '../../controls/catalog';
import type { EvidenceReport, EvidenceStatus, LiveResource, RuleEvidence } from './types';

/** OSCAL version of the schema the output is valid against. */
export const OSCAL_VERSION = '1.2.1';
/** Namespace of this tool's OSCAL properties. */
const NS = 'urn:hipaa-baseline:evidence';
/** UUIDv5 namespace: every identifier below is derived from stable names, so the same input gives the same document. */
const NAMESPACE = uuidv5(NS, uuidv5.URL);
const id = (name: string) => uuidv5(name, NAMESPACE);
const TOOL_UUID = id('tool:hipaa-baseline evidence');

/** OSCAL control id (a token) of a citation: `164.312(a)(2)(iv)` → `hipaa-164.312-a-2-iv`. */
export function oscalControlId(citation: Citation): string {
  return `hipaa-${citation.replace(/\(([^)]+)\)/g, '-$1')}`;
}

/** A property value: OSCAL strings may not start or end with whitespace, so such values are quoted. */
const value = (text: string) => (/^\S(.*\S)?$/s.test(text) ? text : JSON.stringify(text));
const prop = (name: string, text: string) => ({ name, ns: NS, value: value(text) });

const resourceKey = (r: LiveResource) => JSON.stringify([r.accountId, r.region, r.type, r.id]);

function scopeKey(report: EvidenceReport): string {
  const { region, aggregator, conformancePack } = report.scope;
  return JSON.stringify([region, aggregator ?? null, conformancePack ?? null]);
}

/** satisfied only for COMPLIANT (and NOT_APPLICABLE: nothing in scope); everything unproven is not-satisfied. */
function targetStatus(status: EvidenceStatus): { state: 'satisfied' | 'not-satisfied'; reason: string } {
  if (status === 'COMPLIANT') return { state: 'satisfied', reason: 'pass' };
  if (status === 'NOT_APPLICABLE') return { state: 'satisfied', reason: 'other' };
  if (status === 'NON_COMPLIANT') return { state: 'not-satisfied', reason: 'fail' };
  return { state: 'not-satisfied', reason: 'other' };
}

function observation(rule: RuleEvidence, generatedAt: string, scope: string) {
  const failing = rule.resources.filter((r) => r.compliance === 'NON_COMPLIANT');
  return {
    uuid: id(`observation:${scope}:${rule.name}`),
    title: `AWS Config rule ${rule.name}`,
    description: `AWS Config reports ${rule.compliance} for rule \`${rule.name}\`; ${failing.length} non-compliant resource(s) read.`,
    props: [
      prop('config-rule', rule.name),
      prop('compliance', rule.compliance),
      ...(rule.identifier ? [prop('config-rule-identifier', rule.identifier)] : []),
    ],
    methods: ['TEST'],
    types: ['finding'],
    origins: [{ actors: [{ type: 'tool', 'actor-uuid': TOOL_UUID }] }],
    ...(failing.length > 0
      ? {
          subjects: failing.map((r) => ({
            'subject-uuid': id(`resource:${resourceKey(r)}`),
            type: 'inventory-item',
            title: `${r.type} ${r.id}`.replace(/\s+/g, ' '),
          })),
        }
      : {}),
    collected: generatedAt,
  };
}

function inventory(report: EvidenceReport) {
  const seen = new Map<string, LiveResource>();
  for (const rule of report.rules) {
    for (const r of rule.resources) if (r.compliance === 'NON_COMPLIANT') seen.set(resourceKey(r), r);
  }
  return [...seen.entries()].map(([key, r]) => ({
    uuid: id(`resource:${key}`),
    description: `${r.type} ${r.id} in account ${r.accountId}, ${r.region}`,
    props: [
      prop('account-id', r.accountId),
      prop('region', r.region),
      prop('resource-type', r.type),
      prop('resource-id', r.id),
    ],
  }));
}

/**
 * OSCAL assessment results (NIST OSCAL 1.2.1): one result; one observation per Config rule (its non-compliant
 * resources as inventory-item subjects); one finding per citation with live evidence, its target satisfied only
 * when the citation rolled up COMPLIANT (or NOT_APPLICABLE). Document and result UUIDs derive from the scope
 * and generation time, so every run gets new ones; everything else derives from stable names.
 */
export function renderOscalAssessmentResults(report: EvidenceReport, toolVersion: string): string {
  const scope = scopeKey(report);
  const run = `${scope}:${report.generatedAt}`;
  const planUuid = id('back-matter:no-assessment-plan');
  const observationUuid = new Map(report.rules.map((r) => [r.name, id(`observation:${scope}:${r.name}`)]));
  const items = inventory(report);
  const findings = report.controls.map((control) => {
    const status = targetStatus(control.status);
    return {
      uuid: id(`finding:${scope}:${control.id}`),
      title: `${control.id} ${catalogEntry(control.id).title}`,
      description: `HIPAA ${control.id} rolls up ${control.status} from ${control.rules.length} AWS Config rule(s).`,
      props: [prop('hipaa-citation', control.id), prop('status', control.status)],
      target: {
        type: 'objective-id',
        'target-id': oscalControlId(control.id),
        status: { state: status.state, reason: status.reason },
        ...(status.reason === 'other' ? { remarks: `AWS Config status: ${control.status}.` } : {}),
      },
      'related-observations': control.rules.map((name) => ({ 'observation-uuid': observationUuid.get(name)! })),
    };
  });
  const selection =
    report.controls.length > 0
      ? { 'include-controls': report.controls.map((c) => ({ 'control-id': oscalControlId(c.id) })) }
      : { description: 'No AWS Config rule in scope maps to a HIPAA citation.', 'include-all': {} };
  const result = {
    uuid: id(`result:${run}`),
    title: 'AWS Config evaluation results',
    description: `Live AWS Config compliance joined with the HIPAA Security Rule registry (${report.scope.resources} resources read).`,
    start: report.generatedAt,
    end: report.generatedAt,
    props: [
      prop('region', report.scope.region),
      ...(report.scope.aggregator ? [prop('aggregator', report.scope.aggregator)] : []),
      ...(report.scope.conformancePack ? [prop('conformance-pack', report.scope.conformancePack)] : []),
      prop('complete', report.errors.length === 0 ? 'true' : 'false'),
    ],
    'local-definitions': {
      components: [
        {
          uuid: TOOL_UUID,
          type: 'software',
          title: 'hipaa-baseline evidence',
          description: 'Reads AWS Config rule compliance and joins it with the HIPAA Security Rule control registry.',
          props: [prop('version', toolVersion)],
          status: { state: 'operational' },
        },
      ],
      ...(items.length > 0 ? { 'inventory-items': items } : {}),
    },
    'reviewed-controls': { 'control-selections': [selection] },
    ...(report.rules.length > 0
      ? { observations: report.rules.map((r) => observation(r, report.generatedAt, scope)) }
      : {}),
    ...(findings.length > 0 ? { findings } : {}),
    ...(report.errors.length > 0
      ? { remarks: `Partial evidence: ${report.errors.map((e) => `${e.rule}: ${e.message}`).join('; ')}` }
      : {}),
  };
  const document = {
    'assessment-results': {
      uuid: id(`document:${run}`),
      metadata: {
        title: 'HIPAA Security Rule evidence from AWS Config',
        'last-modified': report.generatedAt,
        version: toolVersion,
        'oscal-version': OSCAL_VERSION,
      },
      'import-ap': {
        href: `#${planUuid}`,
        remarks: 'Automated collection from AWS Config; there is no separate assessment plan.',
      },
      results: [result],
      'back-matter': {
        resources: [
          {
            uuid: planUuid,
            title: 'No assessment plan',
            description: 'Evidence collected by `hipaa-baseline evidence` from AWS Config rule evaluations.',
          },
        ],
      },
    },
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
