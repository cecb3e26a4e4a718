import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { renderResource } from '../../rules/pack';
import type { OwnRule, RuleResult, RuleSettings } from '../../rules';

export const SETTINGS: RuleSettings = {
  logGroupRetentionDays: 365,
  auditLogRetentionYears: 6,
  backupMinRetentionDays: 7,
};

/** A fresh stack for rule scenarios (no synthesis). */
export function ruleStack(): Stack {
  return new Stack(new App({ autoSynth: false }), 'RuleTest');
}

/** Applies an own rule to a resource as it will render in the template (overrides included). */
export function evaluate(rule: OwnRule, resource: CfnResource, settings: RuleSettings = SETTINGS): RuleResult {
  const stack = Stack.of(resource);
  const resources = new Map(
    stack.node
      .findAll()
      .filter((c): c is CfnResource => CfnResource.isCfnResource(c))
      .map((c) => {
        const rendered = renderResource(c);
        return [rendered.logicalId, rendered] as const;
      }),
  );
  return rule.check(renderResource(resource), { settings, resources, templateMetadata: {} });
}

/** The findings an own rule names for a resource as it will render (no other resources in view). */
export function findings(rule: OwnRule, resource: CfnResource, settings: RuleSettings = SETTINGS): readonly string[] {
  return rule.findings?.(renderResource(resource), { settings, resources: new Map(), templateMetadata: {} }) ?? [];
}
