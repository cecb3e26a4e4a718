import { stringify } from 'csv-stringify/sync';
import type { AnyControlMap } from './model';

/** CSV columns, in order. */
export const CSV_COLUMNS = [
  'citation',
  'title',
  'safeguard',
  'kind',
  'required',
  'responsibility',
  'status',
  'stack',
  'construct_path',
  'construct_type',
  'logical_id',
  'resource_type',
  'relies_on',
  'acknowledged_findings',
  'enforcing_rule_count',
  'verifying_config_rule_count',
] as const;

/** CSV columns of the GDPR map: the provision, its article group, the official text and the mapping flag. */
export const GDPR_CSV_COLUMNS = [
  'provision',
  'title',
  'article',
  'responsibility',
  'status',
  'mapping',
  'source',
  ...CSV_COLUMNS.slice(CSV_COLUMNS.indexOf('stack')),
] as const;

type Row = Record<(typeof CSV_COLUMNS)[number] | (typeof GDPR_CSV_COLUMNS)[number], string>;

/**
 * The control map as CSV: one row per citation × implementing resource (a citation nothing implements
 * has one row with empty resource columns, and so has an implementation that only relies on something
 * outside the baseline, named in `relies_on`), in catalog order, then stack, construct path and logical id.
 * `acknowledged_findings` lists the acknowledgements on that resource for rules enforcing the citation
 * (`rule: reason`, `; `-separated); the rules themselves are counted (their names are in the other formats).
 * Config rule exemptions are not columns here: an exemption names a class of resources (a role or a
 * construct path) for a rule, not the implementing resources these rows list — an access-log bucket exempt
 * from replication implements no citation that replication verifies — so a row could only repeat them; the
 * Markdown, HTML, JSON and OSCAL outputs list them under each citation.
 * The GDPR map has GDPR_CSV_COLUMNS: `provision` and `article` for citation and safeguard, and each row
 * carries the official text's address and the flag that the mapping is this project's own.
 */
export function renderCsv(map: AnyControlMap): string {
  const rows: Row[] = [];
  for (const entry of map.controls) {
    const base = {
      provision: entry.citation,
      article: entry.safeguard,
      mapping: entry.mapping ?? '',
      source: entry.source ?? '',
      citation: entry.citation,
      title: entry.title,
      safeguard: entry.safeguard,
      kind: entry.kind,
      required: entry.required ?? '',
      responsibility: entry.responsibility,
      status: entry.status,
      enforcing_rule_count: String(entry.enforcingRules.length),
      verifying_config_rule_count: String(entry.verifyingConfigRules.length),
    };
    const empty = { logicalId: '', type: '' };
    const resources = entry.implementations.flatMap((implementation) =>
      (implementation.resources.length > 0 ? implementation.resources : [empty]).map((resource) => ({
        implementation,
        resource,
      })),
    );
    if (resources.length === 0) {
      rows.push({
        ...base,
        stack: '',
        construct_path: '',
        construct_type: '',
        logical_id: '',
        resource_type: '',
        relies_on: '',
        acknowledged_findings: '',
      });
    }
    for (const { implementation, resource } of resources) {
      const acknowledged = entry.acknowledgements.filter(
        (a) => a.stack === implementation.stack && a.logicalId === resource.logicalId && resource.logicalId !== '',
      );
      rows.push({
        ...base,
        stack: implementation.stack,
        construct_path: implementation.constructPath,
        construct_type: implementation.constructType,
        logical_id: resource.logicalId,
        resource_type: resource.type,
        relies_on: implementation.reliesOn ?? '',
        acknowledged_findings: acknowledged.map((a) => `${a.rule}: ${a.reason}`).join('; '),
      });
    }
  }
  const columns = map.catalog ? GDPR_CSV_COLUMNS : CSV_COLUMNS;
  return stringify(rows, { header: true, columns: [...columns], record_delimiter: '\n' });
}
