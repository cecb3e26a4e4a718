import { stringify } from 'csv-stringify/sync';
import type { EvidenceReport, LiveResource } from './types';

const HEADER = [
  'control',
  'control_status',
  'rule',
  'rule_compliance',
  'account_id',
  'region',
  'resource_type',
  'resource_id',
  'resource_compliance',
];

/**
 * evidence.csv: one row per citation × rule × resource read (a rule without resources gets one row with empty
 * resource columns; an unmapped rule has an empty control). Rows follow the report's orders.
 */
export function renderEvidenceCsv(report: EvidenceReport): string {
  const statusOf = new Map(report.controls.map((c) => [c.id as string, c.status]));
  const rows: string[][] = [];
  for (const rule of report.rules) {
    const resources: (LiveResource | undefined)[] = rule.resources.length > 0 ? [...rule.resources] : [undefined];
    const controls: string[] = rule.controls.length > 0 ? [...rule.controls] : [''];
    for (const control of controls) {
      for (const r of resources) {
        rows.push([
          control,
          statusOf.get(control) ?? '',
          rule.name,
          rule.compliance,
          r?.accountId ?? '',
          r?.region ?? '',
          r?.type ?? '',
          r?.id ?? '',
          r?.compliance ?? '',
        ]);
      }
    }
  }
  // Ids with leading or trailing whitespace are quoted so that no reader trims them.
  return stringify([HEADER, ...rows], { record_delimiter: 'unix', quoted_match: /^\s|\s$/ });
}
