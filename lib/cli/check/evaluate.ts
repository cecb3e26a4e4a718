import { OWN_PACK_NAME, OWN_RULES, type TemplateResource } from '../../../rules';
import { TEMPLATE_RULES, TemplateLoadable, TEMPLATE_LEVEL } from '../../../rules/template';
import type { RawFinding } from './findings';
import { applyNagPacks, NotLoadableError } from './nag';
import { readRuleSettings } from './settings';
import { FOR_EACH_PREFIX, type CfnTemplate } from './template';

/** The resources of a template as rules see them, by logical id. */
export function templateResources(template: CfnTemplate): Map<string, TemplateResource> {
  return new Map(
    Object.entries(template.Resources)
      .filter(([logicalId]) => !logicalId.startsWith(FOR_EACH_PREFIX))
      .map(([logicalId, resource]) => [logicalId, { logicalId, ...resource } as TemplateResource]),
  );
}

/**
 * Every rule the synth gate applies, plus the template-only rules, on one final template: own rules
 * directly on the template JSON, the cdk-nag packs through cloudformation-include, template rules on the
 * whole template. Acknowledgements are not applied here.
 */
export function evaluateTemplate(template: CfnTemplate): RawFinding[] {
  const resources = templateResources(template);
  const metadata = (template.Metadata ?? {}) as Record<string, unknown>;
  const { settings, problems } = readRuleSettings(metadata);
  const findings: RawFinding[] = [];

  for (const resource of resources.values()) {
    const context = { settings, resources, templateMetadata: metadata };
    for (const rule of OWN_RULES) {
      if (rule.check(resource, context) !== 'non-compliant') continue;
      // One finding per `[finding]`, as the synth-time pack reports them, so acknowledgements match alike.
      const details = rule.findings?.(resource, context) ?? [];
      for (const detail of details.length > 0 ? details : [undefined]) {
        findings.push({
          rule: `${OWN_PACK_NAME}-${rule.id}${detail === undefined ? '' : `[${detail}]`}`,
          severity: rule.level,
          logicalId: resource.logicalId,
          message: rule.info,
        });
      }
    }
  }

  try {
    findings.push(...applyNagPacks(template));
  } catch (error) {
    if (!(error instanceof NotLoadableError)) throw error;
    findings.push({
      rule: `${OWN_PACK_NAME}-${TemplateLoadable.id}`,
      severity: TemplateLoadable.level,
      logicalId: TEMPLATE_LEVEL,
      message: `${TemplateLoadable.info} ${error.message}. The HIPAA.Security and AwsSolutions rules were not applied to it.`,
      acknowledgedOn: 'template',
    });
  }

  for (const rule of TEMPLATE_RULES) {
    for (const finding of rule.check({ resources, metadata, settingsProblems: problems })) {
      findings.push({
        rule: `${OWN_PACK_NAME}-${rule.id}${finding.findingId ? `[${finding.findingId}]` : ''}`,
        severity: rule.level,
        logicalId: finding.logicalId,
        message: finding.message,
        ...(finding.logicalId === TEMPLATE_LEVEL ? { acknowledgedOn: 'template' as const } : {}),
      });
    }
  }
  return findings;
}
