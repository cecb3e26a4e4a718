import { CfnResource, Stack } from 'aws-cdk-lib';
import { NagMessageLevel, NagPack, NagRuleCompliance } from 'cdk-nag';
import { OWN_RULES } from './index';
import { OWN_PACK_NAME, type RuleResult, type RuleSettings, type TemplateResource } from './rule';

const COMPLIANCE: Record<RuleResult, NagRuleCompliance> = {
  compliant: NagRuleCompliance.COMPLIANT,
  'non-compliant': NagRuleCompliance.NON_COMPLIANT,
  'not-applicable': NagRuleCompliance.NOT_APPLICABLE,
};

/**
 * Renders a CfnResource as it will appear in the template — property overrides, deletion policies and
 * metadata included — so own rules judge the final output, not the L1 props an escape hatch can bypass.
 */
export function renderResource(resource: CfnResource): TemplateResource {
  const stack = Stack.of(resource);
  const logicalId = stack.resolve(resource.logicalId) as string;
  // _toCloudFormation is the method the stack itself uses to render the resource.
  const rendered = stack.resolve((resource as any)._toCloudFormation()).Resources[logicalId];
  const dependsOn = [...new Set([...[rendered.DependsOn ?? []].flat(), ...constructDependencies(resource)])].sort();
  return { logicalId, ...rendered, ...(dependsOn.length > 0 ? { DependsOn: dependsOn } : {}) };
}

/**
 * The resources of the same stack that `node.addDependency` makes this one wait for (on it or on a
 * construct above it): synthesis turns them into DependsOn, which may happen after the pack looks.
 */
function constructDependencies(resource: CfnResource): string[] {
  const stack = Stack.of(resource);
  // The resource and its ancestors up to (and including) its stack.
  const scopes = resource.node.scopes.slice(resource.node.scopes.indexOf(stack));
  return scopes
    .flatMap((scope) => scope.node.dependencies)
    .flatMap((dependency) => dependency.node.findAll())
    .filter((c): c is CfnResource => CfnResource.isCfnResource(c) && Stack.of(c) === stack && c !== resource)
    .map((c) => stack.resolve(c.logicalId) as string);
}

/** The cdk-nag pack of this project's rules (rule ids `HIPAABaseline-<id>`), driven by the OWN_RULES registry. */
export class HipaaBaselineChecks extends NagPack {
  public readonly name = OWN_PACK_NAME;
  private readonly settings: RuleSettings;
  private stackResources = new WeakMap<Stack, Map<string, TemplateResource>>();
  private stackMetadata = new WeakMap<Stack, Record<string, unknown>>();

  constructor(settings: RuleSettings) {
    super();
    this.packName = OWN_PACK_NAME;
    this.settings = settings;
  }

  /** Findings of warning-level rules are reported, but only errors fail synth (cdk-nag fails on any finding). */
  public override validateScope(scope: Parameters<NagPack['validateScope']>[0]) {
    this.stackResources = new WeakMap();
    this.stackMetadata = new WeakMap();
    const report = super.validateScope(scope);
    return { ...report, success: report.violations.every((violation) => violation.severity === 'warning') };
  }

  protected checkResource(node: CfnResource): void {
    const stack = Stack.of(node);
    const resources = this.resourcesOf(stack);
    const resource = resources.get(stack.resolve(node.logicalId) as string)!;
    const templateMetadata = this.metadataOf(stack);
    for (const rule of OWN_RULES) {
      this.applyRule({
        ruleSuffixOverride: rule.id,
        info: rule.info,
        explanation: rule.explanation,
        level: rule.level === 'error' ? NagMessageLevel.ERROR : NagMessageLevel.WARN,
        node,
        rule: () => {
          const context = { settings: this.settings, resources, templateMetadata };
          const result = rule.check(resource, context);
          const findings = result === 'non-compliant' ? rule.findings?.(resource, context) : undefined;
          return findings && findings.length > 0 ? [...findings] : COMPLIANCE[result];
        },
      });
    }
  }

  private metadataOf(stack: Stack): Record<string, unknown> {
    let metadata = this.stackMetadata.get(stack);
    if (!metadata) {
      metadata = (stack.resolve(stack.templateOptions.metadata) ?? {}) as Record<string, unknown>;
      this.stackMetadata.set(stack, metadata);
    }
    return metadata;
  }

  private resourcesOf(stack: Stack): Map<string, TemplateResource> {
    let resources = this.stackResources.get(stack);
    if (!resources) {
      resources = new Map(
        stack.node
          .findAll()
          .filter((c): c is CfnResource => CfnResource.isCfnResource(c) && Stack.of(c) === stack)
          .map((c) => {
            const rendered = renderResource(c);
            return [rendered.logicalId, rendered];
          }),
      );
      this.stackResources.set(stack, resources);
    }
    return resources;
  }
}
