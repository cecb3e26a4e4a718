import type { CheckResult } from './build';

/** Counts of the JSON summary. */
export function summarise(result: CheckResult): { errors: number; warnings: number; acknowledged: number } {
  return {
    errors: result.findings.filter((finding) => finding.severity === 'error').length,
    warnings: result.findings.filter((finding) => finding.severity === 'warning').length,
    acknowledged: result.acknowledged.length,
  };
}

/** `--format json`: the contract of DESIGN.md, plus the acknowledgements that suppressed a finding. */
export function renderJson(result: CheckResult): string {
  const document = {
    findings: result.findings.map(({ rule, severity, template, logicalId, message, controls }) => ({
      rule,
      severity,
      template,
      logicalId,
      message,
      controls,
    })),
    summary: summarise(result),
    acknowledged: result.acknowledged,
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/**
 * `--format text`: findings grouped by template, one line each — severity, rule, logical id, construct
 * path (when the template records it), citations, message — then a summary line.
 */
export function renderText(result: CheckResult): string {
  const lines: string[] = [];
  const files = new Map(result.templates.map((template) => [template.name, template.file]));
  const groups = new Map<string, typeof result.findings>();
  for (const finding of result.findings)
    groups.set(finding.template, [...(groups.get(finding.template) ?? []), finding]);
  for (const [template, findings] of groups) {
    const file = files.get(template);
    lines.push(file && file !== template ? `${template} (${file})` : template);
    for (const finding of findings) {
      const where = finding.path ? `${finding.logicalId} (${finding.path})` : finding.logicalId;
      const controls = finding.controls.length > 0 ? ` [${finding.controls.join(', ')}]` : '';
      lines.push(`  ${finding.severity.padEnd(7)} ${finding.rule}  ${where}${controls}: ${finding.message}`);
    }
    lines.push('');
  }
  const { errors, warnings, acknowledged } = summarise(result);
  lines.push(
    `${plural(result.templates.length, 'template')} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ` +
      `${acknowledged} acknowledged`,
  );
  return `${lines.join('\n')}\n`;
}
